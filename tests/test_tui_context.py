"""People in context in the app: introductions from Contacts (key i), a contact's story
(dates coming up, introductions, events, channels), and the dates coming up on Today."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, RadioButton

from netrack.store import Store
from netrack.tui.screens.contacts import ContactsScreen
from netrack.tui.widgets.intro_form import IntroForm
from tests.tui_support import make_app, netrack, screen_text, settle, table_rows, wait_until


async def _open_contacts(pilot) -> None:
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ContactsScreen), "Contacts")
    await pilot.pause()


async def _introduce(pilot, other: str, received: bool = False) -> None:
    """Press i on the selected contact, fill the form and save it."""
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, IntroForm), "the intro form")
    form = pilot.app.screen
    if received:
        form.query_one("#received", RadioButton).value = True
        form.query_one("#intro-other").focus()
    await pilot.press(*other)
    form.query_one("#intro-note").focus()
    await pilot.press(*"both hire [data] people", "enter")
    await settle(pilot)


async def test_i_introduces_the_selected_contact_a_give_to_each(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        await _open_contacts(pilot)  # Dana Lee is selected, the first by name
        await _introduce(pilot, "Sam Ortiz")
        assert not isinstance(app.screen, IntroForm)
        said = [n.message for n in app._notifications]
        assert "Introduced Dana Lee ↔ Sam Ortiz · Thu 19 Nov · gives this week 3/3." in said
        data = Store(seeded).load()
        (intro,) = data.introductions
        names = {c.id: c.name for c in data.contacts}
        assert {names[intro.a_id], names[intro.b_id or ""]} == {"Dana Lee", "Sam Ortiz"}
        gives = [a for a in data.actions if a.id in intro.action_ids]
        assert sorted((names[a.contact_id or ""], a.kind) for a in gives) == [
            ("Dana Lee", "give"),
            ("Sam Ortiz", "give"),
        ]
        assert intro.note == "both hire [data] people"
        text = screen_text(app)
        assert "Introductions and events" in text
        assert "introduced to Sam Ortiz: both hire [data] people" in text


async def test_the_intro_form_records_an_introduction_made_to_you(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(200, 40)) as pilot:
        await _open_contacts(pilot)
        await _introduce(pilot, "Lena Vogel", received=True)
        data = Store(seeded).load()
        lena = next(c for c in data.contacts if c.name == "Lena Vogel")
        assert lena.met_how == "introduced by Dana Lee"
        (intro,) = data.introductions
        assert (intro.a_id, intro.b_id) == (lena.id, None)
        (received,) = [a for a in data.actions if a.id in intro.action_ids]
        assert received.kind == "receive"
        assert "introduced you to Lena Vogel: both hire [data] people" in screen_text(app)


async def test_a_refused_introduction_keeps_the_form_open_with_the_reason(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(200, 40)) as pilot:
        await _open_contacts(pilot)
        await _introduce(pilot, "dana lee")
        assert isinstance(app.screen, IntroForm)
        assert "an introduction needs two people" in screen_text(app)
        assert not Store(seeded).load().introductions


def _story_file(db: Path) -> Path:
    netrack(db, "contact", "edit", "Sam Ortiz", "--birthday", "1990-11-23")
    netrack(db, "contact", "edit", "Sam Ortiz", "--met", "PyCon", "--met-on", "2024-04-20")
    netrack(db, "contact", "edit", "Sam Ortiz", "--notes", "two kids\nlikes [jazz]")
    netrack(db, "reach", "Sam Ortiz", "newsletter", "--generic", "-c", "email")
    netrack(db, "intro", "Sam Ortiz", "Priya Nair", "both love Rust")
    netrack(db, "event", "add", "Rust Nation", "--on", "sat", "--know", "Sam Ortiz")
    return db


async def test_a_contacts_story_has_dates_introductions_events_and_channels(seeded) -> None:
    app = make_app(_story_file(seeded))
    async with app.run_test(size=(200, 50)) as pilot:
        await _open_contacts(pilot)
        table = app.screen.query_one("#contacts", DataTable)
        table.move_cursor(row=[row[0] for row in table_rows(table)].index("Sam Ortiz"))
        await pilot.pause()
        lines = [" ".join(line.split()) for line in screen_text(app).splitlines()]
        text = "\n".join(lines)
        assert "soon birthday in 4 days (turns 36) (Mon 23 Nov)" in text
        assert "notes two kids" in text and "likes [jazz]" in text
        assert "Thu 19 Nov introduced to Priya Nair: both love Rust" in text
        assert "birthday 23 Nov 1990" in text
        assert "Sat 21 Nov going to Rust Nation" in text
        assert "reach-out newsletter · email · generic" in text
        assert "reach-out how was the trip · other · personal" in text
        met = next(n for n, line in enumerate(lines) if "Sat 20 Apr 2024 met PyCon" in line)
        oldest = next(
            n for n, line in enumerate(lines) if "Tue 10 Nov meet coffee · coffee" in line
        )
        assert met == oldest + 1, "the timeline starts the day you met"


async def test_today_lists_dates_coming_up_ticks_those_seen_to_and_r_reaches_out(seeded) -> None:
    netrack(seeded, "contact", "edit", "Old Friend", "--birthday", "11-19")
    # Dana's comes up today, after her last give (Mon 16 Nov): still to do.
    netrack(seeded, "contact", "edit", "Dana Lee", "--date", "work anniversary=2020-11-26")
    netrack(seeded, "contact", "edit", "Sam Ortiz", "--date", "name day=11-27")  # 8 days
    # Sam's birthday came up on Mon 16 Nov; the reach-out of Tue 17 Nov sees to it.
    netrack(seeded, "contact", "edit", "Sam Ortiz", "--birthday", "11-23")
    app = make_app(seeded)
    async with app.run_test(size=(150, 50)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#coming")
        assert table_rows(table) == [
            ["Thu 19 Nov", "Old Friend", "birthday today"],
            ["Mon 23 Nov", "Sam Ortiz", "birthday in 4 days · ✓ in touch"],
            ["Thu 26 Nov", "Dana Lee", "work anniversary in 7 days (6 years)"],
        ]
        why = [row[2] for row in table_rows(app.screen.query_one("#suggestions"))]
        assert "birthday today" in why
        assert not any("birthday in 4 days" in line for line in why)
        table.focus()
        await pilot.press("r")
        name = app.screen.query_one("#contact", Input)
        await wait_until(pilot, lambda: name.value == "Old Friend", "the log form filled in")
        await pilot.press(*"happy birthday", "enter")
        await settle(pilot)
        assert table_rows(app.screen.query_one("#coming"))[0] == [
            "Thu 19 Nov",
            "Old Friend",
            "birthday today · ✓ in touch",
        ]
        data = Store(seeded).load()
        friend = next(c for c in data.contacts if c.name == "Old Friend")
        reached = [a for a in data.actions if a.contact_id == friend.id and a.kind == "reach-out"]
        assert [a.note for a in reached] == ["happy birthday"]


async def test_coming_up_is_hidden_when_no_date_is_near(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(150, 50)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#coming-box").display
        assert "Coming up" not in screen_text(app)


async def test_a_long_date_coming_up_wraps_in_its_column_at_120_columns(seeded) -> None:
    label = "anniversary of the company she founded"
    netrack(seeded, "contact", "add", "Priya Raghunathan-Iyer", "--date", f"{label}=2016-11-25")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#coming", DataTable)
        await wait_until(pilot, lambda: table.size.width > 0, "Coming up laid out")
        assert table_rows(table) == [
            ["Wed 25 Nov", "Priya Raghunathan-Iyer", f"{label} in 6 days (10 years)"]
        ]
        assert table.virtual_size.width <= table.size.width, "it would scroll sideways"
        assert table.rows[next(iter(table.rows))].height > 1
