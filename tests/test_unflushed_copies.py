"""The day's copy a quick add keeps is not flushed to the disk on its way (that cost the
day's first quick add more than the rest of it): it waits in ``backups/.unflushed/<boot>``
and is flushed and named by the next write that keeps or replaces. It is listed and
restored meanwhile; a process killed after the quick add leaves it whole; one that a
crash of the machine may have left incomplete (an earlier boot) is dropped, never named,
and the copies before it stay."""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pendulum
import pytest

from netrack import clock
from netrack.domain.ids import new_id
from netrack.domain.models import Contact
from netrack.store import Store, archive, backups, filecopy, recovery
from netrack.store.backups import all_backups, backup_folder, daily_backup_path, daily_copy
from tests.conftest import FROZEN_NOW, python_command
from tests.history_support import write_demo_history

TODAY = FROZEN_NOW.add(days=1).date()
COPY = "netrack.json-20261120.json"


def _yesterday_then_today(cli, store: Store) -> bytes:
    """Yesterday's writes (a copy of that day kept by the second), then today's clock;
    the data file as today's first write finds it (its journal folded in)."""
    assert cli("give", "Dana Lee", "first").code == 0
    assert cli("give", "Dana", "into the journal").code == 0
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    return _notes_of(store.path, store.path)


def _notes_of(copy: Path, data_file: Path) -> bytes:
    return "|".join(a.note for a in recovery.read_backup(copy, data_file)[1].actions).encode()


def _add_contact(store: Store, name: str) -> None:
    with store.transaction() as tx:
        tx.save(Contact(id=new_id(), name=name, created=clock.now()))


def _flushed_files(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files flushed from now on."""
    flushed: list[str] = []
    fsync = os.fsync

    def noting(fd: int) -> None:
        flushed.append(os.path.basename(os.readlink(f"/proc/self/fd/{fd}")))
        fsync(fd)

    monkeypatch.setattr(os, "fsync", noting)
    return flushed


def _quick_add_stopped_halfway(cli, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's first quick add, killed after the journal's copy, before the file's."""
    copied = backups.copy_file

    def stopped(path: Path, target: Path, flush: bool = True) -> bool:
        if path == store.path:
            raise KeyboardInterrupt
        return copied(path, target, flush)

    monkeypatch.setattr(backups, "copy_file", stopped)
    assert cli("give", "Dana", "today").code != 0
    monkeypatch.setattr(backups, "copy_file", copied)


def test_the_days_first_quick_add_flushes_no_copy_and_the_next_write_names_it(
    cli, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _yesterday_then_today(cli, store)
    flushed = _flushed_files(monkeypatch)
    assert cli("give", "Dana", "today").code == 0
    assert "netrack.json.journal" in flushed, "the journal's line is flushed"
    assert not {COPY, f"{COPY}.journal"} & set(flushed), "today's copy is not"
    # (yesterday's, which the kernel wrote back long ago, is flushed and named now)
    assert daily_backup_path(store.path, FROZEN_NOW.date()).exists()
    copy = daily_copy(store.path, TODAY)
    assert (
        copy is not None and copy.name == COPY and not daily_backup_path(store.path, TODAY).exists()
    )
    assert _notes_of(copy, store.path) == before
    assert [b.name for b in all_backups(store.path)][-1] == COPY  # listed as the day's copy
    flushed.clear()
    _add_contact(store, "Sam")  # replaces the main file: the copy is flushed, then named
    named = daily_backup_path(store.path, TODAY)
    main_file = next(i for i, name in enumerate(flushed) if name.startswith(".netrack.json."))
    assert {COPY, f"{COPY}.journal"} <= set(flushed[:main_file]), flushed
    assert daily_copy(store.path, TODAY) == named and _notes_of(named, store.path) == before
    assert not (backup_folder(store.path) / backups.UNFLUSHED).exists()
    assert cli("restore", COPY, "--yes").code == 0
    assert _notes_of(store.path, store.path) == before


def test_the_days_first_quick_add_keeps_the_folder_its_copy_goes_to(
    cli, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Yesterday's copy leaves the folder as it is named: the folder is not removed and
    # made again for today's (removing one can cost a quick add milliseconds).
    _yesterday_then_today(cli, store)
    folder = backup_folder(store.path) / backups.UNFLUSHED / str(filecopy.boot_id())
    assert daily_copy(store.path, FROZEN_NOW.date()) is not None and folder.is_dir()
    removed: list[str] = []
    rmdir = os.rmdir

    def noting(path: str | Path, *args: object, **kwargs: object) -> None:
        removed.append(str(path))
        rmdir(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rmdir", noting)
    assert cli("give", "Dana", "today").code == 0
    assert str(folder) not in removed and daily_copy(store.path, TODAY) == folder / COPY
    assert daily_backup_path(store.path, FROZEN_NOW.date()).exists(), "yesterday's, named"
    _add_contact(store, "Sam")  # a write that replaces the file: no folder is left
    assert str(folder) in removed and not folder.parent.exists()


def test_a_process_killed_right_after_the_quick_add_leaves_a_copy_that_restores(
    cli, store: Store
) -> None:
    before = _yesterday_then_today(cli, store)
    killed = subprocess.run(
        python_command(
            "import os, signal\n"
            "from netrack.cli.main import main\n"
            "main(['give', 'Dana', 'today'])\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n"
        ),
        env={**os.environ, "NETRACK_DB": str(store.path)},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL
    assert COPY in cli("restore").out
    assert cli("restore", COPY, "--yes").code == 0
    assert _notes_of(store.path, store.path) == before


def test_a_copy_left_unflushed_before_a_crash_of_the_machine_is_dropped(
    cli, store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _yesterday_then_today(cli, store)
    yesterdays = [b.name for b in all_backups(store.path)]
    assert cli("give", "Dana", "today").code == 0
    assert daily_copy(store.path, TODAY) is not None
    rebooted = tmp_path / "boot_id"
    rebooted.write_text("0f0e0d0c-0b0a-0908-0706-050403020100\n")
    monkeypatch.setattr(filecopy, "_BOOT_ID", str(rebooted))
    assert daily_copy(store.path, TODAY) is None, "perhaps incomplete: not a copy"
    assert [b.name for b in all_backups(store.path)] == yesterdays
    written = store.path.read_bytes()
    _add_contact(store, "Sam")  # the day's copy is made again, from the file as it is
    assert daily_backup_path(store.path, TODAY).read_bytes() == written
    assert [b.name for b in all_backups(store.path)] == [*yesterdays, COPY]
    assert not (backup_folder(store.path) / backups.UNFLUSHED).exists()


def test_a_copy_stopped_halfway_is_made_again_by_the_next_quick_add(
    cli, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _yesterday_then_today(cli, store)
    _quick_add_stopped_halfway(cli, store, monkeypatch)
    assert daily_copy(store.path, TODAY) is None
    assert cli("give", "Dana", "today, again").code == 0
    copy = daily_copy(store.path, TODAY)
    assert copy is not None and _notes_of(copy, store.path) == before


def test_what_a_copy_stopped_halfway_left_goes_with_the_next_write(
    cli, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _yesterday_then_today(cli, store)
    _quick_add_stopped_halfway(cli, store, monkeypatch)
    assert (backup_folder(store.path) / backups.UNFLUSHED).exists(), "the journal's copy"
    _add_contact(store, "Sam")
    assert not (backup_folder(store.path) / backups.UNFLUSHED).exists()
    assert _notes_of(daily_backup_path(store.path, TODAY), store.path) == before


def test_the_waiting_copy_of_a_file_with_archived_years_is_listed_and_restored(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_demo_history(tmp_path, 6_000, 300)
    assert archive.archive_folder(path).is_dir()
    monkeypatch.setenv("NETRACK_DB", str(path))
    store = Store(path)
    name = store.load().contacts[0].name
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    before = len(recovery.read_backup(path, path)[1].actions)
    assert cli("give", name, "today's first").code == 0
    copy = daily_copy(path, TODAY)
    assert copy is not None and copy.parent.parent.name == backups.UNFLUSHED
    listing = cli("restore").out
    line = next(line for line in listing.splitlines() if COPY in line)
    assert "unreadable" not in line and f"{before:,}" in line.replace(" ", ""), line
    assert cli("restore", COPY, "--yes").code == 0
    assert len(recovery.read_backup(path, path)[1].actions) == before


def test_restoring_the_waiting_copy_names_it_as_listed_not_by_its_hidden_folder(
    cli, store: Store
) -> None:
    _yesterday_then_today(cli, store)
    assert cli("give", "Dana", "today").code == 0
    waiting = daily_copy(store.path, TODAY)
    assert waiting is not None and backups.UNFLUSHED in waiting.parts
    shown = cli("restore", COPY, "--yes").out
    assert shown.splitlines()[0] == (
        f"restore  {COPY}, today's copy  (1 contact, 2 actions, 0 follow-ups)"
    )
    assert backups.UNFLUSHED not in shown, shown
