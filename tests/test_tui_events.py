"""The Events screen (key 6): what to prepare, the preparation form, the debrief form."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, TextArea

from netrack.store import Store
from netrack.tui.screens.events import EventsScreen
from netrack.tui.widgets.event_forms import DebriefForm, EventForm
from netrack.tui.widgets.forms import Confirm
from tests.tui_support import (
    HOSTILE_NAMES,
    make_app,
    netrack,
    screen_text,
    settle,
    table_rows,
    wait_until,
)


def _events_file(db: Path) -> Path:
    """The seeded history plus three events: one coming up, one debriefed, one not yet."""
    netrack(db, "event", "add", "PyData Berlin", "--on", "sat", "--goal", "two people hiring")
    netrack(db, "event", "add", "Product meetup", "--on", "2d")
    netrack(db, "event", "debrief", "Product meetup", "Dana Lee", "Jonas Weber")
    netrack(db, "event", "add", "Rust Nation [London]", "--on", "yesterday")
    return db


async def _open_events(pilot) -> None:
    await pilot.press("6")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, EventsScreen), "Events")
    await pilot.pause()


async def test_events_screen_says_what_each_event_still_needs(seeded) -> None:
    app = make_app(_events_file(seeded))
    async with app.run_test(size=(130, 32)) as pilot:
        await _open_events(pilot)
        rows = table_rows(app.screen.query_one("#events"))
        assert [row[2] for row in rows] == [
            "PyData Berlin",
            "Rust Nation [London]",
            "Product meetup",
        ]
        assert rows[0][3] == "prepare: going, to meet, intro, questions"
        assert rows[1][3] == "to debrief (b)"
        assert rows[2][3] == "met 2 · kept 0/2 · 2 open"
        text = screen_text(app)
        assert "Still to prepare  who is going, whom to meet" in text
        assert "goal       two people hiring" in text
        await pilot.press("down", "down")
        await pilot.pause()
        text = screen_text(app)
        assert "Met 2 people" in text
        assert "Jonas Weber" in text and "follow up by Thu 19 Nov" in text


async def test_preparing_an_event_in_the_form_saves_every_field(seeded) -> None:
    app = make_app(_events_file(seeded))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_events(pilot)
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, EventForm), "the event form")
        form = app.screen
        form.query_one("#f-know", Input).value = "Dana, Sam Ortiz"
        form.query_one("#f-intro", Input).value = "I build data tooling"
        form.query_one("#f-to_meet", TextArea).text = "the dataframe speakers\nsomeone [Acme]"
        form.query_one("#f-questions", TextArea).text = "what slows your pipelines?"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        event = next(e for e in Store(seeded).load().events if e.name == "PyData Berlin")
        assert event.to_meet == "the dataframe speakers\nsomeone [Acme]"
        assert event.intro == "I build data tooling"
        assert event.goal == "two people hiring"  # untouched fields stay
        assert len(event.know) == 2
        assert table_rows(app.screen.query_one("#events"))[0][3] == "prepared"
        text = screen_text(app)
        assert "to meet    the dataframe speakers" in text
        assert "           someone [Acme]" in text


async def test_a_new_event_refused_keeps_what_was_typed(seeded) -> None:
    app = make_app(_events_file(seeded))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_events(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, EventForm), "the event form")
        form = app.screen
        form.query_one("#f-name", Input).value = "pydata berlin"
        form.query_one("#f-on", Input).value = "next year"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventForm)
        assert "an event named 'PyData Berlin' already exists" in screen_text(app)
        form.query_one("#f-name", Input).value = "DevFest"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "unknown date 'next year'" in screen_text(app)
        assert form.query_one("#f-name", Input).value == "DevFest"
        form.query_one("#f-on", Input).value = "+3w"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        assert "DevFest" in {e.name for e in Store(seeded).load().events}


async def test_debrief_takes_names_one_after_another(seeded) -> None:
    app = make_app(_events_file(seeded))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_events(pilot)
        await pilot.press("down")  # Rust Nation [London], yesterday
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(app.screen, DebriefForm), "the debrief form")
        for name in ("sam", "Mia Wong", "Typo Person"):
            await pilot.press(*name)
            await pilot.press("enter")
        assert "2. Mia Wong  (new contact)" in screen_text(app)
        assert "1. sam  → Sam Ortiz" in screen_text(app)
        await pilot.press("backspace")  # the field is empty: takes "Typo Person" back
        assert "Typo Person" not in screen_text(app)
        await pilot.press("enter")  # an empty name logs them all
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
        data = Store(seeded).load()
        event = next(e for e in data.events if e.name == "Rust Nation [London]")
        names = {c.id: c for c in data.contacts}
        assert [names[i].name for i in event.met] == ["Sam Ortiz", "Mia Wong"]
        meetings = [a for a in data.actions if a.id in event.action_ids]
        assert {(a.kind, a.channel, a.note) for a in meetings} == {
            ("meet", "event", "at Rust Nation [London]")
        }
        assert names[event.met[1]].met_how == "Rust Nation [London]"
        assert "Typo Person" not in {c.name for c in data.contacts}
        assert "Met 2 people" in screen_text(app)


async def test_an_event_to_come_is_not_debriefed(seeded) -> None:
    app = make_app(_events_file(seeded))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await _open_events(pilot)
        await pilot.press("b")  # PyData Berlin is on Saturday
        await pilot.pause()
        assert not isinstance(app.screen, DebriefForm)
        said = [n.message for n in app._notifications]
        assert any("debrief it once it has happened" in line for line in said)


async def test_removing_an_event_asks_first(seeded) -> None:
    app = make_app(_events_file(seeded))
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_events(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await pilot.press("n")
        await settle(pilot)
        assert len(Store(seeded).load().events) == 3
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm), "the question")
        await pilot.press("y")
        await settle(pilot)
        assert "PyData Berlin" not in {e.name for e in Store(seeded).load().events}


async def test_event_names_and_preparation_show_exactly_as_typed(db_path, frozen) -> None:
    for i, name in enumerate(HOSTILE_NAMES):
        netrack(db_path, "event", "add", name, "--on", f"+{i + 1}d", "--goal", name)
    app = make_app(db_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await _open_events(pilot)
        rows = table_rows(app.screen.query_one("#events"))
        assert [row[2] for row in rows] == HOSTILE_NAMES
        for _ in HOSTILE_NAMES:
            assert app.screen.query_one("#event-story").visual is not None
            await pilot.press("down")
            await pilot.pause()
        assert f"goal       {HOSTILE_NAMES[-1]}" in screen_text(app)


async def test_the_weekly_review_counts_introductions_and_lists_the_weeks_events(seeded) -> None:
    _events_file(seeded)
    netrack(seeded, "intro", "Dana Lee", "Sam Ortiz", "both hire")
    netrack(seeded, "intro", "Dana Lee", "Old Friend", "--on", "2026-11-12")  # last week
    app = make_app(seeded)
    async with app.run_test(size=(130, 50)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "Introduced  1 introduction made" in text
        assert "Product meetup  met 2 · follow-ups kept 0/2" in text
        assert "Rust Nation [London]  to debrief" in text
        assert "PyData Berlin  Sat 21 Nov, coming up" in text


async def test_contact_notes_take_several_lines_and_dates_are_details_in_the_form(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")  # the form opens on the selected contact, Dana Lee
        await wait_until(pilot, lambda: "Edit Dana Lee" in screen_text(app), "the contact form")
        form = app.screen
        form.query_one("#f-birthday", Input).value = "1990-02-28"
        form.query_one("#f-date", Input).value = "work anniversary=06-01"
        notes = form.query_one("#f-notes", TextArea)
        notes.focus()
        await pilot.press(*"kids: Ana", "enter", *"likes [jazz]")
        assert isinstance(app.screen, type(form)), "Enter in the notes starts a new line"
        await pilot.press("ctrl+s")
        await settle(pilot)
        dana = next(c for c in Store(seeded).load().contacts if c.name == "Dana Lee")
        assert dana.notes == "kids: Ana\nlikes [jazz]"
        assert dana.birthday is not None and dana.birthday.text() == "1990-02-28"
        assert [label for label, _ in dana.dates] == ["work anniversary"]

        def aligned() -> bool:  # the notes' second line goes on under the first
            lines = screen_text(app).splitlines()
            first = next((line for line in lines if "kids: Ana" in line), "")
            second = next((line for line in lines if "likes [jazz]" in line), "")
            return bool(first and second) and first.index("kids") == second.index("likes")

        await wait_until(pilot, aligned, "the notes' lines one under the other")
