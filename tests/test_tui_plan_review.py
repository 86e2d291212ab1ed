"""The weekly review's plan: plan kept per week, and the picker for the coming week.

The seeded history is that of tests/tui_support.py; the clock stands at Thu 19 Nov 2026
(week 2026-W47).
"""

from __future__ import annotations

import pendulum
from textual.widgets import DataTable, Static

from netrack.store import Store
from netrack.tui.widgets.plan_picker import PlanPicker
from tests.conftest import time_at
from tests.tui_support import make_app, netrack, settle, table_rows

LAST_WEEK = pendulum.datetime(2026, 11, 11, 10, tz="Europe/Berlin")


def _plan_last_week(db) -> None:
    with time_at(LAST_WEEK):
        netrack(db, "plan", "add", "Dana Lee", "give", "the deck")
        netrack(db, "plan", "add", "Sam Ortiz")
        netrack(db, "give", "Dana", "sent the deck")


def _select(app, selector: str, name: str) -> None:
    table = app.screen.query_one(selector, DataTable)
    table.move_cursor(row=[row[0] for row in table_rows(table)].index(name))
    table.focus()


def _plan_panel(app) -> str:
    return str(app.screen.query_one("#review-plan", Static).render())


async def test_the_review_shows_plan_kept_this_week_and_the_weeks_before(seeded) -> None:
    _plan_last_week(seeded)
    netrack(seeded, "plan", "add", "Old Friend", "reach-out", "ask how the move went")
    app = make_app(seeded, start_screen="review")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        panel = _plan_panel(app)
        assert "Plan kept  0 of 1 done (0%)" in panel
        assert "W46 1/2" in panel and "W47 0/1" in panel
        assert "Old Friend" in panel and "ask how the move went" in panel
        await pilot.press("left_square_bracket")
        await settle(pilot)
        panel = _plan_panel(app)
        assert "Plan kept  1 of 2 done (50%)" in panel
        assert "missed" in panel, "Sam's item was never done"


async def test_the_picker_carries_over_drops_and_adds_from_suggestions(seeded) -> None:
    netrack(seeded, "plan", "add", "Old Friend", "reach-out", "ask how the move went")
    netrack(seeded, "plan", "add", "Sam Ortiz")
    app = make_app(seeded, start_screen="review")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        picker = app.screen.query_one(PlanPicker)
        assert picker.display and picker.week is not None and picker.week.label == "2026-W48"
        carry = table_rows(app.screen.query_one("#picker-carry", DataTable))
        assert [row[:2] for row in carry] == [["Old Friend", "reach-out"], ["Sam Ortiz", "any"]]
        suggested = [
            row[0] for row in table_rows(app.screen.query_one("#picker-suggestions", DataTable))
        ]
        assert "Old Friend" not in suggested, "shown once, among the items to carry over"
        await pilot.press("p")  # into the picker, on the first item to carry over
        assert app.screen.query_one("#picker-carry", DataTable).has_focus
        await pilot.press("c")  # Old Friend
        await settle(pilot)
        await pilot.press("x")  # Sam Ortiz
        await settle(pilot)
        assert not app.screen.query_one("#picker-carry", DataTable).display
        assert app.screen.query_one("#picker-suggestions", DataTable).has_focus
        _select(app, "#picker-suggestions", "Priya Nair")
        await pilot.press("space")
        await settle(pilot)
        planned = table_rows(app.screen.query_one("#picker-planned", DataTable))
        assert [row[1:3] for row in planned] == [
            ["Old Friend", "reach-out"],
            ["Priya Nair", "give"],
        ]
    plans = {(p.week, p.kind, p.status) for p in Store(seeded).load().plans}
    assert plans == {
        ("2026-W47", "reach-out", "open"),
        ("2026-W47", None, "dropped"),
        ("2026-W48", "reach-out", "open"),
        ("2026-W48", "give", "open"),
    }
    carried = next(p for p in Store(seeded).load().plans if p.week == "2026-W48" and p.carried_from)
    assert carried.note == "ask how the move went"


async def test_space_adds_and_moves_on_past_the_person_suggested_again(seeded) -> None:
    # A promise to Priya comes first; once it is planned she is suggested again, for the
    # give she is owed, and a second space must add the next person instead.
    netrack(seeded, "promise", "Priya", "send the deck", "--due", "2026-11-21")
    app = make_app(seeded, start_screen="review")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        pick = app.screen.query_one("#picker-suggestions", DataTable)
        rows = [row[:2] for row in table_rows(pick)]
        at = rows.index(["Priya Nair", "follow-up"])
        second = rows[at + 1]
        await pilot.press("p")
        assert pick.has_focus
        pick.move_cursor(row=at)
        await pilot.press("space")
        await settle(pilot)
        assert ["Priya Nair", "give"] in [row[:2] for row in table_rows(pick)]
        await pilot.press("space")
        await settle(pilot)
    planned = [(p.kind, p.contact_id, p.note) for p in Store(seeded).load().plans]
    names = {c.id: c.name for c in Store(seeded).load().contacts}
    assert [(kind, names[cid], note) for kind, cid, note in planned] == [
        ("follow-up", "Priya Nair", "send the deck"),  # the promise, as its note
        (second[1], second[0], ""),
    ]


async def test_reviewing_last_week_plans_this_week_and_older_weeks_plan_nothing(seeded) -> None:
    _plan_last_week(seeded)
    app = make_app(seeded, start_screen="review")
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("left_square_bracket")
        await settle(pilot)
        picker = app.screen.query_one(PlanPicker)
        assert picker.week is not None and picker.week.label == "2026-W47"
        carry = table_rows(app.screen.query_one("#picker-carry", DataTable))
        assert [row[0] for row in carry] == ["Sam Ortiz"]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert not picker.display
