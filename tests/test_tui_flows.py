"""Using the app with the keyboard: logging, closing, undoing, reflecting, skipping, merging."""

from __future__ import annotations

from textual.widgets import DataTable, Input, TextArea

from netrack.store import Store
from tests.conftest import run_netrack
from tests.tui_support import (
    HOSTILE_NAMES,
    make_app,
    netrack,
    run_from_palette,
    screen_lines,
    screen_text,
    settle,
    table_rows,
    wait_until,
)


async def _type(pilot, text: str) -> None:
    for char in text:
        await pilot.press(char if char != " " else "space")


async def test_log_an_action_with_the_keyboard_alone(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "g")
        await _type(pilot, "Priya Nair")
        await pilot.press("tab")
        await _type(pilot, "shared [salary] data")
        await pilot.press("enter")
        await settle(pilot)
        week = table_rows(app.screen.query_one("#week-actions", DataTable))
        assert week[0][1:] == ["give", "Priya Nair", "shared [salary] data"]
        assert "logged give → Priya Nair" in screen_text(app)
        assert "gives this week 2/3" in screen_text(app)
    actions = Store(seeded).load().actions
    assert any(a.kind == "give" and a.note == "shared [salary] data" for a in actions)


async def test_form_completes_names_and_logs_a_new_contact(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "m")
        await _type(pilot, "Dan")
        await settle(pilot)
        await pilot.press("right")  # accept the suggested name
        assert app.screen.query_one("#contact", Input).value == "Dana Lee"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await _type(pilot, "Zoë Ñúñez")
        await settle(pilot)
        assert "new contact: Zoë Ñúñez" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
    data = Store(seeded).load()
    assert "Zoë Ñúñez" in [c.name for c in data.contacts]
    assert sum(a.kind == "meet" for a in data.actions) == 2


async def test_bad_form_input_is_shown_next_to_the_field_and_nothing_is_saved(seeded) -> None:
    before = seeded.read_bytes()
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "g", "enter")
        await settle(pilot)
        assert "Contact: name the person" in screen_text(app)
        await _type(pilot, "Dana Lee")
        for _ in range(3):  # past the note and the due date
            await pilot.press("tab")
        await _type(pilot, "fortnight ago")
        await pilot.press("enter")
        await settle(pilot)
        assert "When: unknown date 'fortnight ago'" in screen_text(app)
        await pilot.press("ctrl+a")
        app.screen.query_one("#when", Input).value = "tomorrow"
        await pilot.press("enter")
        await settle(pilot)
        assert "in the future" in screen_text(app)
        assert app.is_running
    assert seeded.read_bytes() == before


async def test_ambiguous_name_is_refused_in_the_form(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        netrack(seeded, "contact", "add", "Dana Smith")
        app.reload()
        await pilot.press("escape", "g")
        await _type(pilot, "dana")
        await pilot.press("enter")
        await settle(pilot)
        assert "matches Dana Lee, Dana Smith" in screen_text(app)


async def test_mark_a_follow_up_done_then_reopen_it(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#followups", DataTable).focus()
        await pilot.press("d")
        await settle(pilot)
        # Listed as done today, under what is still owed, so that o can reopen it.
        assert table_rows(app.screen.query_one("#followups", DataTable)) == [
            ["✓ done", "Sam Ortiz", "Follow up after meeting: coffee"]
        ]
        # Done logs a follow-up with Sam, as netrack done does.
        week = table_rows(app.screen.query_one("#week-actions", DataTable))
        assert week[0][1:] == ["follow-up", "Sam Ortiz", "Follow up after meeting: coffee"]
        (followup,) = Store(seeded).load().followups
        assert not followup.is_open
        await pilot.press("d")  # done already: nothing more is logged
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#followups", DataTable))
        assert [row[1:] for row in rows] == [["Sam Ortiz", "Follow up after meeting: coffee"]]
        assert rows[0][0] != "✓ done"
    data = Store(seeded).load()
    (followup,) = data.followups
    assert followup.is_open
    follow_ups = [a for a in data.actions if a.kind == "follow-up"]
    assert len(follow_ups) == 1 and follow_ups[0].closed_followup_id is None  # it happened


async def test_log_a_reach_out_to_someone_going_cold(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.query_one("#cold", DataTable).focus()
        await pilot.press("r")  # the form, with them filled in and the cursor on the note
        assert app.screen.query_one("#contact", Input).value == "Old Friend"
        assert app.screen.query_one("#note", Input).has_focus
        await _type(pilot, "long time")
        await pilot.press("enter")
        await settle(pilot)
        # They were the only one: the list says so rather than showing its headings alone.
        cold = table_rows(app.screen.query_one("#cold", DataTable))
        assert cold == [["nobody is going cold", "", ""]]
    data = Store(seeded).load()
    friend = next(c for c in data.contacts if c.name == "Old Friend")
    assert any(a.kind == "reach-out" and a.contact_id == friend.id for a in data.actions)


async def test_undo_removes_the_last_action(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "u")
        await settle(pilot)
        await pilot.press("y")  # logged from the shell, not just now here: it asks first
        await settle(pilot)
        week = table_rows(app.screen.query_one("#week-actions", DataTable))
        assert [row[1] for row in week] == ["give"]
    assert not any(a.kind == "reach-out" for a in Store(seeded).load().actions)


async def test_a_reflection_survives_a_restart(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("3", "w")
        await _type(pilot, "Coffee chats worked")
        app.screen.query_one("#focus", Input).value = "ask [for] intros"
        await pilot.press("ctrl+s")
        await settle(pilot)
    again = make_app(seeded)
    async with again.run_test(size=(120, 50)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert again.screen.query_one("#reflection", TextArea).text == "Coffee chats worked"
        assert again.screen.query_one("#focus", Input).value == "ask [for] intros"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert again.screen.query_one("#reflection", TextArea).text == ""


async def test_moving_to_another_week_saves_what_was_typed(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("3", "w")
        await _type(pilot, "quiet")
        await pilot.press("escape", "left_square_bracket")
        await settle(pilot)
    notes = Store(seeded).load().week_notes
    assert [(n.week, n.reflection) for n in notes] == [("2026-W47", "quiet")]


async def test_mark_a_week_skipped_on_the_streaks_screen(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("left", "left", "left")  # 2026-W44
        await pilot.press("s")
        await settle(pilot)
        info = next(line for line in screen_lines(app) if "2026-W44:" in line)
        assert "skipped" in info
        rows = table_rows(app.screen.query_one("#streak-table", DataTable))
        assert next(r for r in rows if r[0] == "Give first")[3] == "2 weeks"  # W44 no longer counts
    assert [n.week for n in Store(seeded).load().week_notes if n.skipped] == ["2026-W44"]


async def test_add_then_merge_a_contact(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot)
        await _type(pilot, "D. Lee")
        await pilot.press("tab")
        await _type(pilot, "Acme")
        await pilot.press("enter")
        await settle(pilot)
        names = [r[0] for r in table_rows(app.screen.query_one("#contacts", DataTable))]
        assert "D. Lee" in names
        netrack(seeded, "give", "D. Lee", "old note")
        app.reload()
        await settle(pilot)
        table = app.screen.query_one("#contacts", DataTable)
        table.move_cursor(
            row=table.get_row_index(
                next(c.id for c in app.snapshot.data.contacts if c.name == "D. Lee")
            )
        )
        await pilot.press("M")
        await settle(pilot)
        await _type(pilot, "Dana L")
        await settle(pilot)
        assert "→ Dana Lee" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Merge D. Lee into Dana Lee?" in screen_text(app)  # asks first
        assert "1 action and 0 follow-ups move to Dana Lee" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        names = [r[0] for r in table_rows(app.screen.query_one("#contacts", DataTable))]
        assert "D. Lee" not in names
    data = Store(seeded).load()
    dana = next(c for c in data.contacts if c.name == "Dana Lee")
    assert any(a.note == "old note" and a.contact_id == dana.id for a in data.actions)


async def test_archive_and_restore_a_contact(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2", "x")
        await settle(pilot)
        assert "Archive Dana Lee?" in screen_text(app)
        await pilot.press("escape")  # changed their mind
        await settle(pilot)
        assert "Dana Lee" in [
            r[0] for r in table_rows(app.screen.query_one("#contacts", DataTable))
        ]
        await pilot.press("x", "enter")
        await settle(pilot)
        names = [r[0] for r in table_rows(app.screen.query_one("#contacts", DataTable))]
        assert "Dana Lee" not in names
        await pilot.press("A")
        await settle(pilot)
        assert "Dana Lee" in [
            r[0] for r in table_rows(app.screen.query_one("#contacts", DataTable))
        ]
    assert next(c for c in Store(seeded).load().contacts if c.name == "Dana Lee").archived


async def test_hostile_names_show_literally_on_every_screen(db_path, frozen) -> None:
    for name in HOSTILE_NAMES:
        netrack(db_path, "contact", "add", name, "--circle", "inner", "--company", "[b]Co[/b]")
        netrack(db_path, "give", name, f"note about {name}", "--on", "2026-10-20")
        netrack(db_path, "ask", name, "[red]help[/red]")
        netrack(db_path, "meet", name, "--on", "2026-11-10")
    netrack(db_path, "reflect", "[@click=app.quit]thanks [/]")
    netrack(db_path, "habit", "add", "[b]Posts [/]", "--kinds", "post", "--target", "1")
    app = make_app(db_path)
    async with app.run_test(size=(160, 60)) as pilot:
        for key in ["1", "2", "3", "4", "5"]:
            await pilot.press(key)
            await settle(pilot)
            text = screen_text(app)
            shown = [name for name in [*HOSTILE_NAMES, "[b]Posts [/]"] if name in text]
            assert shown, f"no hostile name visible on screen {key}"
            assert app.is_running
        await pilot.press("2")
        await settle(pilot)
        text = screen_text(app)
        assert all(name in text for name in HOSTILE_NAMES)
        assert "[b]Co[/b]" in text
        await pilot.press("3")
        await settle(pilot)
        assert app.screen.query_one("#reflection", TextArea).text == "[@click=app.quit]thanks [/]"
        await pilot.press("1")
        await settle(pilot)
        text = screen_text(app)
        assert "[red]help[/red]" in text
        assert app.is_running


async def test_a_quick_add_from_another_terminal_shows_up(seeded) -> None:
    app = make_app(seeded, watch_file=True)
    async with app.run_test(size=(120, 40)) as pilot:
        result = run_netrack("give", "Sam Ortiz", "from another terminal", db=seeded)
        assert result.returncode == 0, result.stderr

        def week_notes() -> list[str]:
            return [r[3] for r in table_rows(app.screen.query_one("#week-actions", DataTable))]

        # The app looks at the file every second.
        await wait_until(pilot, lambda: "from another terminal" in week_notes(), "the reload")
        assert week_notes()[0] == "from another terminal"
        # A write from the app afterwards keeps the other terminal's action.
        await pilot.press("escape", "u")
        await settle(pilot)
        await pilot.press("y")  # not logged here: u asks first
        await settle(pilot)
        await pilot.press("g")
        await _type(pilot, "Dana Lee")
        await pilot.press("enter")
        await settle(pilot)
    notes = [a.note for a in Store(seeded).load().actions]
    assert "from another terminal" not in notes  # the app undid it: the newest action
    assert notes.count("") >= 1


async def test_help_lists_keys_and_the_palette_switches_screens(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        assert "netrack keys" in screen_text(app)
        text = app.screen.text()
        for expected in (
            "Today (key 1)",
            "Review (key 3)",
            "Mark the selected follow-up done",
            "Mark the selected week skipped",
            "Previous week",
            "^p",
            "log a give",
        ):
            assert expected in text
        await pilot.press("escape")
        await settle(pilot)
        await run_from_palette(pilot, "Go to Review", "Go to Review")
        assert app.current_mode == "review"
        assert "Week 2026-W47" in screen_text(app)


async def test_opening_on_the_review_of_a_given_week(seeded) -> None:
    app = make_app(seeded, start_screen="review", review_week="2026-W45")
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        assert app.current_mode == "review"
        assert "Week 2026-W45" in screen_text(app)


def test_review_command_checks_the_week_before_opening(cli) -> None:
    result = cli("review", "--week", "2026-W99")
    assert result.code == 2
    assert "does not exist" in result.err


async def test_settings_change_the_week_start_and_a_target(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("escape", "comma")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#set-followup-days", Input).value = "3"
        screen.query_one("#target-1", Input).value = "4"
        screen.query_one("#new-name", Input).value = "Events"
        screen.query_one("#new-kinds", Input).value = "event"
        screen.query_one("#new-target", Input).value = "1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Give first" in screen_text(app) and "1/4" in screen_text(app)
    data = Store(seeded).load()
    assert data.settings.followup_days == 3
    assert [(h.name, h.target) for h in data.habits][1:] == [
        ("Give first", 4),
        ("Follow-ups", 3),
        ("Meet", 1),
        ("Events", 1),
    ]


async def test_settings_refuse_bad_values_and_change_nothing(seeded) -> None:
    before = seeded.read_bytes()
    app = make_app(seeded)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("escape", "comma")
        await settle(pilot)
        app.screen.query_one("#set-day-starts-at", Input).value = "25"
        app.screen.query_one("#target-0", Input).value = "7"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "invalid day-starts-at" in screen_text(app)
        assert app.is_running
    assert seeded.read_bytes() == before


async def test_edit_a_contact_in_the_form(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("2", "e")
        await settle(pilot)
        app.screen.query_one("#f-role", Input).value = "CTO"
        app.screen.query_one("#f-cadence", Input).value = "21"
        await pilot.press("ctrl+a")
        app.screen.query_one("#f-company", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
        assert "every 21 days" in screen_text(app)
    dana = next(c for c in Store(seeded).load().contacts if c.name == "Dana Lee")
    assert (dana.role, dana.cadence_days, dana.company) == ("CTO", 21, "Acme")


async def test_a_bad_contact_form_keeps_the_form_open(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("2", "n")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Name: give the person's name" in screen_text(app)
        app.screen.query_one("#f-name", Input).value = "Sam Ortiz"
        app.screen.query_one("#f-company", Input).value = "Typed Co"
        await pilot.press("enter")
        await settle(pilot)
        assert "a contact named 'Sam Ortiz' already exists" in screen_text(app)
        assert app.screen.query_one("#f-company", Input).value == "Typed Co"  # nothing lost
        assert app.is_running
    assert [c.name for c in Store(seeded).load().contacts].count("Sam Ortiz") == 1


async def test_the_users_own_kinds_can_be_logged_without_a_contact(seeded) -> None:
    netrack(seeded, "habit", "add", "Posts", "--kinds", "post", "--target", "1")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("escape", "g")
        await pilot.press("shift+tab", "left", "left")  # back to the kinds, round to "post"
        assert app.screen.query_one("#kind").kind == "post"
        await pilot.press("tab", "tab")
        await _type(pilot, "thread on hiring")
        await pilot.press("enter")
        await settle(pilot)
        assert "logged post → no contact" in screen_text(app)
        assert "Posts" in screen_text(app) and "1/1" in screen_text(app)


async def test_the_palette_offers_every_screens_keys_from_anywhere(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)  # on Today
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"New", "Edit", "Archive", "Merge", "Search", "Sort by last touch"} <= titles
        assert {"Mark the selected follow-up done (logs a follow-up)", "Log a give"} <= titles
        assert {"By name", "Mark the selected week skipped (or not)"} <= titles
        await run_from_palette(pilot, "Show archived", "Show archived")
        await settle(pilot)
        assert app.current_mode == "contacts" and app.screen.show_archived
        await run_from_palette(pilot, "By name", "By name")
        await settle(pilot)
        assert app.current_mode == "reciprocity" and app.screen.sort == "name"


async def test_a_file_damaged_while_the_app_runs_is_reported_and_never_overwritten(
    seeded,
) -> None:
    app = make_app(seeded, watch_file=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        seeded.write_bytes(b'{"contacts": {"1": ')  # truncated by something else
        await wait_until(pilot, lambda: app.load_error, "the damaged file to be noticed")
        assert "not valid JSON" in app.load_error
        await pilot.press("escape", "g")
        await _type(pilot, "Dana Lee")
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
        assert "not valid JSON" in screen_text(app)
    assert seeded.read_bytes() == b'{"contacts": {"1": '


async def test_editing_a_contact_keeps_changes_made_elsewhere_meanwhile(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("2", "e")  # the form opens on Dana Lee
        await settle(pilot)
        netrack(seeded, "contact", "edit", "Dana Lee", "--notes", "met her at PyCon")
        app.screen.query_one("#f-role", Input).value = "CTO"
        app.screen.query_one("#f-company", Input).focus()
        await pilot.press("enter")
        await settle(pilot)
    dana = next(c for c in Store(seeded).load().contacts if c.name == "Dana Lee")
    assert (dana.role, dana.notes, dana.company) == ("CTO", "met her at PyCon", "Acme")
