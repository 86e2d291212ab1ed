"""Quick adds that get killed: a helper process for tests/test_crash_safety.py.

Usage: ``python crash_writer.py DATA_FILE ROUNDS SEED``. For each round it forks a child
that logs one action after another (each with a unique note) and reports every note
whose command succeeded on a pipe; after a random short delay the child is killed with
SIGKILL. The notes acknowledged in the round are then printed as one JSON line, and the
helper waits for the test to say ``next`` on stdin (after checking the file).

Forking from this already-started interpreter makes a round cost milliseconds, not the
start-up of a fresh Python, so a hundred kills stay quick.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sys
import time

import netrack.cli.commands.logging  # noqa: F401  (imported before forking)
from netrack.cli.main import main

MAX_DELAY_SECONDS = 0.04


def child(db: str, round_number: int, ack_fd: int) -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    for i in range(100_000):
        note = f"r{round_number}-{i}"
        if main(["give", "Crash Test", note, "--db", db]) == 0:
            os.write(ack_fd, (note + "\n").encode())


def read_all(fd: int) -> str:
    chunks = []
    while chunk := os.read(fd, 65536):
        chunks.append(chunk)
    return b"".join(chunks).decode()


def run(db: str, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    for round_number in range(rounds):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                child(db, round_number, write_fd)
            finally:
                os._exit(0)
        os.close(write_fd)
        time.sleep(rng.uniform(0, MAX_DELAY_SECONDS))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        acked = read_all(read_fd).split()
        os.close(read_fd)
        killed = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
        print(json.dumps({"round": round_number, "acked": acked, "killed": killed}), flush=True)
        if sys.stdin.readline().strip() != "next":
            return


if __name__ == "__main__":
    run(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
