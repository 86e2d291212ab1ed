"""File-level safety: private folders, bounded reads of regular files, atomic replacement.

The lock beside the data file is in locking.py.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from netrack.errors import DataFileError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
# No netrack file comes near this (100,000 actions take about 20 MB): a bigger one is not
# read into memory at all.
MAX_FILE_BYTES = 1 << 30


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


def open_regular(path: Path) -> int | None:
    """A descriptor of ``path`` opened for reading, or None when it is not a regular
    file: opened without waiting, so that a FIFO or a device never makes netrack hang,
    and closed again at once. OSError as ``os.open`` raises it (no such file, say)."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOCTTY)
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
    except OSError:
        os.close(fd)
        raise
    if not regular:
        os.close(fd)
        return None
    return fd


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The file's bytes, or None when it does not exist yet.

    Only a regular file is read, and at most ``limit`` bytes of it: a FIFO, a device or
    a socket is refused at once (opened without waiting, never read), so that nothing
    can make netrack hang or read forever.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise DataFileError(path, "it is a folder, not a file") from None
    except OSError as error:
        raise DataFileError(path, f"cannot read it ({error.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise DataFileError(path, f"it is {kind_of_file(st.st_mode)}, not a regular file")
        # One read of the size the file has (and one byte more, to see it did not grow):
        # reading a long history in pieces and joining them copied it twice.
        first = os.read(fd, min(st.st_size, limit) + 1)
        if len(first) == st.st_size:
            return first
        chunks = [first]  # it changed size meanwhile: read on to its end
        size = len(first)
        if size > limit:
            raise DataFileError(path, f"it is larger than {limit >> 20:,} MB; not read")
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:
                raise DataFileError(path, f"it is larger than {limit >> 20:,} MB; not read")
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise DataFileError(path, f"cannot read it ({error.strerror})") from None
    finally:
        os.close(fd)


def stat_signature(file: Path) -> list[int]:
    """Size, modification time and inode of ``file`` (zeros when it cannot be found): what
    the summaries and views kept beside the data compare to notice a year file changed."""
    try:
        st = os.stat(file)
    except OSError:
        return [0, 0, 0]
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def kind_of_file(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def check_writable(path: Path) -> None:
    """Refuse to replace a data file its owner made read-only (a DataFileError)."""
    try:
        mode = read_only_mode(path)
    except OSError as error:
        raise DataFileError(path, f"cannot read it ({error.strerror})") from None
    if mode is not None:
        raise DataFileError(
            path,
            f"it is read-only (mode {mode:04o}), so netrack leaves it as it is; make it "
            "writable (chmod u+w) to change it",
        )


def read_only_mode(path: Path) -> int | None:
    """The mode of ``path`` when its owner made it read-only (or this user may not write
    it); None when it can be written, or does not exist."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    if not st.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        return stat.S_IMODE(st.st_mode)
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace the data file ``path`` with ``data``; a DataFileError if that fails."""
    try:
        replace_privately(path, data)
    except OSError as error:
        raise DataFileError(path, f"cannot write it ({error.strerror})") from None


def replace_privately(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, whole.

    The bytes go to a temporary file readable only by the user, in the same folder, are
    flushed to disk, then renamed over the target; the folder is synced so the rename
    survives a crash. Raises OSError (and leaves no temporary file) when it fails.
    ``durable=False`` skips both flushes, for a file that can be made again (a cache cut
    short by a crash does not decode, and is made anew).
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
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    if durable:
        sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Flush the folder's entries to disk (a new or renamed file survives a crash)."""
    with contextlib.suppress(OSError):
        flush_to_disk(folder, os.O_DIRECTORY)


def flush_to_disk(path: Path, flags: int = 0) -> None:
    """Flush the file ``path`` (a folder with ``os.O_DIRECTORY``) to the disk."""
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
