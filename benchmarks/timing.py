"""Timing whole processes against a yardstick, in turns, so that ratios hold on a busy machine.

A measure runs its command and the yardstick (the floor, ``python -c "import tinydb,
pendulum"``) one after the other, pair by pair. The ratio of each pair is taken, and the
median of those ratios is reported with the medians of both times: when the machine's
speed drifts (other work starts or stops), both halves of a pair feel it alike. Each run's
processor time (user + system of the child, from the operating system's accounting) is
kept too: on a machine with more runnable processes than cores it is steadier than the
wall clock, which waits for a turn on a core.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from typing import NamedTuple


class Run(NamedTuple):
    wall: float  # seconds from start to exit
    cpu: float  # user + system seconds of the process (and any it waited for)


class Paired(NamedTuple):
    """A command timed in turns with the yardstick: medians, and the median of the ratios."""

    wall: float
    floor_wall: float
    ratio: float  # median of wall / floor wall, pair by pair
    cpu_ratio: float  # median of cpu / floor cpu, pair by pair
    runs: int

    def as_json(self) -> dict[str, float]:
        return {
            "median_s": round(self.wall, 4),
            "floor_s": round(self.floor_wall, 4),
            "ratio": round(self.ratio, 3),
            "cpu_ratio": round(self.cpu_ratio, 3),
            "runs": self.runs,
        }


def run_once(command: Sequence[str], env: dict[str, str], exit_code: int = 0) -> Run:
    """One run of ``command``, which must exit ``exit_code`` (its output is thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != exit_code:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu)


def paired(
    command: Sequence[str],
    floor: Sequence[str],
    env: dict[str, str],
    runs: int,
    before_each: Callable[[], None] | None = None,
    exit_code: int = 0,
) -> Paired:
    """``runs`` turns of the floor then ``command`` (after ``before_each``, untimed)."""
    ratios, cpu_ratios, walls, floors = [], [], [], []
    run_once(command, env, exit_code)  # a warm-up: the first run pays for cold file caches
    for _ in range(runs):
        base = run_once(floor, env)
        if before_each is not None:
            before_each()
        measured = run_once(command, env, exit_code)
        walls.append(measured.wall)
        floors.append(base.wall)
        ratios.append(measured.wall / base.wall)
        cpu_ratios.append(measured.cpu / base.cpu if base.cpu > 0 else float("nan"))
    return Paired(
        statistics.median(walls),
        statistics.median(floors),
        statistics.median(ratios),
        statistics.median(cpu_ratios),
        runs,
    )


def load_average() -> float:
    """The machine's load average over the last minute (0 where it cannot be read)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0
