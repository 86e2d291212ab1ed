"""Give-and-take charts drawn with block characters."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from netrack.domain.reciprocity import WeekBalance

GIVE_STYLE, TAKE_STYLE = "green", "magenta"
EIGHTHS = " ▁▂▃▄▅▆▇█"


def give_take_chart(weeks: Sequence[WeekBalance], height: int = 4, current: str = "") -> Text:
    """Gives and takes per week as pairs of vertical bars on a shared scale.

    Each week is three columns wide (give, take, gap) with its ISO week number below,
    so twelve weeks fit in 36 columns.
    """
    peak = max([0, *(max(w.balance.gives, w.balance.takes) for w in weeks)])
    top = max(peak, 1)  # the scale; weeks with nothing at all draw no bars
    levels = height * 8
    heights = [
        (_eighths(w.balance.gives, top, levels), _eighths(w.balance.takes, top, levels))
        for w in weeks
    ]
    text = Text()
    for row in range(height - 1, -1, -1):
        for give, take in heights:
            text.append(_cell(give, row), GIVE_STYLE)
            text.append(_cell(take, row), TAKE_STYLE)
            text.append(" ")
        if row == height - 1 and peak:
            text.append(f" {peak}", "dim")  # the scale's top; none when nothing is drawn
        text.append("\n")
    for entry in weeks:
        number = entry.week.label[-2:]
        text.append(f"{number} ", "bold" if entry.week.label == current else "dim")
    text.append("\n")
    text.append("██", GIVE_STYLE)
    text.append(" gives  ")
    text.append("██", TAKE_STYLE)
    text.append(" takes (asks, help received)", "")
    return text


def _eighths(value: int, top: int, levels: int) -> int:
    cells = round(levels * value / top)
    return max(cells, 1) if value else 0


def _cell(filled: int, row: int) -> str:
    """The block for one row of a bar ``filled`` eighths tall (row 0 at the bottom)."""
    part = filled - row * 8
    return EIGHTHS[max(0, min(8, part))]
