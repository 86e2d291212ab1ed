"""Waiting for the lock is waiting for a holder: many writers taking turns never make one
fail, and a holder that really is stuck is named (by the error and by doctor)."""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from netrack.errors import DataFileError
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
    """Other writers take the lock in turn for two and a half times the timeout, and the
    waiter never gets a turn meanwhile (its every try is refused); it still gets the
    lock once they stop, because none of them held it for long."""
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 1.0)
    path = tmp_path / "netrack.json"
    lock = lock_path_for(path)
    lock.touch(mode=0o600)
    busy = threading.Event()
    busy.set()
    tries = []

    class TakenWhileBusy:
        def __getattr__(self, name: str):
            return getattr(fcntl, name)

        def flock(self, fd: int, operation: int) -> None:
            tries.append(time.monotonic())
            if busy.is_set():
                raise BlockingIOError(errno.EWOULDBLOCK, "taken")
            fcntl.flock(fd, operation)

    def take_turns() -> None:
        fd = os.open(lock, os.O_RDWR)
        try:
            for _ in range(25):
                locking.record_holder(fd)  # as every netrack writer does when it holds it
                time.sleep(0.1)
        finally:
            os.close(fd)
            busy.clear()

    monkeypatch.setattr(locking, "fcntl", TakenWhileBusy())
    writers = threading.Thread(target=take_turns, daemon=True)
    writers.start()
    started = time.monotonic()
    with exclusive_lock(path):
        waited = time.monotonic() - started
    writers.join(timeout=10)
    assert waited > 2.0, "it waited well past the timeout, as long as the lock changed hands"
    assert len(tries) > 100


def test_a_holder_that_keeps_the_lock_is_given_up_on_after_the_timeout(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.5)
    path = tmp_path / "netrack.json"
    with exclusive_lock(path):
        started = time.monotonic()
        with pytest.raises(DataFileError, match="has held its lock for over 0 s"):  # noqa: SIM117
            with exclusive_lock(path):
                pass
        assert 0.5 < time.monotonic() - started < 5


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
