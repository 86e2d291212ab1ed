"""The lock beside a data file: one writer at a time, and readers while nobody writes.

The lock file is ``<name>.lock`` beside the data file. A writer holds it exclusively
(``flock``) for the whole of a transaction; readers hold it shared while they read the
main file and the year files it names. A writer writes who it is into the lock file
(process id, when, command) as soon as it holds it, and empties it before letting go:
where the system cannot list a lock's holders (only Linux's ``/proc/locks`` does), that
record is what names a writer that keeps others waiting.

Waiting is for a holder, not for a turn: a process that waits gives up only when one
holder has kept the lock for ``LOCK_TIMEOUT_SECONDS``. Each time the lock changes hands
(a new writer's record, or other processes holding it) the wait starts again, so many
writers taking turns make each other wait, not fail; ``LOCK_GIVE_UP_SECONDS`` bounds the
wait in all. When a holder really is stuck the message names it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from netrack.domain.text import printable
from netrack.domain.valuetype import Value
from netrack.errors import DataFileError
from netrack.store.files import PRIVATE_FILE, lock_path_for

LOCK_TIMEOUT_SECONDS = 15.0
LOCK_GIVE_UP_SECONDS = 120.0
_POLL_SECONDS = 0.003
_LOOK_AGAIN_SECONDS = 0.25  # how often a waiter looks at who holds the lock
_RECORD_MAX = 300


class Holder(Value):
    """A process holding the lock (as far as can be told)."""

    pid: int
    command: str
    since: float | None  # when it took the lock (the system's monotonic clock), if it said


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock file beside ``path`` so no other netrack process writes meanwhile.

    ``timeout``: how long one holder may keep the lock before this gives up (default
    ``LOCK_TIMEOUT_SECONDS``, read at call time).
    """
    fd = _open(path, os.O_RDWR | os.O_CREAT)
    try:
        _wait(fd, fcntl.LOCK_EX, path, LOCK_TIMEOUT_SECONDS if timeout is None else timeout)
        record_holder(fd)
        try:
            yield
        finally:
            # While still held: a record left behind would name a process that has
            # moved on (or a new one given its pid) as the next holder.
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def shared_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Keep writers out while ``path`` and its archive are read as one (no-op without lock file).

    Readers share the lock; a writer's ``exclusive_lock`` waits for them, and they for it.
    """
    try:
        fd = _open(path, os.O_RDONLY)
    except DataFileError:
        yield  # no writer has run here yet (or the folder is read-only): nothing to wait for
        return
    try:
        _wait(fd, fcntl.LOCK_SH, path, LOCK_TIMEOUT_SECONDS if timeout is None else timeout)
        yield
    finally:
        os.close(fd)


def _open(path: Path, flags: int) -> int:
    """The lock file's descriptor; it must be a regular file (a FIFO would hang a reader)."""
    lock_path = lock_path_for(path)
    try:
        fd = os.open(lock_path, flags | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOCTTY, PRIVATE_FILE)
    except OSError as error:
        raise DataFileError(
            path, f"cannot open the lock file {lock_path} ({error.strerror})"
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise DataFileError(path, f"the lock file {lock_path} is not a regular file")
    return fd


def _wait(fd: int, mode: int, path: Path, timeout: float) -> None:
    if _try(fd, mode, path):
        return  # free: who held it before does not matter (and /proc/locks costs a read)
    start = last_change = time.monotonic()
    seen = _hands(fd)
    next_look = start + _LOOK_AGAIN_SECONDS
    while True:
        if _try(fd, mode, path):
            return
        now = time.monotonic()
        if now >= next_look:
            next_look = now + _LOOK_AGAIN_SECONDS
            hands = _hands(fd)
            if hands != seen:
                seen, last_change = hands, now
        if now - last_change > timeout:
            raise DataFileError(path, _stuck_message(fd, timeout)) from None
        if now - start > LOCK_GIVE_UP_SECONDS:
            raise DataFileError(
                path,
                f"netrack waited {LOCK_GIVE_UP_SECONDS:.0f} s for its lock while other "
                "netrack processes kept taking it; try again",
            ) from None
        time.sleep(_POLL_SECONDS)


def _try(fd: int, mode: int, path: Path) -> bool:
    """Take the lock if nobody keeps it from us; False when it is held."""
    try:
        fcntl.flock(fd, mode | fcntl.LOCK_NB)
        return True
    except OSError as error:
        if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise DataFileError(path, f"cannot lock it ({error.strerror})") from None
    return False


def _hands(fd: int) -> tuple[bytes, frozenset[int]]:
    """What tells one holding of the lock from the next: the writer's record, the holders."""
    return _read_record(fd), frozenset(h.pid for h in _kernel_holders(os.fstat(fd)))


def _stuck_message(fd: int, timeout: float) -> str:
    holders = holders_of(fd)
    if not holders:
        return f"another netrack process has held its lock for over {timeout:.0f} s"
    who = "; ".join(f"pid {h.pid}: {h.command}" if h.command else f"pid {h.pid}" for h in holders)
    return (
        f"another process ({who}) has held its lock for over {timeout:.0f} s; "
        "if it hangs, end it and try again"
    )


def record_holder(fd: int) -> None:
    """Write who holds the lock now into the lock file (best effort)."""
    command = " ".join([_program(sys.argv[0]), *sys.argv[1:]]) if sys.argv else ""
    # The monotonic clock is the machine's since boot, the same in every process (and no
    # test freezes it): durations computed from it hold across processes.
    record = f"{os.getpid()} {time.monotonic():.3f} {printable(command)[:120]}\n".encode()
    with contextlib.suppress(OSError):
        os.pwrite(fd, record, 0)
        os.ftruncate(fd, len(record))


def _program(path: str) -> str:
    """What ran: the script's name, or the package's for ``python -m netrack``."""
    program = Path(path)
    return program.parent.name if program.name == "__main__.py" else program.name


def _read_record(fd: int) -> bytes:
    try:
        return os.pread(fd, _RECORD_MAX, 0)
    except OSError:
        return b""


def holders_of(fd: int) -> list[Holder]:
    """Who holds the lock open as ``fd`` (other than this process), as far as can be told.

    On Linux the kernel lists the holders; elsewhere the last writer's record counts if
    that process still runs.
    """
    st = os.fstat(fd)
    record = _parse_record(_read_record(fd))
    found = []
    for holder in _kernel_holders(st):
        if holder.pid == os.getpid():
            continue
        if record is not None and record.pid == holder.pid:
            found.append(record._replace(command=_command_of(holder.pid) or record.command))
        else:
            found.append(holder._replace(command=_command_of(holder.pid)))  # a reader
    if not found and record is not None and record.pid != os.getpid() and _alive(record.pid):
        found.append(record._replace(command=_command_of(record.pid) or record.command))
    return found


def lock_holders(path: Path) -> list[Holder] | None:
    """Who holds the data file's lock right now; None when nobody writes (or no lock file)."""
    try:
        fd = os.open(lock_path_for(path), os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return holders_of(fd) or [Holder(0, "", None)]
        return None  # readers may hold it too, but nobody is writing
    finally:
        os.close(fd)


def _parse_record(data: bytes) -> Holder | None:
    try:
        pid, since, command = data.decode("utf-8", "replace").rstrip("\n").split(" ", 2)
        return Holder(int(pid), command, float(since))
    except ValueError:
        return None


def _kernel_holders(st: os.stat_result) -> list[Holder]:
    """The processes holding a lock on this file, from ``/proc/locks`` (Linux only)."""
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            lines = handle.readlines()
    except OSError:
        return []
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    found = []
    for line in lines:
        fields = line.split()
        if "->" in fields or len(fields) < 6:
            continue  # a process waiting for a lock, not holding one
        if fields[5] == device and fields[4].isdigit():
            found.append(Holder(int(fields[4]), "", None))
    return found


def _command_of(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            parts = handle.read(4096).split(b"\0")
    except OSError:
        return ""
    words = [part.decode("utf-8", "replace") for part in parts if part]
    if not words:
        return ""
    return printable(" ".join([Path(words[0]).name, *words[1:]]))[:120]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except PermissionError:
        return True
    return pid > 0
