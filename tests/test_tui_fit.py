"""Found by hand at 80x24 and 120x40: nothing cut off or wrapped to the left edge."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from netrack.tui.screens.contacts import ContactsScreen
from netrack.tui.screens.events import EventsScreen
from netrack.tui.widgets.plan_dialog import PlanDialog
from tests.tui_support import make_app, netrack, screen_lines, screen_text, settle, wait_until


async def test_the_plan_dialog_shows_every_kind_at_80_columns(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
        await pilot.pause()
        await pilot.press("p")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanDialog), "the plan dialog")
        await pilot.pause()
        text = screen_text(app)
        for kind in ("r reach-out", "g give", "f follow-up", "m meet", "a ask", "v receive"):
            assert kind in text
        await pilot.press("v")  # the kind on the second line is picked like the others
        assert app.screen.query_one("#plan-kind").kind == "receive"


async def test_habit_bars_fit_again_when_the_terminal_narrows(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await wait_until(
            pilot, lambda: "…" not in "\n".join(screen_lines(app)[3:6]), "the bars narrowed"
        )
        assert "streak" in "\n".join(screen_lines(app)[3:6])


async def test_the_start_guide_wraps_a_long_step_under_itself_at_80_columns(
    db_path, frozen
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
    step = next(n for n, line in enumerate(lines) if "3. Sort people into circles" in line)
    first = lines[step + 2]
    column = first.index("(i inner")
    rest = lines[step + 3]
    assert rest[:column].strip(" │") == "", f"wrapped to the left: {rest!r}"
    assert rest[column:].strip(" │").endswith("minutes.")
    # No line of the guide wraps at 80 columns but the long LinkedIn path.
    vcard = next(n for n, line in enumerate(lines) if "import vcard contacts.vcf" in line)
    assert lines[vcard].strip(" │") == "netrack import vcard contacts.vcf"
    assert lines[vcard + 1].strip(" │") == "Or add them one by one: 2 (Contacts), then n."
    # The targets' step says what the targets are and which key changes them.
    targets = next(n for n, line in enumerate(lines) if "2. Set your weekly targets" in line)
    assert lines[targets + 1].strip(" │").startswith("To start: 5 reach-outs, 3 gives")
    assert lines[targets + 2].strip(" │") == "Press , (settings) to make them yours."


async def test_an_events_long_goal_wraps_beside_its_label_at_120_columns(seeded) -> None:
    goal = "meet two people who run data platforms and ask how their migrations went"
    netrack(seeded, "event", "add", "PyData Berlin", "--on", "sat", "--goal", goal)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("6")
        await wait_until(pilot, lambda: isinstance(app.screen, EventsScreen), "Events")
        await pilot.pause()
        lines = screen_lines(app)
    first = next(n for n, line in enumerate(lines) if "goal" in line and "meet two" in line)
    left, column = lines[first].index("goal"), lines[first].index("meet two")
    goal_lines = [lines[first][column:]]
    for line in lines[first + 1 :]:
        if line[left:column].strip():  # the next label, or a line wrapped to the left
            break
        goal_lines.append(line[column:])
    assert " ".join(" ".join(goal_lines).split()) == goal


LONG_PROMISE = "send her the notes from the platform migration talk and the slides we made"
LONG_NAME = "Christopher Alexander-Montgomery of Platform"


TODAY_LISTS = ("followups", "week-actions", "suggestions", "cold")


def _fits(table) -> bool:
    """Whether a table shows all its columns without scrolling sideways, or running past
    the side of the box it is in."""
    return (
        table.virtual_size.width <= table.scrollable_content_region.width
        and table.outer_size.width <= table.parent.content_size.width
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_todays_lists_fit_cutting_what_is_owed_not_who_or_when(seeded, size) -> None:
    netrack(seeded, "promise", "Dana Lee", LONG_PROMISE, "--due", "fri")
    netrack(seeded, "ask", LONG_NAME, "a long favour", "--on", "2026-11-12")
    netrack(seeded, "reach", "Sam Ortiz", LONG_PROMISE)
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        table = app.screen.query_one("#followups", DataTable)
        lists = [app.screen.query_one(f"#{name}", DataTable) for name in TODAY_LISTS]
        await wait_until(pilot, lambda: all(map(_fits, lists)), "Today's lists fit their width")
        table.scroll_visible(animate=False)
        await settle(pilot)
        line = next(line for line in screen_lines(app) if "Fri 20 Nov  Dana Lee" in line)
    assert "Dana Lee" in line
    assert "send her the notes" in line and "…" in line and LONG_PROMISE not in line


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_reciprocity_shows_every_flag_and_cuts_a_long_name(seeded, size) -> None:
    netrack(seeded, "ask", LONG_NAME, "a long favour", "--on", "2026-11-12")
    # Both flags, and a last give and a last take as long as they come ("10 months ago").
    netrack(seeded, "receive", "Nikolai Marchetti", "an intro", "--on", "2026-01-10")
    netrack(seeded, "give", "Ines Lange", "a referral", "--on", "2026-01-12")
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape", "5")
        await wait_until(pilot, lambda: "Reciprocity" in app.screen.title, "Reciprocity")
        await settle(pilot)
        table = app.screen.query_one("#balances", DataTable)
        assert _fits(table)
        lines = screen_lines(app)
    heading = next(line for line in lines if "last take" in line)
    assert heading.rstrip().endswith("flags ▲")
    christopher = next(line for line in lines if "Christo" in line)
    assert christopher.rstrip().endswith("ask-only")
    priya = next(line for line in lines if "Priya N" in line)
    assert priya.rstrip().endswith("ask-only")
    nikolai = next(line for line in lines if "Nikolai" in line)
    assert nikolai.split()[:2] == ["Nikolai", "Marchetti"]
    if size[0] == 80:
        # The days and the balance heading take short forms to leave names the room.
        assert nikolai.rstrip().endswith("10mo ago   ask-only owe")
        assert "bal" in heading.split() and "balance" not in heading
        assert LONG_NAME not in christopher and "…" in christopher
    else:
        assert nikolai.rstrip().endswith("10 months ago  ask-only owe")
        assert LONG_NAME in christopher, "room enough for the whole name at 120 columns"


@pytest.mark.parametrize("name", ["[Alice] Okonkwo-Lindqvist", "Dana [x] Fairweather-Lind"])
async def test_reciprocity_at_80_columns_shows_a_long_name_whole(seeded, name) -> None:
    netrack(seeded, "ask", name, "a long favour", "--on", "2026-01-12")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "5")
        await wait_until(pilot, lambda: "Reciprocity" in app.screen.title, "Reciprocity")
        await settle(pilot)
        assert _fits(app.screen.query_one("#balances", DataTable))
        line = next(
            line for line in screen_lines(app) if "Okonkwo" in line or "Fairweather" in line
        )
    assert line.startswith(f" {name}  "), line
    assert line.rstrip().endswith("10mo ago   ask-only")


async def test_who_next_with_nobody_to_suggest_says_so_in_full(db_path, frozen) -> None:
    netrack(db_path, "give", "Dana Lee", "sent the deck")
    assert "nobody: nothing due, owed or cold" in await _today_at_120(db_path)


async def test_todays_section_titles_show_in_full_beside_short_lists(db_path, frozen) -> None:
    netrack(db_path, "contact", "add", "Dana Lee")
    netrack(db_path, "plan", "add", "Dana", "give", "the deck")
    netrack(db_path, "give", "Dana Lee", "sent the deck")
    today = await _today_at_120(db_path)
    assert "Who next (n)  p: plan · g r f m …: log · enter: open" in today
    assert "This week's plan  1 of 1 done  (x: drop)" in today


async def _today_at_120(db_path) -> str:
    """Today's text at 120 columns once Who next is drawn (with nobody to suggest)."""
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await wait_until(pilot, lambda: "nobody" in screen_text(app), "Who next drawn")
        return screen_text(app)


async def test_a_long_plan_note_is_cut_to_its_half_and_cut_again_when_the_terminal_widens(
    seeded,
) -> None:
    netrack(seeded, "plan", "add", "Dana", "give", LONG_PROMISE)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        plan = app.screen.query_one("#plan", DataTable)
        await wait_until(pilot, lambda: _fits(plan), "the plan fits its half")
        line = next(line for line in screen_lines(app) if "Dana Lee  " in line)
        assert "send her the" in line and "…" in line and LONG_PROMISE not in line
        await pilot.resize_terminal(200, 40)  # wider: the note gets the room it needs
        await wait_until(pilot, lambda: LONG_PROMISE in screen_text(app), "the whole note")


async def _open_contacts(pilot, app) -> DataTable:
    """Contacts, opened from Today once the app has settled, with its list filled."""
    await settle(pilot)
    await pilot.press("escape", "2")
    await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")
    table = app.screen.query_one("#contacts", DataTable)
    await wait_until(pilot, lambda: table.row_count > 3, "the contacts listed")
    return table


async def test_contacts_at_80_columns_cut_a_long_company_and_name_not_the_status(
    seeded,
) -> None:
    netrack(seeded, "contact", "add", LONG_NAME, "--company", "Northwind Traders International")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await _open_contacts(pilot, app)
        assert _fits(table)
        line = next(line for line in screen_lines(app) if "Northwind" in line)
    assert "…" in line and "International" not in line
    assert line.rstrip().endswith(("overdue", "due soon", "ok", "—"))


async def test_the_reviews_overdue_promise_is_cut_on_its_line_not_wrapped_to_the_edge(
    seeded,
) -> None:
    netrack(seeded, "meet", "Dana Lee", LONG_PROMISE, "--on", "2026-11-16")  # due Wed 18
    app = make_app(seeded)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "3")
        await wait_until(pilot, lambda: "overdue since" in screen_text(app), "the review")
        lines = screen_lines(app)
    line = next(line for line in lines if "Wed 18 Nov" in line)
    assert "meeting: send her" in line and line.rstrip(" │").endswith("…")
    assert not any("slides we made" in line for line in lines), "the rest wrapped below"


@pytest.mark.parametrize("hidden", [False, True], ids=["shown", "hidden"])
async def test_contacts_cut_long_names_again_when_the_terminal_is_resized(seeded, hidden) -> None:
    """Names and companies are cut to fit when the terminal narrows, and shown whole
    again when it widens, with nothing else redrawing the list (also when the terminal
    was resized while another screen was shown)."""
    name, company = "Christopher Alexander-Montgomery", "Northwind Traders International"
    netrack(seeded, "contact", "add", name, "--company", company)
    app = make_app(seeded)

    async def resize(width: int, height: int) -> None:
        if hidden:
            await pilot.press("1")
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        if hidden:
            await pilot.press("2")
            await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen), "Contacts")

    def row() -> str:
        """The new contact's row in the list (never in touch: "never")."""
        return next((line for line in screen_lines(app) if "Chris" in line and "never" in line), "")

    async with app.run_test(size=(160, 40)) as pilot:
        table = await _open_contacts(pilot, app)
        await wait_until(pilot, lambda: f"{name}  {company}" in row(), "the whole row")
        await resize(80, 24)
        await wait_until(pilot, lambda: "…" in row(), "the name and company cut")
        await wait_until(pilot, lambda: _fits(table), "the list fits 80 columns")
        line = row()
        assert company not in line and name not in line
        assert line.rstrip().endswith("ok"), f"the status shows: {line!r}"
        await resize(160, 40)
        await wait_until(pilot, lambda: f"{name}  {company}" in row(), "the whole row again")


async def test_a_long_get_back_in_touch_list_fits_its_half_and_counts_the_rest(
    tmp_path, frozen
) -> None:
    from netrack.tui.screens.today import COLD_SHOWN
    from tests.history_support import write_demo_history

    path = write_demo_history(tmp_path, 3000, 600)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        cold = app.screen.query_one("#cold", DataTable)
        await wait_until(pilot, lambda: cold.row_count >= COLD_SHOWN, "the list drawn")
        await wait_until(pilot, lambda: _fits(cold), "the list fits its half")
        title = str(app.screen.query_one("#cold-title").render())
    assert title.startswith("Get back in touch  … ") and "more on Contacts (2, o: overdue)" in title


async def test_the_history_cuts_what_a_change_touched_to_fit_again_when_resized(seeded) -> None:
    from netrack.tui.screens.history import HistoryScreen

    netrack(seeded, "meet", "Dana Lee", "lunch", "--on", "2026-11-18")
    app = make_app(seeded)

    def meet() -> str:
        return next((line for line in screen_lines(app) if "logged meet → Dana" in line), "")

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "h")
        await wait_until(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        table = app.screen.query_one("#changes", DataTable)
        await wait_until(pilot, lambda: table.row_count > 3, "the changes listed")
        await wait_until(pilot, lambda: "1 action added, 1 follow-up added" in meet(), "whole")
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: "…" in meet() and _fits(table), "cut to fit 80")
        # what it touched shares the room with the change: more than "1 action a…"
        assert "1 action added, 1 f" in meet() and "1 follow-up added" not in meet()
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: "1 action added, 1 follow-up added" in meet(), "again")
