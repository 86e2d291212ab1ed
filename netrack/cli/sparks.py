"""Tiny text charts for an 80-column terminal."""

from __future__ import annotations

from collections.abc import Sequence

SPARK_LEVELS = "▁▂▃▄▅▆▇█"
FULL, EMPTY = "█", "░"


def progress_bar(count: int, target: int, width: int = 10) -> str:
    """``███░░`` for 3 of 5; one cell per unit when the target is small."""
    cells = min(width, target) if target > 0 else width
    filled = cells if target <= 0 else min(cells, round(cells * count / target))
    return FULL * filled + EMPTY * (cells - filled)


def sparkline(values: Sequence[int], top: int | None = None) -> str:
    """One character per value, scaled to ``top`` (default: the largest value); blank for 0."""
    peak = top if top is not None else max(values, default=0)
    if peak <= 0:
        return " " * len(values)
    chars = []
    for value in values:
        if value <= 0:
            chars.append(" ")
        else:
            level = min(len(SPARK_LEVELS) - 1, round((len(SPARK_LEVELS) - 1) * value / peak))
            chars.append(SPARK_LEVELS[level])
    return "".join(chars)
