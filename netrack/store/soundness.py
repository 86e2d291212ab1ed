"""Which bytes of the data file were already checked, so that each version of the file
has its records checked once, not on every read.

Every read checks that each record has the shape netrack needs (``schema.check_shape``):
a long history's 10,000 records took 10 ms of every command. The main file changes only
when something is written, so the first read of each version notes that it checked it,
in ``<name>.checked`` beside the file: the size and CRC-32 of the bytes it found sound.
A read of the same bytes skips the pass over the records (the tables' shape and the
schema version are still checked); any other bytes (a write, a restore, an undo, a sync,
an editor) do not match the note and are checked in full. The note is never trusted over
the data: what it names is the exact bytes, and a note that is missing, damaged or
cannot be written only means checking again.
"""

from __future__ import annotations

import contextlib
import os
import zlib
from pathlib import Path

from netrack.store.files import PRIVATE_FILE

_NOTE_MAX = 100  # a note is one short line


def note_path(path: Path) -> Path:
    """Where the note of the data file ``path`` is kept."""
    return path.with_name(path.name + ".checked")


def key_of(original: bytes) -> bytes:
    """What the note says of ``original`` (the bytes of a data file) once it is checked."""
    return b"netrack checked %d bytes, crc32 %08x\n" % (len(original), zlib.crc32(original))


def was_checked(path: Path, key: bytes) -> bool:
    """True when the note beside ``path`` says that the bytes of ``key`` were checked."""
    try:
        fd = os.open(note_path(path), os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError:
        return False
    try:
        return os.read(fd, _NOTE_MAX) == key
    except OSError:
        return False
    finally:
        os.close(fd)


def note_checked(path: Path, key: bytes) -> None:
    """Note that the bytes of ``key`` were checked (best effort: a read-only folder, or a
    full disk, leaves the next read to check them again).

    Written in place, without a temporary file: a reader that meets a note half written
    finds it does not match, and checks the file.
    """
    with contextlib.suppress(OSError):
        fd = os.open(
            note_path(path),
            os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK,
            PRIVATE_FILE,
        )
        try:
            os.write(fd, key)
        finally:
            os.close(fd)
