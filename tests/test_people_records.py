"""Introductions and events as records: export, import by id, merging contacts, doctor."""

from __future__ import annotations

import json
from pathlib import Path

from netrack.domain.backup_merge import plan_backup_merge
from netrack.store import Store
from tests.conftest import raw_file


def _people_history(cli) -> None:
    assert cli("intro", "Ana Diaz", "Ben Carter", "compilers").code == 0
    assert cli("receive", "Cleo", "--intro-to", "Dov Katz").code == 0
    assert cli("event", "add", "Meetup", "--on", "yesterday", "--know", "Ana").code == 0
    assert cli("event", "debrief", "Meetup", "Ben Carter", "Eve").code == 0


def test_the_backup_carries_introductions_and_events_and_imports_back(
    cli, db_path: Path, tmp_path: Path
) -> None:
    _people_history(cli)
    backup = tmp_path / "backup.json"
    assert cli("export", "-o", str(backup)).code == 0
    tables = json.loads(backup.read_text("utf-8"))["tables"]
    assert len(tables["introductions"]) == 2
    assert [e["name"] for e in tables["events"]] == ["Meetup"]
    fresh = tmp_path / "fresh.json"
    imported = cli("import", str(backup), "--db", str(fresh))
    assert imported.code == 0, imported.err
    assert "introductions 2 added" in imported.out
    assert "events      1 added" in imported.out
    before, after = Store(db_path).load(), Store(fresh).load()
    # (the export lists records oldest first, not in the order the file holds them)
    assert sorted(after.introductions) == sorted(before.introductions)
    assert sorted(after.events) == sorted(before.events)
    again = cli("import", str(backup), "--db", str(fresh))
    assert "0 added, 0 updated" in again.out


def test_an_imported_event_names_the_contacts_known_here_by_name() -> None:
    here = {"contacts": [{"id": "mine", "name": "Ana Diaz", "created": "2026-10-01T10:00:00"}]}
    theirs_contact = {"id": "theirs", "name": "ana diaz", "created": "2026-10-01T10:00:00"}
    event = {
        "id": "e1",
        "name": "Meetup",
        "on": "2026-11-18",
        "created": "2026-11-18T10:00:00+01:00",
        "know": ["theirs", "other"],
        "met": [],
    }
    intro = {
        "id": "i1",
        "a_id": "theirs",
        "b_id": "other",
        "by_id": None,
        "at": "2026-11-18T10:00:00+01:00",
        "logged": "2026-11-18T10:00:00+01:00",
    }
    incoming = {"contacts": [theirs_contact], "events": [event], "introductions": [intro]}
    merge = plan_backup_merge(here, incoming)
    (written_event,) = merge.tables["events"].to_write
    assert written_event["know"] == ["mine", "other"]
    (written_intro,) = merge.tables["introductions"].to_write
    assert (written_intro["a_id"], written_intro["b_id"]) == ("mine", "other")


def test_a_newer_copy_of_an_event_replaces_the_older() -> None:
    old = {"id": "e1", "name": "Meetup", "on": "2026-11-18", "created": "2026-11-01T10:00:00Z"}
    old["updated"] = "2026-11-02T10:00:00+00:00"
    new = {**old, "goal": "meet two people", "updated": "2026-11-03T10:00:00+00:00"}
    merge = plan_backup_merge({"events": [old]}, {"events": [new]})
    assert merge.tables["events"].to_write == (new,)
    stale = plan_backup_merge({"events": [new]}, {"events": [old]})
    assert stale.tables["events"].to_write == ()


def test_merging_contacts_moves_their_introductions_and_events(cli, db_path: Path) -> None:
    _people_history(cli)
    assert cli("contact", "add", "Ana D").code == 0
    assert cli("contact", "merge", "Ana Diaz", "Ana D", "--yes").code == 0
    data = Store(db_path).load()
    ana = next(c for c in data.contacts if c.name == "Ana D")
    made = next(i for i in data.introductions if i.by_id is None)
    assert made.a_id == ana.id
    assert data.events[0].know == (ana.id,)
    assert "introduced to Ben Carter" in cli("contact", "show", "Ana D").out


def test_doctor_finds_introductions_and_events_naming_missing_contacts(cli, db_path: Path) -> None:
    _people_history(cli)
    raw = raw_file(db_path)
    ben_id = next(d["id"] for d in raw["contacts"].values() if d["name"] == "Ben Carter")
    raw["contacts"] = {k: d for k, d in raw["contacts"].items() if d["id"] != ben_id}
    db_path.write_text(json.dumps(raw), "utf-8")
    report = cli("doctor")
    assert report.code == 1
    assert "introduction" in report.out and "which does not exist" in report.out
    assert "event" in report.out
    assert cli("doctor", "--repair").code == 0
    data = Store(db_path).load()
    assert all(ben_id not in i.people() for i in data.introductions)
    assert all(ben_id not in e.met for e in data.events)
    assert cli("doctor").code == 0
