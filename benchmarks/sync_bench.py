"""Sync at one size of history (``bench.py`` runs it on its 20k file).

- starting a folder: ``netrack sync init`` on the history (it publishes everything);
- a new computer joining that folder: ``netrack sync init`` on an empty data file;
- what syncing adds to a quick add: ``netrack give`` on the synced file against the same
  on an unsynced copy, in turns (after each synced one, the background sync it started
  is let finish, so that runs do not overlap); and, less noisy, the sync steps of a
  quick add timed inside one process (the checks before it, the start of the background
  sync after it);
- taking in another computer's day of changes (15 actions, 3 contact edits, a week
  note), published by the first computer: the sync run itself, timed inside a process
  that has imported netrack (as the app runs it), and a whole ``netrack sync`` process.

Where a figure has a processor time beside it, the target is judged on that (see
SYNC_ROWS): the wall clock of a shared machine mostly says how busy it was.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from timing import Run, run_once

HOOKS = """
import sys, time
from pathlib import Path
import netrack.cli.main, netrack.cli.context  # a quick add has these already
start, cpu = time.perf_counter(), time.process_time()
from netrack.store.outbox import is_syncing
from netrack.sync import background, probe
path = Path(sys.argv[1])
assert is_syncing(path)
probe.news(path)
probe.changed_since_sync(path)
background.start_background_sync(path)
print(time.perf_counter() - start, time.process_time() - cpu)
"""

IN_PROCESS = """
import sys, time
from netrack import clock
from netrack.operations.sync import sync_now
from netrack.store import Store
import asyncio  # the app has it (pycrdt loads it with its first document)
import netrack.sync.engine  # the engine's import is not part of a run in the app
start, cpu = time.perf_counter(), time.process_time()
report = sync_now(Store(sys.argv[1]), clock.now())
print(time.perf_counter() - start, time.process_time() - cpu, report.took_in)
"""


def _run(command: list[str], env: dict[str, str]) -> float:
    return run_once(command, env).wall


def _copy_history(db: Path, target: Path) -> Path:
    """A copy of the data file and what lives beside it under its name (its archive)."""
    target.mkdir(parents=True)
    shutil.copy2(db, target / db.name)
    for sibling in db.parent.iterdir():
        if sibling.is_dir() and sibling.name.startswith((f"{db.name}-", f"{db.stem}-")):
            shutil.copytree(sibling, target / sibling.name)
    return target / db.name


def _wait_for_background_sync(db: Path, limit: float = 20.0) -> None:
    from netrack.sync import probe

    deadline = time.monotonic() + limit
    while probe.changed_since_sync(db) and time.monotonic() < deadline:
        time.sleep(0.01)


def measure_sync(
    db: Path, name: str, netrack: list[str], env: dict[str, str], runs: int, tmp: Path
) -> dict[str, float]:
    """The sync figures for the history in ``db`` (``name``: one of its contacts)."""
    folder = tmp / "sync-folder"
    first = _copy_history(db, tmp / "sync-first")
    plain = _copy_history(db, tmp / "sync-plain")
    later = {**env, "NETRACK_SYNC_PUBLISH": "later"}
    results: dict[str, float] = {}
    start = [*netrack, "--db", str(first), "sync", "init", str(folder), "--yes"]
    results["sync_start_s"] = _run(start, env)

    joins: list[Run] = []
    for n in range(max(1, runs // 4)):
        newcomer = tmp / f"sync-join-{n}" / "netrack.json"
        joins.append(run_once([*netrack, "--db", str(newcomer), "sync", "init", str(folder)], env))
    results["sync_join_s"] = statistics.median(r.wall for r in joins)
    results["sync_join_cpu_s"] = statistics.median(r.cpu for r in joins)
    second = tmp / "sync-join-0" / "netrack.json"

    _run([*netrack, "--db", str(first), "sync"], env)  # takes in the newcomers' hellos
    synced: list[Run] = []
    unsynced: list[Run] = []
    background = {**env, "NETRACK_SYNC_PUBLISH": "background"}
    for _ in range(runs):
        unsynced.append(run_once([*netrack, "--db", str(plain), "give", name, "bench"], env))
        synced.append(run_once([*netrack, "--db", str(first), "give", name, "bench"], background))
        _wait_for_background_sync(first)
    results["quick_add_unsynced_s"] = statistics.median(r.wall for r in unsynced)
    results["quick_add_synced_s"] = statistics.median(r.wall for r in synced)
    pairs = list(zip(synced, unsynced, strict=True))
    results["sync_quick_add_extra_s"] = statistics.median(s.wall - u.wall for s, u in pairs)
    results["sync_quick_add_extra_cpu_s"] = statistics.median(s.cpu - u.cpu for s, u in pairs)
    # The same, counted inside the process (far less noisy than two process timings):
    # the checks before the command and the start of the background sync after it.
    hooks, hooks_cpu = [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", HOOKS, str(first)], env=env, capture_output=True, text=True
        )
        if done.returncode != 0:
            raise SystemExit(f"sync hooks failed: {done.stderr[-800:]}")
        wall, cpu = done.stdout.split()[-2:]
        hooks.append(float(wall))
        hooks_cpu.append(float(cpu))
        _wait_for_background_sync(first)
    results["sync_quick_add_hooks_s"] = statistics.median(hooks)
    results["sync_quick_add_hooks_cpu_s"] = statistics.median(hooks_cpu)

    _run([*netrack, "--db", str(second), "sync"], later)
    in_process, in_process_cpu, whole = [], [], []
    for day in range(max(2, runs // 2)):
        _a_day_of_changes(first, name, day, netrack, later)
        _run([*netrack, "--db", str(first), "sync"], later)
        if day % 2 == 0:
            code = [sys.executable, "-c", IN_PROCESS, str(second)]
            done = subprocess.run(code, env=later, capture_output=True, text=True)
            if done.returncode != 0:
                raise SystemExit(f"in-process sync failed: {done.stderr[-800:]}")
            seconds, cpu, took_in = done.stdout.split()
            assert int(took_in) >= 15, f"took in only {took_in} records"
            in_process.append(float(seconds))
            in_process_cpu.append(float(cpu))
        else:
            whole.append(_run([*netrack, "--db", str(second), "sync"], later))
    results["sync_take_in_day_s"] = statistics.median(in_process)
    results["sync_take_in_day_cpu_s"] = statistics.median(in_process_cpu)
    results["sync_take_in_day_process_s"] = statistics.median(whole)
    return results


def _a_day_of_changes(
    db: Path, name: str, day: int, netrack: list[str], env: dict[str, str]
) -> None:
    for n in range(15):
        kind = ("give", "reach", "ask")[n % 3]
        _run([*netrack, "--db", str(db), kind, name, f"day {day} #{n}"], env)
    for field in ("--company", "--role", "--notes"):
        _run([*netrack, "--db", str(db), "contact", "edit", name, field, f"day {day}"], env)
    _run([*netrack, "--db", str(db), "reflect", f"day {day} went well"], env)


# Title, key, target in seconds (None: shown without a target). A row whose key has a
# processor-time twin (``_cpu_s``) is judged on it, as the app's rows are: on a machine
# with more runnable processes than cores the wall clock mostly measures the wait for a
# turn on one; the wall time is shown beside it.
SYNC_ROWS = (
    ("sync: quick add, unsynced", "quick_add_unsynced_s", None),
    ("sync: quick add, synced", "quick_add_synced_s", None),
    ("sync: added to a quick add", "sync_quick_add_extra_s", 0.010),
    ("sync: quick add's sync steps", "sync_quick_add_hooks_s", 0.010),
    ("sync: take in a day (run)", "sync_take_in_day_s", 0.2),
    ("sync: take in a day (proc)", "sync_take_in_day_process_s", None),
    ("sync: start a folder", "sync_start_s", None),
    ("sync: join the folder", "sync_join_s", 5.0),
)


def sync_lines(results: dict[str, float]) -> list[tuple[str, str, str, str, bool | None]]:
    """The rows of bench.py's table: title, median, cpu (if timed), target, met."""
    rows = []
    for title, key, limit in SYNC_ROWS:
        if key not in results:
            continue
        value = results[key]
        cpu = results.get(key.removesuffix("_s") + "_cpu_s")
        judged = value if cpu is None else cpu
        target = f"≤ {limit * 1000:g} ms{'' if cpu is None else ' cpu'}" if limit else ""
        shown_cpu = "" if cpu is None else f"cpu {cpu * 1000:.0f} ms"
        met = None if limit is None else judged <= limit
        rows.append((title, f"{value * 1000:.0f} ms", shown_cpu, target, met))
    return rows
