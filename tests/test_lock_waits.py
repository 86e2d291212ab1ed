"""Waiting for the lock is waiting for a holder: many writers taking turns never make one
fail, and a holder that really is stuck is named (by the error and by doctor)."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from netrack.store import locking
from netrack.store.files import lock_path_for
from netrack.store.locking import exclusive_lock

HOLDER = """
import sys, time
from netrack.store.locking import exclusive_lock
with exclusive_lock(__import__("pathlib").Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_lock_that_keeps_changing_hands_is_waited_for(tmp_path: Path, monkeypatch) -> None:
    """Two writers hand the lock straight to each other (each waits for it blocked, so a
    waiter that polls never gets in) for three times the timeout; the poller still gets
    it once they stop, because none of them held it for long."""
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.6)
    path = tmp_path / "netrack.json"
    lock = lock_path_for(path)
    lock.touch(mode=0o600)
    stop = threading.Event()
    turns = []

    def take_turns() -> None:
        fd = os.open(lock, os.O_RDWR)
        try:
            while not stop.is_set():
                fcntl.flock(fd, fcntl.LOCK_EX)
                locking.record_holder(fd)  # as every netrack writer does when it holds it
                turns.append(time.monotonic())
                time.sleep(0.15)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    writers = [threading.Thread(target=take_turns, daemon=True) for _ in range(2)]
    for writer in writers:
        writer.start()
    while not turns:
        time.sleep(0.01)
    threading.Timer(1.8, stop.set).start()
    started = time.monotonic()
    with exclusive_lock(path):
        waited = time.monotonic() - started
    for writer in writers:
        writer.join(timeout=10)
    assert len(turns) >= 8, "the lock changed hands all along"
    assert waited > 0.6, "it did wait longer than one holder may keep the lock"


def test_a_stuck_holder_is_named_by_the_error_and_by_doctor(
    tmp_path: Path, monkeypatch, cli, frozen
) -> None:
    path = tmp_path / "netrack.json"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.3)
        result = cli("--db", str(path), "give", "Dana Lee", "deck")
        assert result.code == 1
        assert f"another process (pid {holder.pid}: python" in result.err
        assert "has held its lock for over 0 s; if it hangs, end it and try again" in result.err
        time.sleep(0.4)
        report = cli("--db", str(path), "doctor")
        assert f"lock       held by process {holder.pid} (python" in report.out
        assert "has held the lock for" in report.out and "if it hangs, end it" in report.out
        assert report.code == 1
    finally:
        holder.kill()
        holder.wait()
    assert cli("--db", str(path), "give", "Dana Lee", "deck").code == 0
    assert "lock       held" not in cli("--db", str(path), "doctor").out
