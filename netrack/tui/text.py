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
