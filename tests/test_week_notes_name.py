"""Week notes are called week notes everywhere; files from before (table "reviews") open.

Version 2 kept the week notes in a table named "reviews". Such a file, a backup of it,
or a note synced from a computer with that netrack must show the same notes.
"""

from __future__ import annotations

import json
from pathlib import Path

from netrack.store import Store
from netrack.store.backups import backup_folder
from netrack.store.schema import SCHEMA_VERSION
from tests.conftest import raw_file

NOTE = {
    "id": "n1",
    "week": "2026-W46",
    "reflection": "two coffees did more than ten messages",
    "focus": "follow up within a day",
    "skipped": False,
    "skip_reason": "",
    "updated": "2026-11-15T20:00:00+01:00",
}
SKIPPED = {**NOTE, "id": "n2", "week": "2026-W45", "reflection": "", "skipped": True}


def _version_2_file(path: Path, **tables: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"meta": {"1": {"schema_version": 2}}, **tables}
    path.write_text(json.dumps(document), "utf-8")


def test_a_version_2_file_shows_its_week_notes_and_is_upgraded_on_the_next_change(
    cli, db_path: Path
) -> None:
    _version_2_file(db_path, reviews={"1": NOTE, "2": SKIPPED})
    before = db_path.read_bytes()

    week = json.loads(cli("week", "--week", "2026-W46", "--json").out)
    assert (week["reflection"], week["focus"]) == (NOTE["reflection"], NOTE["focus"])
    assert json.loads(cli("week", "--week", "2026-W45", "--json").out)["skipped"] is True
    assert db_path.read_bytes() == before, "reading does not rewrite the file"

    assert cli("give", "Dana", "sent the deck").code == 0
    raw = raw_file(db_path)
    assert raw["meta"]["1"]["schema_version"] == SCHEMA_VERSION
    assert "reviews" not in raw
    assert sorted(doc["id"] for doc in raw["week_notes"].values()) == ["n1", "n2"]
    copy = backup_folder(db_path) / "netrack.json-20261119-before-v3.json"
    assert copy.read_bytes() == before
    assert json.loads(cli("doctor", "--json").out)["counts"]["week_notes"] == 2


def test_a_backup_with_a_reviews_table_imports_its_week_notes(cli, tmp_path: Path) -> None:
    backup = {
        "format": "netrack-backup",
        "format_version": 1,
        "schema_version": 2,
        "tables": {"reviews": [NOTE]},
    }
    path = tmp_path / "old-backup.json"
    path.write_text(json.dumps(backup), "utf-8")
    assert cli("import", str(path)).code == 0
    week = json.loads(cli("week", "--week", "2026-W46", "--json").out)
    assert week["reflection"] == NOTE["reflection"]


def test_a_note_under_the_old_name_in_a_current_file_is_read_as_a_week_note(
    cli, db_path: Path, frozen
) -> None:
    # As a note synced from a computer running the older netrack would arrive.
    cli("reflect", "this week went well")
    raw = raw_file(db_path)
    raw["reviews"] = {"1": NOTE}
    db_path.write_text(json.dumps(raw), "utf-8")

    notes = {note.week: note.reflection for note in Store(db_path).load().week_notes}
    assert notes == {"2026-W47": "this week went well", "2026-W46": NOTE["reflection"]}
    cli("reflect", "still going well")
    assert "reviews" not in raw_file(db_path)
    notes = {note.week: note.reflection for note in Store(db_path).load().week_notes}
    assert notes == {"2026-W47": "still going well", "2026-W46": NOTE["reflection"]}


def test_a_damaged_note_under_the_old_name_is_refused_like_any_other(cli, db_path) -> None:
    _version_2_file(db_path, reviews={"1": {"id": "n1"}})
    result = cli("week")
    assert result.code == 1
    assert "record reviews/1 has a missing field 'week'" in result.err


def test_doctor_counts_and_repairs_week_notes_under_the_old_name(cli, db_path) -> None:
    _version_2_file(db_path, reviews={"1": NOTE, "2": {"id": "n2", "reflection": "no week"}})
    report = json.loads(cli("doctor", "--json").out)
    assert report["schema_version"] == 2
    assert report["counts"]["week_notes"] == 2
    assert any("week_notes/2" in p["problem"] for p in report["problems"])
    assert cli("doctor", "--repair").code == 0
    notes = Store(db_path).load().week_notes
    assert [note.id for note in notes] == ["n1"]
