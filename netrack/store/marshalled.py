"""Files kept beside the data in marshal's format: the week basis, the week view's
reviews, and (one per section, store/viewfile.py) the read view.

They are caches of this one machine, read by every listing of a long history:
marshal's format decodes faster than JSON and imports no JSON library. Their first line
names what the file is, its format, the interpreter whose marshal format the rest is in,
and the CRC-32 of the rest; marshal trusts its input, so the rest is read only when
that line fits.
"""

from __future__ import annotations

import marshal
import sys
import zlib
from typing import Any

_HEAD = b"netrack %s %d %s %08x\n"
_HEAD_MAX = 128  # bytes: the longest first line
# The interpreter whose marshal format a file is in (it differs between versions).
INTERPRETER = str(sys.implementation.cache_tag).encode()


def encoded(what: bytes, version: int, document: Any) -> bytes:
    """``document`` as the bytes of a file of kind ``what`` (``b"read view"``), format
    ``version``."""
    body = marshal.dumps(document)
    return _HEAD % (what, version, INTERPRETER, zlib.crc32(body)) + body


def decoded(what: bytes, version: int, data: bytes | memoryview) -> Any:
    """The document in the bytes of a file of kind ``what`` and format ``version``; None
    when they are of another kind, format or interpreter, or damaged."""
    whole = memoryview(data)  # the rest is read in place, not copied (megabytes)
    end = bytes(whole[:_HEAD_MAX]).find(b"\n") + 1
    body = whole[end:]
    if not end or whole[:end] != _HEAD % (what, version, INTERPRETER, zlib.crc32(body)):
        return None
    return marshal.loads(body)
