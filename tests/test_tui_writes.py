"""The app's one write path: changes made off the UI thread, in order, keys where typed."""

from __future__ import annotations

import ast
import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from netrack.store import Store
from netrack.store.locking import exclusive_lock
from tests.tui_support import make_app, screen_text, settle, wait_until

ANN_THEN_UMA = ["g", "A", "n", "n", "enter", "g", "u", "m", "a", "enter"]


@contextmanager
def lock_held(db: Path) -> Iterator[threading.Event]:
    """Another writer holds the data file's lock until the event is set (or 20 s pass)."""
    release, held = threading.Event(), threading.Event()

    def hold() -> None:
        with exclusive_lock(db):
            held.set()
            release.wait(20)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    held.wait(10)
    try:
        yield release
    finally:
        release.set()
        holder.join(30)


def _people_and_gives(db: Path) -> tuple[list[str], list[tuple[str, str]]]:
    data = Store(db).load()
    names = {c.id: c.name for c in data.contacts}
    gives = [(names.get(a.contact_id or "", ""), a.note) for a in data.actions if a.kind == "give"]
    return sorted(names.values()), gives


def _assert_ann_and_uma_logged(
    db: Path, before: tuple[list[str], list], ann_note: str = ""
) -> None:
    people, gives = _people_and_gives(db)
    assert people == sorted([*before[0], "Ann", "uma"])  # no junk contact
    assert gives == [*before[1], ("Ann", ann_note), ("uma", "")]  # in the order typed
    reach_outs = [a for a in Store(db).load().actions if a.kind == "reach-out"]
    assert len(reach_outs) == 1  # no stray undo took the seeded one back


async def test_keys_typed_while_another_process_writes_go_where_they_were_typed(seeded) -> None:
    before, file_before = _people_and_gives(seeded), seeded.read_bytes()
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with lock_held(seeded) as release:
            await pilot.press(*ANN_THEN_UMA)
            # The app kept taking keys: both entries left the form, and wait their turn.
            assert app.writing
            assert app.screen.query_one("#contact", Input).value == ""
            assert seeded.read_bytes() == file_before
            await pilot.press("2")  # and it still answers
            assert app.current_mode == "contacts"
            await wait_until(pilot, lambda: "saving…" in app.sub_title, "a word on the wait")
            release.set()
        await settle(pilot)
        assert "Ann" in screen_text(app) and "uma" in screen_text(app)
    _assert_ann_and_uma_logged(seeded, before)


def _type_like_a_terminal(app, keys: list[str], gap: float) -> None:
    """Send keys the way a terminal does: from another thread, whatever the app is doing."""
    for key in keys:
        character = {"enter": "\r", "tab": "\t", "space": " "}.get(key, key)
        app._driver.send_message(events.Key(key, character))
        time.sleep(gap)


async def test_a_burst_of_keys_is_taken_in_the_order_typed(seeded) -> None:
    """Keys that arrive together (typed while the app was busy) land where typed too."""
    before = _people_and_gives(seeded)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with lock_held(seeded):
            keys = ["g", *"Ann", "tab", *"hi", "enter", "g", *"uma", "enter"]
            typist = threading.Thread(target=_type_like_a_terminal, args=(app, keys, 0))
            typist.start()
            while typist.is_alive():
                await asyncio.sleep(0.01)
            # The file stays locked until the app has taken the last key: both entries
            # are waiting to be written.
            await wait_until(pilot, lambda: _form_says(app) == "logging give → uma…", "the keys")
        await settle(pilot)
    _assert_ann_and_uma_logged(seeded, before, ann_note="hi")


def _form_says(app) -> str:
    return str(app.screen.query_one("#form-result").content)


@pytest.mark.parametrize(
    ("keys", "field"), [(["g", "u"], "#contact"), (["g", "tab", "u"], "#note")]
)
async def test_a_late_focus_event_does_not_select_what_was_typed(seeded, keys, field) -> None:
    """Textual's focus event reaches a field after the keys taken at once behind the key
    that moved there; selecting the field's text then let the next key overwrite it
    (typed quickly, "g uma" logged "ma")."""
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", *keys)
        app.screen.query_one(field, Input).post_message(events.Focus())  # as if late
        await pilot.press("m", "a")
        assert app.screen.query_one(field, Input).value == "uma"


async def test_a_change_refused_is_said_and_given_back_to_the_form(seeded, monkeypatch) -> None:
    monkeypatch.setattr("netrack.store.locking.LOCK_TIMEOUT_SECONDS", 0.3)
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with lock_held(seeded):
            await pilot.press("g", *"Ann", "tab", *"the deck", "enter")
            await settle(pilot)
            form = app.screen.query_one("#quick-log")
            result = str(form.query_one("#form-result").content)
            assert result.startswith("Not logged (give → Ann):") and "held its lock" in result
            assert form.query_one("#contact", Input).value == "Ann"  # nothing typed is lost
            assert form.query_one("#note", Input).value == "the deck"
        await pilot.press("enter")
        await settle(pilot)
    assert ("Ann", "the deck") in _people_and_gives(seeded)[1]


async def test_quitting_while_a_change_waits_makes_it_first(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        with lock_held(seeded) as release:
            await pilot.press("g", *"Ann", "enter", "q")
            await wait_until(
                pilot,
                lambda: any(
                    n.message.startswith("Saving your change first") for n in app._notifications
                ),
                "the word that it saves first",
            )
            assert app.is_running  # still saving
            release.set()
            await wait_until(pilot, lambda: not app.is_running, "the app to close")
    assert ("Ann", "") in _people_and_gives(seeded)[1]


TUI = Path(__file__).parent.parent / "netrack" / "tui"
WRITE_PATH = {"app.py", "syncing.py", "writes.py"}  # the app and its write path: with the store


def write_path_breaches(source: str) -> list[str]:
    """Where ``source`` writes by itself: an operation called, a transaction opened, the
    store reached for. Screens and widgets hand changes to the app instead."""
    tree = ast.parse(source)
    operations: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
            "netrack.operations"
        ):
            operations.update(alias.asname or alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            operations.update(
                alias.asname or alias.name
                for alias in node.names
                if alias.name.startswith("netrack.operations")
            )
    breaches = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            root = func
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in operations and root.id[0].islower():
                breaches.append(f"line {node.lineno}: calls {ast.unparse(func)}")
            if isinstance(func, ast.Attribute) and func.attr == "transaction":
                breaches.append(f"line {node.lineno}: opens a transaction")
        if isinstance(node, ast.Attribute) and node.attr == "store":
            breaches.append(f"line {node.lineno}: reaches for the store")
    return sorted(breaches, key=lambda line: int(line.split(":")[0].removeprefix("line ")))


def test_the_breach_finder_sees_each_way_of_writing() -> None:
    source = (
        "from netrack.operations.entries import Logged, log_action\n"
        "import netrack.operations.people as people\n"
        "log_action(store, now, kind='give', contact='Ann')\n"
        "people.add_contact(store, now, fields)\n"
        "with store.transaction() as tx: pass\n"
        "x = self.app.store\n"
        "change(log_action, now, kind='give')\n"  # naming it for the app is fine
        "Logged(outcome, '')\n"  # and so is a result type
    )
    assert write_path_breaches(source) == [
        "line 3: calls log_action",
        "line 4: calls people.add_contact",
        "line 5: opens a transaction",
        "line 6: reaches for the store",
    ]


def test_no_screen_or_widget_writes_by_itself() -> None:
    modules = [p for p in TUI.rglob("*.py") if p.name not in WRITE_PATH or p.parent != TUI]
    assert len(modules) > 10
    breaches = {
        str(p.relative_to(TUI)): found
        for p in modules
        if (found := write_path_breaches(p.read_text("utf-8")))
    }
    assert breaches == {}


async def test_keys_typed_right_behind_the_key_that_opens_a_dialog_go_into_it(seeded) -> None:
    """n then a name, typed in one go: the name lands in the new contact's form, not lost
    on a dialog that has not focused its first field yet (nor taken as Contacts' keys)."""
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        keys = ["n", *"Max", "space", *"Quinn"]  # M merges and x archives on Contacts
        typist = threading.Thread(target=_type_like_a_terminal, args=(app, keys, 0))
        typist.start()
        while typist.is_alive():
            await asyncio.sleep(0.01)
        await wait_until(
            pilot,
            lambda: app.screen.query("#f-name") and _field(app, "#f-name") == "Max Quinn",
            "name",
        )
        await pilot.press("enter")
        await settle(pilot)
    assert "Max Quinn" in [c.name for c in Store(seeded).load().contacts]


def _field(app, selector: str) -> str:
    return app.screen.query_one(selector, Input).value
