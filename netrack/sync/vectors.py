"""State vectors: for each writer (a Yrs client id), how many of its changes are known.

Yrs encodes one as a count followed by (client, clock) pairs, all as unsigned LEB128
varints; these helpers read and write that form so that the sync can tell what a
device's file needs, and ask a document for only some writers' changes.
"""

from __future__ import annotations

Vector = dict[int, int]


def encode(vector: Vector) -> bytes:
    out = bytearray()
    _put(out, len(vector))
    for client, clock in sorted(vector.items()):
        _put(out, client)
        _put(out, clock)
    return bytes(out)


def decode(data: bytes) -> Vector:
    position = 0

    def take() -> int:
        nonlocal position
        value = shift = 0
        while True:
            byte = data[position]
            position += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                return value
            shift += 7

    count = take()
    vector = {}
    for _ in range(count):
        client = take()
        vector[client] = take()
    return vector


def covers(have: Vector, needs: Vector) -> bool:
    """True when ``have`` knows at least everything ``needs`` names."""
    return all(have.get(client, 0) >= clock for client, clock in needs.items())


def _put(out: bytearray, value: int) -> None:
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return
