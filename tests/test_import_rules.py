"""Imports admit only records netrack could have written itself, by the command line's
rules; doctor checks the data file by the same rules and mends what breaks them."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from netrack.store import Store
from tests.conftest import raw_file

GOOD = {
    "contacts": [
        {
            "id": "c-dana",
            "name": "Dana Lee",
            "created": "2026-10-01T10:00:00+02:00",
            "tags": ["climbing"],
            "archived": False,
            "cadence_days": 30,
        }
    ],
    "actions": [
        {
            "id": "a-1",
            "kind": "give",
            "contact_id": "c-dana",
            "at": "2026-11-01T10:00:00+01:00",
            "logged": "2026-11-01T10:00:00+01:00",
            "channel": "email",
            "note": "sent the deck",
        }
    ],
    "followups": [
        {
            "id": "f-1",
            "contact_id": "c-dana",
            "text": "send the intro",
            "due": "2026-11-25",
            "created": "2026-11-01T10:00:00+01:00",
        }
    ],
}


def _backup(tables: dict) -> dict:
    return {"format": "netrack-backup", "format_version": 1, "schema_version": 3, "tables": tables}


def _with(table: str, field: str, value) -> dict:
    tables = copy.deepcopy(GOOD)
    tables[table][0][field] = value
    return tables


# (what the issue found accepted, the table and field, the value, what the refusal says)
BAD = [
    ("naive time", "actions", "at", "2026-11-01T10:00:00", "its time '2026-11-01T10:00:00' has no"),
    ("number as a note", "actions", "note", 42, "its note is a number, not text"),
    ("due 9999-12-31", "followups", "due", "9999-12-31", "'9999-12-31' is out of range"),
    ("tags as text", "contacts", "tags", "a,b", "tags is text, not a list"),
    ("archived yes", "contacts", "archived", "yes", "archived is text 'yes', not true/false"),
    ("negative cadence", "contacts", "cadence_days", -3, "invalid cadence '-3'"),
    ("empty id", "contacts", "id", "", "its id is empty, not an id"),
    ("1 MB id", "actions", "id", "x" * 1_000_000, "is not an id (at most 200 printable"),
    ("NUL in a name", "contacts", "name", "Dana\x00Lee", "its name contains a NUL character"),
    ("10 MB note", "actions", "note", "n" * 10_000_000, "its note is too long (10,000,000"),
]


@pytest.mark.parametrize(("case", "table", "field", "value", "said"), BAD, ids=[b[0] for b in BAD])
def test_an_import_with_a_record_netrack_would_not_write_is_refused(
    cli, store: Store, tmp_path: Path, case, table, field, value, said
) -> None:
    assert cli("give", "Sam Ortiz", "already here").code == 0
    before = store.path.read_bytes()
    source = tmp_path / "backup.json"
    source.write_text(json.dumps(_backup(_with(table, field, value))), "utf-8")
    result = cli("import", str(source))
    assert result.code == 1, case
    assert f"cannot import {source}: record {table}/1: " in result.err
    assert said in result.err
    assert result.err.count("\n") == 1 and len(result.err) < 500, "one short line"
    assert store.path.read_bytes() == before, "nothing was imported"


def test_the_good_backup_imports(cli, store: Store, tmp_path: Path) -> None:
    source = tmp_path / "backup.json"
    source.write_text(json.dumps(_backup(copy.deepcopy(GOOD))), "utf-8")
    assert cli("import", str(source)).code == 0
    assert [c.name for c in store.load().contacts] == ["Dana Lee"]


# (the record's table, the field, what it points at, how the refusal names it)
LINKS = [
    ("actions", "contact_id", "c-nobody", "contact 'c-nobody'"),
    ("followups", "contact_id", "c-nobody", "contact 'c-nobody'"),
    ("actions", "followup_id", "f-nothing", "follow-up 'f-nothing'"),
    ("followups", "source_action_id", "a-nothing", "action 'a-nothing'"),
]


@pytest.mark.parametrize(("table", "field", "target", "named"), LINKS)
def test_an_import_with_a_record_pointing_at_nothing_is_refused(
    cli, store: Store, tmp_path: Path, table, field, target, named
) -> None:
    """doctor would call it broken, so it does not come in (a dry run says the same)."""
    assert cli("give", "Sam Ortiz", "already here").code == 0
    before = store.path.read_bytes()
    source = tmp_path / "backup.json"
    source.write_text(json.dumps(_backup(_with(table, field, target))), "utf-8")
    for dry in ((), ("--dry-run",)):
        result = cli("import", *dry, str(source))
        assert result.code == 1, dry
        assert result.err == (
            f"netrack: cannot import {source}: record {table}/1 points at {named}, which is "
            "in neither the file nor the data file (nothing was changed)\n"
        )
    assert store.path.read_bytes() == before


def test_links_to_records_already_in_the_data_file_are_fine(
    cli, store: Store, tmp_path: Path
) -> None:
    """A backup of only some tables may point at what this data file holds."""
    source = tmp_path / "backup.json"
    source.write_text(json.dumps(_backup({"contacts": GOOD["contacts"]})), "utf-8")
    assert cli("import", str(source)).code == 0
    only_logged = {t: GOOD[t] for t in ("actions", "followups")}
    source.write_text(json.dumps(_backup(only_logged)), "utf-8")
    result = cli("import", str(source))
    assert result.code == 0, result.err
    assert [a.contact_id for a in store.load().actions] == ["c-dana"]
    assert cli("doctor").code == 0


def test_a_due_date_beyond_the_last_year_is_refused_on_the_command_line_too(cli) -> None:
    result = cli("give", "Dana Lee", "--due", "9999-12-31")
    assert result.code == 2
    assert "due date '9999-12-31' is too far ahead (after 2999)" in result.err


def test_doctor_finds_and_mends_records_that_break_the_rules(cli, store: Store) -> None:
    """The same records written into the data file by hand (or by an older netrack):
    doctor names each, --repair mends them, and every command works afterwards."""
    assert cli("give", "Dana Lee", "sent the deck", "--due", "+3d").code == 0
    raw = raw_file(store.path)
    contact = next(iter(raw["contacts"].values()))
    action = next(iter(raw["actions"].values()))
    followup = next(iter(raw["followups"].values()))
    action.update(at=action["at"][:19], note=42)
    contact.update(tags="a,b", archived="yes", cadence_days=-3, name="Dana\x00Lee")
    followup.update(due="9999-12-31")
    store.path.write_text(json.dumps(raw), "utf-8")
    report = cli("doctor")
    assert report.code == 1
    for said in (
        "has no time-zone offset",
        "its note is a number, not text",
        "tags is text, not a list",
        "archived is text 'yes', not true/false",
        "invalid cadence '-3'",
        "its name contains a NUL character",
        "'9999-12-31' is out of range",
    ):
        assert said in report.out, said
    assert "--repair will read it in the local time zone" in report.out
    assert cli("doctor", "--repair").code == 0
    assert cli("doctor").code == 0
    for args in (["log", "--all"], ["export", "-f", "csv"], ["export", "-f", "ics"], ["week"]):
        assert cli(*args).code == 0, args
    data = store.load()
    [dana] = data.contacts
    assert (dana.name, dana.tags, dana.archived, dana.cadence_days) == (
        "DanaLee",
        ("a", "b"),
        True,
        None,
    )
    assert data.actions[0].note == "42" and data.actions[0].at.utcoffset() is not None
    assert [f.due.isoformat() for f in data.followups] == ["2999-12-31"]
