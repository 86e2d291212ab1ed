"""Stable record ids."""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Protocol, TypeVar

from netrack.errors import UsageError, quoted

ID_PREFIX_MIN = 4  # characters of an id the user must type to name a record by it


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)


def new_id() -> str:
    """A random (version 4) UUID as a string.

    Built from ``os.urandom`` rather than the ``uuid`` module, whose import costs a
    quick add several milliseconds.
    """
    return uuid4_text(os.urandom(16))


def uuid4_text(random_bytes: bytes) -> str:
    """A version 4 UUID made from 16 random bytes, as text.

    Taking the bytes as an argument lets the demo build repeatable ids from a seeded
    generator.
    """
    raw = bytearray(random_bytes)
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def looks_like_id(text: str) -> bool:
    """True when ``text`` could be (the start of) an id: four hex digits or more."""
    key = text.strip().casefold()
    return len(key) >= ID_PREFIX_MIN and all(c in "0123456789abcdef-" for c in key)


def find_by_id_prefix(records: Iterable[R], text: str, what: str) -> R | None:
    """The record whose id starts with ``text`` (four characters or more), if any.

    ``what`` names the record in the error for a prefix that fits several.
    """
    if not looks_like_id(text):
        return None
    key = text.strip().casefold()
    found = [r for r in records if r.id.startswith(key)]
    if len(found) > 1:
        raise UsageError(f"{what} id {quoted(text)} is ambiguous; give more of it")
    return found[0] if found else None
