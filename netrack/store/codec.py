"""JSON encoding of the data file.

Small files use the standard library. Large ones use orjson, which encodes a 100k-record
file about ten times faster but costs a few milliseconds to import, so a quick add on a
small file does not pay for it.
"""

from __future__ import annotations

import json
from typing import Any

LARGE_FILE_BYTES = 512 * 1024


class DecodeError(ValueError):
    """The bytes are not a JSON document; the message says where."""


def decode(data: bytes) -> Any:
    """Parse UTF-8 JSON bytes."""
    if len(data) >= LARGE_FILE_BYTES:
        import orjson

        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError as error:
            raise DecodeError(f"not valid JSON ({_short(error)})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DecodeError(f"not UTF-8 text (byte {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DecodeError(
            f"not valid JSON ({error.msg} at line {error.lineno} column {error.colno})"
        ) from None
    except RecursionError:
        raise DecodeError("not valid JSON (nested too deeply)") from None


def encode(document: Any) -> bytes:
    """Compact UTF-8 JSON bytes."""
    try:
        if _looks_large(document):
            import orjson

            return orjson.dumps(document)
        return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        # Text that UTF-8 cannot hold (lone surrogates from an import) or huge integers:
        # the ASCII-escaped form keeps them exactly.
        return json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _looks_large(document: Any) -> bool:
    if not isinstance(document, dict):
        return False
    records = sum(len(table) for table in document.values() if isinstance(table, dict))
    return records >= 2_000


def _short(error: Exception) -> str:
    return str(error).split("\n")[0][:120]
