"""User text on screen, shown exactly as typed.

Textual parses markup in strings given to most widgets, and a DataTable parses Rich
markup in string cells, so a name like ``[/]`` or ``Anna [Mgr]`` would crash or vanish.
Everything the user typed goes through these helpers instead; control characters are
shown as escapes so they cannot disturb the terminal.
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.text import Text
from textual.content import Content

from netrack.domain.text import printable


def shown(text: str, multiline: bool = False) -> str:
    """The characters to draw for ``text`` (line breaks kept only when ``multiline``)."""
    if multiline:
        return "\n".join(printable(line) for line in text.split("\n"))
    return printable(text)


def plain(text: str, style: str = "", multiline: bool = False) -> Content:
    """User text for a Static or Label, never read as markup."""
    content = shown(text, multiline)
    return Content.styled(content, style) if style else Content(content)


class Cell(Text):
    """Text on one line, never wrapped: however wide it may be drawn, it is its length.

    A DataTable measures every cell of every row it is given (30,000 cells for 5,000
    contacts); Text's own measure also splits the text into lines and words each time.
    """

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.cell_len
        return Measurement(width, width)


def cell(text: str, style: str = "") -> Text:
    """User text for a DataTable cell (Rich Text keeps column widths right)."""
    return Cell(shown(text), style=style, no_wrap=True, overflow="ellipsis")


def phrase(*parts: str | tuple[str, str]) -> Text:
    """Styled pieces on one line, each piece's leading blanks moved to the end of the one
    before it.

    A screenshot keeps each styled piece apart; read piece by piece, with the blanks at
    their edges dropped (as screen readers and text tools do), ``2026-W47`` and
    ``  Mon 16 Nov`` would run together as ``2026-W47Mon 16 Nov``.
    """
    pieces = [(part, "") if isinstance(part, str) else part for part in parts]
    for index in range(1, len(pieces)):
        text, style = pieces[index]
        blanks = len(text) - len(text.lstrip(" "))
        if blanks:
            before, before_style = pieces[index - 1]
            pieces[index - 1] = (before + text[:blanks], before_style)
            pieces[index] = (text[blanks:], style)
    return Text.assemble(*pieces)
