"""Redo: an undo taken back, in the CLI and the app, while nothing was written since."""

from __future__ import annotations

import json

from netrack.store import Store
from tests.conftest import raw_file, run_netrack
from tests.tui_support import make_app, netrack, screen_lines, settle, wait_until


def _gives(db) -> list[str]:
    data = Store(db).load()
    names = {c.id: c.name for c in data.contacts}
    return sorted(f"{names.get(a.contact_id or '', '')}: {a.note}" for a in data.actions)


def test_redo_takes_back_the_undos_latest_first(cli, store: Store) -> None:
    cli("give", "Dana Lee", "sent the deck")
    cli("give", "Sam Ortiz", "an intro")
    both = _gives(store.path)
    cli("undo")
    cli("undo")
    assert _gives(store.path) == []
    result = cli("redo")
    assert (result.code, result.out) == (0, "redid: logged give → Dana Lee\n")
    assert _gives(store.path) == ["Dana Lee: sent the deck"]
    assert cli("redo").out == "redid: logged give → Sam Ortiz\n"
    assert _gives(store.path) == both
    assert [c.name for c in store.load().contacts] == ["Dana Lee", "Sam Ortiz"]
    result = cli("redo")
    assert result.code == 0 and result.out.startswith("nothing to redo")
    # A change redone is in force again: undo takes it back as before.
    assert cli("undo").out == "undid: logged give → Sam Ortiz\n"
    assert _gives(store.path) == ["Dana Lee: sent the deck"]


def test_redo_puts_back_exactly_what_was_there_and_a_removal_removes_again(
    cli, store: Store
) -> None:
    cli("contact", "add", "Mei Chen", "--company", "Acme", "--tags", "data,python")
    cli("contact", "edit", "Mei", "--company", "Initech")
    before = store.load().contacts
    cli("undo")
    assert store.load().contacts[0].company == "Acme"
    cli("redo")
    assert store.load().contacts == before
    cli("habit", "remove", "Give first", "--yes")
    cli("undo")
    assert "Give first" in [h.name for h in store.load().habits]
    assert cli("redo").out == "redid: removed habit Give first\n"
    assert "Give first" not in [h.name for h in store.load().habits]


def test_a_change_after_the_undo_stops_the_redo_and_says_which(cli, store: Store) -> None:
    cli("give", "Dana Lee", "sent the deck")
    cli("undo")
    cli("reach", "Sam Ortiz", "how was the trip")
    result = cli("redo")
    assert result.code == 1
    assert result.err.startswith("netrack: cannot redo “logged give → Dana Lee”: ")
    assert "“logged reach-out → Sam Ortiz” was made after the undo" in result.err
    assert "nothing was changed" in result.err
    assert _gives(store.path) == ["Sam Ortiz: how was the trip"]


def test_a_new_change_after_an_undo_clears_what_could_be_redone(cli, store: Store) -> None:
    cli("give", "Dana Lee", "one")
    cli("give", "Sam Ortiz", "two")
    cli("undo")
    cli("undo")
    cli("give", "Kim Park", "three")
    cli("undo")  # the only undo left to take back
    assert cli("redo").out == "redid: logged give → Kim Park\n"
    result = cli("redo")
    assert result.code == 0 and result.out.startswith("nothing to redo")
    assert _gives(store.path) == ["Kim Park: three"]


def test_another_process_writing_after_the_undo_stops_the_redo(cli, store: Store) -> None:
    cli("give", "Dana Lee", "sent the deck")
    cli("undo")
    child = run_netrack("give", "Sam Ortiz", "hello", db=store.path)  # a quick add elsewhere
    assert child.returncode == 0, child.stderr
    result = cli("redo")
    assert result.code == 1
    assert "“logged give → Sam Ortiz” was made after the undo" in result.err
    assert _gives(store.path) == ["Sam Ortiz: hello"]


def test_an_undo_made_by_another_process_is_redone_here(cli, store: Store) -> None:
    cli("give", "Dana Lee", "sent the deck")
    child = run_netrack("undo", db=store.path)
    assert child.returncode == 0, child.stderr
    assert cli("redo").out == "redid: logged give → Dana Lee\n"
    assert _gives(store.path) == ["Dana Lee: sent the deck"]
    child = run_netrack("redo", db=store.path)
    assert child.stdout.startswith("nothing to redo"), child.stderr


def test_redo_is_a_command_with_help(cli) -> None:
    shown = cli("--help").out
    assert "redo" in shown and "take back the latest undo" in shown
    assert "nothing was written since" in " ".join(cli("redo", "--help").out.split())


# The app -----------------------------------------------------------------------------


def _said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_shift_u_redoes_in_the_app_and_the_footer_and_help_show_it(seeded) -> None:
    before = _gives(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"Ann", "tab", *"hi", "enter")
        await settle(pilot)
        await pilot.press("escape", "u")  # just logged here: undone without a question
        await wait_until(pilot, lambda: "undid: logged give → Ann" in _said(app), "the undo")
        assert _gives(seeded) == before
        assert "U Redo" in screen_lines(app)[-1]
        await pilot.press("U")
        await wait_until(pilot, lambda: "redid: logged give → Ann" in _said(app), "the redo")
        assert _gives(seeded) == sorted([*before, "Ann: hi"])
        result = app.screen.query_one("#form-result")
        assert str(result.content) == "redid: logged give → Ann"
        await pilot.press("U")
        await wait_until(pilot, lambda: "Nothing to redo" in " ".join(_said(app)), "nothing")
        await pilot.press("question_mark")
        await settle(pilot)
        assert "\n  U                 Redo what the latest undo took back" in app.screen.text()


async def test_the_app_refuses_to_redo_over_another_processs_change(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("g", *"Ann", "tab", *"hi", "enter")
        await settle(pilot)
        await pilot.press("escape", "u")
        await wait_until(pilot, lambda: "undid: logged give → Ann" in _said(app), "the undo")
        netrack(seeded, "give", "Sam Ortiz", "from the shell")  # written meanwhile
        before = _gives(seeded)
        await pilot.press("U")
        await wait_until(
            pilot, lambda: any("cannot redo" in said for said in _said(app)), "the refusal"
        )
        said = next(said for said in _said(app) if "cannot redo" in said)
        assert "“logged give → Sam Ortiz” was made after the undo" in said
        assert app.is_running  # a message, not a crash
    assert _gives(seeded) == before
    assert "Ann: hi" not in before


def test_a_damaged_copy_kept_for_redo_is_refused_not_written(cli, store: Store) -> None:
    cli("give", "Dana Lee", "sent the deck")
    cli("undo")
    raw = raw_file(store.path)
    [undone] = [e for e in raw["changes"].values() if e.get("redo")]
    undone["redo"]["records"][0]["doc"] = {"id": "someone else"}  # edited by hand
    store.path.write_text(json.dumps(raw), "utf-8")
    before = store.path.read_bytes()
    result = cli("redo")
    assert result.code == 1 and "is damaged" in result.err and "nothing was changed" in result.err
    assert store.path.read_bytes() == before
