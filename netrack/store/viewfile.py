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

import marshal
import sys
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

_INTERPRETER = str(sys.implementation.cache_tag).encode()


def encoded(document: Mapping[str, Any], version: int) -> bytes:
    """``document``'s values as sections named by its keys, behind the head line."""
    index: dict[str, tuple[int, int, int]] = {}
    parts: list[bytes] = []
    start = 0
    for name, value in document.items():
        part = marshal.dumps(value)
        index[name] = (start, len(part), zlib.crc32(part))
        parts.append(part)
        start += len(part)
    table = marshal.dumps(index)
    head = b"netrack read view %d %s %d %08x\n" % (
        version,
        _INTERPRETER,
        len(table),
        zlib.crc32(table),
    )
    return b"".join([head, table, *parts])


class Sections(Mapping[str, Any]):
    """A view's sections by name, each decoded at its first use (then kept: a change
    made to a decoded value, such as a quick add applied to it, is seen by later uses).

    A section whose bytes do not match its CRC raises ValueError, as a missing one
    raises KeyError: the view is then made again."""

    def __init__(self, body: memoryview, index: dict[str, tuple[int, int, int]]) -> None:
        self._body = body
        self._index = index
        self._decoded: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        try:
            return self._decoded[name]
        except KeyError:
            pass
        start, size, crc = self._index[name]
        part = self._body[start : start + size]
        if len(part) != size or zlib.crc32(part) != crc:
            raise ValueError(f"the view's section {name!r} is damaged")
        value = self._decoded[name] = marshal.loads(part)
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def decoded(data: bytes, version: int) -> Sections | None:
    """The sections in a view's bytes; None when they are of another format or
    interpreter, or their index is damaged."""
    end = data.find(b"\n", 0, 200)
    if end == -1:
        return None
    words = data[:end].split(b" ")
    if len(words) != 7 or words[:5] != [
        b"netrack",
        b"read",
        b"view",
        b"%d" % version,
        _INTERPRETER,
    ]:
        return None
    try:
        size, crc = int(words[5]), int(words[6], 16)
    except ValueError:
        return None
    whole = memoryview(data)
    table = whole[end + 1 : end + 1 + size]
    if len(table) != size or zlib.crc32(table) != crc:
        return None
    index = marshal.loads(table)
    if not isinstance(index, dict):
        return None
    return Sections(whole[end + 1 + size :], index)
