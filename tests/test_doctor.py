"""``netrack doctor``: what it finds, what --repair fixes, and what it leaves alone."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from netrack.store import Store, journal
from netrack.store.backups import backup_folder, daily_copy
from netrack.store.files import lock_path_for
from tests.conftest import FROZEN_NOW


@pytest.fixture
def logged(cli, store: Store) -> Path:
    """Two contacts, a meeting with its follow-up, and a give; today's backup exists."""
    assert cli("meet", "Dana Lee", "coffee").code == 0
    assert cli("give", "Sam Ortiz", "intro", "--channel", "email").code == 0
    return store.path


def _edit(path: Path, change) -> bytes:
    """Change the file by hand (the quick adds of its journal written in first)."""
    raw = json.loads(journal.folded(path.read_bytes(), path) or b"")
    change(raw)
    data = json.dumps(raw).encode()
    path.write_bytes(data)
    journal.discard(path)
    return data


def _by_name(raw: dict, name: str) -> dict:
    return next(c for c in raw["contacts"].values() if c["name"] == name)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_healthy_file(cli, logged: Path) -> None:
    result = cli("doctor")
    assert result.code == 0
    assert result.out.splitlines() == [
        f"data file  {logged}",
        f"readable   yes · {logged.stat().st_size:,} bytes · schema 6 (current)",
        "records    2 contacts, 2 actions, 1 follow-up (1 open), 4 habits, 0 settings,",
        "           0 week notes, 0 plan items",  # wrapped within 80 columns
        "history    2 changes (see 'netrack history')",
        f"backups    1 in {logged.parent / 'backups'}; newest netrack.json-20261119.json "
        "(list them with 'netrack restore')",
        "no problems found",
    ]


def test_no_file_yet_is_healthy_and_doctor_creates_nothing(cli, store: Store) -> None:
    result = cli("doctor")
    assert result.code == 0
    assert "not created yet" in result.out
    assert not store.path.parent.exists()


def test_doctor_without_repair_changes_nothing(cli, logged: Path) -> None:
    damaged = _edit(logged, lambda raw: raw["contacts"].pop("1"))
    os.chmod(logged, 0o644)
    before = sorted(os.listdir(logged.parent)), os.stat(logged).st_mtime_ns
    assert cli("doctor").code == 1
    assert logged.read_bytes() == damaged
    assert _mode(logged) == 0o644
    assert (sorted(os.listdir(logged.parent)), os.stat(logged).st_mtime_ns) == before


def test_an_action_of_a_deleted_contact_keeps_its_place_with_no_contact(
    cli, store: Store, logged: Path
) -> None:
    def drop_sam(raw: dict) -> None:
        key = next(k for k, c in raw["contacts"].items() if c["name"] == "Sam Ortiz")
        del raw["contacts"][key]

    damaged = _edit(logged, drop_sam)
    result = cli("doctor")
    assert result.code == 1
    assert "action " in result.out
    assert "(give, 2026-11-19) points at contact" in result.out
    assert "--repair will set its contact to none" in result.out

    repaired = cli("doctor", "--repair")
    assert repaired.code == 0, repaired.out
    kept = backup_folder(logged) / "netrack.json-20261119-153000-before-repair.json"
    assert kept.read_bytes() == damaged
    assert f"kept a copy of the file as it was: {kept}" in repaired.out
    assert repaired.out.rstrip().endswith("no problems found")
    give = next(a for a in store.load().actions if a.kind == "give")
    assert give.contact_id is None
    assert give.note == "intro"
    assert len(store.load().actions) == 2


def test_a_follow_up_owed_to_a_missing_contact_is_removed(cli, store: Store, logged) -> None:
    def drop_dana(raw: dict) -> None:
        key = next(k for k, c in raw["contacts"].items() if c["name"] == "Dana Lee")
        del raw["contacts"][key]

    _edit(logged, drop_dana)
    out = cli("doctor").out
    assert "is owed to contact" in out
    assert "--repair will remove the follow-up" in out
    assert cli("doctor", "--repair").code == 0
    data = store.load()
    assert data.followups == ()
    meet = next(a for a in data.actions if a.kind == "meet")
    assert (meet.contact_id, meet.followup_id) == (None, None)  # both links cleared
    assert cli("doctor").code == 0


def test_duplicate_ids_identical_copies_become_one(cli, store: Store, logged: Path) -> None:
    _edit(logged, lambda raw: raw["actions"].update({"7": dict(raw["actions"]["1"])}))
    assert "2 action records share the id" in cli("doctor").out
    assert cli("log").code == 0  # the store itself copes, but the file is not clean
    assert cli("doctor", "--repair").code == 0
    assert len(store.load().actions) == 2


def test_duplicate_ids_with_different_contents_both_stay(cli, store: Store, logged) -> None:
    def clash(raw: dict) -> None:
        copy = dict(raw["actions"]["2"], note="a different action")
        raw["actions"]["9"] = copy

    _edit(logged, clash)
    out = cli("doctor").out
    assert "(different contents)" in out
    assert "--repair will give the later ones new ids" in out
    assert cli("doctor", "--repair").code == 0
    actions = store.load().actions
    assert sorted(a.note for a in actions) == ["a different action", "coffee", "intro"]
    assert len({a.id for a in actions}) == 3


def test_a_damaged_record_is_removed_but_kept_in_the_copy(cli, store: Store, logged) -> None:
    damaged = _edit(logged, lambda raw: raw["actions"]["2"].pop("at"))
    assert cli("log").code == 1
    result = cli("doctor")
    assert "record actions/2 has a missing field 'at'" in result.out
    assert cli("doctor", "--repair").code == 0
    assert [a.kind for a in store.load().actions] == ["meet"]
    kept = backup_folder(logged) / "netrack.json-20261119-153000-before-repair.json"
    assert kept.read_bytes() == damaged


def test_a_record_without_a_document_number_is_renumbered(cli, store: Store, logged) -> None:
    _edit(logged, lambda raw: raw["contacts"].update({"x": raw["contacts"].pop("1")}))
    assert cli("contacts").code == 1  # the store refuses it...
    assert "has no document number" in cli("doctor").out
    assert cli("doctor", "--repair").code == 0
    assert len(store.load().contacts) == 2  # ...and nothing was lost
    assert cli("give", "Dana", "works again").code == 0


DAMAGED_FILES = {
    "empty": b"",
    "truncated": None,  # the healthy file cut in half
    "NUL bytes": b"\x00" * 4096,
    "NULs after JSON": None,
    "a list": b"[1, 2, 3]",
    "a table that is text": b'{"contacts": "Dana"}',
}


def _damage(path: Path, kind: str) -> bytes:
    good = path.read_bytes()
    data = DAMAGED_FILES[kind]
    if kind == "truncated":
        data = good[: len(good) // 2]
    elif kind == "NULs after JSON":
        data = good + b"\x00" * 512
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("kind", list(DAMAGED_FILES))
def test_an_unusable_file_cannot_be_repaired_and_doctor_points_to_a_backup(
    cli, logged: Path, kind: str
) -> None:
    data = _damage(logged, kind)
    for args in (["doctor"], ["doctor", "--repair"]):
        result = cli(*args)
        assert result.code == 1
        assert "readable   no · " in result.out
        assert "✗ the file cannot be used: " in result.out
        assert "the file cannot be repaired; put a backup back instead:" in result.out
        assert "netrack restore netrack.json-20261119.json" in result.out
        assert "newest readable backup: 1 contact, 1 action" in result.out
        assert logged.read_bytes() == data
    assert not list(backup_folder(logged).glob("*before-repair*"))


def test_a_file_from_a_newer_netrack_needs_an_upgrade_not_a_repair(cli, logged: Path) -> None:
    newer = _edit(logged, lambda raw: raw["meta"]["1"].update(schema_version=99))
    for args in (["doctor"], ["doctor", "--repair"]):
        result = cli(*args)
        assert result.code == 1
        assert "it was written by a newer netrack (schema 99" in result.out
        assert "upgrade netrack to use it" in result.out
        assert "netrack restore" not in result.out.split("problem")[-1]
        assert logged.read_bytes() == newer


def test_an_unusable_file_without_backups(cli, store: Store) -> None:
    store.path.parent.mkdir(parents=True)
    store.path.write_bytes(b"{")
    result = cli("doctor")
    assert result.code == 1
    assert "there is no readable backup" in result.out


def test_loose_permissions_are_reported_and_repaired(
    cli, store: Store, logged: Path, monkeypatch
) -> None:
    # The data folder is checked when it is netrack's own folder, the default one.
    monkeypatch.setattr("netrack.paths.default_data_dir", lambda: logged.parent)
    lock = lock_path_for(logged)
    backup = daily_copy(logged, FROZEN_NOW.date())  # kept by the quick add
    assert backup is not None
    for path, mode in (
        (logged.parent, 0o755),
        (logged, 0o644),
        (lock, 0o664),
        (backup_folder(logged), 0o750),
        (backup, 0o640),
    ):
        os.chmod(path, mode)
    result = cli("doctor")
    assert result.code == 1
    for line in (
        f"data folder {logged.parent} is open to other users (mode 0755)",
        f"data file {logged} is open to other users (mode 0644)",
        f"lock file {lock} is open to other users (mode 0664)",
        f"backups folder {backup_folder(logged)} is open to other users (mode 0750)",
        f"backup {backup} is open to other users (mode 0640)",
    ):
        assert line in result.out
    assert cli("doctor", "--repair").code == 0
    assert [_mode(p) for p in (logged.parent, logged, lock, backup_folder(logged), backup)] == [
        0o700,
        0o600,
        0o600,
        0o700,
        0o600,
    ]
    assert not list(backup.parent.glob("*before-repair*")), "no content changed: no copy"


def test_a_folder_the_user_chose_is_left_as_it_is(cli, store: Store, logged: Path) -> None:
    os.chmod(logged.parent, 0o755)  # e.g. --db ~/notes/netrack.json
    result = cli("doctor")
    assert result.code == 0, result.out
    assert "data folder" not in result.out
    assert cli("doctor", "--repair").code == 0
    assert _mode(logged.parent) == 0o755


def _dead_pid() -> int:
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(child.stdout)


def test_temporary_files_of_killed_writers_are_found_and_removed(cli, logged: Path) -> None:
    dead = _dead_pid()
    stale = logged.parent / f".netrack.json.{dead}.tmp"
    stale_backup = backup_folder(logged) / f".netrack.json-20261120.json.{dead}.tmp"
    running = logged.parent / f".netrack.json.{os.getpid()}.tmp"
    for path in (stale, stale_backup, running):
        path.write_bytes(b'{"half": ')
    result = cli("doctor")
    assert result.code == 1
    assert f"temporary file {stale} was left by a killed writer" in result.out
    assert f"temporary file {stale_backup} was left by a killed writer" in result.out
    assert str(running) not in result.out, "a live writer's file may be in use"
    assert cli("doctor", "--repair").code == 0
    # Holding the lock, doctor knows no write is running: every leftover goes.
    assert not stale.exists() and not stale_backup.exists() and not running.exists()


def test_doctor_json(cli, logged: Path) -> None:
    _edit(logged, lambda raw: raw["actions"]["2"].update(contact_id="gone"))
    report = json.loads(cli("doctor", "--json").out)
    assert report["healthy"] is False
    assert report["readable"] is True
    assert report["counts"]["actions"] == 2
    assert report["backups"] == ["netrack.json-20261119.json"]
    assert [p["repair"] for p in report["problems"]] == ["set its contact to none"]
    after = cli("doctor", "--repair", "--json")
    assert after.code == 0
    assert json.loads(after.out)["repaired"][0]["repair"] == "set its contact to none"


def test_leftover_temporary_files_in_the_archive_are_found(cli, store: Store, logged: Path) -> None:
    from netrack.store.archive import archive_folder

    folder = archive_folder(logged)
    folder.mkdir()
    leftover = folder / f".2019.json.{_dead_pid()}.tmp"
    leftover.write_bytes(b"{")
    result = cli("doctor")
    assert result.code == 1
    assert str(leftover) in result.out
    assert cli("doctor", "--repair").code == 0
    assert not leftover.exists()
