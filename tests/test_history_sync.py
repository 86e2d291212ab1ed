"""The change history with sync on: it stays on its computer, and a sync run is no change.

Computers are simulated as in tests/test_sync.py (tests/sync_support.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netrack.domain.events import EventFields
from netrack.operations.events import add_event
from netrack.operations.habits import add_habit, change_setting
from netrack.operations.history import UndoRefused, undo_last_change
from netrack.operations.introductions import make_introduction
from netrack.operations.plans import add_to_plan
from netrack.operations.weeks import update_week_note
from netrack.store.schema import CHANGES
from netrack.sync import packets
from netrack.sync.layout import DEVICES
from tests.sync_support import Computer, carry, computer, settle


@pytest.fixture
def pair(tmp_path: Path, frozen) -> tuple[Computer, Computer]:
    """A laptop with Dana Lee, and a desktop that joined its folder."""
    laptop = computer(tmp_path, "laptop", frozen)
    desktop = computer(tmp_path, "desktop", frozen)
    laptop.log("give", "Dana Lee", "sent the hiring deck")
    laptop.init()
    carry(laptop, desktop)
    desktop.init()
    return laptop, desktop


def _summaries(each: Computer) -> list[str]:
    return [change.summary for change in each.store.changes()]


def test_the_history_stays_on_the_computer_that_made_the_changes(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    desktop.log("meet", "Sam Ortiz", "coffee")
    settle([laptop, desktop])
    assert _summaries(laptop) == ["logged give → Dana Lee", "edited contact Dana Lee"]
    assert _summaries(desktop) == ["logged meet → Sam Ortiz"]
    for each in (laptop, desktop):
        for path in (each.folder / DEVICES).rglob("*"):
            packet = packets.read(path) if path.is_file() else None
            assert packet is None or CHANGES not in {part.group for part in packet.parts}


def test_joining_and_sync_runs_are_not_changes_to_undo(pair) -> None:
    laptop, desktop = pair
    assert _summaries(desktop) == [], "joining took in the laptop's records, and is no change"
    laptop.log("give", "Dana", "a second give")
    settle([laptop, desktop])
    notes = {a.note for a in desktop.store.load().actions}
    assert notes == {"a second give", "sent the hiring deck"}
    assert undo_last_change(desktop.store, desktop.now) is None, "nothing done here to undo"
    assert _summaries(desktop) == []
    # On the laptop, undo takes back its own newest change, never a sync run.
    undone = undo_last_change(laptop.store, laptop.now)
    assert undone is not None and undone.change.summary == "logged give → Dana Lee"
    settle([laptop, desktop])
    assert {a.note for a in desktop.store.load().actions} == {"sent the hiring deck"}


def test_undo_takes_back_its_own_change_and_keeps_what_came_from_elsewhere(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    desktop.log("give", "Dana", "from the desktop")
    settle([laptop, desktop])
    undone = undo_last_change(laptop.store, laptop.now)
    assert undone is not None and undone.change.summary == "edited contact Dana Lee"
    settle([laptop, desktop])
    for each in (laptop, desktop):
        assert each.contact("Dana Lee").company == ""
        assert "from the desktop" in {a.note for a in each.store.load().actions}
    assert laptop.export() == desktop.export()


def test_an_undo_of_a_record_changed_on_another_computer_says_so(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    settle([laptop, desktop])
    desktop.edit("Dana", role="CTO")
    settle([laptop, desktop])
    before = laptop.store.path.read_bytes()
    with pytest.raises(UndoRefused, match="contact Dana Lee was changed since; nothing"):
        undo_last_change(laptop.store, laptop.now)
    assert laptop.store.path.read_bytes() == before
    assert laptop.contact("Dana Lee").company == "Acme"


def test_every_kind_of_change_can_still_be_undone_after_a_round_trip(pair) -> None:
    laptop, desktop = pair
    now = laptop.now
    change_setting(laptop.store, "followup-days", "4")
    update_week_note(laptop.store, now, None, reflection="good week", focus="gives")
    add_habit(laptop.store, now, "Posts", "post", "2")
    laptop.log("meet", "Ana Ruiz", "conference")  # a follow-up too
    make_introduction(laptop.store, now, "Ana Ruiz", "Dana Lee", "both into Rust")
    add_to_plan(laptop.store, now, "Dana Lee", "give")
    add_event(laptop.store, now, EventFields(name="PyCon", on="sat", know="Ana Ruiz"))
    laptop.edit("Dana", company="Acme", notes="line one\nline two")
    made = len(laptop.store.changes())
    settle([laptop, desktop])  # each record goes out and its merged copy comes back
    for _ in range(made):
        assert undo_last_change(laptop.store, now) is not None, "not refused after a sync"
    assert laptop.store.load().contacts == ()
    settle([laptop, desktop])
    assert desktop.store.load().contacts == () and desktop.store.load().actions == ()
    assert laptop.export() == desktop.export()
