"""Refilling a DataTable without losing the user's place in it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.widgets import DataTable

COLUMN_MAX = 40  # a long name or note must not push the other columns off screen


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
    rows: Iterable[tuple[str | None, Sequence[Any]]],
    labels: Mapping[str, str] | None = None,
    widest: Mapping[str, int] | None = None,
    heights: Mapping[str, int] | None = None,
) -> None:
    """Replace the rows; the cursor stays on the same record when it is still there.

    ``labels``: new headings by column key (a sort marker, say); ``widest``: columns
    that may grow wider (or must stay narrower) than the usual limit, by key;
    ``heights``: rows taller than one line, by key. Column widths are worked out here
    from the new rows: a DataTable only ever widens an automatic column, and sizes it
    lazily, so after a refill a stale width could squeeze a column until the next full
    layout.
    """
    rows = list(rows)
    keep = selected_key(table)
    row_index = table.cursor_row
    columns = []
    for column in table.columns.values():
        key = column.key.value
        label = column.label
        if labels and key is not None and key in labels:
            label = Text(labels[key])
        columns.append((label, key))
    widths = [
        min(
            (widest or {}).get(key or "", COLUMN_MAX),
            max([label.cell_len, *(_width(cells[i]) for _, cells in rows)]),
        )
        for i, (label, key) in enumerate(columns)
    ]
    table.clear(columns=True)
    for (label, key), width in zip(columns, widths, strict=True):
        table.add_column(label, key=key, width=width)
    for key, cells in rows:
        table.add_row(*cells, key=key, height=(heights or {}).get(key or "", 1))
    if table.row_count == 0:
        return
    if keep is not None and keep in table.rows:
        table.move_cursor(row=table.get_row_index(keep), animate=False)
    else:
        table.move_cursor(row=min(row_index, table.row_count - 1), animate=False)


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
