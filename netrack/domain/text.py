"""Checks on text the user types: names, notes and the like."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from netrack.errors import UsageError

# The two patterns below are compiled on first use (by ``re``, which keeps them): that
# costs ~0.9 ms, and a quick add of plain ASCII text needs neither.
# C0 and C1 control characters (ESC, CSI, BEL, ...): shown raw they could move the
# cursor, change colours or retitle the terminal. Bidirectional embeddings, overrides
# and isolates (U+202E ...) would reorder the rest of the line: "evil\u202etxt.exe".
_CONTROL = r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# Invisible characters that make two spellings of one name differ: zero-width space,
# non-joiner and joiner, word joiner, and the byte-order mark.
_ZERO_WIDTH = r"[\u200b-\u200d\u2060\ufeff]"
_RUNS = re.compile(r"[^\W_]+")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}

NAME_MAX = 200
FIELD_MAX = 1_000
NOTE_MAX = 200_000


def clean_name(name: str) -> str:
    """A contact's name as stored: ``normal_name``, surrounding blanks removed."""
    cleaned = normal_name(check_text(name, "contact name", NAME_MAX)).strip()
    if not cleaned:
        raise UsageError("contact name is empty; give the person's name")
    if len(cleaned.splitlines()) > 1:
        raise UsageError("a contact name is one line; put the rest in a note")
    return cleaned


def normal_name(name: str) -> str:
    """A name in one spelling: composed (NFC), without zero-width characters.

    "José" typed with a combining accent and with a precomposed é are then the same
    text, and a zero-width space pasted from a web page does not make a second person.
    """
    if name.isascii():
        return name
    import unicodedata

    return unicodedata.normalize("NFC", re.sub(_ZERO_WIDTH, "", name))


def fold(text: str) -> str:
    """``text`` as names are compared: accents and case folded, blanks collapsed.

    ``fold("José  ÁLVAREZ") == fold("jose alvarez")``: compatibility decomposition
    (NFKD) with the combining marks dropped, then ``casefold``.
    """
    if not text.isascii():
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", re.sub(_ZERO_WIDTH, "", text))
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def word_runs(text: str) -> list[str]:
    """The runs of letters and digits in ``text``: its words without the marks around or
    inside them (``word_runs("[alice] garcía-lópez") == ["alice", "garcía", "lópez"]``)."""
    return _RUNS.findall(text)


def could_name(key: str) -> Callable[[str], bool]:
    """A cheap first look over thousands of folded names: whether each may be one that
    the folded ``key`` names (``domain.contacts`` decides). True when the name holds
    every word of the key without its marks, so "alice sm" may name "[alice] smith";
    every name for an empty key."""
    words = word_runs(key) or [key]
    return lambda folded: all(word in folded for word in words)


def could_name_at(key: str, folded_names: Sequence[str]) -> list[int]:
    """The positions in ``folded_names`` of those ``could_name(key)`` accepts, in order.

    A quick add looks over every name: the longest word is looked for in one plain pass
    (ten times faster over 5,000 names than a call per name), the others in what is left.
    """
    words = word_runs(key) or [key]
    longest = max(words, key=len)
    found = [i for i, name in enumerate(folded_names) if longest in name]
    if len(words) == 1:
        return found
    may = could_name(key)
    return [i for i in found if may(folded_names[i])]


def name_order(name: str) -> tuple[str, str]:
    """What sorts names alphabetically as people read them: Ángela between Adam and Bea
    (accents and case folded), exact spelling breaking a tie."""
    return fold(name), name.casefold()


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
    """``text`` with control characters shown as escapes (``\\x1b``, ``\\u202e``).

    Bidirectional controls are escaped too, so that no name can reorder what follows
    it on the line. Everything else is shown as typed.
    """
    if text.isprintable():  # none of _CONTROL (each is unprintable): no pattern compiled
        return text
    if not re.search(_CONTROL, text):
        return text
    return re.sub(_CONTROL, _escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
