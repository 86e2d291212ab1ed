"""The daily loop in the app, as a person finds it: the traps found by hand, each held shut."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from netrack.store import Store
from tests.tui_support import (
    _TEXT,
    make_app,
    netrack,
    screen_lines,
    screen_text,
    settle,
    table_rows,
)


def _visible(app, widget) -> bool:
    """True when ``widget`` is drawn, whole, inside the terminal (not scrolled or cut off)."""
    region = widget.region
    screen = app.screen.region
    if region.area == 0 or not screen.contains_region(region):
        return False
    found, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y)
    return found is widget or widget in found.ancestors


# Today ------------------------------------------------------------------------------


async def test_the_channel_picked_for_one_log_does_not_carry_over_to_the_next(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", *"Dana Lee")
        app.screen.query_one("#channel", Select).value = "email"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#channel", Select).value == "other"
        await pilot.press("m", *"Sam Ortiz", "enter")
        await settle(pilot)
    channels = {a.kind: a.channel for a in Store(seeded).load().actions if a.at.day == 19}
    assert channels == {"give": "email", "meet": "other"}


async def test_the_personal_box_is_empty_when_off_and_ticked_when_on(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        line = next(line for line in screen_lines(app) if "▌ personal" in line)
        assert "▐ ▌ personal" in line
        app.screen.query_one("#personal").value = True
        await settle(pilot)
        line = next(line for line in screen_lines(app) if "▌ personal" in line)
        assert "▐X▌ personal" in line


async def test_a_promise_is_logged_from_the_form_with_its_due_date(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("g", *"Dana Lee", "tab", *"intro to the CFO", "tab")
        assert app.focused is app.screen.query_one("#due", Input)
        await pilot.press(*"fri", "enter")
        await settle(pilot)
        assert "follow-up due Fri 20 Nov" in screen_text(app)
        followups = table_rows(app.screen.query_one("#followups", DataTable))
        assert ["Fri 20 Nov", "Dana Lee", "intro to the CFO"] in followups
    promise = next(f for f in Store(seeded).load().followups if f.text == "intro to the CFO")
    assert (promise.due.isoformat(), promise.is_open) == ("2026-11-20", True)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_every_field_of_the_quick_log_form_fits(seeded, size) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await pilot.press("r")
        await settle(pilot)
        form = app.screen.query_one("#quick-log")
        for selector in ("#kind", "#contact", "#note", "#when", "#due", "#channel", "#personal"):
            assert _visible(app, form.query_one(selector)), selector
        assert _visible(app, form.query_one("#log"))


async def test_a_follow_up_shows_its_whole_text_beside_a_short_week(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "Follow up after meeting: coffee" in screen_text(app)


async def test_the_lists_stack_on_a_narrow_terminal_and_show_whole_follow_ups(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        followups = app.screen.query_one("#followups", DataTable)
        week = app.screen.query_one("#week-actions", DataTable)
        assert followups.region.x == week.region.x  # one under the other
        followups.focus()
        await settle(pilot)
        assert "Follow up after meeting: coffee" in screen_text(app)


async def test_contacts_made_in_the_app_start_in_the_default_circle(seeded) -> None:
    netrack(seeded, "config", "new-contact-circle", "active")
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("g", *"Ines Duarte", "enter")
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        assert app.screen.query_one("#f-circle", Select).value == "active"
        await pilot.press(*"Omar Haddad", "enter")
        await settle(pilot)
    circles = {c.name: c.circle for c in Store(seeded).load().contacts}
    assert (circles["Ines Duarte"], circles["Omar Haddad"]) == ("active", "active")


def _read_piece_by_piece(svg: str) -> list[str]:
    """A screenshot's lines as a reader that drops the blanks starting each styled piece
    sees them (the pieces of a line joined in order)."""
    rows: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for x, y, text in _TEXT.findall(svg):
        rows[y].append((float(x), html.unescape(text).replace("\xa0", " ")))
    return ["".join(text.lstrip() for _, text in sorted(row)) for row in rows.values()]


async def test_headers_keep_their_words_apart_when_read_piece_by_piece(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        today = _read_piece_by_piece(app.export_screenshot())
        await pilot.press("3")
        await settle(pilot)
        review = _read_piece_by_piece(app.export_screenshot())
        await pilot.press("5")
        await settle(pilot)
        reciprocity = _read_piece_by_piece(app.export_screenshot())
    assert any("netrack · Today — /" in line for line in today)
    assert any("This week 2026-W47 · Mon 16 Nov – Sun 22 Nov · 4 days left" in x for x in today)
    assert any("Week 2026-W47  Mon 16 Nov – Sun 22 Nov  · this week" in x for x in review)
    assert any("all time: gives 11 · takes 1 · balance +10 · give share" in x for x in reciprocity)


# Streaks ----------------------------------------------------------------------------


async def test_the_streaks_grid_shows_the_current_week_at_80x24(seeded) -> None:
    def last_weeks_shown() -> str:
        header = next(line for line in screen_lines(app) if " habit " in line and " 4" in line)
        return header.rstrip()[-5:]

    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert last_weeks_shown() == "46 47"
        grid = app.screen.query_one("#week-grid", DataTable)
        assert grid.cursor_column == len(grid.columns) - 1  # the current week is picked
        netrack(seeded, "give", "Dana Lee", "from the shell")  # the grid is drawn again
        app.reload()
        await settle(pilot)
        assert last_weeks_shown() == "46 47"
        assert "2026-W47: Mon 16 Nov – Sun 22 Nov" in screen_text(app)  # as the review says


async def test_met_and_missed_weeks_differ_by_more_than_colour(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        grid = [line for line in screen_lines(app) if "▒▒" in line]
        row = next(line for line in grid if line.startswith(" Give first"))
        legend = next(line for line in screen_lines(app) if "not tracked" in line)
    cells = row.split()[2:]  # after the name: one glyph pair per week, oldest first
    met, missed = cells[-2], cells[-7]  # 2026-W46 (three gives) and 2026-W41 (one)
    assert met != missed
    assert f"{met} met" in legend and f"{missed} missed" in legend


# Review -----------------------------------------------------------------------------


async def test_changing_week_after_a_reflection_shows_the_new_week_from_the_top(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "w", *"good week", "ctrl+s", "escape")
        await settle(pilot)
        assert "Week 2026-W47" not in screen_text(app)  # scrolled down to the reflection
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "Week 2026-W46" in screen_text(app)
        await pilot.press("w", "escape", "right_square_bracket")
        await settle(pilot)
        assert "Week 2026-W47" in screen_text(app)


async def test_next_week_stops_at_the_current_week(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50), notifications=True) as pilot:
        await pilot.press("3", "right_square_bracket", "right_square_bracket")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W47" in text and "Week 2026-W48" not in text
        assert "This is the current week" in text
        await pilot.press("left_square_bracket", "right_square_bracket")
        await settle(pilot)
        assert "Week 2026-W47" in screen_text(app)


# Reciprocity ------------------------------------------------------------------------


async def test_sorting_again_starts_at_the_top_of_the_list(seeded) -> None:
    for n in range(30):
        # --new: "Person 01" is close to "Person 00", not a typo of it
        netrack(seeded, "give" if n % 3 else "ask", f"Person {n:02}", "--on", "2026-11-02", "--new")
    app = make_app(seeded)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#balances", DataTable)
        table.move_cursor(row=table.row_count - 2)  # someone far down the list
        await settle(pilot)
        assert table.scroll_y > 0
        await pilot.press("N")  # by name: the list starts at A, whoever was picked
        await settle(pilot)
        assert table.cursor_row == 0
        assert table_rows(table)[0][0] in screen_text(app)  # the top row is in view
        await pilot.press("F")  # only flagged
        await settle(pilot)
        assert table.cursor_row == 0 and table.scroll_y == 0


# Help and the command palette -------------------------------------------------------

KEYS_PAGE = Path(__file__).parent.parent / "docs" / "keys.md"
SHOWN_AS = {"enter": "⏎", "ctrl+s": "^s", "ctrl+p": "^p", "escape": "esc"}  # as the footer shows


def _documented_keys() -> dict[str, list[str]]:
    """docs/keys.md: each table's heading (``Today``, ``Everywhere`` ...) and its keys."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in KEYS_PAGE.read_text("utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if not line.startswith("|") or cells[0].startswith("---"):
            continue
        if not cells[1]:  # a heading row: "| Today (`1`) | |"
            current = cells[0].split(" (")[0]
            continue
        sections.setdefault(current, []).extend(re.findall(r"`([^`]+)`", cells[0]))
    return sections


async def test_help_shows_every_key_the_keys_page_lists_under_its_screen(seeded) -> None:
    documented = _documented_keys()
    assert {"Everywhere", "Today", "Contacts", "Streaks"} <= set(documented)
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        text = app.screen.text()
    sections = dict((block.split("\n", 1)[0].split(" (")[0], block) for block in text.split("\n\n"))
    missing = [
        f"{section}: {key}"
        for section, keys in documented.items()
        for key in keys
        if not re.search(
            rf"^  (\S+ )*({re.escape(key)}|{re.escape(SHOWN_AS.get(key, key))})( |$)",
            sections.get(section, ""),
            re.M,
        )
    ]
    assert missing == []


# Settings and habits ----------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)])
async def test_every_field_of_the_settings_is_in_view_when_it_has_the_focus(seeded, size) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await pilot.press("escape", "comma")
        await settle(pilot)
        dialog = app.screen.query_one("#settings")
        seen = []
        for _ in range(60):
            focused = app.focused
            assert focused is not None
            if focused in seen:
                break
            seen.append(focused)
            assert _visible(app, focused), f"{focused} is out of view"
            await pilot.press("tab")
            await settle(pilot)
        assert dialog.region.right <= size[0]
        ids = {widget.id for widget in seen}
        assert {"remove-0", "remove-3", "new-name", "new-kinds", "new-target", "save"} <= ids


async def test_removing_a_habit_asks_first(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "comma")
        await settle(pilot)
        app.screen.query_one("#remove-1").focus()  # Give first
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "Remove habit Give first?" in text and "3-week streak" in text
        await pilot.press("escape")  # changed their mind
        await settle(pilot)
        assert [h.name for h in Store(seeded).load().habits][1] == "Give first"
        await pilot.press("enter", "y")
        await settle(pilot)
    assert "Give first" not in [h.name for h in Store(seeded).load().habits]


async def test_actions_logged_in_the_same_second_list_the_latest_first(seeded) -> None:
    # Time is frozen: everything below is logged in one and the same second.
    for name in ("Ann Bell", "Ben Cole", "Cy Dunn"):
        netrack(seeded, "give", name, f"from the shell to {name}")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "r", *"Dee", "enter")
        await settle(pilot)
        await pilot.press("m", *"Eve", "enter")
        await settle(pilot)
        week = table_rows(app.screen.query_one("#week-actions", DataTable))
        assert [row[2] for row in week[:5]] == ["Eve", "Dee", "Cy Dunn", "Ben Cole", "Ann Bell"]
