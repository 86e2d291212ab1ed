"""Acting from any list in the app: the plan on Today, suggestions, log and plan keys,
opening a person, the Contacts sort, filters and search, and the People palette.

The seeded history (tests/tui_support.py): Dana Lee (inner, gives every week), Sam Ortiz
(active, a meeting on 10 Nov whose follow-up is overdue), Old Friend (inner, silent
since 6 Oct), Priya Nair (asked once, never given to). The clock: Thu 19 Nov 2026 15:30.
"""

from __future__ import annotations

from textual.widgets import DataTable, Input

from netrack.store import Store
from netrack.tui.screens.contacts import ContactsScreen
from netrack.tui.widgets.kind_picker import KindPicker
from netrack.tui.widgets.log_dialog import LogDialog
from netrack.tui.widgets.plan_dialog import PlanDialog
from tests.tui_support import (
    make_app,
    netrack,
    run_from_palette,
    screen_text,
    settle,
    table_rows,
    wait_until,
)


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


def _rows(app, selector: str) -> list[list[str]]:
    return table_rows(app.screen.query_one(selector, DataTable))


def _select(app, selector: str, name: str) -> DataTable:
    table = app.screen.query_one(selector, DataTable)
    names = [row[0] if selector != "#plan" else row[1] for row in table_rows(table)]
    if selector == "#followups":
        names = [row[1] for row in table_rows(table)]
    table.move_cursor(row=names.index(name))
    table.focus()
    return table


# Today: the plan and whom to get in touch with --------------------------------------------------


async def test_today_shows_this_weeks_plan_first_with_a_tick_when_done(seeded) -> None:
    netrack(seeded, "plan", "add", "Dana Lee", "give", "send the deck")
    netrack(seeded, "plan", "add", "Sam Ortiz")
    netrack(seeded, "give", "Dana", "sent it")
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        assert _rows(app, "#plan") == [
            ["✓", "Dana Lee", "give", "send the deck"],
            ["·", "Sam Ortiz", "any", ""],
        ]
        assert "This week's plan  1 of 2 done" in screen_text(app)
        plan, week = (app.screen.query_one(s).region for s in ("#plan", "#week-actions"))
        assert plan.y < week.y, "the plan comes first"


async def test_who_next_lists_the_suggestions_most_pressing_first(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        rows = _rows(app, "#suggestions")
        assert [row[:2] for row in rows] == [
            ["Sam Ortiz", "follow-up"],
            ["Priya Nair", "give"],
            ["Old Friend", "reach-out"],
        ]
        assert rows[1][2] == "you asked once; you never gave"
        await pilot.press("n")  # from the form, where the app opens, to the list
        assert app.screen.query_one("#suggestions").has_focus
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog), "the first suggestion, Sam, planned"
        assert app.screen.contact.name == "Sam Ortiz"
        note = app.screen.query_one("#plan-note", Input).value
        assert note == "Follow up after meeting: coffee", "what is owed, as the note"


async def test_a_long_reason_goes_on_over_a_second_line_rather_than_being_cut(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#suggestions", DataTable)
        why = "last in touch 6 weeks ago; inner circle, every 14 days"
        assert _rows(app, "#suggestions")[2] == ["Old Friend", "reach-out", why]
        text = screen_text(app)
        assert "last in touch 6 weeks ago; inner" in text and "circle, every 14 days" in text
        assert table.virtual_size.width <= table.size.width, "nothing to scroll sideways"
        assert [row.height for row in table.ordered_rows] == [2, 1, 2]
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert why in screen_text(app), "room enough: one line"
        assert all(row.height == 1 for row in table.rows.values())


async def test_a_kind_key_on_a_list_fills_in_the_form_with_that_person(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        _select(app, "#suggestions", "Priya Nair")
        await pilot.press("g")
        await settle(pilot)
        assert app.screen.query_one("#contact", Input).value == "Priya Nair"
        assert app.screen.query_one("#kind", KindPicker).kind == "give"
        assert app.screen.query_one("#note", Input).has_focus
        await _type(pilot, "salary survey")
        await pilot.press("enter")
        await settle(pilot)
        assert "Priya Nair" not in [row[0] for row in _rows(app, "#suggestions")]
    gives = [a for a in Store(seeded).load().actions if a.note == "salary survey"]
    assert [a.kind for a in gives] == ["give"]


async def test_p_plans_the_selected_person_with_the_suggested_kind(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50), notifications=True) as pilot:
        _select(app, "#suggestions", "Priya Nair")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        assert app.screen.query_one("#plan-kind", KindPicker).kind == "give"
        await _type(pilot, "send the [salary] survey")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PlanDialog)
        assert ["·", "Priya Nair", "give", "send the [salary] survey"] in _rows(app, "#plan")
        assert "Priya Nair" not in [row[0] for row in _rows(app, "#suggestions")]
        assert "Planned give → Priya Nair for 2026-W47." in screen_text(app)
    [item] = Store(seeded).load().plans
    assert (item.kind, item.note, item.week) == ("give", "send the [salary] survey", "2026-W47")


async def test_the_plan_dialog_shows_why_it_refuses_and_keeps_what_was_typed(seeded) -> None:
    netrack(seeded, "plan", "add", "Old Friend")
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        _select(app, "#cold", "Old Friend")
        await pilot.press("p")
        await settle(pilot)
        await _type(pilot, "coffee")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        assert "'Old Friend' is already in the plan for 2026-W47" in screen_text(app)
        assert app.screen.query_one("#plan-note", Input).value == "coffee"
        await pilot.press("escape")
        await settle(pilot)
    assert len(Store(seeded).load().plans) == 1


async def test_x_drops_a_plan_item_and_a_log_ticks_one_off(seeded) -> None:
    netrack(seeded, "plan", "add", "Dana Lee", "give")
    netrack(seeded, "plan", "add", "Old Friend", "reach-out")
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        _select(app, "#plan", "Dana Lee")
        await pilot.press("x")
        await settle(pilot)
        _select(app, "#plan", "Old Friend")
        await pilot.press("r")
        await pilot.press("enter")
        await settle(pilot)
        assert [row[:3] for row in _rows(app, "#plan")] == [
            ["✗", "Dana Lee", "give"],
            ["✓", "Old Friend", "reach-out"],
        ]
    assert sorted(p.status for p in Store(seeded).load().plans) == ["done", "dropped"]


async def test_enter_on_a_list_opens_the_person_on_contacts(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        _select(app, "#followups", "Sam Ortiz")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.selected().name == "Sam Ortiz"
        assert "Follow up after meeting" in screen_text(app)


# Other screens ----------------------------------------------------------------------------------


async def test_a_kind_key_on_contacts_opens_the_log_form_over_the_screen(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        _select(app, "#contacts", "Old Friend")
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, LogDialog)
        assert app.screen.query_one("#contact", Input).value == "Old Friend"
        await _type(pilot, "lunch")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert "meet" in screen_text(app) and "lunch" in screen_text(app)
    meets = [a for a in Store(seeded).load().actions if a.note == "lunch"]
    assert [a.kind for a in meets] == ["meet"]


async def test_reciprocity_keys_act_on_the_selected_person(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        _select(app, "#balances", "Priya Nair")
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PlanDialog)
        assert app.screen.query_one("#plan-kind", KindPicker).kind == "give"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.selected().name == "Priya Nair"


# Contacts: sort, filters, search ----------------------------------------------------------------


def _headings(app) -> list[str]:
    return [str(c.label) for c in app.screen.query_one("#contacts", DataTable).columns.values()]


def _names(app) -> list[str]:
    return [row[0] for row in _rows(app, "#contacts")]


async def test_contacts_sort_by_keys_with_one_marker_and_again_reverses(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert _names(app) == ["Dana Lee", "Old Friend", "Priya Nair", "Sam Ortiz"]
        assert [h for h in _headings(app) if h[-1] in "▲▼"] == ["name ▲"]
        await pilot.press("L")
        await settle(pilot)
        assert _names(app) == ["Old Friend", "Priya Nair", "Dana Lee", "Sam Ortiz"]
        assert [h for h in _headings(app) if h[-1] in "▲▼"] == ["last touch ▲"]
        await pilot.press("L")
        await settle(pilot)
        assert _names(app) == ["Sam Ortiz", "Dana Lee", "Priya Nair", "Old Friend"]
        assert [h for h in _headings(app) if h[-1] in "▲▼"] == ["last touch ▼"]
        await pilot.press("O")
        await settle(pilot)
        assert _names(app)[0] == "Old Friend"
        assert [h for h in _headings(app) if h[-1] in "▲▼"] == ["status ▼"]


async def test_a_click_on_a_heading_sorts_by_that_column(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        table = app.screen.query_one("#contacts", DataTable)
        x = 0
        for column in table.columns.values():
            if str(column.label) == "bal":
                break
            x += column.get_render_width(table)
        await pilot.click("#contacts", offset=(x + 1, 0))
        await settle(pilot)
        assert _names(app)[0] == "Priya Nair", "the lowest balance first"
        assert [h for h in _headings(app) if h[-1] in "▲▼"] == ["bal ▲"]


async def test_contacts_filters_by_circle_tag_and_overdue(seeded) -> None:
    netrack(seeded, "contact", "edit", "Sam", "--tags", "python,berlin")
    app = make_app(seeded)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("c")  # inner
        await settle(pilot)
        assert _names(app) == ["Dana Lee", "Old Friend"]
        await pilot.press("o")
        await settle(pilot)
        assert _names(app) == ["Old Friend"]
        assert "1 of 4 contacts · circle inner · overdue" in screen_text(app)
        await pilot.press("o", "c", "c", "c", "c")  # back to every circle
        await pilot.press("t")  # the first tag: berlin
        await settle(pilot)
        assert _names(app) == ["Sam Ortiz"]
        assert "tag berlin" in screen_text(app)


async def test_contacts_search_finds_words_in_contact_and_action_notes(seeded) -> None:
    netrack(seeded, "contact", "edit", "Old Friend", "--notes", "plays the cello")
    app = make_app(seeded)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash")
        await _type(pilot, "hiring deck")
        await settle(pilot)
        assert _names(app) == ["Dana Lee"]
        app.screen.query_one("#contact-filter", Input).value = "CELLO"
        await settle(pilot)
        assert _names(app) == ["Old Friend"]


# The People palette -----------------------------------------------------------------------------


async def test_the_people_palette_finds_a_person_and_logs_with_them(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("3")  # from another screen
        await settle(pilot)
        await run_from_palette(pilot, "log give old", "Log give with Old Friend")
        await settle(pilot)
        assert isinstance(app.screen, LogDialog)
        assert app.screen.query_one("#contact", Input).value == "Old Friend"
        assert app.screen.query_one("#kind", KindPicker).kind == "give"
        await pilot.press("escape")
        await settle(pilot)
        await run_from_palette(pilot, "open priya", "Open Priya Nair")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.selected().name == "Priya Nair"


async def test_planning_from_the_palette_picks_the_kind_with_one_key_then_takes_a_note(
    seeded,
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await run_from_palette(pilot, "plan dana", "Plan Dana Lee")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanDialog), "the plan form")
        picker = app.screen.query_one("#plan-kind", KindPicker)
        assert picker.kind == "any" and picker.has_focus, "nothing suggested: kind first"
        await pilot.press("g")
        assert picker.kind == "give"
        assert app.screen.query_one("#plan-note", Input).has_focus
        await _type(pilot, "the salary survey")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, PlanDialog)
    [item] = Store(seeded).load().plans
    assert (item.kind, item.note) == ("give", "the salary survey")


# The new user's guide ---------------------------------------------------------------------------


async def test_the_guide_ticks_each_first_step_and_stays_after_the_first_log(
    db_path, frozen
) -> None:
    netrack(db_path, "contact", "add", "Dana Lee")
    netrack(db_path, "give", "Dana", "hello")
    app = make_app(db_path)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "✓ 1. Bring in the people you know" in text
        assert "2. Set your weekly targets" in text and "✓ 2." not in text
        assert "Sort people into circles" in text
        assert "✓ 4. Log what you do" in text
        netrack(db_path, "contact", "edit", "Dana", "--circle", "inner")
        netrack(db_path, "habit", "set", "Reach-outs", "2")
        app.reload()
        await settle(pilot)
        assert "Welcome to netrack" not in screen_text(app), "every step is done"
