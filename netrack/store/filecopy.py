"""Copying a file without reading it into Python, and telling this boot of the machine.

Both serve the daily copies of the data file (backups.py).
"""

from __future__ import annotations

import contextlib
import functools
import os
from pathlib import Path

from netrack.errors import DataFileError
from netrack.store.files import PRIVATE_FILE, open_regular

_BOOT_ID = "/proc/sys/kernel/random/boot_id"


def boot_id() -> str | None:
    """This boot of the machine (Linux); None where it cannot be told (copies are then
    flushed at once)."""
    return _read_boot_id(_BOOT_ID)


@functools.cache
def _read_boot_id(source: str) -> str | None:
    # Read once a process: a settling write asks several times, and the boot cannot
    # change while the process runs (keyed on the file, which tests point elsewhere).
    try:
        fd = os.open(source, os.O_RDONLY | os.O_CLOEXEC)
        try:
            boot = os.read(fd, 64).decode("ascii").strip().replace("-", "")
        finally:
            os.close(fd)
    except (OSError, UnicodeDecodeError):
        return None
    return boot if len(boot) == 32 and boot.isalnum() else None


def copy_file(path: Path, target: Path, flush: bool = True) -> bool:
    """Copy the file ``path`` to ``target`` atomically and privately, without reading it
    into memory (the kernel copies it where it can); False if there is no such file.
    ``flush``: to the disk before it takes its name. The caller syncs the folder."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        try:
            source = open_regular(path)
        except FileNotFoundError:
            return False
        if source is None:
            raise DataFileError(path, "it is not a regular file")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, PRIVATE_FILE)
            try:
                os.fchmod(fd, PRIVATE_FILE)
                _copy_into(source, fd)
                if flush:
                    os.fsync(fd)
            finally:
                os.close(fd)
        finally:
            os.close(source)
        os.replace(temp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise DataFileError(target, f"cannot write it ({error.strerror})") from None
    return True


def _copy_into(source: int, target: int) -> None:
    """Copy the open file ``source`` into the empty open file ``target``."""
    try:
        while os.copy_file_range(source, target, 1 << 30):
            pass
        return
    except (AttributeError, OSError):  # not Linux, or not between these files
        os.lseek(source, 0, os.SEEK_SET)
        os.lseek(target, 0, os.SEEK_SET)
        os.ftruncate(target, 0)
    while chunk := os.read(source, 1 << 20):
        view = memoryview(chunk)
        while view:
            view = view[os.write(target, view) :]
