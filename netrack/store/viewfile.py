"""The read view's bytes (store/readview.py): sections, each decoded only when asked for.

A listing shows a few of the view's parts: ``cold`` the contacts' names, circles and
cadences with their last touches, ``balance`` the names with the sums of give and take.
The view is kept as named sections, each in marshal's format with its own CRC-32, behind
an index of them, so that a read decodes (and checks) only the sections it uses: the
contacts' details or the balances of 5,000 people are never decoded for a listing that
does not show them.

Layout: one line ``netrack read view FORMAT INTERPRETER INDEX-SIZE INDEX-CRC``, then the
index (marshal: each section's name, start, size and CRC-32, the starts counted from the
index's end), then the sections. A view is a cache of this one machine: marshal decodes
faster than JSON and imports no JSON library; the interpreter's cache tag names its
format. Every byte read is checked before marshal sees it (marshal trusts its input).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import zlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from netrack.store.files import open_regular
from netrack.store.marshalled import INTERPRETER


def encoded(document: Mapping[str, Any], version: int, what: bytes = b"read view") -> bytes:
    """``document``'s values as sections named by its keys, behind the head line (of a
    file of kind ``what``: the week basis is kept so too)."""
    index: dict[str, tuple[int, int, int]] = {}
    parts: list[bytes] = []
    start = 0
    for name, value in document.items():
        part = marshal.dumps(value)
        index[name] = (start, len(part), zlib.crc32(part))
        parts.append(part)
        start += len(part)
    table = marshal.dumps(index)
    head = b"netrack %s %d %s %d %08x\n" % (
        what,
        version,
        INTERPRETER,
        len(table),
        zlib.crc32(table),
    )
    return b"".join([head, table, *parts])


class Sections(Mapping[str, Any]):
    """A view's sections by name, each read and decoded at its first use (then kept: a
    change made to a decoded value, such as a quick add applied to it, is seen by later
    uses). ``read(start, size)`` gives the bytes of the sections' part of the view.

    A section whose bytes do not match its CRC raises ValueError, as a missing one
    raises KeyError: the view is then made again."""

    def __init__(
        self, read: Callable[[int, int], bytes | memoryview], index: dict[str, tuple[int, int, int]]
    ) -> None:
        self._read = read
        self._index = index
        self._decoded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        try:
            return self._decoded[name]
        except KeyError:
            pass
        start, size, crc = self._index[name]
        part = self._read(start, size)
        if len(part) != size or zlib.crc32(part) != crc:
            raise ValueError(f"the view's section {name!r} is damaged")
        value = self._decoded[name] = marshal.loads(part)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def decoded(data: bytes, version: int, what: bytes = b"read view") -> Sections | None:
    """The sections in a view's bytes; None when they are of another format or
    interpreter, or their index is damaged."""
    whole = memoryview(data)
    return _sections(
        data[:_HEAD_READ], version, lambda start, size: whole[start : start + size], what
    )


@contextlib.contextmanager
def opened(file: Path, version: int, what: bytes = b"read view") -> Iterator[Sections | None]:
    """The sections of the view ``file``, read from it as they are used while the block
    runs (a listing reads a few of its megabytes); None when it is missing, not a
    regular file, of another format or interpreter, or its index is damaged.

    The file is read through one descriptor: a view replaced meanwhile (renamed over
    it) is not seen."""
    try:
        fd = open_regular(file)
    except OSError:
        fd = None
    if fd is None:
        yield None
        return
    try:
        yield _sections(
            os.pread(fd, _HEAD_READ, 0), version, lambda at, n: os.pread(fd, n, at), what
        )
    finally:
        os.close(fd)


# The head line and the index are read first, in one piece of this size (an index of the
# sections takes about 2 KB).
_HEAD_READ = 64 * 1024


def _sections(
    first: bytes, version: int, read: Callable[[int, int], bytes | memoryview], what: bytes
) -> Sections | None:
    """The sections of a view whose first bytes are ``first``; ``read(start, size)``
    reads any part of it."""
    end = first.find(b"\n", 0, 200)
    if end == -1:
        return None
    words = first[:end].split(b" ")
    named = [b"netrack", *what.split(b" "), b"%d" % version, INTERPRETER]
    if len(words) != len(named) + 2 or words[: len(named)] != named:
        return None
    try:
        size, crc = int(words[-2]), int(words[-1], 16)
    except ValueError:
        return None
    table = first[end + 1 : end + 1 + size]
    if len(table) < size:
        table = bytes(read(end + 1, size))
    if len(table) != size or zlib.crc32(table) != crc:
        return None
    index = marshal.loads(table)
    if not isinstance(index, dict):
        return None
    body = end + 1 + size
    return Sections(lambda start, count: read(body + start, count), index)


def size_and_crc(file: Path) -> tuple[int, int] | None:
    """The size and CRC-32 of ``file``'s bytes, read a piece at a time into one buffer:
    a long history's main file is checked against a view without copying its megabytes
    into fresh memory. None when it is missing or not a regular file (the read of the
    file itself then names the problem)."""
    try:
        fd = open_regular(file)
    except OSError:
        return None
    if fd is None:
        return None
    try:
        buffer = bytearray(1 << 20)
        piece = memoryview(buffer)
        size = crc = 0
        while count := os.readv(fd, [buffer]):
            crc = zlib.crc32(piece[:count], crc)
            size += count
        return size, crc
    except OSError:
        return None
    finally:
        os.close(fd)
