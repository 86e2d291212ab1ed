"""Refilling a DataTable without losing the user's place in it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual.widgets import DataTable


def selected_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, if any."""
    if table.row_count == 0:
        return None
    row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
    return row_key.value


def refill(table: DataTable, rows: Iterable[tuple[str | None, Sequence[Any]]]) -> None:
    """Replace the rows; the cursor stays on the same record when it is still there.

    The columns are set up afresh too: a DataTable only ever widens a column, so a long
    value that has gone would otherwise keep its column wide and squeeze the others.
    """
    keep = selected_key(table)
    row_index = table.cursor_row
    columns = [(column.label, column.key) for column in table.columns.values()]
    table.clear(columns=True)
    for label, key in columns:
        table.add_column(label, key=key.value)
    for key, cells in rows:
        table.add_row(*cells, key=key)
    if table.row_count == 0:
        return
    if keep is not None and keep in table.rows:
        table.move_cursor(row=table.get_row_index(keep), animate=False)
    else:
        table.move_cursor(row=min(row_index, table.row_count - 1), animate=False)
