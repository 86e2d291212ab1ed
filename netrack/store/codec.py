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
    """Parse UTF-8 JSON bytes.

    Large files go through orjson first; what it refuses (a lone surrogate escape, say)
    is read by the standard library instead, so a file reads the same at any size.
    """
    if len(data) >= LARGE_FILE_BYTES:
        import orjson

        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
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
        return json.dumps(
            document, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        ).encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        # Text that UTF-8 cannot hold (lone surrogates) or huge integers: the
        # ASCII-escaped form keeps them exactly. (Imports refuse both, see portable().)
        return json.dumps(document, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def portable(value: Any, where: str = "") -> None:
    """Refuse values that JSON libraries disagree on: a ValueError says where.

    Lone surrogates (half an emoji), NaN and infinities, and integers beyond 64 bits
    would be read differently by orjson and the standard library.
    """
    stack = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ValueError(f"{path or 'a value'} holds text that is not UTF-8") from None
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                raise ValueError(f"{path or 'a value'} is not a finite number")
        elif isinstance(item, int) and not isinstance(item, bool):
            if not -(2**63) <= item < 2**64:
                raise ValueError(f"{path or 'a value'} is a number too large to keep")
        elif isinstance(item, dict):
            stack.extend((v, f"{path}/{k}" if path else str(k)) for k, v in item.items())
            stack.extend((k, f"{path} key") for k in item if isinstance(k, str))
        elif isinstance(item, list):
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(item))


def _looks_large(document: Any) -> bool:
    if not isinstance(document, dict):
        return False
    records = sum(len(table) for table in document.values() if isinstance(table, dict))
    return records >= 2_000


def _short(error: Exception) -> str:
    return str(error).split("\n")[0][:120]
