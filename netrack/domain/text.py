"""Checks on text the user types: names, notes and the like."""

from __future__ import annotations

import re

from netrack.errors import UsageError

# C0 and C1 control characters (ESC, CSI, BEL, ...): shown raw they could move the
# cursor, change colours or retitle the terminal.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

NAME_MAX = 200
FIELD_MAX = 1_000
NOTE_MAX = 200_000


def clean_name(name: str) -> str:
    """A contact's name as stored: surrounding blanks removed, otherwise as typed."""
    cleaned = check_text(name, "contact name", NAME_MAX).strip()
    if not cleaned:
        raise UsageError("contact name is empty; give the person's name")
    return cleaned


def check_text(text: str, what: str, limit: int = FIELD_MAX) -> str:
    """``text`` unchanged if it can be stored, else a UsageError saying why."""
    if len(text) > limit:
        raise UsageError(f"{what} is too long ({len(text):,} characters; at most {limit:,})")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Bytes that are not UTF-8 reach Python as lone surrogates.
        raise UsageError(f"{what} is not valid UTF-8 text") from None
    if "\x00" in text:
        raise UsageError(f"{what} contains a NUL character")
    return text


def check_note(note: str) -> str:
    """A note as stored: exactly as typed, within the size limit."""
    return check_text(note, "note", NOTE_MAX)


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``), the rest as typed."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m[0], f"\\x{ord(m[0]):02x}"), text)
