"""Daily copies before the first write of a day, copies before a migration, pruning."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pendulum
import pytest

from netrack import clock
from netrack.domain.ids import new_id
from netrack.domain.models import Contact
from netrack.store import Store, schema
from netrack.store.backups import BEFORE_MIGRATION, DAILY, all_backups, backup_folder
from tests.conftest import FROZEN_NOW, raw_file


def _add_contact(store: Store, name: str) -> None:
    with store.transaction() as tx:
        tx.save(Contact(id=new_id(), name=name, created=clock.now()))


def _names(store: Store) -> list[str]:
    return [b.name for b in all_backups(store.path)]


def _go_to_day(offset: int) -> None:
    """Move the frozen clock ``offset`` days after Thu 19 Nov 2026 (the fixture resets it)."""
    pendulum.travel_to(FROZEN_NOW.add(days=offset), freeze=True)


def test_first_write_of_the_day_copies_the_file_as_it_was(store: Store, frozen) -> None:
    _add_contact(store, "Dana")
    assert not backup_folder(store.path).exists(), "a new file has nothing to copy"
    before = store.path.read_bytes()
    _add_contact(store, "Sam")
    copy = backup_folder(store.path) / "netrack.json-20261119.json"
    assert _names(store) == ["netrack.json-20261119.json"]
    assert copy.read_bytes() == before
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(copy.parent).st_mode) == 0o700


def test_the_daily_copy_is_made_once_per_day(store: Store, frozen) -> None:
    _add_contact(store, "Dana")
    first_state = store.path.read_bytes()
    for name in ("Sam", "Priya", "Lee"):
        _add_contact(store, name)
    assert _names(store) == ["netrack.json-20261119.json"]
    assert (backup_folder(store.path) / "netrack.json-20261119.json").read_bytes() == first_state

    _go_to_day(1)
    yesterday_last = store.path.read_bytes()
    _add_contact(store, "Kim")
    _add_contact(store, "Ola")
    assert _names(store) == ["netrack.json-20261119.json", "netrack.json-20261120.json"]
    assert (backup_folder(store.path) / "netrack.json-20261120.json").read_bytes() == yesterday_last


def test_a_write_keeps_the_days_copy_as_a_link_that_later_writes_leave_alone(
    store: Store, frozen
) -> None:
    """The file a write replaces is linked as the day's copy, not copied: every write
    replaces the main file by a new one, so yesterday's copy never changes after."""
    _add_contact(store, "Dana")
    _go_to_day(1)
    replaced = store.path.stat()
    before = store.path.read_bytes()
    _add_contact(store, "Sam")
    copy = backup_folder(store.path) / "netrack.json-20261120.json"
    assert copy.stat().st_ino == replaced.st_ino != store.path.stat().st_ino
    for day, name in ((1, "Priya"), (2, "Lee"), (2, "Kim"), (3, "Ola")):
        _go_to_day(day)
        _add_contact(store, name)
        assert copy.read_bytes() == before
    assert copy.stat().st_nlink == 1  # the data file it was is gone: the copy alone
    assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600


def test_a_file_open_to_others_is_copied_not_linked(store: Store, frozen) -> None:
    _add_contact(store, "Dana")
    os.chmod(store.path, 0o644)
    _go_to_day(1)
    _add_contact(store, "Sam")
    copy = backup_folder(store.path) / "netrack.json-20261120.json"
    assert copy.stat().st_nlink == 1 and stat.S_IMODE(os.stat(copy).st_mode) == 0o600


def test_reading_and_empty_transactions_make_no_copy(store: Store, frozen) -> None:
    _add_contact(store, "Dana")
    for _ in range(3):
        store.load()
        with store.transaction():
            pass
    assert not backup_folder(store.path).exists()


def test_only_the_last_seven_daily_copies_are_kept(store: Store, frozen) -> None:
    _add_contact(store, "Day 0")
    for day in range(1, 11):
        _go_to_day(day)
        _add_contact(store, f"Day {day}")
    kept = [b for b in all_backups(store.path) if b.kind == DAILY]
    assert [b.day.isoformat() for b in kept] == [f"2026-11-{d}" for d in range(23, 30)]
    # Each copy is the file as it was before that day's write: the 28th holds days 0-8.
    names = {
        c["name"]
        for c in raw_file(backup_folder(store.path) / "netrack.json-20261128.json")[
            "contacts"
        ].values()
    }
    assert names == {f"Day {d}" for d in range(9)}


CURRENT = schema.SCHEMA_VERSION
NEXT = CURRENT + 1


def _migration_to_next(raw: dict) -> dict:
    for doc in raw.get("contacts", {}).values():
        doc["name"] = doc["name"].upper()
    return raw


def _know_next_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on this netrack knows the next schema, reached by upper-casing names."""
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)
    monkeypatch.setattr(schema, "MIGRATIONS", {**schema.MIGRATIONS, CURRENT: _migration_to_next})


def test_a_migration_copies_the_file_first_and_keeps_that_copy(
    store: Store, frozen, monkeypatch
) -> None:
    _add_contact(store, "Dana")
    version_1 = store.path.read_bytes()  # the current version; called 1 here
    _know_next_schema(monkeypatch)

    assert [c.name for c in store.load().contacts] == ["DANA"], "migrated when read"
    assert store.path.read_bytes() == version_1, "reading does not rewrite the file"
    assert not backup_folder(store.path).exists()

    _add_contact(store, "Sam")
    premigration = backup_folder(store.path) / f"netrack.json-20261119-before-v{NEXT}.json"
    assert premigration.read_bytes() == version_1
    assert stat.S_IMODE(os.stat(premigration).st_mode) == 0o600
    assert raw_file(store.path)["meta"]["1"]["schema_version"] == NEXT
    assert sorted(c.name for c in store.load().contacts) == ["DANA", "Sam"]

    for day in range(1, 11):  # long after, the daily copies are pruned but not this one
        _go_to_day(day)
        _add_contact(store, f"Day {day}")
    kinds = [b.kind for b in all_backups(store.path)]
    assert kinds.count(DAILY) == 7
    assert kinds.count(BEFORE_MIGRATION) == 1
    assert premigration.read_bytes() == version_1


def test_a_second_migration_the_same_day_keeps_both_copies(
    store: Store, frozen, monkeypatch
) -> None:
    _add_contact(store, "Dana")
    first = store.path.read_bytes()
    _know_next_schema(monkeypatch)
    _add_contact(store, "Sam")
    # An older file comes back (say, copied over by hand) and is migrated again.
    other = first.replace(b"Dana", b"Ines")
    store.path.write_bytes(other)
    _add_contact(store, "Kim")
    folder = backup_folder(store.path)
    assert (folder / f"netrack.json-20261119-before-v{NEXT}.json").read_bytes() == first
    assert (folder / f"netrack.json-20261119-before-v{NEXT}-2.json").read_bytes() == other


def test_copies_are_named_after_their_data_file_and_kept_apart(tmp_path: Path, frozen) -> None:
    work = Store(tmp_path / "work.json")
    home = Store(tmp_path / "netrack.json")
    older = Store(tmp_path / "netrack-old.json")
    for day in range(9):
        _go_to_day(day)
        for store in (work, home, older):
            _add_contact(store, f"Day {day}")
    assert [b.name for b in all_backups(work.path)][-1] == "work.json-20261127.json"
    for store in (work, home, older):
        backups = all_backups(store.path)
        assert len(backups) == 7
        assert all(b.name.startswith(store.path.name + "-2026") for b in backups)


def test_no_write_happens_when_the_backup_cannot_be_made(cli, store: Store) -> None:
    assert cli("give", "Dana", "deck").code == 0
    before = store.path.read_bytes()
    backup_folder(store.path).write_text("not a folder")
    result = cli("give", "Dana", "intro")
    assert result.code == 1
    assert f"cannot keep a backup copy at {backup_folder(store.path)}" in result.err
    assert "the file was not changed" in result.err
    assert store.path.read_bytes() == before
    doctor = cli("doctor")
    assert doctor.code == 1
    assert "is not a folder, so netrack cannot keep backups there" in doctor.out
