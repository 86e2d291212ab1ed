"""A damaged data file: every command says so in one line, names the file, points to
``netrack doctor``, and leaves the file exactly as it was."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from netrack.store import Store
from tests.conftest import run_netrack


def _healthy(cli, store: Store) -> bytes:
    assert cli("meet", "Dana Lee", "coffee").code == 0
    assert cli("give", "Sam Ortiz", "intro").code == 0
    return store.path.read_bytes()


def _edited(good: bytes, change) -> bytes:
    raw = json.loads(good)
    change(raw)
    return json.dumps(raw).encode()


def _first(raw: dict, table: str) -> dict:
    return next(iter(raw[table].values()))


DAMAGE = {
    "truncated": lambda good: good[: len(good) * 2 // 3],
    "truncated to nothing": lambda good: b"",
    "only NUL bytes": lambda good: b"\x00" * len(good),
    "NUL bytes after the JSON": lambda good: good + b"\x00" * 300,
    "a run of NUL bytes inside": lambda good: good[:40] + b"\x00" * 64 + good[104:],
    "not UTF-8": lambda good: good.replace(b"Dana", b"D\xffna"),
    "a list": lambda good: b"[]",
    "a string": lambda good: b'"netrack"',
    "a table that is a list": lambda good: _edited(good, lambda r: r.update(actions=[])),
    "a record that is text": lambda good: _edited(
        good, lambda r: r["contacts"].update({"1": "Dana"})
    ),
    "an action without a date": lambda good: _edited(
        good, lambda r: _first(r, "actions").pop("at")
    ),
    "a contact without a name": lambda good: _edited(
        good, lambda r: _first(r, "contacts").pop("name")
    ),
    "a contact with a damaged date": lambda good: _edited(
        good, lambda r: _first(r, "contacts").update(created="last week")
    ),
    "a follow-up without its contact": lambda good: _edited(
        good, lambda r: _first(r, "followups").pop("contact_id")
    ),
    "a record without an id": lambda good: _edited(good, lambda r: _first(r, "contacts").pop("id")),
    "a newer schema version": lambda good: _edited(
        good, lambda r: r["meta"]["1"].update(schema_version=7)
    ),
}

COMMANDS = [
    ("give", "Dana", "sent the deck"),
    ("reach", "Priya Nair"),
    ("log",),
    ("log", "--json"),
    ("contacts",),
    ("contact", "add", "Kim"),
    ("contact", "show", "Dana"),
    ("undo",),
]


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_every_command_refuses_a_damaged_file_and_leaves_it_alone(
    cli, store: Store, damage: str
) -> None:
    good = _healthy(cli, store)
    bad = DAMAGE[damage](good)
    store.path.write_bytes(bad)
    folder_before = sorted(os.listdir(store.path.parent))
    backups_before = sorted(os.listdir(store.path.parent / "backups"))
    for command in COMMANDS:
        result = cli(*command)
        assert result.code == 1, (command, result)
        assert result.out == ""
        lines = result.err.splitlines()
        assert len(lines) == 1, result.err
        assert lines[0].startswith(f"netrack: cannot use data file {store.path}: ")
        assert "the file was not changed; run 'netrack doctor' for details" in lines[0]
        assert "internal error" not in lines[0]
        assert store.path.read_bytes() == bad
    assert sorted(os.listdir(store.path.parent)) == folder_before
    assert sorted(os.listdir(store.path.parent / "backups")) == backups_before


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        ("truncated", "not valid JSON"),
        ("truncated to nothing", "it is empty"),
        ("NUL bytes after the JSON", "not valid JSON"),
        ("a list", "wrong shape: expected a JSON object, found a list"),
        ("a table that is a list", "table 'actions' is a list"),
        ("an action without a date", "has a missing field 'at'"),
        ("a contact with a damaged date", "is damaged"),
        ("a newer schema version", "written by a newer netrack (schema 7"),
    ],
)
def test_the_message_says_what_is_wrong(cli, store: Store, damage: str, says: str) -> None:
    store.path.write_bytes(DAMAGE[damage](_healthy(cli, store)))
    assert says in cli("log").err


def test_a_truncated_file_in_a_real_process(tmp_path: Path) -> None:
    db = tmp_path / "netrack.json"
    assert run_netrack("give", "Dana", "deck", db=db).returncode == 0
    cut = db.read_bytes()[:-25]
    db.write_bytes(cut)
    result = run_netrack("give", "Dana", "again", db=db)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(db) in result.stderr and "netrack doctor" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_bytes() == cut
