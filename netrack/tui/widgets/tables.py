"""Refilling a DataTable without losing the user's place in it, or waiting on rows unseen.

A DataTable adds, measures and keeps every row it is given: at 5,000 contacts, a refill
cost about half a second before the screen could paint. ``refill`` therefore draws the
rows in view (and the cursor's) at once and adds the others a batch at a time after the
paint, with keys taken between batches; and when a redraw changes only some cells of
the same rows in the same order (a change logged while a list is shown), it updates
those cells in place instead of clearing the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from netrack.collector import settle
from netrack.tui.textual_private import size_table_now

COLUMN_MAX = 40  # a long name or note must not push the other columns off screen
FIRST_ROWS = 120  # rows drawn at once, past the cursor: more than a terminal shows
BATCH_ROWS = 100  # then this many after each repaint (about 0.01 s of work)
SETTLE_AFTER_ROWS = 1000  # a fill this long ends with a collection (``_add_more``)

Row = tuple[str | None, Sequence[Any]]
Column = tuple[Text, str | None, int]  # heading, key, width


@dataclass(eq=False)
class _Fill:
    """What a table was last filled with, and how many of those rows it holds yet."""

    columns: list[Column]
    rows: list[Row]
    heights: dict[str, int]
    added: int = 0


_fills: WeakKeyDictionary[DataTable, _Fill] = WeakKeyDictionary()


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, if any."""
    if table.row_count == 0:
        return None
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return row_key.value


def _width(value: Any) -> int:
    return value.cell_len if isinstance(value, Text) else cell_len(str(value))


def refill(
    table: DataTable,
    rows: Iterable[Row],
    labels: Mapping[str, str] | None = None,
    widest: Mapping[str, int] | None = None,
    heights: Mapping[str, int] | None = None,
) -> None:
    """Replace the rows; the cursor stays on the same record when it is still there.

    ``labels``: new headings by column key (a sort marker, say); ``widest``: columns
    that may grow wider (or must stay narrower) than the usual limit, by key;
    ``heights``: rows taller than one line, by key. Column widths are worked out here
    from the new rows (cheaply, from their lengths), and given to the table: a
    DataTable only ever widens an automatic column, and sizes it lazily, so after a
    refill a stale width could squeeze a column until the next full layout.

    Rows past the first screenful are added after the table has painted (see the
    module's docstring); ``fill_now`` adds them at once when they are needed.
    """
    rows = list(rows)
    columns = _columns(table, rows, labels, widest)
    fill = _Fill(columns, rows, dict(heights or {}))
    previous = _fills.get(table)
    if previous is not None and _same_rows(table, previous, fill):
        _update_in_place(table, previous, fill)
        return
    keep = selected_key(table)
    row_index = table.cursor_row
    table.clear(columns=True)
    for label, key, width in columns:
        table.add_column(label, key=key, width=width)
    _fills[table] = fill
    if not rows:
        return
    keys = [key for key, _ in rows]
    cursor = keys.index(keep) if keep is not None and keep in keys else row_index
    cursor = max(0, min(cursor, len(rows) - 1))
    _add(table, fill, cursor + FIRST_ROWS)
    table.move_cursor(row=cursor, animate=False)
    if fill.added < len(rows):
        table.call_after_refresh(_add_more, table, fill)


def fill_now(table: DataTable, upto: int | None = None) -> None:
    """Add the rows the last ``refill`` gave that are not in the table yet (every one,
    or those up to the ``upto``-th); the others follow in batches as before."""
    fill = _fills.get(table)
    if fill is None or fill.added >= len(fill.rows) or table.row_count != fill.added:
        return
    _add(table, fill, len(fill.rows) if upto is None else upto)


def resume_filling(table: DataTable) -> None:
    """Carry on adding the rows of the last ``refill`` (its screen is shown again)."""
    if filling(table):
        table.call_after_refresh(_add_more, table, _fills[table])


def filling(table: DataTable) -> bool:
    """True while rows of the last ``refill`` are still to be added."""
    fill = _fills.get(table)
    return fill is not None and fill.added < len(fill.rows)


def _columns(
    table: DataTable,
    rows: list[Row],
    labels: Mapping[str, str] | None,
    widest: Mapping[str, int] | None,
) -> list[Column]:
    columns: list[Column] = []
    for index, column in enumerate(table.columns.values()):
        key = column.key.value
        label = column.label
        if labels and key is not None and key in labels:
            label = Text(labels[key])
        width = min(
            (widest or {}).get(key or "", COLUMN_MAX),
            max([label.cell_len, *(_width(cells[index]) for _, cells in rows)]),
        )
        columns.append((label, key, width))
    return columns


def _add(table: DataTable, fill: _Fill, upto: int) -> None:
    """Add the rows of ``fill`` up to the ``upto``-th (those not in the table yet)."""
    heights = fill.heights
    for key, cells in fill.rows[fill.added : upto]:
        table.add_row(*cells, key=key, height=heights.get(key or "", 1))
    fill.added = max(fill.added, min(upto, len(fill.rows)))
    size_table_now(table)  # laid out with its rows, not empty first and again after


def _add_more(table: DataTable, fill: _Fill) -> None:
    if _fills.get(table) is not fill or table.row_count != fill.added:
        return  # refilled since, or changed by other means
    if not table.screen.is_current:
        return  # hidden: ``resume_filling`` carries on when its screen is back
    _add(table, fill, fill.added + BATCH_ROWS)
    if fill.added < len(fill.rows):
        table.call_after_refresh(_add_more, table, fill)
    elif len(fill.rows) >= SETTLE_AFTER_ROWS:
        # Thousands of rows made: collect now, while the user reads them, rather than
        # in a full collection (0.1 s and more) on one of the next keys.
        settle()


def _same_rows(table: DataTable, old: _Fill, new: _Fill) -> bool:
    """Whether ``new`` has the rows of ``old`` in the same order, columns and heights."""
    return (
        table.row_count == old.added
        and len(old.rows) == len(new.rows)
        and old.heights == new.heights
        and len(old.columns) == len(new.columns)
        and all(
            key == new_key and width == new_width and _same_cell(label, new_label)
            for (label, key, width), (new_label, new_key, new_width) in zip(
                old.columns, new.columns, strict=True
            )
        )
        and all(
            key is not None and key == new_key
            for (key, _), (new_key, _) in zip(old.rows, new.rows, strict=True)
        )
    )


def _update_in_place(table: DataTable, old: _Fill, new: _Fill) -> None:
    """Put the cells that changed into the rows the table holds; later rows come new."""
    for row, ((_, cells), (_, new_cells)) in enumerate(
        zip(old.rows[: old.added], new.rows, strict=False)
    ):
        for column, (value, new_value) in enumerate(zip(cells, new_cells, strict=True)):
            if not _same_cell(value, new_value):
                table.update_cell_at(Coordinate(row, column), new_value)
    old.rows = new.rows  # the batches still to come add the new rows


def _same_cell(a: Any, b: Any) -> bool:
    # rich's Text compares its characters and spans only, not its style.
    if isinstance(a, Text) or isinstance(b, Text):
        return (
            type(a) is type(b)
            and a.plain == b.plain
            and a.style == b.style
            and a.spans == b.spans
            and a.justify == b.justify
        )
    return bool(a == b)


def room_beside(width: int, columns: Sequence[tuple[str, Sequence[Text]]]) -> int:
    """The columns left in ``width`` for a table's last column, after ``columns`` (each
    label and cells, as wide as its widest up to COLUMN_MAX), every column's padding
    and the table's scroll bar."""
    taken = sum(
        min(COLUMN_MAX, max([len(label), *(c.cell_len for c in cells)])) for label, cells in columns
    )
    return width - taken - 2 * (len(columns) + 1) - 2


def wrapped(text: Text, room: int, console: Console, most: int) -> tuple[Text, int]:
    """``text`` wrapped to ``room`` columns, and the rows it takes (at most ``most``;
    what does not fit ends in an ellipsis)."""
    if text.cell_len <= room:
        return text, 1
    text = Text(text.plain, style=text.style, no_wrap=False, overflow="ellipsis")
    return text, min(len(text.wrap(console, room)), most)
