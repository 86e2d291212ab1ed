"""A new name close to a contact's in the app's introduction and event forms is a question
(the contact meant, or a new person), never the CLI's "(add --new …)"."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from netrack.store import Store
from netrack.tui.screens.contacts import ContactsScreen
from netrack.tui.screens.events import EventsScreen
from netrack.tui.widgets.did_you_mean import DidYouMeanDialog
from netrack.tui.widgets.event_forms import DebriefForm, EventForm
from netrack.tui.widgets.intro_form import IntroForm
from tests.tui_support import make_app, netrack, screen_text, settle, wait_until


def _names(db: Path) -> set[str]:
    return {c.name for c in Store(db).load().contacts}


async def _asked(pilot, meant: str) -> str:
    """Wait for the did-you-mean question about ``meant``; the screen's text then."""
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, DidYouMeanDialog), "the question")
    await pilot.pause()
    text = screen_text(app)
    assert f"Did you mean {meant}?" in text
    assert "--new" not in text
    return text


async def _intro_form(pilot) -> None:
    """Open the introduction form for Dana Lee (selected on Contacts, the first by name)."""
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ContactsScreen), "Contacts")
    await pilot.pause()
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, IntroForm), "the intro form")


@pytest.mark.parametrize(
    ("answer", "who", "new_people"),
    [
        ("enter", "Sam Ortiz", set()),  # "Use Sam Ortiz", the button focused
        ("tab enter", "Sam Ortis", {"Sam Ortis"}),  # "Add Sam Ortis as new"
    ],
)
async def test_the_intro_form_asks_about_a_close_new_name(seeded, answer, who, new_people) -> None:
    before = _names(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await _intro_form(pilot)
        await pilot.press(*"Sam Ortis")
        app.screen.query_one("#intro-note").focus()
        await pilot.press(*"both hire", "enter")
        await settle(pilot)
        text = await _asked(pilot, "Sam Ortiz")
        assert "Use Sam Ortiz" in text and "Add Sam Ortis as new" in text
        await pilot.press(*answer.split())
        await settle(pilot)
        assert not isinstance(app.screen, (DidYouMeanDialog, IntroForm))
    data = Store(seeded).load()
    assert {c.name for c in data.contacts} - before == new_people
    (intro,) = data.introductions
    names = {c.id: c.name for c in data.contacts}
    assert {names[intro.a_id], names[intro.b_id or ""]} == {"Dana Lee", who}


async def test_cancelling_the_question_leaves_the_intro_form_as_typed(seeded) -> None:
    before = seeded.read_bytes()
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await _intro_form(pilot)
        await pilot.press(*"Sam Ortis", "enter")
        await settle(pilot)
        await _asked(pilot, "Sam Ortiz")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, IntroForm)
        assert app.screen.query_one("#intro-other", Input).value == "Sam Ortis"
        text = screen_text(app)
        assert "Not saved: Sam Ortis or Sam Ortiz? Not picked" in text
        assert "--new" not in text
    assert seeded.read_bytes() == before


async def _event_form(pilot, key: str, form: type) -> None:
    """Open ``form`` with ``key`` on the Events screen (the first event selected)."""
    await pilot.press("6")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, EventsScreen), "Events")
    await pilot.pause()
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, form), form.__name__)


async def test_the_event_form_asks_about_each_close_name_of_who_is_going(seeded) -> None:
    netrack(seeded, "event", "add", "PyData Berlin", "--on", "sat")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await _event_form(pilot, "e", EventForm)
        app.screen.query_one("#f-know", Input).value = "Sam Ortis, Old Friend, Dana Lea"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await _asked(pilot, "Sam Ortiz")
        await pilot.press("enter")  # use Sam Ortiz
        await pilot.pause()
        await _asked(pilot, "Dana Lee")  # asked too, before anyone new is added
        await pilot.press("tab", "enter")  # Dana Lea is someone new
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
    data = Store(seeded).load()
    names = {c.id: c.name for c in data.contacts}
    (event,) = data.events
    assert [names[i] for i in event.know] == ["Sam Ortiz", "Old Friend", "Dana Lea"]
    assert "Sam Ortis" not in names.values()


async def test_the_debrief_asks_about_a_close_name_and_logs_the_contact_meant(seeded) -> None:
    netrack(seeded, "event", "add", "Rust Nation", "--on", "yesterday")
    before = _names(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await _event_form(pilot, "b", DebriefForm)
        await pilot.press(*"Sam Ortis", "enter", *"Mia Wong", "enter", "enter")
        await settle(pilot)
        await _asked(pilot, "Sam Ortiz")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, EventsScreen)
    data = Store(seeded).load()
    names = {c.id: c.name for c in data.contacts}
    (event,) = data.events
    assert [names[i] for i in event.met] == ["Sam Ortiz", "Mia Wong"]
    assert _names(seeded) - before == {"Mia Wong"}
