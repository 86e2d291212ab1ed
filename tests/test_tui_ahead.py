"""Screens built ahead: once the history is in and the user pauses, the other screens are
made in the background, and showing one later shows the data as it is then.

Nothing here is timed: the tests check which screens are built when, and what they show.
"""

from __future__ import annotations

import time
from pathlib import Path

from textual.widgets import DataTable

from netrack.store import Store
from netrack.tui import ahead
from tests.tui_support import make_app, netrack, screen_text, settle, table_rows, wait_until

OTHERS = ["contacts", "review", "streaks", "reciprocity", "events"]


async def test_the_other_screens_are_built_while_the_user_pauses(seeded: Path) -> None:
    app = make_app(seeded, build_ahead=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: not app.screens_ahead.waiting(), "every screen built")
        assert app.current_mode == "today"  # built, not shown
        assert "This week" in screen_text(app)


async def test_no_screen_is_built_while_keys_come_or_a_dialog_is_open(seeded: Path) -> None:
    app = make_app(seeded)  # not started: each step is taken by hand
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        building, keys = app.screens_ahead, app._keys
        keys.last_key = time.monotonic()  # as if a key had just come
        building._build_next()
        assert building.waiting() == OTHERS
        keys.last_key -= ahead.QUIET_S  # a pause
        await pilot.press("question_mark")  # the help opens
        await pilot.pause()
        building._build_next()
        assert building.waiting() == OTHERS
        await pilot.press("escape")
        await pilot.pause()
        keys.last_key -= ahead.QUIET_S
        building._build_next()
        assert building.waiting() == OTHERS[1:]  # one at a time, Contacts first
        await pilot.pause()
        await pilot.press("2")
        everyone = len(Store(seeded).load().contacts)
        await wait_until(  # (a busy machine fills the rows past the first pause)
            pilot,
            lambda: any(len(table_rows(t)) == everyone for t in app.screen.query("#contacts")),
            "every contact listed",
        )


async def test_a_screen_built_ahead_shows_what_changed_since_it_was_built(seeded: Path) -> None:
    app = make_app(seeded, build_ahead=True)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: not app.screens_ahead.waiting(), "every screen built")
        netrack(seeded, "give", "Priya Nair", "sent the salary survey")  # another terminal
        app.check_file()
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        contacts = table_rows(app.screen.query_one("#contacts", DataTable))
        assert next(r for r in contacts if r[0] == "Priya Nair")[3] == "today"
        await pilot.press("5")
        await pilot.pause()
        balances = table_rows(app.screen.query_one("#balances", DataTable))
        priya = next(r for r in balances if r[0] == "Priya Nair")
        assert (priya[1], priya[2]) == ("1", "1")  # the give beside her earlier ask
