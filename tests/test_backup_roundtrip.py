"""``netrack export`` as JSON and ``netrack import FILE``: loss-free, merged by id, safe."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path

import pendulum

from netrack.domain.models import (
    Action,
    Contact,
    Dataset,
    FollowUp,
    Habit,
    PlanItem,
    TargetChange,
    WeekNote,
)
from netrack.store import Store
from netrack.store.schema import SCHEMA_VERSION
from tests.conftest import raw_file

BERLIN = "Europe/Berlin"


def _moment(day: int, hour: int = 10) -> pendulum.DateTime:
    return pendulum.datetime(2026, 11, day, hour, tz=BERLIN)


def _fill(store: Store) -> None:
    """A data file with something in every table, and text that is easy to mangle."""
    dana = Contact(
        id="c-dana",
        name="Dana Lee",
        created=_moment(1),
        company='Acme, "Inc."',
        role="CTO",
        met_how="PyCon",
        tags=("python", "hiring"),
        circle="inner",
        cadence_days=21,
        email="dana@acme.example",
        url="https://www.linkedin.com/in/dana",
        notes="likes [jazz]\nand folk; 🎸 \x1b[31m",
        updated=_moment(2),
    )
    zoe = Contact(id="c-zoe", name="Zoë Ó Briain", created=_moment(3), archived=True)
    give = Action("a1", "give", "c-dana", _moment(3, 9), _moment(3, 10), "email", "sent, deck")
    meet = Action(
        "a2", "meet", "c-zoe", _moment(4), _moment(4), "coffee", "", True, followup_id="f1"
    )
    post = Action("a3", "post", None, _moment(5), _moment(5), "linkedin", 'a "quoted"\nnote')
    followups = [
        FollowUp("f1", "c-zoe", "send notes", date(2026, 11, 6), _moment(4), "a2"),
        FollowUp("f2", "c-dana", "intro", date(2026, 11, 20), _moment(3), None, _moment(5), "a1"),
    ]
    habit = Habit(
        "h-posts",
        "Posts",
        ("post",),
        (TargetChange(date(2026, 1, 5), 1), TargetChange(date(2026, 6, 1), 2)),
        date(2026, 1, 5),
    )
    note = WeekNote("w1", "2026-W46", "went well", "more gives", updated=_moment(15))
    plan = PlanItem("p1", "c-dana", "2026-W45", _moment(2), "give", "the deck", "done", "a1")
    with store.transaction() as tx:
        tx.save_many([dana, zoe, give, meet, post, *followups, habit, note, plan])
        tx.set_setting("week-start", "sunday")
        tx.set_setting("cadence.inner", 10)
    with store.transaction() as tx:
        # A field this version does not know (say, from a newer minor release) survives.
        [doc] = [d for d in tx.raw()["contacts"].values() if d["id"] == "c-dana"]
        tx.put_raw_many("contacts", [{**doc, "pronouns": "she"}])


def test_json_round_trip_through_an_empty_file_is_identical(cli, store, tmp_path) -> None:
    _fill(store)
    first = cli("export")
    assert first.code == 0, first.err
    backup = tmp_path / "backup.json"
    backup.write_text(first.out, "utf-8")

    other = tmp_path / "elsewhere" / "netrack.json"
    imported = cli("--db", str(other), "import", str(backup))
    assert imported.code == 0, imported.err
    assert imported.out.splitlines()[0] == (
        "imported backup.json: 16 added, 0 updated, 0 skipped"
    ), "2 contacts, 3 actions, 2 follow-ups, 5 habits, 1 week note, 2 settings, 1 plan item"
    again = cli("--db", str(other), "export")
    assert again.out == first.out
    assert _by_id(Store(other).load()) == _by_id(store.load())


def _by_id(data: Dataset) -> Dataset:
    """The dataset with each table in id order (the export's order is not the file's)."""
    return data._replace(
        **{
            table: tuple(sorted(getattr(data, table), key=lambda record: record.id))
            for table in ("contacts", "actions", "followups", "habits", "week_notes", "plans")
        }
    )


def test_the_export_holds_every_table_and_the_schema_version(cli, store) -> None:
    _fill(store)
    backup = json.loads(cli("export", "--format", "json").out)
    assert backup["format"] == "netrack-backup"
    assert backup["schema_version"] == SCHEMA_VERSION
    tables = backup["tables"]
    assert sorted(tables) == [
        "actions",
        "contacts",
        "events",
        "followups",
        "habits",
        "introductions",
        "plans",
        "settings",
        "week_notes",
    ], "the change history stays with the data file"
    assert [c["name"] for c in tables["contacts"]] == ["Dana Lee", "Zoë Ó Briain"]
    assert tables["contacts"][0]["pronouns"] == "she"
    assert tables["contacts"][0]["notes"] == "likes [jazz]\nand folk; 🎸 \x1b[31m"
    assert [s["key"] for s in tables["settings"]] == ["cadence.inner", "week-start"]
    assert tables["week_notes"][0]["reflection"] == "went well"


def test_importing_the_same_backup_twice_adds_nothing(cli, store, tmp_path) -> None:
    _fill(store)
    backup = tmp_path / "backup.json"
    backup.write_text(cli("export").out, "utf-8")
    before = store.path.read_bytes()
    result = cli("import", str(backup))
    assert result.out.splitlines()[0] == (
        "imported backup.json: 0 added, 0 updated, 16 skipped (16 identical)"
    )
    assert "  contacts    0 added · 0 updated · 2 skipped" in result.out.splitlines()
    assert store.path.read_bytes() == before


def test_a_copy_of_the_data_file_from_another_computer_merges(cli, store, tmp_path) -> None:
    _fill(store)
    laptop = tmp_path / "laptop" / "netrack.json"
    laptop.parent.mkdir()
    laptop.write_bytes(store.path.read_bytes())
    cli("--db", str(laptop), "give", "Dana Lee", "coffee voucher")
    cli("--db", str(laptop), "reach", "Sam Ortiz", "hello")
    cli("reach", "Wei Chen")

    result = cli("import", str(laptop))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith("imported netrack.json: 3 added, 0 updated")
    names = sorted(c.name for c in store.load().contacts)
    assert names == ["Dana Lee", "Sam Ortiz", "Wei Chen", "Zoë Ó Briain"]
    notes = [a.note for a in store.load().actions]
    assert "coffee voucher" in notes and "hello" in notes


def test_the_newer_copy_of_a_record_wins(cli, store, tmp_path) -> None:
    _fill(store)
    backup = json.loads(cli("export").out)
    dana, zoe = backup["tables"]["contacts"]
    dana.update(company="Globex", updated="2026-11-18T09:00:00+01:00")  # newer than here
    del dana["pronouns"]
    zoe.update(company="Stale Ltd", updated="2026-11-01T09:00:00+01:00")  # older
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(backup), "utf-8")
    result = cli("import", str(path))
    assert result.out.splitlines()[0] == (
        "imported edited.json: 0 added, 1 updated, 15 skipped (14 identical, 1 not newer)"
    )
    contacts = {c.name: c for c in store.load().contacts}
    assert contacts["Dana Lee"].company == "Globex"
    assert contacts["Zoë Ó Briain"].company == ""
    assert raw_file(store.path)["contacts"]["1"].get("pronouns") is None, "replaced whole"


def test_a_contact_known_here_under_another_id_is_not_doubled(cli, store, tmp_path) -> None:
    cli("give", "Dana Lee", "here")
    other = tmp_path / "other.json"
    cli("--db", str(other), "give", "dana lee", "there")
    result = cli("import", str(other))
    assert result.code == 0, result.err
    [dana] = store.load().contacts
    assert sorted(a.note for a in store.load().actions if a.contact_id == dana.id) == [
        "here",
        "there",
    ]


def test_a_damaged_backup_changes_nothing_and_names_the_record(cli, store, tmp_path) -> None:
    _fill(store)
    before = store.path.read_bytes()
    backup = json.loads(cli("export").out)
    backup["tables"]["actions"].append({"id": "bad", "kind": "give", "at": "yesterday"})
    path = tmp_path / "damaged.json"
    path.write_text(json.dumps(backup), "utf-8")
    result = cli("import", str(path))
    assert result.code == 1
    assert result.err.startswith(f"netrack: cannot import {path}: record actions/4 ")
    assert "(nothing was changed)" in result.err
    assert store.path.read_bytes() == before


def test_a_backup_that_is_not_json_names_the_line(cli, tmp_path, store) -> None:
    path = tmp_path / "half.json"
    path.write_text('{\n  "format": "netrack-backup",\n  "tables": {\n', "utf-8")
    result = cli("import", str(path))
    assert result.code == 1
    assert "not valid JSON" in result.err and "line 4" in result.err
    assert not store.path.exists()


def test_a_csv_given_as_a_backup_gets_a_hint(cli, tmp_path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text("First Name,Last Name\n", "utf-8")
    result = cli("import", str(path))
    assert "use 'netrack import linkedin FILE'" in result.err


def test_a_backup_from_a_newer_netrack_is_refused(cli, tmp_path) -> None:
    path = tmp_path / "future.json"
    document = {"format": "netrack-backup", "format_version": 1, "schema_version": 99}
    path.write_text(json.dumps({**document, "tables": {}}), "utf-8")
    result = cli("import", str(path))
    assert result.code == 1
    assert "written by a newer netrack" in result.err


def test_export_to_a_file_is_private_and_says_what_it_wrote(cli, store, tmp_path) -> None:
    _fill(store)
    target = tmp_path / "out" / "backup.json"
    target.parent.mkdir()
    target.write_text("old contents", "utf-8")
    target.chmod(0o644)
    result = cli("export", "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == (
        "wrote a backup of 2 contacts, 3 actions, 2 follow-ups, 5 habits, 2 settings, "
        f"1 week note, 1 plan item to {target}\n"
    )
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text("utf-8"))["format"] == "netrack-backup"
    assert [p.name for p in target.parent.iterdir()] == ["backup.json"], "no temporary file"


def test_export_refuses_to_overwrite_the_data_file(cli, store, db_path: Path) -> None:
    _fill(store)
    before = db_path.read_bytes()
    result = cli("export", "-o", str(db_path.parent / "." / db_path.name))
    assert result.code == 2
    assert "refusing to write the export over netrack's own file" in result.err
    assert db_path.read_bytes() == before


def test_export_into_a_missing_folder_is_one_line(cli, store, tmp_path) -> None:
    result = cli("export", "-o", str(tmp_path / "no" / "such" / "x.json"))
    assert result.code == 1
    assert result.err.startswith("netrack: cannot write ")
    assert "No such file or directory" in result.err


def test_dry_run_of_a_backup_import_writes_nothing(cli, store, tmp_path) -> None:
    _fill(store)
    backup = tmp_path / "backup.json"
    backup.write_text(cli("export").out, "utf-8")
    empty = tmp_path / "new" / "netrack.json"
    result = cli("--db", str(empty), "import", "-n", str(backup))
    assert result.out.startswith(
        "dry run, nothing changed: would import backup.json: 16 added, 0 updated"
    )
    assert not empty.exists()


def test_notes_on_one_week_from_two_computers_stay_one_note(cli, store, tmp_path) -> None:
    assert cli("reflect", "went well here").code == 0
    laptop = tmp_path / "laptop.json"
    assert cli("--db", str(laptop), "reflect", "went well there").code == 0
    result = cli("import", str(laptop))
    assert "  week notes  0 added · 0 updated · 1 skipped" in result.out.splitlines()
    [note] = store.load().week_notes
    assert note.reflection == "went well here", "as old as ours: ours stays"
