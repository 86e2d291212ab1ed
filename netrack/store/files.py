"""File-level safety: private folders, an inter-process lock, atomic replacement."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from netrack.errors import DataFileError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
LOCK_TIMEOUT_SECONDS = 15.0


def lock_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def ensure_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) readable only by the user, if it is missing.

    An existing folder is left as it is: it may be shared on purpose.
    """
    if folder.is_dir():
        return
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    try:
        for new in reversed(missing):
            new.mkdir(mode=PRIVATE_DIR, exist_ok=True)
            os.chmod(new, PRIVATE_DIR)  # mkdir's mode is filtered by the umask
    except OSError as error:
        raise DataFileError(folder, f"cannot create the folder ({error.strerror})") from None


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist yet."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataFileError(path, "it is a folder, not a file") from None
    except OSError as error:
        raise DataFileError(path, f"cannot read it ({error.strerror})") from None


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock file beside ``path`` so no other netrack process writes meanwhile.

    Waits up to ``timeout`` seconds (default ``LOCK_TIMEOUT_SECONDS``, read at call time).
    """
    if timeout is None:
        timeout = LOCK_TIMEOUT_SECONDS
    lock_path = lock_path_for(path)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
    except OSError as error:
        raise DataFileError(
            path, f"cannot open the lock file {lock_path} ({error.strerror})"
        ) from None
    try:
        _flock(fd, fcntl.LOCK_EX, path, timeout)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def shared_lock(path: Path, timeout: float = LOCK_TIMEOUT_SECONDS) -> Iterator[None]:
    """Keep writers out while ``path`` and its archive are read as one (no-op without lock file).

    Readers share the lock; a writer's ``exclusive_lock`` waits for them, and they for it.
    """
    try:
        fd = os.open(lock_path_for(path), os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        yield  # no writer has run here yet (or the folder is read-only): nothing to wait for
        return
    try:
        _flock(fd, fcntl.LOCK_SH, path, timeout)
        yield
    finally:
        os.close(fd)


def _flock(fd: int, mode: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise DataFileError(path, f"cannot lock it ({error.strerror})") from None
            if time.monotonic() > deadline:
                raise DataFileError(
                    path, f"another netrack process has held its lock for over {timeout:.0f} s"
                ) from None
            time.sleep(0.005)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the data file ``path`` with ``data``; a DataFileError if that fails."""
    try:
        replace_privately(path, data)
    except OSError as error:
        raise DataFileError(path, f"cannot write it ({error.strerror})") from None


def replace_privately(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, whole.

    The bytes go to a temporary file readable only by the user, in the same folder, are
    flushed to disk, then renamed over the target; the folder is synced so the rename
    survives a crash. Raises OSError (and leaves no temporary file) when it fails.
    """
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, PRIVATE_FILE)
        try:
            os.fchmod(fd, PRIVATE_FILE)
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
