"""Sync of the newer records (plans, events, introductions, important dates), and of
the week notes two computers start apart (how sync and the change history meet is
tests/test_history_sync.py).

Two data files share one folder (as on a network share) and publish inside each
command; ``netrack sync`` on each plays the rounds a day of use would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netrack.domain.week_note_fold import TEXT_SEPARATOR, folds
from netrack.store.outbox import sync_state_folder
from netrack.store.schema import RECORD_TABLES
from netrack.sync import notes
from netrack.sync.background import PUBLISH_ENV
from netrack.sync.replica import MANIFEST
from tests.conftest import raw_file
from tests.sync_support import start_pair


@pytest.fixture
def two(tmp_path: Path, cli, monkeypatch) -> tuple[str, str]:
    """A laptop with Dana Lee and Sam Ortiz, and a desktop that joined its folder."""
    monkeypatch.setenv(PUBLISH_ENV, "now")
    laptop, desktop = str(tmp_path / "laptop.json"), str(tmp_path / "desktop.json")
    folder = tmp_path / "Sync"
    assert cli("--db", laptop, "give", "Dana Lee", "sent the deck").code == 0
    assert cli("--db", laptop, "reach", "Sam Ortiz", "hello").code == 0
    start_pair(cli, laptop, desktop, folder)
    return laptop, desktop


def _offline(monkeypatch) -> None:
    """Changes wait in each computer's outbox until its next 'netrack sync'."""
    monkeypatch.setenv(PUBLISH_ENV, "later")


def _settle(cli, *dbs: str) -> None:
    for _ in range(2):
        for db in dbs:
            done = cli("--db", db, "sync")
            assert done.code == 0, done.err


def _export(cli, db: str) -> str:
    return cli("--db", db, "export").out


def _notes(db: str) -> list[dict]:
    return sorted(raw_file(Path(db)).get("week_notes", {}).values(), key=lambda d: d["week"])


# The newer tables ------------------------------------------------------------------------


def test_every_table_of_records_reaches_the_other_computer_whole(two, cli) -> None:
    laptop, desktop = two
    assert cli("--db", laptop, "plan", "add", "Dana", "give", "send the deck").code == 0
    event = cli("--db", laptop, "event", "add", "Data Summit", "--on", "+7d", "--know", "Dana")
    assert event.code == 0, event.err
    assert cli("--db", laptop, "intro", "Dana", "Sam", "both hire in data").code == 0
    dated = cli("--db", laptop, "contact", "edit", "Sam", "--date", "work anniversary=06-01")
    assert dated.code == 0, dated.err
    assert cli("--db", laptop, "meet", "Ana Ruiz", "coffee").code == 0  # a follow-up
    assert cli("--db", laptop, "config", "followup-days", "4").code == 0
    assert cli("--db", laptop, "reflect", "good week").code == 0
    _settle(cli, laptop, desktop)
    # Every table of records travels whole; a table added to RECORD_TABLES without a
    # record made here fails, so that whoever adds one shows it syncs.
    for table in RECORD_TABLES:
        mine = {d["id"]: d for d in raw_file(Path(laptop)).get(table, {}).values()}
        theirs = {d["id"]: d for d in raw_file(Path(desktop)).get(table, {}).values()}
        assert mine, f"no {table} made in this test"
        assert theirs == mine, table
    data = raw_file(Path(desktop))
    assert [d["note"] for d in data["plans"].values()] == ["send the deck"]
    assert [d["name"] for d in data["events"].values()] == ["Data Summit"]
    assert [d["note"] for d in data["introductions"].values()] == ["both hire in data"]
    [sam] = [d for d in data["contacts"].values() if d["name"] == "Sam Ortiz"]
    assert "work anniversary" in json.dumps(sam["dates"])
    assert _export(cli, laptop) == _export(cli, desktop)


def test_an_event_prepared_on_each_computer_keeps_both_fields(two, cli, monkeypatch) -> None:
    laptop, desktop = two
    assert cli("--db", laptop, "event", "add", "Data Summit", "--on", "+7d").code == 0
    _settle(cli, laptop, desktop)
    _offline(monkeypatch)
    assert cli("--db", laptop, "event", "edit", "Data Summit", "--goal", "two leads").code == 0
    assert cli("--db", desktop, "event", "edit", "Data Summit", "--where", "Hall 4").code == 0
    _settle(cli, laptop, desktop)
    for db in (laptop, desktop):
        [summit] = raw_file(Path(db))["events"].values()
        assert (summit["goal"], summit["where"]) == ("two leads", "Hall 4")
    assert _export(cli, laptop) == _export(cli, desktop)


# One note per week -----------------------------------------------------------------------


def test_a_week_noted_on_two_computers_apart_ends_as_one_note_with_both(
    two, cli, monkeypatch
) -> None:
    laptop, desktop = two
    _offline(monkeypatch)
    assert cli("--db", laptop, "reflect", "good week", "--focus", "gives").code == 0
    assert cli("--db", desktop, "reflect", "met Sam twice").code == 0
    assert cli("--db", desktop, "skip", "--reason", "conference").code == 0
    laptop_sync = cli("--db", laptop, "sync")
    desktop_sync = cli("--db", desktop, "sync")
    assert "notes written apart for one week made one: 2026-W47" in desktop_sync.out
    assert laptop_sync.code == 0
    _settle(cli, laptop, desktop)
    for db in (laptop, desktop):
        [note] = _notes(db)
        assert note["week"] == "2026-W47"
        texts = note["reflection"].split(TEXT_SEPARATOR)
        assert sorted(texts) == ["good week", "met Sam twice"]
        assert (note["focus"], note["skipped"], note["skip_reason"]) == (
            "gives",
            True,
            "conference",
        )
    assert _export(cli, laptop) == _export(cli, desktop)
    # The week goes on as one note: a later edit on either computer changes it alone.
    monkeypatch.setenv(PUBLISH_ENV, "now")
    assert cli("--db", desktop, "reflect", "one note again").code == 0
    _settle(cli, laptop, desktop)
    assert [n["reflection"] for n in _notes(laptop)] == ["one note again"]


def test_weeks_with_two_notes_from_an_earlier_netrack_are_made_one(two, cli, monkeypatch) -> None:
    """A sync state saved before notes were folded may hold a week twice: the first run
    of this version looks, even when no note changed."""
    laptop, desktop = two
    _offline(monkeypatch)
    cli("--db", laptop, "reflect", "from the laptop")
    cli("--db", desktop, "reflect", "from the desktop")
    monkeypatch.setattr(notes, "folds", lambda _docs: [])  # as an earlier netrack did
    _settle(cli, laptop, desktop)
    assert len(_notes(laptop)) == len(_notes(desktop)) == 2
    monkeypatch.undo()
    monkeypatch.setenv(PUBLISH_ENV, "later")
    for db in (laptop, desktop):
        manifest_path = sync_state_folder(Path(db)) / MANIFEST
        manifest = json.loads(manifest_path.read_bytes())
        del manifest["notes_folded"]
        manifest_path.write_text(json.dumps(manifest), "utf-8")
    _settle(cli, laptop, desktop)
    for db in (laptop, desktop):
        [note] = _notes(db)
        assert sorted(note["reflection"].split(TEXT_SEPARATOR)) == [
            "from the desktop",
            "from the laptop",
        ]
    assert _export(cli, laptop) == _export(cli, desktop)


def test_folding_a_weeks_notes_is_the_same_whatever_order_they_come_in() -> None:
    one = {"id": "b", "week": "2026-W47", "reflection": "late", "updated": "2026-11-20T09:00"}
    two = {"id": "a", "week": "2026-W47", "focus": "gives", "reflection": "early",
           "skipped": False, "updated": "2026-11-19T09:00", "mood": "calm"}  # fmt: skip
    three = {"id": "c", "week": "2026-W47", "reflection": "late", "skipped": True,
             "updated": "2026-11-21T09:00", "mood": "busy"}  # fmt: skip
    other = {"id": "d", "week": "2026-W48", "reflection": "alone"}
    first = folds([one, two, three, other])
    assert folds([other, three, two, one]) == first
    [fold] = first
    assert fold.gone == ("b", "c")
    assert fold.kept == {
        "id": "a",  # the smallest id is kept
        "week": "2026-W47",
        "focus": "gives",
        "reflection": "early\n\nlate",  # oldest first, each text once
        "skipped": True,  # any of them skipped the week
        "updated": "2026-11-21T09:00",
        "mood": "busy",  # a field this version does not know: the newest value
    }
