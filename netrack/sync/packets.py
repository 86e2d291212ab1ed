"""The files devices publish: a header line, then the CRDT updates it describes.

::

    netrack-sync 1
    {"device": ..., "seq": 7, "kind": "update", "parts": [{"group": "actions/2026-11",
     "size": 312, "needs": {"123": 40}}, ...], "size": 312, "sha256": "..."}
    <the parts' update bytes, one after another>

Each part is one Yrs update (v1 encoding) of one group of records (see ``mapping``).
``needs`` is the state vector of that group where the update was made: the update may
refer to anything in it, so a reader applies the part only once it has all of that
(another device's file may still be on its way). The size and checksum let a reader
tell a file that is still arriving, or was cut short, from a complete one.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MAGIC = b"netrack-sync 1\n"
Vector = dict[int, int]


@dataclass(frozen=True)
class Part:
    group: str
    update: bytes
    needs: Vector = field(default_factory=dict)


@dataclass(frozen=True)
class Packet:
    device: str
    seq: int
    kind: str
    name: str  # the publishing computer's host name
    at: str  # when it was published (ISO 8601)
    parts: tuple[Part, ...]


def encode(packet: Packet) -> bytes:
    payload = b"".join(part.update for part in packet.parts)
    header = {
        "device": packet.device,
        "seq": packet.seq,
        "kind": packet.kind,
        "name": packet.name,
        "at": packet.at,
        "parts": [
            {
                "group": part.group,
                "size": len(part.update),
                "needs": {str(client): clock for client, clock in part.needs.items()},
            }
            for part in packet.parts
        ],
        "size": len(payload),
        "sha256": hashlib.sha256(payload).hexdigest(),
    }
    line = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode()
    return MAGIC + line + b"\n" + payload


def decode(data: bytes) -> Packet | None:
    """The packet in ``data``; None when it is incomplete or damaged (never an error)."""
    if not data.startswith(MAGIC):
        return None
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        return None
    try:
        header = json.loads(data[len(MAGIC) : end])
        payload = data[end + 1 :]
        if len(payload) != header["size"]:
            return None
        if hashlib.sha256(payload).hexdigest() != header["sha256"]:
            return None
        parts = []
        offset = 0
        for part in header["parts"]:
            size = int(part["size"])
            needs = {int(client): int(clock) for client, clock in part["needs"].items()}
            parts.append(Part(str(part["group"]), payload[offset : offset + size], needs))
            offset += size
        if offset != len(payload):
            return None
        return Packet(
            device=str(header["device"]),
            seq=int(header["seq"]),
            kind=str(header["kind"]),
            name=str(header.get("name", "")),
            at=str(header.get("at", "")),
            parts=tuple(parts),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def read(path: Path) -> Packet | None:
    """The packet in the file at ``path``; None when it is missing, incomplete or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return decode(data)


def read_header(path: Path) -> dict | None:
    """Only the header of a published file (for status), without checking the payload."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return None
    if not head.startswith(MAGIC):
        return None
    end = head.find(b"\n", len(MAGIC))
    try:
        header = json.loads(head[len(MAGIC) : end])
    except ValueError:
        return None
    return header if isinstance(header, dict) else None
