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
# A netrack command (as sys.argv shows it: its script, then its arguments) that holds the
# lock until killed ("hold" as a writer, "read" shared), or writes once and carries on.
NETRACK_HOLDER = """
import sys, time
from pathlib import Path
from netrack.store.locking import exclusive_lock, shared_lock
path, mode = Path(sys.argv[1]), sys.argv[2]
sys.argv = ["/usr/local/bin/netrack", "import", "linkedin.csv"]
with (shared_lock if mode == "read" else exclusive_lock)(path):
    if mode != "let go":
        print("held", flush=True)
        time.sleep(60)
print("let go", flush=True)
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


@pytest.fixture
def no_proc(monkeypatch) -> None:
    """The lock's module on a system without /proc (macOS, the BSDs): the kernel lists
    no lock holders and no process's command line."""
    real_open = open

    def without_proc(file, *args, **kwargs):
        if str(file).startswith("/proc"):
            raise FileNotFoundError(errno.ENOENT, "No such file or directory", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(locking, "open", without_proc, raising=False)


def _netrack_holder(path: Path, mode: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", NETRACK_HOLDER, str(path), mode], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline() == ("let go\n" if mode == "let go" else "held\n")
    return holder


def test_without_proc_a_stuck_holder_is_named_from_its_record(
    tmp_path: Path, monkeypatch, cli, frozen, no_proc
) -> None:
    path = tmp_path / "netrack.json"
    holder = _netrack_holder(path, "hold")
    try:
        assert locking._kernel_holders(os.stat(lock_path_for(path))) == []
        monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.3)
        result = cli("--db", str(path), "give", "Dana Lee", "deck")
        assert result.code == 1
        assert f"another process (pid {holder.pid}: netrack import linkedin.csv) has held" in (
            result.err
        )
        time.sleep(0.4)
        report = cli("--db", str(path), "doctor")
        assert (
            f"lock       held by process {holder.pid} (netrack import linkedin.csv)" in report.out
        )
        assert "has held the lock for" in report.out
    finally:
        holder.kill()
        holder.wait()
    assert cli("--db", str(path), "give", "Dana Lee", "deck").code == 0


def test_without_proc_a_writer_that_has_let_go_is_not_named_for_another_holder(
    tmp_path: Path, monkeypatch, no_proc
) -> None:
    """A writer that took the lock and let go, still running (an open app, say), is not
    blamed when something else keeps the lock (here a reader)."""
    path = tmp_path / "netrack.json"
    writer = _netrack_holder(path, "let go")
    reader = os.open(lock_path_for(path), os.O_RDONLY)
    try:
        fcntl.flock(reader, fcntl.LOCK_SH)
        monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.3)
        with pytest.raises(DataFileError) as error:  # noqa: SIM117
            with exclusive_lock(path):
                pass
        assert str(writer.pid) not in str(error.value)
        assert "another netrack process has held its lock for over 0 s" in str(error.value)
        assert locking.lock_holders(path) is None, "only read: nobody is writing"
    finally:
        os.close(reader)
        writer.kill()
        writer.wait()


def test_a_reader_that_keeps_the_lock_is_named_with_its_command(
    tmp_path: Path, monkeypatch
) -> None:
    """Readers write no record: the kernel's list names them (Linux), with the command
    line the system shows for them (here the interpreter's)."""
    path = tmp_path / "netrack.json"
    lock_path_for(path).touch(mode=0o600)
    reader = _netrack_holder(path, "read")
    try:
        monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.3)
        with pytest.raises(DataFileError, match=rf"\(pid {reader.pid}: python\S* -c "):  # noqa: SIM117
            with exclusive_lock(path):
                pass
    finally:
        reader.kill()
        reader.wait()


def test_python_m_netrack_is_named_netrack(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/opt/lib/python3/site-packages/netrack/__main__.py", "week"])
    fd = os.open(tmp_path / "lock", os.O_RDWR | os.O_CREAT)
    try:
        locking.record_holder(fd)
        assert os.pread(fd, 300, 0).decode().split(" ", 2)[2] == "netrack week\n"
    finally:
        os.close(fd)
