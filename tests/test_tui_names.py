"""The right person in the app: a new name close to a contact's is a question, as in the CLI."""

from __future__ import annotations

from datetime import datetime

import pytest
from textual.widgets import DataTable, Input, Static

from netrack.domain.completion import completion_order
from netrack.domain.contacts import matching_contacts
from netrack.domain.models import Contact
from netrack.domain.text import fold
from netrack.store import Store
from netrack.tui.widgets.did_you_mean import DidYouMeanDialog
from tests.tui_support import make_app, netrack, screen_text, settle, table_rows, wait_until


def _people(db) -> dict[str, int]:
    """Each contact's name, and how many gives they have."""
    data = Store(db).load()
    return {
        c.name: sum(a.kind == "give" and a.contact_id == c.id for a in data.actions)
        for c in data.contacts
    }


@pytest.mark.parametrize(
    ("answer", "who", "new_people"),
    [
        ("enter", "Sam Ortiz", set()),  # the contact meant (the button focused)
        ("tab enter", "Sam Ortis", {"Sam Ortis"}),  # a new person after all
    ],
)
async def test_a_name_close_to_a_contacts_asks_whom_you_meant(
    seeded, answer, who, new_people
) -> None:
    before = _people(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "g", *"Sam", "space", *"Ortis")
        await wait_until(pilot, lambda: "did you mean Sam Ortiz?" in screen_text(app), "a hint")
        await pilot.press("tab", *"lunch", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DidYouMeanDialog)
        assert "Did you mean Sam Ortiz?" in screen_text(app)
        await pilot.press(*answer.split())
        await settle(pilot)
        assert not isinstance(app.screen, DidYouMeanDialog)
    after = _people(seeded)
    assert set(after) - set(before) == new_people
    assert after[who] == before.get(who, 0) + 1
    data = Store(seeded).load()
    assert [a.note for a in data.actions if a.kind == "give"][-1] == "lunch"


async def test_neither_answer_gives_the_entry_back_to_the_form(seeded) -> None:
    before = seeded.read_bytes()
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "g", *"Sam", "space", *"Ortis", "tab", *"lunch", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        form = app.screen.query_one("#quick-log")
        assert form.query_one("#contact", Input).value == "Sam Ortis"
        assert form.query_one("#note", Input).value == "lunch"
        assert "Sam Ortiz, or a new contact? Not picked" in screen_text(app)
    assert seeded.read_bytes() == before


async def test_a_contact_added_in_the_form_is_made_and_a_close_name_mentioned(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.press(*"Sam", "space", *"Ortis", "enter")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert "Added Sam Ortis. (close to Sam Ortiz; u takes it back)" in said
    assert "Sam Ortis" in _people(seeded)


async def _type_a_name(pilot, typed: str, shown: str) -> Input:
    """Type ``typed`` as the contact of a give in the quick log, and wait for ``shown``
    (what the field offers, or the hint below it); the contact field."""
    await settle(pilot)
    await pilot.press("escape", "g", *typed)
    await wait_until(pilot, lambda: shown in screen_text(pilot.app), shown)
    return pilot.app.screen.query_one("#contact", Input)


def _app_knowing(db, *names: str):
    for name in names:
        netrack(db, "contact", "add", name)
    return make_app(db)


async def test_accents_and_case_are_folded_in_completion_and_the_contacts_search(
    db_path, frozen
) -> None:
    app = _app_knowing(db_path, "José Álvarez", "Jonas Berg")
    async with app.run_test(size=(120, 40)) as pilot:
        field = await _type_a_name(pilot, "jose", "→ José Álvarez")
        await pilot.press("right")  # takes the suggested name, accents and all
        assert field.value == "José Álvarez"
        await pilot.press("escape", "2", "slash", *"ALVAREZ")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#contacts", DataTable))
        assert [row[0] for row in rows] == ["José Álvarez"]


async def test_a_name_word_in_brackets_is_found_in_the_quick_log(db_path, frozen) -> None:
    app = _app_knowing(db_path, "[Alice] Smith")
    async with app.run_test(size=(120, 40)) as pilot:
        await _type_a_name(pilot, "alice", "→ [Alice] Smith")
        await pilot.press("tab", *"lunch", "enter")
        await settle(pilot)
    assert _people(db_path) == {"[Alice] Smith": 1}


def test_completion_offers_what_matching_accepts_names_that_start_with_it_first() -> None:
    names = ["[Alice] Smith", "Alicia Keys", "Bob Alison", "Dana García-López", "Malice Ng"]
    folded = [fold(name) for name in names]

    def offered(typed: str) -> list[str]:
        return [names[at] for at in completion_order(fold(typed), folded)]

    assert offered("ali") == ["Alicia Keys", "[Alice] Smith", "Bob Alison"]
    assert offered("alice") == ["[Alice] Smith"]  # not Malice: no word of it starts so
    assert offered("alice sm") == ["[Alice] Smith"]
    assert offered("lop") == ["Dana García-López"]
    made = datetime(2026, 1, 1)
    contacts = [Contact(id=str(i), name=name, created=made) for i, name in enumerate(names)]
    for typed in ("ali", "alice", "alice sm", "lop", "smi"):  # matching takes each offer
        found = {c.name for c in matching_contacts(contacts, typed)}
        assert set(offered(typed)) == found, typed


async def test_the_contact_field_offers_a_name_that_a_word_of_it_starts(db_path, frozen) -> None:
    app = _app_knowing(db_path, "[Alice] Smith", "Alicia Keys", "Bob [/b] Smithers")
    async with app.run_test(size=(120, 40)) as pilot:
        field = await _type_a_name(pilot, "alice", "alice → [Alice] Smith")
        await pilot.press("right")  # takes the name offered, exactly as it is written
        assert field.value == "[Alice] Smith"
        field.value = ""
        await pilot.press(*"smi")  # two names have a word starting so: the first is offered
        await wait_until(pilot, lambda: "smi → [Alice] Smith" in screen_text(app), "offer")
        await pilot.press(*"the")
        await wait_until(pilot, lambda: "→ Bob [/b] Smithers" in screen_text(app), "the other")
        await pilot.press("right")
        assert field.value == "Bob [/b] Smithers"
        field.value = ""
        await pilot.press(*"ali")  # a name that starts with what is typed comes first
        await wait_until(pilot, lambda: "alicia Keys" in screen_text(app), "the inline offer")
        # The hint below lists the names in the same order.
        assert "2 match: Alicia Keys, [Alice] Smith; type more" in screen_text(app)
        await pilot.press("right")
        assert field.value == "Alicia Keys"


async def test_who_is_going_to_an_event_completes_the_last_name_typed(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6", "n")
        await settle(pilot)
        await pilot.press(*"Meetup", "tab", *"sat")
        going = app.screen.query_one("#f-know", Input)
        going.focus()
        await pilot.press(*"dana")
        await wait_until(pilot, lambda: "dana Lee" in screen_text(app), "the first name")
        await pilot.press("right", *", ortiz")
        await wait_until(pilot, lambda: "Dana Lee, ortiz → Sam Ortiz" in screen_text(app), "it")
        await pilot.press("right")
        assert going.value == "Dana Lee, Sam Ortiz"
        await pilot.press("enter")
        await settle(pilot)
    data = Store(seeded).load()
    [event] = data.events
    going_ids = {c.id for c in data.contacts if c.name in ("Dana Lee", "Sam Ortiz")}
    assert set(event.know) == going_ids


async def test_the_matches_hint_lists_as_many_names_as_fit_one_line(db_path, frozen) -> None:
    names = [f"Alexandra {last}" for last in ("Montgomery", "Featherstonehaugh", "Wolfeschlegel")]
    app = _app_knowing(db_path, *names, "Alexander Oyelaran-Kuznetsova")
    async with app.run_test(size=(80, 24)) as pilot:
        await _type_a_name(pilot, "alex", "4 match: ")
        hint = pilot.app.screen.query_one("#contact-hint", Static)
        text = str(hint.content)
        # Two names would take 85 columns: the first alone, the others counted.
        assert text == "4 match: Alexander Oyelaran-Kuznetsova and 3 more; type more"
        assert hint.size.height == 1, "one line at 80 columns"
    app = make_app(db_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await _type_a_name(pilot, "alex", "4 match: ")
        text = str(pilot.app.screen.query_one("#contact-hint", Static).content)
        assert text.endswith("Alexandra Wolfeschlegel; type more"), "wide: all four"
