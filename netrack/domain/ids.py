"""Stable record ids."""

from __future__ import annotations

import os


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
