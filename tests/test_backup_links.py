"""The day's copy made as a hard link is never the live data file under the copy's name:
not while the write that made it runs, not when that write fails, not after a crash."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pendulum
import pytest

from netrack import clock
from netrack.domain.ids import new_id
from netrack.domain.models import Action, Contact
from netrack.errors import DataFileError
from netrack.store import Store, backups, generations
from netrack.store.backups import all_backups, backup_folder
from tests.conftest import FROZEN_NOW

COPY = "netrack.json-20261120.json"


def _add_contact(store: Store, name: str) -> None:
    with store.transaction() as tx:
        tx.save(Contact(id=new_id(), name=name, created=clock.now()))


def _next_day() -> None:
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)


def _files_sharing_the_main_file(store: Store) -> list[str]:
    """Every name in the backups folder (hidden ones too) of the main file's inode."""
    main = os.stat(store.path)
    folder = backup_folder(store.path)
    return [name for name in os.listdir(folder) if os.path.samestat(os.stat(folder / name), main)]


def _edit_in_place(path: Path) -> None:
    """What another program may do to the data file: write into it, not replace it (here
    a blank at the end, which leaves it the same JSON)."""
    with open(path, "r+b") as file:
        file.seek(0, os.SEEK_END)
        file.write(b" ")


def _disk_full(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """From now on the replace of the main file fails as on a full disk; what the backups
    folder holds of the live file at that moment is noted in the list returned."""
    seen: list[list[str]] = []
    replace = generations.write_atomic

    def failing(path: Path, data: bytes) -> None:
        if path == store.path:
            seen.append(_files_sharing_the_main_file(store))
            raise DataFileError(path, f"cannot write it ({os.strerror(errno.ENOSPC)})")
        replace(path, data)

    monkeypatch.setattr(generations, "write_atomic", failing)
    return seen


def _of_the_day(store: Store) -> list[str]:
    return sorted(name for name in os.listdir(backup_folder(store.path)) if "20261120" in name)


def test_a_write_that_fails_leaves_no_copy_sharing_the_live_file(
    cli, store: Store, frozen, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_contact(store, "Dana")
    assert cli("give", "Dana", "sent the deck").code == 0  # a journal line to copy too
    _next_day()
    full_disk = _disk_full(store, monkeypatch)
    with pytest.raises(DataFileError, match="No space left"):
        _add_contact(store, "Sam")
    [while_writing] = full_disk
    assert COPY not in while_writing, "the live file was never under the copy's name"
    assert _files_sharing_the_main_file(store) == []
    assert _of_the_day(store) == [], "no copy, nor its journal's"
    _edit_in_place(store.path)  # no copy changes with it
    edited = store.path.read_bytes()
    monkeypatch.undo()
    _add_contact(store, "Sam")
    assert (backup_folder(store.path) / COPY).read_bytes() == edited
    assert _of_the_day(store) == [COPY, f"{COPY}.journal"]


def test_a_write_done_names_the_replaced_file_as_the_copy(store: Store, frozen) -> None:
    _add_contact(store, "Dana")
    _next_day()
    replaced = os.stat(store.path)
    before = store.path.read_bytes()
    _add_contact(store, "Sam")
    copy = backup_folder(store.path) / COPY
    assert os.path.samestat(os.stat(copy), replaced), "a link, not a copy of the bytes"
    assert sorted(os.listdir(backup_folder(store.path))) == [COPY]
    _edit_in_place(store.path)
    assert copy.read_bytes() == before


def _stopped_before_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The process dies after the write and before the copy takes its name."""
    monkeypatch.setattr(backups, "settle_daily_backup", lambda path, target: None)


def test_a_link_left_by_a_crash_after_the_replace_becomes_the_days_copy(
    store: Store, frozen, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_contact(store, "Dana")
    _next_day()
    before = store.path.read_bytes()
    _stopped_before_settling(monkeypatch)
    _add_contact(store, "Sam")
    assert all_backups(store.path) == [], "no copy under its name yet"
    monkeypatch.undo()
    _edit_in_place(store.path)
    _add_contact(store, "Priya")
    assert (backup_folder(store.path) / COPY).read_bytes() == before, "the file before Sam"
    assert sorted(os.listdir(backup_folder(store.path))) == [COPY]


def test_a_link_left_by_a_crash_before_the_replace_is_dropped(
    store: Store, frozen, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add_contact(store, "Dana")
    _next_day()
    _disk_full(store, monkeypatch)
    _stopped_before_settling(monkeypatch)
    with pytest.raises(DataFileError):
        _add_contact(store, "Sam")
    assert _files_sharing_the_main_file(store) != [], "the crash left the link"
    monkeypatch.undo()
    _edit_in_place(store.path)
    edited = store.path.read_bytes()
    _add_contact(store, "Sam")
    assert (backup_folder(store.path) / COPY).read_bytes() == edited
    assert sorted(os.listdir(backup_folder(store.path))) == [COPY]


def test_a_link_left_by_a_crash_keeps_the_year_files_it_names_through_a_repair(
    cli, store: Store, frozen, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The link is the file as it was before the write: the year file that write
    replaced is named by it alone, until it becomes the day's copy."""
    old = pendulum.datetime(2019, 6, 10, 10, tz=FROZEN_NOW.tz)
    with store.transaction() as tx:
        tx.save(Contact(id="c-dana", name="Dana Lee", created=old))
        tx.save(Action("a1", "give", "c-dana", old, old, "email", "in 2019"))
    _add_contact(store, "Sam")  # the second write moves 2019 into its year file
    with store.transaction() as tx:  # its next generation: both are named now
        tx.save(Action("a2", "give", "c-dana", old, old, "email", "also in 2019"))
    _next_day()
    named_before = raw_named(store)
    settle = backups.settle_daily_backup
    _stopped_before_settling(monkeypatch)
    with store.transaction() as tx:  # the first generation is named by the link alone
        tx.save(Action("a3", "give", "c-dana", old, old, "email", "lost in a crash"))
    monkeypatch.setattr(backups, "settle_daily_backup", settle)
    [replaced] = set(named_before) - set(raw_named(store))
    assert cli("doctor", "--repair").code == 0
    assert (store.path.parent / replaced).exists(), "named by the link, it stays"
    _add_contact(store, "Priya")  # the link becomes the day's copy
    assert cli("restore", COPY, "--yes").code == 0
    assert sorted(a.note for a in store.load().actions) == ["also in 2019", "in 2019"]


def raw_named(store: Store) -> list[str]:
    from netrack.store.archive import manifest
    from tests.conftest import raw_file

    return sorted(manifest(raw_file(store.path), store.path).named())
