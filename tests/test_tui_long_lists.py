"""Long lists in the app: drawn from the rows in view, filled after the paint, kept in place.

A list of hundreds of people is drawn a screenful first and filled in batches after
(``netrack/tui/widgets/tables.py``); a redraw that changes a few cells of the same rows
changes those cells only. Nothing here is timed: each test checks what a user sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from netrack.demo import write_history
from netrack.domain.text import name_order
from netrack.store import Store
from netrack.tui.widgets import tables
from netrack.tui.widgets.tables import BATCH_ROWS, FIRST_ROWS, filling
from tests.tui_support import make_app, netrack, settle, table_rows, wait_until

CONTACTS = FIRST_ROWS + 2 * BATCH_ROWS + 30  # a screenful, two batches and some more


@pytest.fixture
def many(db_path: Path, frozen) -> Path:
    write_history(Store(db_path), 1_500, CONTACTS, now=frozen)
    return db_path


class Batches:
    """Watches (and can hold back) the batches that fill a long list after its paint."""

    def __init__(self) -> None:
        self.held = False
        self.painted_with: list[int] = []  # rows in the table when its first batch came

    def install(self, monkeypatch) -> None:
        add_more = tables._add_more

        def watched(table: DataTable, fill) -> None:
            if not self.painted_with:
                self.painted_with.append(table.row_count)
            if not self.held:
                add_more(table, fill)

        monkeypatch.setattr(tables, "_add_more", watched)


@pytest.fixture
def batches(monkeypatch) -> Batches:
    watching = Batches()
    watching.install(monkeypatch)
    return watching


def _names(table: DataTable) -> list[str]:
    return [row[0] for row in table_rows(table)]


def _active_names(db: Path) -> list[str]:
    return [c.name for c in Store(db).load().contacts if not c.archived]


async def test_a_long_contact_list_is_drawn_a_screenful_first_then_every_row_in_order(
    many: Path, batches: Batches
) -> None:
    expected = sorted(_active_names(many), key=name_order)
    app = make_app(many)
    async with app.run_test(size=(160, 40)) as pilot:
        table = await _contacts_filled(pilot)
        assert batches.painted_with == [FIRST_ROWS]  # the rows in view came first
        assert _names(table) == expected
        # Sorting again goes over every row, not only those drawn first.
        await pilot.press("N")  # the same sort asked again: reversed
        await wait_until(pilot, lambda: not filling(table), "the reversed list")
        assert _names(table) == expected[::-1]


async def _contacts_drawn(pilot) -> DataTable:
    """Contacts, shown once the app has read the file, as soon as it has rows."""
    await settle(pilot)
    await pilot.press("2")
    table = pilot.app.screen.query_one("#contacts", DataTable)
    await wait_until(pilot, lambda: table.row_count > 0, "the first rows")
    return table


async def _contacts_filled(pilot) -> DataTable:
    """Contacts, shown once the app has read the file, with every row in."""
    table = await _contacts_drawn(pilot)
    await wait_until(pilot, lambda: not filling(table), "every contact")
    return table


async def test_ctrl_end_and_page_down_go_past_the_rows_drawn_first(
    many: Path, batches: Batches
) -> None:
    expected = sorted(_active_names(many), key=name_order)
    batches.held = True
    app = make_app(many)
    async with app.run_test(size=(160, 40)) as pilot:
        table = await _contacts_drawn(pilot)
        assert table.row_count == FIRST_ROWS and filling(table)
        for _ in range(FIRST_ROWS // 20):  # pages of more than 20 rows each
            await pilot.press("pagedown")
        await pilot.pause()
        assert table.cursor_row >= FIRST_ROWS
        assert str(table.get_row_at(table.cursor_row)[0]) == expected[table.cursor_row]
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == len(expected)
        assert table.cursor_row == len(expected) - 1
        assert str(table.get_row_at(table.cursor_row)[0]) == expected[-1]


async def test_a_list_left_half_filled_finishes_when_its_screen_comes_back(
    many: Path, batches: Batches
) -> None:
    batches.held = True
    app = make_app(many)
    async with app.run_test(size=(160, 40)) as pilot:
        table = await _contacts_drawn(pilot)
        await pilot.press("1")
        await pilot.pause()
        batches.held = False
        await pilot.pause()
        assert filling(table)  # hidden, it waits
        await pilot.press("2")
        await wait_until(pilot, lambda: not filling(table), "every contact")
        assert table.row_count == len(_active_names(many))


async def test_a_change_redraws_the_rows_it_touched_and_keeps_the_place_in_the_list(
    many: Path, batches: Batches
) -> None:
    app = make_app(many)
    async with app.run_test(size=(160, 40)) as pilot:
        table = await _contacts_filled(pilot)
        for _ in range(5):
            await pilot.press("pagedown")
        await pilot.pause()
        row, scrolled = table.cursor_row, table.scroll_y
        assert row > FIRST_ROWS and scrolled > 0
        before = table_rows(table)
        name = before[row][0]
        batches.held = True  # a list emptied and filled again would stay short now
        netrack(many, "give", name, "sent the deck")  # another terminal logs with them
        app.check_file()
        await settle(pilot)
        await wait_until(pilot, lambda: table_rows(table) != before, "the row redrawn")
        assert table.row_count == len(before)  # the list was not emptied and filled again
        after = table_rows(table)
        changed = [i for i, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
        assert changed == [row]  # the other rows stayed in the table all along
        assert not filling(table)
        assert after[row][3] == "today"
        assert (table.cursor_row, table.scroll_y) == (row, scrolled)
