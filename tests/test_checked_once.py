"""Each version of the data file has its records checked once (store/soundness.py).

A read notes which bytes it found sound beside the file; a read of the same bytes skips
the pass over every record, and any other bytes are checked in full: a file damaged after
it was noted is still refused, with the message naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netrack.store import Store, schema
from netrack.store.soundness import key_of, note_path


@pytest.fixture
def record_checks(monkeypatch) -> list[str]:
    """The tables whose records are checked one by one while the test runs."""
    seen: list[str] = []
    check = schema._table_is_sound

    def watched(table: str, docs: dict) -> bool:
        seen.append(table)
        return check(table, docs)

    monkeypatch.setattr(schema, "_table_is_sound", watched)
    return seen


def _logged(cli, store: Store) -> Path:
    assert cli("meet", "Dana Lee", "coffee").code == 0
    assert cli("give", "Sam Ortiz", "intro").code == 0
    assert cli("contact", "add", "Kim Park").code == 0  # a full write of the main file
    return store.path


def test_the_records_of_one_version_are_checked_once(cli, store: Store, record_checks) -> None:
    path = _logged(cli, store)
    note_path(path).unlink()  # (the command that wrote this version read it back)
    record_checks.clear()
    assert cli("due").code == 0
    assert "contacts" in record_checks  # the first read of this version checks it...
    assert note_path(path).read_bytes() == key_of(path.read_bytes())
    record_checks.clear()
    for words in (["due"], ["contacts"], ["log"], ["balance"]):
        assert cli(*words).code == 0
    assert record_checks == []  # ...and the reads after it do not


def test_a_write_makes_a_version_checked_again(cli, store: Store, record_checks) -> None:
    path = _logged(cli, store)
    assert cli("contacts").code == 0
    record_checks.clear()
    assert cli("reflect", "a good week").code == 0
    assert record_checks == []  # the version the write read was noted: not again...
    record_checks.clear()
    assert cli("contacts").code == 0
    assert "contacts" in record_checks  # ...but the version it wrote is new
    assert note_path(path).read_bytes() == key_of(path.read_bytes())


def _damaged(path: Path) -> bytes:
    """The file with one action's id replaced by a number (its size kept)."""
    raw = json.loads(path.read_bytes())
    quoted = json.dumps(next(iter(raw["actions"].values()))["id"]).encode()
    good = path.read_bytes()
    bad = good.replace(quoted, b"1" * len(quoted))
    assert bad != good and len(bad) == len(good)
    return bad


def test_a_file_damaged_after_it_was_noted_is_still_refused(cli, store: Store) -> None:
    path = _logged(cli, store)
    assert cli("due").code == 0  # noted as checked
    bad = _damaged(path)
    path.write_bytes(bad)  # same size: only its contents tell
    result = cli("due")  # due converts no action: only the check finds the damage
    assert result.code == 1
    assert result.err.startswith(f"netrack: cannot use data file {path}: ")
    assert "record actions/" in result.err and "has no text 'id'" in result.err
    assert path.read_bytes() == bad


def test_a_damaged_file_is_never_noted_as_checked(cli, store: Store) -> None:
    path = _logged(cli, store)
    note_path(path).unlink(missing_ok=True)
    path.write_bytes(_damaged(path))
    assert cli("due").code == 1
    assert cli("due").code == 1
    assert not note_path(path).exists()


@pytest.mark.parametrize(
    "note",
    [b"", b"netrack checked 12 bytes, crc32 00000000\n", b"\x00" * 64, b"x" * 10_000],
)
def test_a_note_that_does_not_match_means_checking_again(
    cli, store: Store, record_checks, note: bytes
) -> None:
    path = _logged(cli, store)
    note_path(path).write_bytes(note)
    record_checks.clear()
    assert cli("contacts").code == 0
    assert "contacts" in record_checks
    assert note_path(path).read_bytes() == key_of(path.read_bytes())


def test_a_note_that_cannot_be_written_only_costs_a_check(cli, store: Store, record_checks) -> None:
    path = _logged(cli, store)
    note = note_path(path)
    note.unlink(missing_ok=True)
    note.mkdir()  # neither readable nor writable as a file
    for _ in range(2):
        record_checks.clear()
        result = cli("contacts")
        assert result.code == 0 and "Kim Park" in result.out
        assert "contacts" in record_checks


def test_restore_and_undo_are_checked_like_any_other_version(
    cli, store: Store, record_checks
) -> None:
    path = _logged(cli, store)
    assert cli("contacts").code == 0
    assert cli("undo").code == 0  # the contact added last is gone
    record_checks.clear()
    result = cli("contacts")
    assert "Kim Park" not in result.out
    assert "contacts" in record_checks
    assert note_path(path).read_bytes() == key_of(path.read_bytes())


def test_doctor_finds_nothing_to_say_of_the_note(cli, store: Store) -> None:
    _logged(cli, store)
    assert cli("contacts").code == 0
    result = cli("doctor")
    assert result.code == 0, result.out + result.err
    assert "checked" not in result.out


def test_a_file_a_read_refuses_gets_no_note(cli, store: Store) -> None:
    """A contact's date that is text but no date passes the check of every record's shape;
    the command that converts it refuses the file, and leaves nothing new beside it."""
    path = _logged(cli, store)
    note_path(path).unlink()
    raw = json.loads(path.read_bytes())
    next(iter(raw["contacts"].values()))["created"] = "last week"
    path.write_bytes(json.dumps(raw).encode())
    assert cli("contacts").code == 1
    assert not note_path(path).exists()
