"""Sync through a shared folder: each behaviour the user is promised, as a named case.

Computers are simulated (tests/sync_support.py): each has its own data file and its own
copy of the folder, and ``carry`` plays the file-sync tool between them.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from netrack.errors import SyncError
from netrack.operations import sync as sync_ops
from netrack.operations.habits import change_setting, set_target
from netrack.operations.history import undo_last_change
from netrack.operations.people import set_archived
from netrack.operations.weeks import update_week_note
from netrack.store.outbox import OUTBOX, sync_state_folder
from netrack.sync import packets
from netrack.sync.compaction import COMPACT_AFTER_FILES
from netrack.sync.layout import DEVICES
from tests.conftest import raw_as_read, raw_file
from tests.sync_support import (
    Computer,
    carry,
    computer,
    copy_tree,
    device_files,
    settle,
)


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


def test_second_computer_joins_with_what_the_folder_holds(pair) -> None:
    laptop, desktop = pair
    assert [c.name for c in desktop.store.load().contacts] == ["Dana Lee"]
    assert [a.note for a in desktop.store.load().actions] == ["sent the hiring deck"]
    assert desktop.export() == laptop.export()


def test_joining_keeps_what_each_computer_had_on_its_own(tmp_path, frozen) -> None:
    laptop = computer(tmp_path, "laptop", frozen)
    desktop = computer(tmp_path, "desktop", frozen)
    laptop.log("give", "Dana Lee", "on the laptop")
    desktop.log("meet", "Sam Ortiz", "on the desktop")
    laptop.init()
    carry(laptop, desktop)
    started = desktop.init()
    assert started.joined
    carry(desktop, laptop)
    laptop.sync()
    for each in (laptop, desktop):
        data = each.store.load()
        assert sorted(c.name for c in data.contacts) == ["Dana Lee", "Sam Ortiz"]
        assert sorted(a.note for a in data.actions) == ["on the desktop", "on the laptop"]
    assert laptop.export() == desktop.export()


def test_a_new_computer_joining_keeps_the_first_ones_habit_targets(tmp_path, frozen) -> None:
    laptop = computer(tmp_path, "laptop", frozen)
    desktop = computer(tmp_path, "desktop", frozen)
    laptop.log("give", "Dana Lee", "")
    set_target(laptop.store, laptop.now, "Give first", "5")
    laptop.init()
    carry(laptop, desktop)
    desktop.log("give", "Sam Ortiz", "")  # a new file: the default habits, target 3
    started = desktop.init()
    assert started.report.published == 2  # Sam and the give: not the default habits
    carry(desktop, laptop)
    laptop.sync()
    for each in (laptop, desktop):
        give_first = next(h for h in each.store.load().habits if h.name == "Give first")
        assert give_first.targets[-1].target == 5
    assert laptop.export() == desktop.export()


def test_company_on_one_computer_and_role_on_another_both_survive(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    desktop.edit("Dana", role="CTO")
    settle([laptop, desktop])
    for each in (laptop, desktop):
        dana = each.contact("Dana Lee")
        assert (dana.company, dana.role) == ("Acme", "CTO")
    assert laptop.export() == desktop.export()


def test_one_field_changed_on_both_ends_has_one_value_everywhere(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    desktop.edit("Dana", company="Globex")
    settle([laptop, desktop])
    companies = {each.contact("Dana Lee").company for each in (laptop, desktop)}
    assert len(companies) == 1
    assert companies <= {"Acme", "Globex"}
    assert laptop.export() == desktop.export()


def test_an_action_logged_on_each_side_is_kept_once_on_both(pair) -> None:
    laptop, desktop = pair
    laptop.log("ask", "Dana", "asked for an intro")
    desktop.log("receive", "Dana", "got the intro")
    settle([laptop, desktop])
    for each in (laptop, desktop):
        notes = sorted(a.note for a in each.store.load().actions)
        assert notes == ["asked for an intro", "got the intro", "sent the hiring deck"]
    assert laptop.export() == desktop.export()


def test_a_delete_and_a_concurrent_edit_end_the_same_everywhere(pair) -> None:
    laptop, desktop = pair
    laptop.log("meet", "Kim Park", "coffee")  # creates Kim and a follow-up
    settle([laptop, desktop])
    undo_last_change(laptop.store, laptop.now)  # the meeting, its follow-up and Kim
    desktop.edit("Kim", company="Initech")  # meanwhile, on the other computer
    settle([laptop, desktop])
    assert laptop.export() == desktop.export()
    names = {c.name for c in laptop.store.load().contacts}
    assert "Kim Park" not in names  # the delete wins over an edit made at the same time


def test_every_table_syncs_field_for_field(pair) -> None:
    laptop, desktop = pair
    change_setting(laptop.store, "followup-days", "4")
    update_week_note(laptop.store, laptop.now, None, reflection="good week", focus="gives")
    set_archived(laptop.store, laptop.now, "Dana", True)
    laptop.log("meet", "Ana Ruiz", "conference")  # a follow-up too
    from netrack.operations.habits import add_habit

    add_habit(laptop.store, laptop.now, "Posts", "give", "2")
    settle([laptop, desktop])
    data = desktop.store.load()
    assert data.settings.followup_days == 4
    assert [(n.reflection, n.focus) for n in data.week_notes] == [("good week", "gives")]
    assert [c.archived for c in data.contacts if c.name == "Dana Lee"] == [True]
    assert [f.contact_id for f in data.followups] == [desktop.contact("Ana Ruiz").id]
    assert "Posts" in {h.name for h in data.habits}
    assert laptop.export() == desktop.export()


def test_fields_this_version_does_not_know_travel_too(pair) -> None:
    laptop, desktop = pair
    dana = laptop.contact("Dana Lee")
    with laptop.store.transaction() as tx:
        doc = tx.find_raw("contacts", dana.id)
        tx.put_raw_many("contacts", [{**doc, "pronouns": "she"}])
    settle([laptop, desktop])
    stored = [c for c in raw_file(desktop.store.path)["contacts"].values() if c["id"] == dana.id]
    assert stored[0]["pronouns"] == "she"


def test_local_tables_stay_on_their_computer(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    laptop.sync()
    carry(laptop, desktop)
    desktop.edit("Dana", notes="waiting here")  # noted in the desktop's outbox
    assert len(raw_file(desktop.store.path)[OUTBOX]) == 1
    desktop.sync()
    assert raw_file(desktop.store.path).get(OUTBOX) == {}
    assert desktop.contact("Dana Lee").company == "Acme"
    tables = {p.group.split("/")[0] for f in _all_packets(desktop) for p in f.parts}
    assert tables and not tables & {"meta", "changes", OUTBOX}  # the history stays here too


def test_a_quick_add_notes_its_change_in_the_outbox_of_the_same_file(pair) -> None:
    laptop, _ = pair
    laptop.log("give", "Dana", "a second give")
    entries = list(raw_as_read(laptop.store.path)[OUTBOX].values())
    assert [e["table"] for e in entries] == ["actions"]
    assert entries[0]["before"] is None  # a new record


def test_each_device_writes_only_its_own_folder_and_never_rewrites_a_file(pair) -> None:
    laptop, desktop = pair
    seen: dict[str, bytes] = {}
    for n in range(6):
        laptop.edit("Dana", notes=f"note {n}")
        desktop.log("give", "Dana", f"give {n}")
        settle([laptop, desktop], rounds=1)
        for each in (laptop, desktop):
            for name, data in device_files(each.folder, each.device).items():
                assert seen.setdefault(f"{each.device}/{name}", data) == data
    for each in (laptop, desktop):
        assert sorted(os.listdir(each.folder / DEVICES)) == sorted([laptop.device, desktop.device])


def test_folder_files_are_readable_only_by_the_user(pair, tmp_path) -> None:
    laptop, _ = pair
    for path in [laptop.folder, *laptop.folder.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path
    for path in sync_state_folder(laptop.store.path).rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path


@pytest.mark.parametrize(
    "damage",
    ["cut short", "empty", "sync tool's temporary name", "not a netrack file"],
)
def test_a_file_still_arriving_is_skipped_until_complete(pair, damage) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    laptop.sync()
    (name, data), *_ = sorted(device_files(laptop.folder, laptop.device).items())[-1:]
    there = desktop.folder / DEVICES / laptop.device
    target = there / name
    if damage == "cut short":
        target.write_bytes(data[: len(data) - 7])
    elif damage == "empty":
        target.write_bytes(b"")
    elif damage == "sync tool's temporary name":
        target = there / f".syncthing.{name}.tmp"
        target.write_bytes(data[:20])
    else:
        target.write_bytes(b"PK\x03\x04 something else entirely")
    report = desktop.sync()  # no error
    assert desktop.contact("Dana Lee").company == ""
    assert report.waiting or damage == "sync tool's temporary name"
    carry(laptop, desktop)
    desktop.sync()
    assert desktop.contact("Dana Lee").company == "Acme"


def test_a_file_waits_for_the_changes_it_builds_on(tmp_path, frozen) -> None:
    laptop, desktop, tablet = (computer(tmp_path, n, frozen) for n in ("a", "b", "c"))
    laptop.init()
    for other in (desktop, tablet):
        carry(laptop, other)
        other.init()
        carry(other, laptop)
    laptop.sync()
    laptop.log("give", "Dana Lee", "from the laptop")
    laptop.sync()
    carry(laptop, desktop)
    desktop.sync()
    desktop.edit("Dana", company="Acme")  # builds on the laptop's Dana
    desktop.sync()
    carry(desktop, tablet)  # the desktop's file reaches the tablet before the laptop's
    report = tablet.sync()
    assert report.waiting
    assert "Dana Lee" not in {c.name for c in tablet.store.load().contacts}
    carry(laptop, tablet)
    tablet.sync()
    assert tablet.contact("Dana Lee").company == "Acme"
    settle([laptop, desktop, tablet])
    assert laptop.export() == desktop.export() == tablet.export()


def test_many_changes_are_folded_into_one_snapshot(pair, tmp_path, frozen) -> None:
    laptop, desktop = pair
    for n in range(COMPACT_AFTER_FILES + 2):
        laptop.edit("Dana", notes=f"note {n}")
        laptop.sync()
    names = sorted(device_files(laptop.folder, laptop.device))
    assert any(name.endswith(".snapshot") for name in names)
    assert len(names) < 5
    newcomer = computer(tmp_path, "newcomer", frozen)
    carry(laptop, newcomer)
    carry(desktop, newcomer)
    newcomer.init()
    assert newcomer.contact("Dana Lee").notes == f"note {COMPACT_AFTER_FILES + 1}"
    carry(laptop, desktop)  # the desktop had not seen most of it: the snapshot brings it
    desktop.sync()
    assert desktop.export() == laptop.export() == newcomer.export()


def test_a_folder_copied_while_half_synced_never_corrupts_anything(pair, tmp_path, frozen) -> None:
    laptop, desktop = pair
    for n in range(4):
        laptop.log("give", "Dana", f"give {n}")
        laptop.sync()
        desktop.edit("Dana", notes=f"desk {n}")
        desktop.sync()
    settle([laptop, desktop])
    # The copy caught the folder mid-way: one file cut short, one missing, one empty.
    half = tmp_path / "copy"
    copy_tree(laptop.folder, half)
    laptop_files = sorted((half / DEVICES / laptop.device).iterdir())
    laptop_files[1].write_bytes(laptop_files[1].read_bytes()[:30])
    laptop_files[3].unlink()
    desk_files = sorted((half / DEVICES / desktop.device).iterdir())
    desk_files[-1].write_bytes(b"")
    newcomer = computer(tmp_path, "newcomer", frozen)
    newcomer.folder = half
    started = newcomer.init()  # no error: what is whole is taken in, the rest waits
    assert started.report.waiting
    assert newcomer.store.load()  # the data file reads
    copy_tree(laptop.folder, half)  # the rest arrives
    newcomer.sync()
    assert newcomer.export() == laptop.export() == desktop.export()


def test_a_crash_after_publishing_loses_nothing_and_duplicates_nothing(pair, monkeypatch) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    from netrack.sync.replica import Replica

    def crash(self) -> None:
        raise KeyboardInterrupt  # killed after publishing and writing the data file

    with monkeypatch.context() as patch:
        patch.setattr(Replica, "save", crash)
        with pytest.raises(KeyboardInterrupt):
            laptop.sync()
    published = device_files(laptop.folder, laptop.device)
    laptop.edit("Dana", role="CTO")
    laptop.sync()
    assert len(device_files(laptop.folder, laptop.device)) == len(published) + 1
    settle([laptop, desktop])
    assert (desktop.contact("Dana Lee").company, desktop.contact("Dana Lee").role) == (
        "Acme",
        "CTO",
    )
    assert desktop.export() == laptop.export()


def test_a_crash_before_the_data_file_is_written_keeps_the_change_waiting(pair, monkeypatch):
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    from netrack.sync.engine import Run

    def crash(self) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(Run, "_write_data_file", crash)
        with pytest.raises(KeyboardInterrupt):
            laptop.sync()
    assert len(raw_file(laptop.store.path)[OUTBOX]) == 1  # still waiting
    settle([laptop, desktop])
    assert desktop.contact("Dana Lee").company == "Acme"
    assert desktop.export() == laptop.export()


def test_a_copied_sync_state_goes_on_as_a_new_device(pair, tmp_path, frozen) -> None:
    laptop, desktop = pair
    twin = computer(tmp_path, "twin", frozen)
    copy_tree(laptop.store.path.parent, twin.store.path.parent)
    twin.folder = laptop.folder  # the copy names the same folder (a network share, say)
    twin.log("give", "Dana", "from the copy")
    twin.sync()
    assert twin.device != laptop.device
    laptop.log("give", "Dana", "from the original")
    settle([laptop, desktop, twin])
    notes = sorted(a.note for a in desktop.store.load().actions)
    assert notes == ["from the copy", "from the original", "sent the hiring deck"]
    assert laptop.export() == desktop.export() == twin.export()


def test_a_record_this_version_cannot_use_is_refused_not_written(pair) -> None:
    laptop, desktop = pair
    dana = laptop.contact("Dana Lee")
    with laptop.store.transaction() as tx:
        doc = tx.find_raw("contacts", dana.id)
        tx.put_raw_many("contacts", [{**doc, "created": "not a date"}])
    laptop.sync()
    carry(laptop, desktop)
    report = desktop.sync()
    assert report.refused and "contacts/" in report.refused[0]
    assert desktop.store.load().contacts[0].name == "Dana Lee"  # the file still reads


def test_a_missing_folder_is_a_clear_error_and_the_change_waits(pair) -> None:
    laptop, desktop = pair
    laptop.edit("Dana", company="Acme")
    laptop.folder.rename(laptop.folder.with_name("away"))
    with pytest.raises(SyncError, match="missing"):
        laptop.sync()
    assert len(raw_file(laptop.store.path)[OUTBOX]) == 1
    laptop.folder.with_name("away").rename(laptop.folder)
    settle([laptop, desktop])
    assert desktop.contact("Dana Lee").company == "Acme"


def test_leaving_stops_syncing_and_keeps_the_data(pair) -> None:
    laptop, _ = pair
    sync_ops.stop_syncing(laptop.store, laptop.now)
    assert not sync_state_folder(laptop.store.path).exists()
    laptop.log("give", "Dana", "after leaving")
    assert OUTBOX not in raw_file(laptop.store.path) or not raw_file(laptop.store.path)[OUTBOX]
    assert len(laptop.store.load().actions) == 2


def _all_packets(each: Computer) -> list[packets.Packet]:
    found = []
    for path in (each.folder / DEVICES).rglob("*"):
        packet = packets.read(path) if path.is_file() else None
        if packet is not None:
            found.append(packet)
    return found


def test_syncs_killed_at_random_moments_lose_nothing_acknowledged(pair) -> None:
    """SIGKILL ``netrack sync`` mid-run again and again; every logged action arrives."""
    import random
    import signal
    import subprocess
    import time

    from tests.conftest import netrack_command

    laptop, desktop = pair
    rng = random.Random()
    env = {**os.environ, "NETRACK_DB": str(laptop.store.path), "NETRACK_SYNC_PUBLISH": "later"}
    logged = []
    for round_number in range(8):
        for n in range(3):
            note = f"round {round_number} #{n}"
            laptop.log("give", "Dana", note)  # acknowledged: the command returned
            logged.append(note)
        child = subprocess.Popen(netrack_command("sync"), env=env, stdout=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert laptop.store.load()  # the data file reads after every kill
    settle([laptop, desktop])
    arrived = {a.note for a in desktop.store.load().actions}
    assert set(logged) <= arrived
    assert laptop.export() == desktop.export()
    assert len(desktop.store.load().actions) == len(logged) + 1  # nothing twice


@pytest.mark.parametrize(
    "value", ["plain", "", "14", "\x1e starts with the mark", 14, 2**62, 1.5, None, True, ["a", 1]]
)
def test_field_values_come_back_exactly(value) -> None:
    from netrack.sync.mapping import decode_value, encode_value

    back = decode_value(encode_value(value))
    assert back == value and type(back) is type(value)
