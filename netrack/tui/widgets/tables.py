"""Refilling a DataTable without losing the user's place in it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
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
