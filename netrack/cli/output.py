"""Printing user text safely, dates briefly, and JSON stably."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from typing import Any, TextIO

from netrack.collector import collector_paused
from netrack.domain.text import printable
from netrack.summaries import short_day, short_moment

__all__ = [
    "columns",
    "emit_json",
    "labelled",
    "safe",
    "safe_block",
    "safe_lines",
    "short_day",
    "short_moment",
    "table",
    "terminal_width",
    "wrap_text",
    "wrapped",
]

# Besides C0 (which json escapes itself): DEL, C1 and the bidirectional controls, which
# would reorder the line they are printed on (see domain.text.printable).
# (Patterns compiled at their first use, by ``re``'s cache: listings print no JSON.)
_UNSAFE_IN_JSON = r"[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
# The same characters in UTF-8. orjson writes bytes: they are looked for only where one of
# their first bytes is (found as fast as memchr), not by a pattern tried at every one of
# the megabyte a week review of thousands of people holds.
_UNSAFE_IN_UTF8 = rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]"

safe = printable  # user text on the terminal: control characters shown as escapes

# A command listing thousands of rows (every contact) makes hundreds of thousands of
# objects and drops none of them in cycles: the cyclic collector is kept out of it
# (measured at 100k actions: its passes were 5-10% of ``next`` or ``balance``).
listing = collector_paused(freeze=False)


def safe_lines(text: str) -> list[str]:
    """User text typed over several lines (a note, a reflection), each line safe to print.

    Its line breaks are kept as lines; a break at the very end shows no empty line.
    """
    return [safe(line) for line in text.replace("\r\n", "\n").rstrip("\n").split("\n")]


def safe_block(text: str, indent: int = 0) -> str:
    """User text safe to print with its own line breaks kept, each further line indented
    by ``indent`` spaces. In the last cell of ``columns`` the further lines go under the
    cell's first line."""
    return ("\n" + " " * indent).join(safe_lines(text))


def labelled(label: str, text: str, width: int, before: str = "", after: str = "") -> list[str]:
    """``  label  text`` with the label padded to ``width``; each further line of ``text``
    (a note typed over several lines) goes on a line of its own, under the first.

    ``before`` and ``after`` frame the text on its first and last line, unsplit.
    """
    lines = safe_lines(text)
    lines[0] = safe(before) + lines[0]
    lines[-1] += safe(after)
    heads = [f"  {label:<{width}}"] + [" " * (2 + width)] * (len(lines) - 1)
    return [(head + line).rstrip() for head, line in zip(heads, lines, strict=True)]


def emit_json(value: Any, out: TextIO | None = None) -> None:
    """Print ``value`` as indented JSON with no raw control characters."""
    (out or sys.stdout).write(json_text(value))


def json_text(value: Any) -> str:
    """``value`` as indented JSON text ending in a newline, with no raw control characters."""
    encoded = _orjson_text(value)
    if encoded is not None and not _holds_unsafe(encoded):
        return encoded.decode() + "\n"
    text = (
        encoded.decode() if encoded is not None else json.dumps(value, ensure_ascii=False, indent=2)
    )
    text = re.sub(_UNSAFE_IN_JSON, lambda m: f"\\u{ord(m[0]):04x}", text)
    return text + "\n"


def _orjson_text(value: Any) -> bytes | None:
    # A long history was read with orjson (store/codec.py), which writes the same text
    # 50 times faster: a week review lists thousands of people. Not imported for less.
    # (Only a float below 1e-4 or from 1e16 up is spelled otherwise, 1e-7 for 1e-07: the
    # same number, and netrack rounds its shares and scores to 4 places.)
    orjson = sys.modules.get("orjson")
    if orjson is None:
        return None
    try:
        return bytes(orjson.dumps(value, option=orjson.OPT_INDENT_2))
    except TypeError:  # what only the standard library writes (a tuple subclass, ...)
        return None


def _holds_unsafe(encoded: bytes) -> bool:
    """True when the UTF-8 ``encoded`` holds a character of ``_UNSAFE_IN_JSON``."""
    if b"\x7f" in encoded or b"\xd8\x9c" in encoded:
        return True
    for lead in (b"\xc2", b"\xe2"):
        at = encoded.find(lead)
        while at != -1:
            if re.compile(_UNSAFE_IN_UTF8).match(encoded, at):
                return True
            at = encoded.find(lead, at + 1)
    return False


NARROWEST_LAST = 20  # columns a wrapped last cell keeps however narrow the terminal


def terminal_width(out: TextIO) -> int:
    """The columns of the terminal ``out`` writes to; 80 for a pipe or a file."""
    try:
        if out.isatty():
            return os.get_terminal_size(out.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        pass
    return 80


def columns(rows: list[list[str]], widths: list[int | None], fit: int | None = None) -> list[str]:
    """Rows as aligned text; a width of None lets the last column run to the end.

    The last cell may hold several lines (``safe_block``): each further one goes on a line
    of its own, starting where the cell does. With ``fit``, a last cell that would run
    past that many columns is wrapped between words, under its own start.
    """
    if fit is not None and widths and widths[-1] is None:
        start = sum((width or 0) + 2 for width in widths[:-1])
        room = max(NARROWEST_LAST, fit - start)
        rows = [
            row
            if len(row) != len(widths) or (row[-1].isascii() and len(row[-1]) <= room)
            else [*row[:-1], wrap_text(row[-1], room)]
            for row in rows
        ]
    if rows and all(len(row) == len(widths) for row in rows):
        by_column = list(zip(*rows, strict=True))
        if "\n" not in "".join(by_column[-1]):
            return _aligned(by_column, widths)
    lines: list[str] = []
    add = lines.append
    starts: dict[int, str] = {}  # the indent of a last cell's further lines, by row length
    for row in rows:
        cells = [
            cell
            if width is None
            else (cell.ljust(width) if len(cell) <= width else cell[: width - 1] + "…")
            if cell.isascii()
            else _fit_wide(cell, width)
            for cell, width in zip(row, widths, strict=False)
        ]
        last = cells[-1] if cells else ""
        if "\n" not in last:
            add("  ".join(cells).rstrip())
            continue
        first, *more = last.split("\n")
        add("  ".join([*cells[:-1], first]).rstrip())
        indent = starts.get(len(cells))
        if indent is None:
            indent = " " * sum((width or 0) + 2 for width in widths[: len(cells) - 1])
            starts[len(cells)] = indent
        lines += [(indent + line).rstrip() for line in more]
    return lines


def wrap_text(text: str, room: int) -> str:
    """``text`` with its lines wider than ``room`` broken between words (a word wider
    than a line is broken too); every character is kept but the blank at a break."""
    return "\n".join(
        line if _cells(line) <= room else "\n".join(_wrap_line(line, room))
        for line in text.split("\n")
    )


def _wrap_line(line: str, room: int) -> list[str]:
    lines: list[str] = []
    current: str | None = None  # the line being filled (blanks at its start kept)
    used = 0
    for word in line.split(" "):
        size = _cells(word)
        if current is not None and (used + 1 + size <= room or not current.strip()):
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current is not None:
            lines.append(current)
        while size > room:  # a word wider than a line: as much of it as fits
            cut, taken = 0, 0
            while cut < len(word) and taken + _cells(word[cut]) <= room:
                taken += _cells(word[cut])
                cut += 1
            cut = max(cut, 1)
            lines.append(word[:cut])
            word = word[cut:]
            size = _cells(word)
        current, used = word, size
    lines.append(current or "")
    return lines


def wrapped(head: str, parts: list[str], width: int = 80) -> list[str]:
    """``head`` followed by ``parts`` joined with commas, broken between parts so that no
    line is wider than ``width``; each further line starts where the first part does."""
    lines = [head]
    for i, part in enumerate(parts):
        piece = part + ("," if i < len(parts) - 1 else "")
        if lines[-1] != head and len(lines[-1]) + 1 + len(piece) > width:
            lines.append(" " * len(head) + piece)
        else:
            lines[-1] += ("" if lines[-1] == head else " ") + piece
    return lines


def table(header: list[str], rows: list[list[str]], widths: list[int | None]) -> list[str]:
    """``rows`` under a ``header`` line, aligned as ``columns`` does; a column blank on
    every row (nobody has a company) is left out, heading and all."""
    keep = [i for i in range(len(header)) if any(row[i] for row in rows)]
    if len(keep) < len(header):
        header = [header[i] for i in keep]
        rows = [[row[i] for i in keep] for row in rows]
        widths = [widths[i] for i in keep]
    return columns([header, *rows], widths)


def _aligned(cells: list[tuple[str, ...]], widths: list[int | None]) -> list[str]:
    """``columns`` of rows each one line long and a cell per width, given column by
    column: a column whose cells are all ASCII and fit is padded by a format, in one step
    per row for the whole row (thousands of rows: a listing of every contact)."""
    formats = []
    for n, (column, width) in enumerate(zip(cells, widths, strict=True)):
        if width is None:
            formats.append("%s")
        elif "".join(column).isascii() and max(map(len, column)) <= width:
            formats.append(f"%-{width}s")
        else:
            formats.append("%s")
            cells[n] = tuple(
                (cell.ljust(width) if len(cell) <= width else cell[: width - 1] + "…")
                if cell.isascii()
                else _fit_wide(cell, width)
                for cell in column
            )
    line = "  ".join(formats)
    return [(line % row).rstrip() for row in zip(*cells, strict=True)]


@functools.lru_cache(maxsize=1024)  # the same few (a circle's "—", a span) on every row
def _fit_wide(cell: str, width: int) -> str:
    """A cell with letters beyond ASCII padded or cut to ``width`` terminal columns (an
    emoji or CJK letter takes two), measured letter by letter; ``columns`` pads or cuts
    an ASCII one by its length."""
    used = _cells(cell)
    if used <= width:
        return cell + " " * (width - used)
    cut, used = [], 0
    for char in cell:
        size = _cells(char)
        if used + size > width - 1:
            break
        cut.append(char)
        used += size
    return "".join(cut) + "…" + " " * (width - 1 - used)


def _cells(text: str) -> int:
    """How many terminal columns ``text`` takes: wide letters two, combining marks none."""
    if all(c < "\u0300" or "\u2010" <= c <= "\u2027" for c in text):
        # Latin letters with accents, dashes, quotes, an ellipsis: neither wide nor
        # combining, one column each (the database of letters need not be loaded).
        return len(text)
    import unicodedata

    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
    )
