"""Quick adds that get killed: a helper process for tests/test_crash_safety.py.

Usage: ``python crash_writer.py MOMENT TIMEZONE DATA_FILE ROUNDS SEED``. The clock is
frozen at the test's moment (see frozen_netrack.py). For each round it forks a child
that logs one action after another (each with a unique note) and reports on a pipe every
note whose command succeeded, with how long after the fork it did; after a random delay
the child is killed with SIGKILL. The notes acknowledged in the round are then printed
as one JSON line, and the helper waits for the test to say ``next`` on stdin (after
checking the file).

The delay is drawn from zero to a few times how long a child takes to acknowledge its
first write, measured by every tenth round, which waits for that write: on a slow or
busy machine the kills come later, so they still land before, during and after
acknowledged writes.

Forking from this already-started interpreter makes a round cost milliseconds, not the
start-up of a fresh Python, so a hundred kills stay quick.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sys
import time

from frozen_netrack import freeze

import netrack.cli.commands.logging  # noqa: F401  (imported before forking)
from netrack.cli.main import main
from netrack.store import journal

# Most quick adds append to the journal; with it folded into the main file every few
# lines, kills land in folds (full writes) too, not only in appends.
journal.FOLD_BYTES = 2_000

# Kill somewhere between the fork and this many first-write times after it.
SPREAD = 3.0
# How often a round measures the first-write time, and how much that moves the estimate.
MEASURE_EVERY = 10
FIRST_WRITE_LIMIT = 60.0  # seconds a measuring round waits for its write
LEARNING = 0.5


def child(db: str, round_number: int, ack_fd: int, started: float) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    for i in range(100_000):
        note = f"r{round_number}-{i}"
        if main(["give", "Crash Test", note, "--db", db]) == 0:
            os.write(ack_fd, f"{note} {time.monotonic() - started:.6f}\n".encode())


def read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def one_round(db: str, round_number: int, delay: float | None) -> tuple[list[str], float, bool]:
    """Acknowledged notes, the time to the first one, and whether the kill was needed.

    With ``delay`` None the child is left to acknowledge one write before it is killed.
    """
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        try:
            child(db, round_number, write_fd, started)
        finally:
            os._exit(0)
    os.close(write_fd)
    if delay is None:
        first = b""
        deadline = started + FIRST_WRITE_LIMIT
        while not first.endswith(b"\n"):  # the first acknowledgement, however long it takes
            if not select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                break  # no write succeeds: the round reports none, and the test fails
            byte = os.read(read_fd, 1)
            if not byte:
                break  # the child is gone
            first += byte
    else:
        time.sleep(delay)
        first = b""
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    lines = (first.decode() + read_all(read_fd)).split("\n")
    os.close(read_fd)
    acked = [line.split()[0] for line in lines if line]
    first_write = min((float(line.split()[1]) for line in lines if line), default=0.0)
    killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    return acked, first_write, killed


def run(db: str, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    estimate = 0.0
    for round_number in range(rounds):
        # Every MEASURE_EVERY rounds one is not cut short: it measures how long a first
        # write takes here, now (and kills the child early in its second one).
        measuring = round_number % MEASURE_EVERY == 0
        delay = None if measuring else rng.uniform(0, SPREAD * estimate)
        acked, first_write, killed = one_round(db, round_number, delay)
        if measuring:
            estimate = (
                first_write
                if not estimate
                else ((1 - LEARNING) * estimate + LEARNING * first_write)
            )
        report = {"round": round_number, "acked": acked, "killed": killed, "delay": delay}
        print(json.dumps(report), flush=True)
        if sys.stdin.readline().strip() != "next":
            return


if __name__ == "__main__":
    freeze(sys.argv[1], sys.argv[2])
    run(sys.argv[3], int(sys.argv[4]), int(sys.argv[5]))
