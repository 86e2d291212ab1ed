"""Writing an export to a file: atomically, readable only by the user, never over netrack's own.

A regular file (or a new one) is replaced atomically. A FIFO or a character device
(``/dev/stdout``, ``>(gzip > x)``) is written to as a stream and left in place; anything
else that is not a regular file is refused.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from pathlib import Path

from netrack.errors import NetrackError, UsageError
from netrack.paths import user_path
from netrack.store.archive import archive_folder, legacy_folder
from netrack.store.backups import backup_folder, looks_like_backup
from netrack.store.files import kind_of_file, lock_path_for, replace_privately


def write_export(target: Path, data: bytes, data_file: Path) -> None:
    """Write ``data`` to ``target``; refuses netrack's own files (data, lock, backups, archive)."""
    _refuse_own_file(target, data_file)
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = None  # a new file (or one that cannot be looked at: the write will say)
    if mode is not None and stat.S_ISDIR(mode):
        raise UsageError(f"{target} is a folder; give a file name for the export")
    if mode is not None and (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        _write_stream(target, data, kind_of_file(mode))
        return
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError(f"{target} is {kind_of_file(mode)}; give a file name for the export")
    try:
        replace_privately(target, data)
    except OSError as error:
        raise NetrackError(f"cannot write {target} ({error.strerror})") from None


def _refuse_own_file(target: Path, data_file: Path) -> None:
    folder = target.expanduser().parent
    in_archive = any(
        _same_file(folder, own) for own in (archive_folder(data_file), legacy_folder(data_file))
    )
    a_backup = _same_file(folder, backup_folder(data_file)) and looks_like_backup(target.name)
    own_file = any(_same_file(target, own) for own in (data_file, lock_path_for(data_file)))
    if in_archive or a_backup or own_file:
        raise UsageError(
            f"refusing to write the export over netrack's own file {target}; "
            "choose another file name"
        )


def _write_stream(target: Path, data: bytes, kind: str) -> None:
    """Write into a FIFO or a device without replacing it (and without waiting for a reader)."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ENXIO:
            raise NetrackError(f"cannot write {target}: nothing is reading from {kind}") from None
        raise NetrackError(f"cannot write {target} ({error.strerror})") from None
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)  # a reader is there: wait on it
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as error:
        raise NetrackError(f"cannot write {target} ({error.strerror})") from None
    finally:
        os.close(fd)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return user_path(a).resolve() == user_path(b).resolve()
