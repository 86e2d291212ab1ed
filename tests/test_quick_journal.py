"""Quick adds appended to the journal beside the data file (store/journal.py, quick.py).

A quick add after the day's first write reads the small index and appends one line to
the journal instead of rewriting the main file; every reader sees it, every full write
takes it in, and undo, backups, restore, doctor and sync treat it as any other change.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pendulum

from netrack.store import Store, codec, journal, quickindex, recovery
from netrack.store.backups import all_backups, daily_backup_path, daily_copy
from netrack.sync.background import PUBLISH_ENV
from tests.conftest import FROZEN_NOW, raw_file
from tests.sync_support import start_pair


def _lines(path: Path) -> list[dict]:
    file = journal.journal_path(path)
    if not file.exists():
        return []
    return [json.loads(line) for line in file.read_bytes().splitlines()]


def _notes(store: Store) -> list[str]:
    return [a.note for a in store.load().actions]


def _journaled(cli, store: Store, *notes: str) -> None:
    """A new file's first write (the index written), the day's first quick add (today's
    copy kept), then ``notes`` as quick adds to Dana Lee: all but the first into the
    journal."""
    assert cli("give", "Dana Lee", "first of the day").code == 0
    main_before = store.path.read_bytes()
    assert cli("give", "Dana", "second").code == 0  # keeps today's copy as it appends
    for note in notes:
        assert cli("give", "Dana", note).code == 0
    assert store.path.read_bytes() == main_before, "the main file was rewritten"
    assert [line["put"][0][1]["note"] for line in _lines(store.path)] == ["second", *notes]


def test_a_quick_add_appends_to_the_journal_and_every_reader_sees_it(cli, store: Store) -> None:
    _journaled(cli, store, "sent the deck", "an intro")
    assert _notes(store)[-2:] == ["sent the deck", "an intro"]
    listed = json.loads(cli("log", "--json").out)
    assert [entry["note"] for entry in listed][:2] == ["an intro", "sent the deck"]
    # The week's count and the history count the journaled ones like any other.
    assert cli("give", "Dana", "third").out.endswith("gives this week 5/3\n")
    assert cli("history").out.splitlines()[0].endswith("logged give → Dana Lee")


def test_a_new_contact_and_a_meeting_follow_up_go_to_the_journal_too(cli, store: Store) -> None:
    _journaled(cli, store)
    assert cli("meet", "Sam Ortiz", "coffee").code == 0
    assert cli("follow-up", "Sam", "sent notes").out.count("closed follow-up") == 1
    puts = [table for line in _lines(store.path) for table, _ in line["put"]]
    assert puts == ["actions", "contacts", "actions", "followups", "actions", "followups"]
    data = store.load()
    sam = next(c for c in data.contacts if c.name == "Sam Ortiz")
    assert [f.closed is not None for f in data.followups if f.contact_id == sam.id] == [True]
    assert sam.circle == store.load().settings.new_contact_circle


def test_undo_takes_back_a_journaled_quick_add(cli, store: Store) -> None:
    _journaled(cli, store, "to be undone")
    assert cli("undo").code == 0
    assert "to be undone" not in _notes(store)
    assert not journal.journal_path(store.path).exists(), "the undo's write took it in"
    assert "to be undone" not in json.dumps(raw_file(store.path)["actions"])


def test_a_full_write_takes_the_journal_in_under_a_new_token(cli, store: Store) -> None:
    _journaled(cli, store, "one", "two")
    token = journal.token_of(raw_file(store.path))
    assert cli("contact", "add", "Sam Ortiz").code == 0
    raw = raw_file(store.path)
    assert journal.token_of(raw) not in (None, token)
    assert not journal.journal_path(store.path).exists()
    assert [d["note"] for d in raw["actions"].values()][-2:] == ["one", "two"]
    kinds = [entry["summary"] for entry in raw["changes"].values()]
    assert kinds[-3:] == [
        "logged give → Dana Lee",
        "logged give → Dana Lee",
        "added contact Sam Ortiz",
    ]


def test_a_journal_past_its_size_is_taken_in_by_the_next_quick_add(
    cli, store: Store, monkeypatch
) -> None:
    _journaled(cli, store, "one")
    monkeypatch.setattr(journal, "FOLD_BYTES", 1)
    assert cli("give", "Dana", "two").code == 0
    assert not journal.journal_path(store.path).exists()
    assert [d["note"] for d in raw_file(store.path)["actions"].values()][-2:] == ["one", "two"]


def test_a_line_cut_short_by_a_crash_is_skipped_then_cut_off(cli, store: Store) -> None:
    _journaled(cli, store, "kept")
    with journal.journal_path(store.path).open("ab") as file:
        file.write(b'{"main":"x","put":[["actions",{"id":"torn')  # killed mid-append
    assert _notes(store)[-1] == "kept"
    doctor = cli("doctor")
    assert doctor.code != 0 and "cut short by a crash" in doctor.out
    assert cli("give", "Dana", "after the crash").code == 0
    assert [line["put"][0][1]["note"] for line in _lines(store.path)] == [
        "second",
        "kept",
        "after the crash",
    ]
    assert _notes(store)[-2:] == ["kept", "after the crash"]
    assert cli("doctor").code == 0


def test_lines_left_by_a_write_killed_before_deleting_them_are_ignored(cli, store: Store) -> None:
    """A write took the journal in (and undid its quick add) but was killed before it
    deleted the journal: the lines name the earlier main file and must not come back."""
    _journaled(cli, store, "undone before the crash")
    left = journal.journal_path(store.path).read_bytes()
    assert cli("undo").code == 0
    journal.journal_path(store.path).write_bytes(left)
    assert "undone before the crash" not in _notes(store)
    doctor = cli("doctor")
    assert "already written into the data file" in doctor.out
    assert cli("doctor", "--repair").code == 0
    assert not journal.journal_path(store.path).exists()
    assert "undone before the crash" not in _notes(store)


def test_a_damaged_line_is_named_and_set_aside_by_the_repair(cli, store: Store) -> None:
    _journaled(cli, store, "one", "two")
    file = journal.journal_path(store.path)
    *_, last = file.read_bytes().splitlines()
    file.write_bytes(b"\x00garbage\n" + last + b"\n")
    refused = cli("log")
    assert refused.code != 0 and str(file) in refused.err and "line 1" in refused.err
    assert "line 1 of the journal" in cli("doctor").out
    assert cli("doctor", "--repair").code == 0
    assert _notes(store)[-1] == "two"
    kept = list(daily_backup_path(store.path, FROZEN_NOW.date()).parent.glob("*.damaged"))
    assert [p.read_bytes().splitlines()[1] for p in kept] == [last]


def test_the_days_backup_holds_yesterdays_journaled_quick_adds(cli, store: Store) -> None:
    _journaled(cli, store, "journaled yesterday")
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    assert cli("give", "Dana", "today").code == 0  # today's first write keeps a copy
    # (unflushed until the next write that replaces the main file: listed all the same)
    [copy] = [b.path for b in all_backups(store.path) if b.day == FROZEN_NOW.add(days=1).date()]
    notes = [a.note for a in recovery.read_backup(copy, store.path)[1].actions]
    assert notes[-1] == "journaled yesterday"
    listed = cli("restore").out
    assert f"{copy.name}  daily  1 contact, 3 actions" in listed, listed
    assert cli("restore", copy.name, "--yes").code == 0
    assert _notes(store)[-1] == "journaled yesterday"


def test_a_restore_keeps_the_journaled_quick_adds_in_its_copy_and_undo_brings_them_back(
    cli, store: Store
) -> None:
    _journaled(cli, store, "journaled")
    copy = daily_backup_path(store.path, FROZEN_NOW.date())
    restored = cli("restore", copy.name, "--yes")
    assert restored.code == 0, restored.err
    assert "journaled" not in _notes(store)
    assert not journal.journal_path(store.path).exists()
    assert cli("undo").code == 0
    assert _notes(store)[-1] == "journaled"


def test_the_index_of_a_changed_main_file_is_not_used(cli, store: Store) -> None:
    _journaled(cli, store)
    index = quickindex.read(store.path)
    assert index is not None and index.token == journal.token_of(raw_file(store.path))
    raw = raw_file(store.path)
    raw["contacts"]["1"]["name"] = "Dana Renamed"  # by hand, as another tool might
    store.path.write_text(json.dumps(raw), "utf-8")
    assert quickindex.read(store.path) is None
    assert cli("give", "Dana Renamed", "found by the new name").code == 0


def test_a_journaled_quick_add_is_published_to_the_other_computer(
    tmp_path: Path, cli, monkeypatch
) -> None:
    monkeypatch.setenv(PUBLISH_ENV, "later")  # published by the explicit sync below
    laptop, desktop = tmp_path / "laptop.json", tmp_path / "desktop.json"
    folder = tmp_path / "Sync"
    assert cli("--db", str(laptop), "give", "Dana Lee", "first").code == 0
    start_pair(cli, str(laptop), str(desktop), folder)
    for note in ("one", "two", "three"):
        assert cli("--db", str(laptop), "give", "Dana", note).code == 0
    lines = _lines(laptop)
    assert lines and lines[-1]["outbox"][0]["table"] == "actions"
    assert cli("--db", str(laptop), "sync").code == 0
    assert cli("--db", str(desktop), "sync").code == 0
    listed = json.loads(cli("--db", str(desktop), "log", "--json").out)
    assert {"one", "two", "three"} <= {entry["note"] for entry in listed}


def test_the_days_first_quick_add_copies_the_file_without_parsing_it(
    cli, store: Store, monkeypatch
) -> None:
    """Today's copy is the main file copied as bytes and the journal beside it: the quick
    add neither parses nor rewrites the main file, and the copy is a file of its own."""
    _journaled(cli, store, "journaled yesterday")
    main_before = store.path.stat()
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    decoded: list[int] = []
    decode = codec.decode
    monkeypatch.setattr(codec, "decode", lambda data: decoded.append(len(data)) or decode(data))
    assert cli("give", "Dana", "today").code == 0
    assert decoded == [], "the main file was parsed"
    after = store.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (main_before.st_ino, main_before.st_mtime_ns)
    copy = daily_copy(store.path, FROZEN_NOW.add(days=1).date())
    assert copy is not None
    assert copy.stat().st_ino != after.st_ino and copy.read_bytes() == store.path.read_bytes()
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    notes = [a.note for a in recovery.read_backup(copy, store.path)[1].actions]
    assert notes[-2:] == ["second", "journaled yesterday"]
    # Another program writing the data file in place leaves the copy as it was.
    store.path.write_bytes(b'{"damaged": ')
    assert [a.note for a in recovery.read_backup(copy, store.path)[1].actions] == notes
    assert cli("restore", copy.name, "--yes").code == 0
    assert _notes(store) == notes


def test_quick_adds_over_many_days_keep_seven_copies_each_with_its_journal(
    cli, store: Store
) -> None:
    _journaled(cli, store)
    for day in range(1, 10):
        pendulum.travel_to(FROZEN_NOW.add(days=day), freeze=True)
        assert cli("give", "Dana", f"day {day}").code == 0
    # Each day's copy gets its name (flushed) on the next day's first write.
    folder = daily_backup_path(store.path, FROZEN_NOW.date()).parent
    copies = sorted(p.name for p in folder.glob("*.json"))
    assert copies == [f"netrack.json-202611{d}.json" for d in range(22, 28)]
    journals = sorted(p.name for p in folder.glob("*.journal"))
    assert journals == [f"{name}.journal" for name in copies], "a pruned copy's journal is left"
    assert [b.name for b in all_backups(store.path)] == [*copies, "netrack.json-20261128.json"]
    newest = recovery.read_backup(all_backups(store.path)[-1].path, store.path)[1]
    assert [a.note for a in newest.actions][-2:] == ["day 7", "day 8"]
    assert cli("doctor").code == 0


def test_importing_a_daily_copy_brings_the_quick_adds_of_its_journal(
    cli, store: Store, tmp_path: Path
) -> None:
    _journaled(cli, store, "journaled yesterday")
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    assert cli("give", "Dana", "today").code == 0
    copy = daily_copy(store.path, FROZEN_NOW.add(days=1).date())
    assert copy is not None
    other = tmp_path / "other.json"
    assert cli("--db", str(other), "import", str(copy)).code == 0
    notes = [a.note for a in Store(other).load().actions]
    assert notes == ["first of the day", "second", "journaled yesterday"]
