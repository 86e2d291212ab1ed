"""Found in a new user's trial at 80x24 and 120x40: what a screen says matches what it
shows, and nothing the user typed is lost to make room."""

from __future__ import annotations

import re

import pytest

from tests.tui_support import make_app, netrack, screen_lines, screen_text, settle, wait_until


def _grid(lines: list[str]) -> tuple[int, list[str]]:
    """The weeks the Streaks title promises, and the week numbers its grid shows."""
    title = next(line for line in lines if "(←/→ pick a week" in line)
    promised = int(re.search(r"Last (\d+) weeks", title).group(1))
    heading = next(line for line in lines if line.split()[:1] == ["habit"] and "47" in line)
    return promised, heading.split()[1:]


@pytest.mark.parametrize(("size", "expected"), [((80, 24), None), ((120, 40), 26)])
async def test_the_streaks_grid_shows_as_many_weeks_as_its_title_says(
    seeded, size, expected
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape", "4")
        await wait_until(pilot, lambda: "Streaks" in app.screen.title, "Streaks")
        await settle(pilot)
        promised, weeks = _grid(screen_lines(app))
        assert len(weeks) == promised, weeks
        assert weeks[-1] == "47", "the current week is on the right, in view"
        assert [int(w) for w in weeks] == list(range(48 - promised, 48))
        if expected:
            assert promised == expected
        else:
            assert 18 <= promised < 26
        # Narrower still: fewer weeks, and the title follows.
        await pilot.resize_terminal(60, 24)
        await wait_until(pilot, lambda: _grid(screen_lines(app))[0] < promised, "fewer weeks")
        await settle(pilot)
        narrower, weeks = _grid(screen_lines(app))
        assert len(weeks) == narrower and weeks[-1] == "47"


def _contacts_lines(app) -> tuple[str, list[str]]:
    lines = screen_lines(app)
    heading = next(line for line in lines if line.split()[:1] == ["name"])
    return heading, lines


async def _open_contacts(pilot, app):
    from netrack.tui.screens.contacts import ContactsScreen

    await settle(pilot)
    await pilot.press("escape", "2")
    await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
    await settle(pilot)
    return app.screen.query_one("#contacts")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_contacts_without_any_company_show_no_company_column(db_path, frozen, size) -> None:
    for name in ("[Alice]", "Dana [x]", "Sam Ortiz"):
        netrack(db_path, "contact", "add", name, "--circle", "inner")
    app = make_app(db_path)
    async with app.run_test(size=size) as pilot:
        table = await _open_contacts(pilot, app)
        heading, lines = _contacts_lines(app)
        assert "company" not in heading
        assert heading.split()[:3] == ["name", "▲", "circle"]
        for name in ("[Alice]", "Dana [x]"):
            row = next(line for line in lines if name in line)
            assert row.split(name)[1].split()[0] == "inner", row
        # A redraw with nothing changed keeps the table's columns (and their widths).
        before = list(table.columns.values())
        app.screen.draw(app.snapshot)
        await pilot.pause()
        assert list(table.columns.values()) == before
        assert all(a is b for a, b in zip(table.columns.values(), before, strict=True))


async def test_the_company_column_comes_back_with_the_first_company(db_path, frozen) -> None:
    for name in ("[Alice]", "Dana [x]"):
        netrack(db_path, "contact", "add", name)
    netrack(db_path, "contact", "edit", "Dana [x]", "--company", "[b]Acme[/b]")
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_contacts(pilot, app)
        heading, lines = _contacts_lines(app)
        assert heading.split()[2] == "company"
        dana = next(line for line in lines if "Dana [x]" in line)
        assert "[b]Acme[/b]" in dana


def _fits(table) -> bool:
    """Whether a table shows all its columns without scrolling sideways."""
    return table.virtual_size.width <= table.scrollable_content_region.width


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_events_cut_what_is_left_to_do_to_the_lists_width(seeded, size) -> None:
    from netrack.tui.screens.events import EventsScreen

    netrack(seeded, "event", "add", "[PyData] Berlin", "--on", "sat")
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape", "6")
        await wait_until(pilot, lambda: isinstance(app.screen, EventsScreen), "Events")
        table = app.screen.query_one("#events")
        await wait_until(pilot, lambda: _fits(table), "the events list fits its width")
        row = next(line for line in screen_lines(app) if "prepare: goal" in line)
        assert "[PyData] Berlin  prepare: goal, going" in row and "…" in row.split("│")[0], row
        await pilot.resize_terminal(200, 40)  # wider: what is left to do shows whole
        await wait_until(pilot, lambda: _fits(table), "the events list fits again")
        await wait_until(
            pilot,
            lambda: "to meet, intro, questions" in screen_text(app),
            "the whole of what is left to do",
        )


async def test_this_weeks_list_cuts_a_long_name_to_leave_the_note_room(seeded) -> None:
    name = "Maximiliana Featherstonehaugh-Brown"
    netrack(seeded, "give", name, "sent the hiring deck")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        table = app.screen.query_one("#week-actions")
        await wait_until(pilot, lambda: _fits(table), "this week's list fits its side")
        table.scroll_visible(animate=False)
        await settle(pilot)
        row = next(line for line in screen_lines(app) if "Maximiliana" in line)
    assert name not in row and "Maximiliana Featherst…" in row
    assert "Maximiliana Featherst…  sent the" in row, row
