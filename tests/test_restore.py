"""``netrack restore``: list the backups, put one back after confirming, keep what it replaces."""

from __future__ import annotations

import fcntl
import io
import json
import sys
import threading
from pathlib import Path

import pytest

from netrack.store import Store, journal, locking
from netrack.store.backups import backup_folder, daily_copy
from netrack.store.locking import exclusive_lock
from tests.conftest import FROZEN_NOW


@pytest.fixture
def two_days(cli, store: Store, frozen) -> tuple[Path, bytes]:
    """A file with a daily backup holding one action; the file itself holds two."""
    assert cli("give", "Dana Lee", "sent the deck").code == 0
    assert cli("reach", "Sam Ortiz").code == 0  # first write of the day after the file exists
    backup = daily_copy(store.path, FROZEN_NOW.date())  # (kept by the quick add, unflushed)
    assert backup is not None and backup.name == "netrack.json-20261119.json"
    return backup, store.path.read_bytes()


def _restored(store: Store, backup: Path) -> bool:
    """True when the data file holds exactly the backup's records and history, with the
    restore's own entry at the end of the history when a file was replaced."""
    now, then = (json.loads(p.read_bytes()) for p in (store.path, backup))
    for document in (now, then):  # which journal of quick adds applies: not a record
        document["meta"]["1"].pop("journal_token", None)
    entries = list(now.pop("changes", {}).values())
    before = list(then.pop("changes", {}).values())
    if entries and entries[-1]["kind"] == "restore":
        assert entries[-1]["summary"] == f"restored {backup.name}"
        entries.pop()
    return now == then and entries == before


def _as_read(store: Store) -> bytes | None:
    """The data file as readers see it: the quick adds of its journal written in."""
    return journal.folded(store.path.read_bytes(), store.path)


def _answer(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_without_an_argument_it_lists_the_backups(cli, two_days) -> None:
    backup, _ = two_days
    (backup.parent / "netrack.json-20261101.json").write_bytes(b"{not json")
    result = cli("restore")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("backups of ")
    # The unreadable copy's problem is too long for one line of 80 columns: each backup
    # is its name on a line, and its kind and contents on the lines below it.
    assert lines[1] == "  netrack.json-20261101.json"
    assert lines[2].startswith("      daily · unreadable: not valid JSON")
    later = lines.index("  netrack.json-20261119.json")
    assert " ".join(line.strip() for line in lines[2:later]).endswith("line 1 column 2)")
    assert lines[later + 1] == "      daily · 1 contact, 1 action, 0 follow-ups"
    assert "netrack restore NAME" in lines[-1]
    assert max(map(len, lines[1:])) <= 80


def test_the_backups_list_keeps_to_one_line_each_where_that_fits_80_columns(cli, two_days) -> None:
    backup, _ = two_days
    (backup.parent / "netrack.json-20261118.json").write_bytes(backup.read_bytes())
    lines = cli("restore").out.splitlines()
    assert lines[1:3] == [
        "  netrack.json-20261118.json  daily  1 contact, 1 action, 0 follow-ups",
        "  netrack.json-20261119.json  daily  1 contact, 1 action, 0 follow-ups",
    ]


def test_a_long_backups_list_fits_80_columns(cli, two_days) -> None:
    backup, _ = two_days
    before = backup.parent / "netrack.json-20261119-101500-before-restore.json"
    before.write_bytes(backup.read_bytes())
    lines = cli("restore").out.splitlines()
    assert max(map(len, lines[1:])) <= 80, lines
    at = lines.index("  netrack.json-20261119-101500-before-restore.json")
    assert lines[at + 1] == "      before restore · 1 contact, 1 action, 0 follow-ups"


def test_the_list_as_json(cli, two_days) -> None:
    listed = json.loads(cli("restore", "--json").out)
    assert listed == [
        {
            "name": "netrack.json-20261119.json",
            "path": str(two_days[0]),
            "kind": "daily",
            "day": "2026-11-19",
            "readable": True,
            "problem": None,
            "contacts": 1,
            "actions": 1,
            "followups": 0,
        }
    ]


def test_no_backups_yet(cli) -> None:
    result = cli("restore")
    assert result.code == 0
    assert "no backups" in result.out


def test_restore_with_yes_puts_the_backup_back_and_keeps_the_replaced_file(
    cli, store: Store, two_days
) -> None:
    backup, _ = two_days
    replaced = _as_read(store)
    result = cli("restore", "netrack.json-20261119.json", "--yes")
    assert result.code == 0, result.err
    assert _restored(store, backup)
    assert [c.name for c in store.load().contacts] == ["Dana Lee"]
    kept = backup_folder(store.path) / "netrack.json-20261119-153000-before-restore.json"
    assert kept.read_bytes() == replaced
    assert f"kept the replaced file as {kept}" in result.out


@pytest.mark.parametrize("answer", ["y\n", "yes\n", "Y\n"])
def test_restore_asks_first_and_goes_ahead_on_yes(
    cli, store: Store, two_days, monkeypatch, answer: str
) -> None:
    backup, _ = two_days
    _answer(monkeypatch, answer)
    result = cli("restore", "20261119")
    assert result.code == 0
    assert "replace the data file with this backup? [y/N]" in result.out
    assert "(1 contact, 1 action, 0 follow-ups)" in result.out  # the backup
    assert "(2 contacts, 2 actions, 0 follow-ups)" in result.out  # the file it replaces
    assert _restored(store, backup)


@pytest.mark.parametrize("answer", ["n\n", "\n", "", "maybe\n"])
def test_anything_but_yes_changes_nothing(
    cli, store: Store, two_days, monkeypatch, answer: str
) -> None:
    backup, before = two_days
    _answer(monkeypatch, answer)
    result = cli("restore", "netrack.json-20261119")
    assert result.code == 1
    assert result.err == "netrack: not restored; nothing was changed\n"
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in backup.parent.iterdir()) == ["netrack.json-20261119.json"]


def test_without_usable_input_it_does_not_restore(cli, store: Store, two_days) -> None:
    # pytest's stdin cannot be read: like a closed terminal, that is a "no".
    assert cli("restore", "netrack.json-20261119.json").code == 1
    assert store.path.read_bytes() == two_days[1]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b'{"contacts": {"1": {"id": "c1", "na', "not valid JSON"),
        (b"\x00" * 40, "not valid JSON"),
        (b"[]", "wrong shape"),
        (b'{"meta": {"1": {"schema_version": 99}}}', "newer netrack"),
        (
            b'{"meta": {"1": {"schema_version": 1}}, "actions": {"1": {"id": "a", "kind": "give",'
            b' "at": "yesterday", "logged": "2026-11-19T10:00:00+01:00"}}}',
            "record actions/1 is damaged",
        ),
    ],
)
def test_an_unreadable_backup_is_refused(
    cli, store: Store, two_days, content: bytes, problem: str
) -> None:
    bad = backup_folder(store.path) / "netrack.json-20261101.json"
    bad.write_bytes(content)
    result = cli("restore", "netrack.json-20261101.json", "--yes")
    assert result.code == 1
    assert f"cannot restore {bad}" in result.err
    assert problem in result.err
    assert "nothing was changed" in result.err
    assert "Traceback" not in result.err
    assert store.path.read_bytes() == two_days[1]
    assert not list(bad.parent.glob("*before-restore*"))


def test_a_damaged_data_file_can_be_replaced_and_is_kept(cli, store: Store, two_days) -> None:
    backup, _ = two_days
    damaged = b'{"contacts": {"1": {"id": "c'
    store.path.write_bytes(damaged)
    assert cli("log").code == 1
    result = cli("restore", "netrack.json-20261119.json", "--yes")
    assert result.code == 0, result.err
    assert "unreadable: not valid JSON" in result.out
    assert _restored(store, backup)
    kept = backup_folder(store.path) / "netrack.json-20261119-153000-before-restore.json"
    assert kept.read_bytes() == damaged
    assert cli("log").code == 0


def test_a_missing_data_file_can_be_restored(cli, store: Store, two_days) -> None:
    backup, _ = two_days
    store.path.unlink()
    assert cli("restore", str(backup), "--yes").code == 0
    assert _restored(store, backup)


def test_restore_by_path_from_elsewhere(cli, store: Store, two_days, tmp_path: Path) -> None:
    elsewhere = tmp_path / "saved.json"
    elsewhere.write_bytes(two_days[0].read_bytes())
    assert cli("restore", str(elsewhere), "-y").code == 0
    assert _restored(store, elsewhere)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("netrack.json-19991231.json", "no backup named"),
        ("2026-11", "matches 2 backups"),
        ("   ", "name a backup"),
    ],
)
def test_a_backup_name_must_say_which(cli, store: Store, two_days, name, message) -> None:
    (backup_folder(store.path) / "netrack.json-20261118.json").write_bytes(two_days[0].read_bytes())
    result = cli("restore", name, "--yes")
    assert result.code == 2
    assert message in result.err
    assert store.path.read_bytes() == two_days[1]


def test_a_file_is_not_restored_over_itself(cli, store: Store, two_days) -> None:
    result = cli("restore", str(store.path), "--yes")
    assert result.code == 1
    assert "over itself" in result.err


def test_restore_waits_for_the_lock(cli, store: Store, two_days, monkeypatch) -> None:
    """While another process holds the lock (mid-write), restore does not touch the file."""
    _, before = two_days
    monkeypatch.setattr(locking, "LOCK_TIMEOUT_SECONDS", 0.2)
    with exclusive_lock(store.path):
        result = cli("restore", "netrack.json-20261119.json", "--yes")
    assert result.code == 1
    assert "lock" in result.err
    assert store.path.read_bytes() == before


def test_restore_goes_ahead_once_the_lock_is_released(
    cli, store: Store, two_days, monkeypatch
) -> None:
    """Restore waits while another writer holds the lock, then puts the backup back."""
    backup, _ = two_days
    holding = threading.Event()
    refused = threading.Event()  # restore asked for the lock and had to wait

    class WatchedLocks:
        def __getattr__(self, name: str):
            return getattr(fcntl, name)

        def flock(self, fd: int, operation: int) -> None:
            try:
                fcntl.flock(fd, operation)
            except BlockingIOError:
                refused.set()
                raise

    def writer() -> None:
        with exclusive_lock(store.path):
            holding.set()
            refused.wait(timeout=30)

    thread = threading.Thread(target=writer)
    thread.start()
    assert holding.wait(timeout=30)
    monkeypatch.setattr(locking, "fcntl", WatchedLocks())
    result = cli("restore", "netrack.json-20261119.json", "--yes")
    thread.join()
    assert refused.is_set(), "restore never found the lock taken"
    assert result.code == 0, result.err
    assert _restored(store, backup)


def test_undo_puts_back_the_file_a_restore_replaced(cli, store: Store, two_days) -> None:
    replaced = _as_read(store)
    result = cli("restore", "netrack.json-20261119.json", "--yes")
    assert result.out.splitlines()[-1] == (
        "restored netrack.json-20261119.json ('netrack undo' puts the replaced file back)"
    )
    listed = cli("history").out.splitlines()
    assert listed[0].endswith("restored netrack.json-20261119.json")
    assert listed[1].strip() == (
        "the whole file (the one it replaced: netrack.json-20261119-153000-before-restore.json)"
    )
    restored = store.path.read_bytes()
    undone = cli("undo")
    assert undone.out == (
        "undid: restored netrack.json-20261119.json (the file is back as it was before)\n"
    )
    assert store.path.read_bytes() == replaced
    [kept] = [b for b in json.loads(cli("restore", "--json").out) if "undo" in b["name"]]
    assert (kept["name"], kept["kind"]) == (
        "netrack.json-20261119-153000-before-undo.json",
        "before undo",  # not "before restore": it is the restored file the undo replaced
    )
    assert Path(kept["path"]).read_bytes() == restored
    assert cli("undo").out == "undid: logged reach-out → Sam Ortiz\n", "then the change before"


def test_a_restore_is_undone_only_while_it_is_the_newest_change(cli, store, two_days) -> None:
    cli("restore", "netrack.json-20261119.json", "--yes")
    restore_id = json.loads(cli("history", "--json").out)[0]["id"]
    cli("give", "Dana Lee", "after the restore")
    refused = cli("undo", restore_id)
    assert refused.code == 1
    assert "before the changes made after it" in refused.err
    assert cli("undo").out == "undid: logged give → Dana Lee\n"
    assert cli("undo", restore_id).code == 0
    assert [c.name for c in store.load().contacts] == ["Dana Lee", "Sam Ortiz"]


def test_a_restore_whose_replaced_copy_is_gone_is_not_undone(cli, store, two_days) -> None:
    cli("restore", "netrack.json-20261119.json", "--yes")
    kept = backup_folder(store.path) / "netrack.json-20261119-153000-before-restore.json"
    kept.unlink()
    before = store.path.read_bytes()
    refused = cli("undo")
    assert refused.code == 1
    assert "is no longer among the backups; nothing was changed" in refused.err
    assert store.path.read_bytes() == before
