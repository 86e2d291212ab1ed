"""Undo and history in the app: u takes back any change, asking first unless it is the
action just logged; the History dialog lists every change and takes back any of them."""

from __future__ import annotations

from textual.widgets import DataTable

from netrack.store import Store
from netrack.tui.widgets.forms import Confirm
from tests.test_tui_writes import lock_held
from tests.tui_support import make_app, netrack, run_from_palette, screen_text, settle, table_rows


def _said(app) -> list[str]:
    return [n.message for n in app._notifications]


def _gives(db) -> list[str]:
    data = Store(db).load()
    names = {c.id: c.name for c in data.contacts}
    return [
        f"{names.get(a.contact_id or '', '')}: {a.note}" for a in data.actions if a.kind == "give"
    ]


async def test_u_right_after_a_quick_add_takes_it_back_at_once_and_says_so(seeded) -> None:
    gives_before = _gives(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # Typed in one go while another process holds the file: u waits behind the add.
        with lock_held(seeded):
            await pilot.press("g", *"Ann", "tab", *"hi", "enter", "u")
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)  # the action just logged: no question
        assert "undid: logged give → Ann" in _said(app)
        result = app.screen.query_one("#form-result")
        assert str(result.content) == "undid: logged give → Ann"  # no longer "logged …"
    assert _gives(seeded) == gives_before
    assert "Ann" not in [c.name for c in Store(seeded).load().contacts]
    assert any(a.kind == "reach-out" for a in Store(seeded).load().actions)  # seeded one stays


async def test_u_asks_before_taking_back_what_was_not_just_logged_here(seeded) -> None:
    netrack(seeded, "habit", "remove", "Give first", "--yes")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "u")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Undo “removed habit Give first”?"
        assert app.screen.detail.endswith(": 1 habit removed")
        await pilot.press("n")  # changed their mind
        await settle(pilot)
        assert "Give first" not in [h.name for h in Store(seeded).load().habits]
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert "Give first" in [h.name for h in Store(seeded).load().habits]
        assert any(line.startswith("undid: removed habit Give first") for line in _said(app))
        # A second u takes back the change before: the reach-out logged from the shell,
        # which was not logged in this app, so it asks too.
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Undo “logged reach-out → Sam Ortiz”?"
        await pilot.press("y")
        await settle(pilot)
    assert not any(a.kind == "reach-out" for a in Store(seeded).load().actions)


async def test_a_change_made_elsewhere_while_u_asks_is_not_undone_in_its_place(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "u")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)  # about the seeded reach-out
        netrack(seeded, "give", "Sam Ortiz", "sent the article")  # from another terminal
        await pilot.press("y")
        await settle(pilot)
        assert any("made meanwhile; nothing was undone" in line for line in _said(app))
    actions = Store(seeded).load().actions
    assert any(a.note == "sent the article" for a in actions)
    assert any(a.kind == "reach-out" for a in actions)


async def test_history_from_the_palette_lists_changes_and_undoes_the_one_picked(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await run_from_palette(pilot, "history", "History")
        await settle(pilot)
        table = app.screen.query_one("#changes", DataTable)
        rows = table_rows(table)
        assert [row[1] for row in rows[:2]] == [
            "logged reach-out → Sam Ortiz",
            "logged give → Dana Lee",
        ]
        assert rows[0][3] == "1 action added"
        await pilot.press("down", "u")  # the give of the hiring deck, not the newest
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Undo “logged give → Dana Lee”?"
        await pilot.press("y")
        await settle(pilot)
        rows = table_rows(app.screen.query_one("#changes", DataTable))
        assert rows[1][1:] == ["logged give → Dana Lee", "undone", "1 action added"]
        assert rows[0][2] == ""  # the newest is untouched
        await pilot.press("escape")
        await settle(pilot)
        assert app.current_mode == "today"
    notes = [a.note for a in Store(seeded).load().actions]
    assert "sent the hiring deck" not in notes and "how was the trip" in notes


async def test_h_opens_the_history_and_an_empty_one_says_what_it_will_hold(db_path, frozen) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "h")
        await settle(pilot)
        hint = str(app.screen.query_one("#history-hint").content)
        assert hint.startswith("No changes recorded yet")
        assert "touched" not in screen_text(app), "no empty table's header under the hint"
        await pilot.press("u")  # nothing to undo, nothing asked
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)


async def test_the_question_says_what_undo_keeps_and_an_undone_change_is_not_asked_about(
    seeded,
) -> None:
    netrack(seeded, "give", "Mei Chen", "intro")
    netrack(seeded, "contact", "edit", "mei", "--notes", "met at PyCon")
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "h")
        await settle(pilot)
        await pilot.press("down", "u")  # the give that made Mei, edited since
        await settle(pilot)
        assert app.screen.question == "Undo “logged give → Mei Chen”?"
        assert "keeps contact Mei Chen (edited since)" in app.screen.detail
        await pilot.press("y")
        await settle(pilot)
        assert "undid: logged give → Mei Chen; kept contact Mei Chen (edited since)" in _said(app)
        await pilot.press("u")  # the same row, undone now: nothing to ask
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        assert "“logged give → Mei Chen” was undone already" in _said(app)
    data = Store(seeded).load()
    mei = next(c for c in data.contacts if c.name == "Mei Chen")
    assert mei.notes == "met at PyCon"
    assert not any(a.contact_id == mei.id for a in data.actions)
