"""Each screen shows the right numbers for a known data set."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.tui_support import make_app, netrack, screen_text, settle, table_rows


async def test_today_shows_habits_form_week_followups_and_cold(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "This week 2026-W47" in text and "4 days left" in text
        assert "Give first" in text and "1/3" in text
        assert "Reach-outs" in text and "1/5" in text
        week = table_rows(app.screen.query_one("#week-actions", DataTable))
        assert [row[1:3] for row in week] == [["reach-out", "Sam Ortiz"], ["give", "Dana Lee"]]
        followups = table_rows(app.screen.query_one("#followups", DataTable))
        assert followups == [["Thu 12 Nov", "Sam Ortiz", "Follow up after meeting: coffee"]]
        cold = table_rows(app.screen.query_one("#cold", DataTable))
        assert cold[0][0] == "Old Friend"


async def test_contacts_lists_everyone_with_touch_and_balance(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#contacts", DataTable))
        assert [r[0] for r in rows] == ["Dana Lee", "Old Friend", "Priya Nair", "Sam Ortiz"]
        dana = rows[0]
        assert dana[1:6] == ["Acme", "inner", "3 days ago", "+10", "ok"]
        assert rows[1][5] == "overdue"
        assert rows[2][4] == "-1"
        text = screen_text(app)
        assert "gives 10 · takes 0 · balance +10" in text
        await pilot.press("down", "down")
        await settle(pilot)
        assert "ask-only: give something first" in screen_text(app)


async def test_review_shows_the_week_and_moves_between_weeks(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 60)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W47" in text
        habits = table_rows(app.screen.query_one("#review-habits", DataTable))
        give = next(r for r in habits if r[0] == "Give first")
        assert give[2:] == ["1/3", "in progress", "3", "3", "43%"]
        assert "this week  gives 1 · takes 0 · balance +1" in text
        assert "1 of 1 reach-outs personal (100%)" in text
        await pilot.press("left_square_bracket")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W46" in text
        habits = table_rows(app.screen.query_one("#review-habits", DataTable))
        assert next(r for r in habits if r[0] == "Give first")[2:4] == ["3/3", "met"]
        assert next(r for r in habits if r[0] == "Meet")[2:4] == ["1/1", "met"]
        assert "opened 1 · kept on time 0 · late 0 · overdue 1" in text
        await pilot.press("t")
        await settle(pilot)
        assert "Week 2026-W47" in screen_text(app)


async def test_streaks_show_current_best_and_strength(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#streak-table", DataTable))
        give = next(r for r in rows if r[0] == "Give first")
        assert give[3:5] == ["3 weeks", "3"]
        meet = next(r for r in rows if r[0] == "Meet")
        assert meet[3:5] == ["1 week", "1"]
        text = screen_text(app)
        assert "met" in text and "missed" in text and "skipped" in text  # the legend
        grid = app.screen.query_one("#week-grid", DataTable)
        assert len(grid.columns) == 27  # habit name + 26 weeks


async def test_reciprocity_puts_ask_only_contacts_first(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#balances", DataTable))
        assert rows[0][0] == "Priya Nair" and rows[0][6] == "ask-only"
        assert "all time: gives 11 · takes 1 · balance +10" in screen_text(app)
        await pilot.press("G")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#balances", DataTable))
        assert rows[0][0] == "Dana Lee"
        headings = [
            str(c.label) for c in app.screen.query_one("#balances", DataTable).columns.values()
        ]
        assert [h for h in headings if h.endswith(("▲", "▼"))] == ["gives ▼"]


async def test_an_empty_file_shows_a_friendly_first_run(db_path, frozen) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Welcome to netrack" in text
        assert "netrack import linkedin Connections.csv" in text
        assert "nothing planned: p on a person adds them" in text
        empty = {
            "2": ("contacts", ["No contacts yet. Press n to add one"]),
            "3": ("review", ["New contacts  none", "no reach-outs", "overdue 0"]),
            "4": ("streaks", ["Reach-outs  reach-out  5       0 weeks"]),
            "5": ("reciprocity", ["0 contacts", "no gives or takes logged yet"]),
        }
        for key, (mode, lines) in empty.items():
            await pilot.press(key)
            await settle(pilot)
            assert app.current_mode == mode
            text = screen_text(app)
            for line in lines:
                assert line in text, f"{mode}: {line!r} not shown"


@pytest.mark.parametrize("size", [(80, 24), (200, 60), (60, 20)])
async def test_every_screen_renders_at_any_size_and_survives_resizing(seeded, size) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        for key in ["1", "2", "3", "4", "5", "question_mark", "escape", "comma", "escape"]:
            await pilot.press(key)
            await settle(pilot)
            for width, height in [(40, 12), size]:
                await pilot.resize_terminal(width, height)
                await settle(pilot)
            assert app.is_running
        await pilot.press("1")
        await settle(pilot)
        assert "This week 2026-W47" in screen_text(app)


async def test_refilled_tables_size_columns_to_their_newtable_rows() -> None:
    from rich.text import Text
    from textual.app import App

    from netrack.tui.widgets.tables import refill

    class One(App):
        def compose(self):
            yield DataTable()

    app = One()
    async with app.run_test(size=(80, 10)) as pilot:
        table = app.query_one(DataTable)
        table.add_columns("when", "note")
        refill(table, [("a", [Text("—"), Text("nothing logged this week yet")])])
        refill(table, [("b", [Text("Sun 01:02"), Text("deck")]), ("c", ["Mon", "x" * 99])])
        await pilot.pause()
        assert [c.width for c in table.columns.values()] == [9, 40]
        assert str(table.get_row("b")[0]) == "Sun 01:02"


async def test_an_empty_chart_has_no_scale_and_a_full_one_is_scaled_to_its_top(
    db_path, frozen
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        bars = str(app.screen.query_one("#trend-chart").render()).splitlines()[1:6]
        assert not any(ch.isdigit() for line in bars for ch in line), bars  # no stray "1"
    netrack(db_path, "give", "Dana Lee", "--on", "mon")
    netrack(db_path, "give", "Dana Lee", "--on", "tue")
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        bars = str(app.screen.query_one("#trend-chart").render()).splitlines()[1:6]
        assert bars[0].rstrip().endswith(" 2")  # two gives this week: the top is 2


async def test_review_tells_how_long_a_cold_friend_has_waited_in_words(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        # Old Friend (inner: every 14 days) was last given to on Tue 6 Oct, 44 days back.
        assert "Old Friend  quiet 6 weeks · every 2 weeks" in screen_text(app)
