"""A restore (of a backup, or of an archive year) and its undo reach the other computers.

Two data files share one folder (as on a network share) and publish inside each
command, as in tests/test_sync_records.py.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from netrack.store import Store
from netrack.store.outbox import OUTBOX
from netrack.sync.background import PUBLISH_ENV
from tests.conftest import raw_file
from tests.sync_support import start_pair
from tests.test_archive_safety import _history


@pytest.fixture
def two(tmp_path: Path, cli, monkeypatch) -> tuple[str, str]:
    """A laptop with Dana Lee, and a desktop that joined its folder."""
    monkeypatch.setenv(PUBLISH_ENV, "now")
    laptop, desktop = str(tmp_path / "laptop.json"), str(tmp_path / "desktop.json")
    assert cli("--db", laptop, "give", "Dana Lee", "sent the deck").code == 0
    start_pair(cli, laptop, desktop, tmp_path / "Sync")
    return laptop, desktop


def _people(cli, db: str) -> dict[str, str]:
    """Each contact's name and company, as that computer has them (after a sync)."""
    assert cli("--db", db, "sync").code == 0
    contacts = json.loads(cli("--db", db, "contacts", "--json").out)
    return {c["name"]: c.get("company") or "" for c in contacts}


def _notes(cli, db: str) -> set[str]:
    return {a["note"] for a in json.loads(cli("--db", db, "log", "--all", "--json").out)}


def test_restoring_a_backup_and_undoing_it_reach_the_other_computer(
    two, cli, tmp_path: Path
) -> None:
    laptop, desktop = two
    before = tmp_path / "before.json"
    shutil.copyfile(laptop, before)
    assert cli("--db", laptop, "contact", "edit", "Dana", "--company", "Acme").code == 0
    assert cli("--db", laptop, "give", "Sam Ortiz", "intro to Mei").code == 0
    assert _people(cli, desktop) == {"Dana Lee": "Acme", "Sam Ortiz": ""}

    restored = cli("--db", laptop, "restore", str(before), "--yes")
    assert restored.code == 0, restored.err
    assert raw_file(Path(laptop)).get(OUTBOX, {}) == {}, "published at once"
    assert _people(cli, desktop) == {"Dana Lee": ""}
    assert _notes(cli, desktop) == {"sent the deck"}

    undone = cli("--db", laptop, "undo")
    assert undone.code == 0, undone.err
    assert "the file is back as it was before" in undone.out
    assert _people(cli, desktop) == {"Dana Lee": "Acme", "Sam Ortiz": ""}
    assert _notes(cli, desktop) == {"sent the deck", "intro to Mei"}
    assert cli("--db", desktop, "export").out == cli("--db", laptop, "export").out


def test_a_restore_made_offline_is_published_by_the_next_sync(
    two, cli, tmp_path: Path, monkeypatch
) -> None:
    laptop, desktop = two
    before = tmp_path / "before.json"
    shutil.copyfile(laptop, before)
    assert cli("--db", laptop, "contact", "edit", "Dana", "--company", "Acme").code == 0
    assert _people(cli, desktop) == {"Dana Lee": "Acme"}
    monkeypatch.setenv(PUBLISH_ENV, "later")
    assert cli("--db", laptop, "restore", str(before), "--yes").code == 0
    waiting = raw_file(Path(laptop))[OUTBOX].values()
    assert {(e["table"], e["before"]["company"]) for e in waiting} == {("contacts", "Acme")}
    assert _people(cli, laptop) == {"Dana Lee": ""}  # its sync publishes the restore
    assert _people(cli, desktop) == {"Dana Lee": ""}


def test_putting_an_archive_year_back_reaches_the_other_computer(
    tmp_path: Path, cli, frozen, monkeypatch
) -> None:
    monkeypatch.setenv(PUBLISH_ENV, "now")
    laptop = tmp_path / "laptop.json"
    desktop = str(tmp_path / "desktop.json")
    _history(Store(laptop))
    start_pair(cli, str(laptop), desktop, tmp_path / "Sync")
    assert cli("--db", str(laptop), "give", "Dana Lee", "reunion", "--on", "2020-03-05").code == 0
    assert "reunion" in _notes(cli, desktop)

    assert cli("--db", str(laptop), "restore", "2020.1.json", "--yes").code == 0
    assert "reunion" not in _notes(cli, str(laptop))
    assert cli("--db", desktop, "sync").code == 0
    assert "reunion" not in _notes(cli, desktop)

    assert cli("--db", str(laptop), "undo").code == 0
    assert cli("--db", desktop, "sync").code == 0
    assert "reunion" in _notes(cli, desktop)
