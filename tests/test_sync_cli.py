"""``netrack sync`` from the shell, and the sync that happens around every command."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pendulum
import pytest

from netrack.store.outbox import OUTBOX, is_syncing
from netrack.sync.background import PUBLISH_ENV
from netrack.sync.layout import DEVICES
from tests.conftest import raw_as_read, raw_file, run_netrack, time_at
from tests.sync_support import start_pair


@pytest.fixture
def two(tmp_path: Path, cli, monkeypatch) -> tuple[str, str, Path]:
    """Two data files syncing through one folder, publishing inside each command."""
    monkeypatch.setenv(PUBLISH_ENV, "now")
    laptop, desktop = str(tmp_path / "laptop.json"), str(tmp_path / "desktop.json")
    folder = tmp_path / "Sync"
    assert cli("--db", laptop, "give", "Dana Lee", "sent the deck").code == 0
    start_pair(cli, laptop, desktop, folder)
    return laptop, desktop, folder


def test_init_starts_a_folder_then_a_second_computer_joins_it(tmp_path, cli) -> None:
    laptop, desktop = str(tmp_path / "laptop.json"), str(tmp_path / "desktop.json")
    folder = tmp_path / "Sync" / "netrack"
    cli("--db", laptop, "give", "Dana Lee", "sent the deck")
    started = cli("--db", laptop, "sync", "init", str(folder), "--yes")
    assert started.code == 0, started.err
    assert started.out.startswith(
        f"started a new sync folder at {folder} (created it): no other computer's data "
        "there yet; laptop.json is the first computer there\n"
    )
    assert f"netrack sync init {folder}" in started.out
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    joined = cli("--db", desktop, "sync", "init", str(folder))
    assert joined.code == 0, joined.err
    assert joined.out.startswith(
        f"joined the sync folder {folder}: found the data of 1 other computer there; "
        "desktop.json now syncs with them\n"
    )
    assert "took in from your other computers: 1 action, 1 contact" in joined.out
    assert cli("--db", desktop, "export").out == cli("--db", laptop, "export").out


def test_init_in_an_empty_folder_that_exists_starts_a_new_one_without_asking(tmp_path, cli) -> None:
    folder = tmp_path / "Dropbox" / "netrack"
    folder.mkdir(parents=True)
    started = cli("sync", "init", str(folder))
    assert started.code == 0, started.err
    assert started.out.startswith(f"started a new sync folder at {folder}: no other")


def test_init_refuses_a_missing_folder_without_a_terminal_and_creates_nothing(
    tmp_path, cli, store
) -> None:
    typo = tmp_path / "Dropbx" / "netrack"
    cli("give", "Dana Lee", "sent the deck")
    refused = cli("sync", "init", str(typo))
    assert refused.code == 2
    assert refused.err == (
        f"netrack: sync init: there is no folder {typo} (a typo?); nothing changed: "
        "add --yes to create it and start a new sync folder there\n"
    )
    assert refused.out == ""
    assert not typo.parent.exists()
    assert not is_syncing(store.path)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "made"), [("n\n", False), ("\n", False), ("y\n", True)])
def test_init_asks_on_a_terminal_before_creating_a_missing_folder(
    tmp_path, cli, store, monkeypatch, answer: str, made: bool
) -> None:
    folder = tmp_path / "Sync"
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    result = cli("sync", "init", str(folder))
    assert result.out.startswith(
        f"{folder} does not exist; create it and start a new sync folder there? [y/N] "
    )
    assert folder.is_dir() is made
    assert is_syncing(store.path) is made
    if made:
        assert result.code == 0, result.err
        assert "started a new sync folder at" in result.out
    else:
        assert result.code == 1
        assert result.out.endswith(f"nothing changed: {folder} was not created\n")


def test_a_quick_add_is_published_and_the_next_command_elsewhere_takes_it_in(two, cli) -> None:
    laptop, desktop, _ = two
    cli("--db", laptop, "ask", "Dana", "an intro to Sam")
    listed = cli("--db", desktop, "log", "--json")  # no explicit sync
    assert "an intro to Sam" in [entry["note"] for entry in json.loads(listed.out)]


def test_sync_prints_what_came_in_and_went_out(two, cli, monkeypatch) -> None:
    laptop, desktop, _ = two
    monkeypatch.setenv(PUBLISH_ENV, "later")
    cli("--db", laptop, "contact", "edit", "Dana", "--company", "Acme")
    assert cli("--db", laptop, "sync").out == "published 1 change\n"
    assert cli("--db", desktop, "sync").out == "took in from your other computers: 1 contact\n"
    assert cli("--db", desktop, "sync").out.startswith("up to date")


def test_status_lists_devices_and_what_waits(two, cli, monkeypatch) -> None:
    laptop, _, folder = two
    monkeypatch.setenv(PUBLISH_ENV, "later")
    cli("--db", laptop, "give", "Dana", "one more")
    status = json.loads(cli("--db", laptop, "sync", "status", "--json").out)
    assert status["folder"] == str(folder)
    assert status["waiting_to_publish"] == 1
    assert sorted(d["this_computer"] for d in status["devices"]) == [False, True]
    assert all(d["last_published"] for d in status["devices"])
    text = cli("--db", laptop, "sync", "status").out
    assert "waiting to publish: 1 changed record" in text
    assert "(this computer)" in text


def test_sync_on_a_file_that_does_not_sync_says_how_to_start(cli, db_path) -> None:
    result = cli("sync")
    assert result.code == 2
    assert result.err.strip() == (
        "netrack: this data file does not sync yet; 'netrack sync init FOLDER' starts "
        "syncing it through FOLDER, a folder your computers share"
    )
    assert cli("sync", "status").err == result.err


def test_a_missing_folder_never_stops_a_quick_add(two, cli) -> None:
    laptop, _, folder = two
    folder.rename(folder.with_name("unplugged"))
    result = cli("--db", laptop, "give", "Dana", "offline")
    assert result.code == 0
    assert "logged give" in result.out
    assert "sync folder" in result.err and "missing" in result.err
    assert len(raw_as_read(Path(laptop))[OUTBOX]) == 1  # published once the folder is back
    folder.with_name("unplugged").rename(folder)
    assert cli("--db", laptop, "sync").out == "published 1 change\n"


def test_leave_stops_syncing(two, cli) -> None:
    laptop, _, _ = two
    left = cli("--db", laptop, "sync", "leave")
    assert left.code == 0
    assert "no longer syncs" in left.out
    assert cli("--db", laptop, "sync").code == 2


def test_a_quick_add_publishes_in_the_background_right_after(tmp_path, frozen) -> None:
    laptop = tmp_path / "laptop.json"
    folder = tmp_path / "Sync"
    env = {PUBLISH_ENV: "background"}
    assert run_netrack("give", "Dana Lee", "first", db=laptop, env=env).returncode == 0
    assert run_netrack("sync", "init", str(folder), "--yes", db=laptop, env=env).returncode == 0
    own = next((folder / DEVICES).iterdir())
    before = set(os.listdir(own))
    added = run_netrack("give", "Dana", "second", db=laptop, env=env)
    assert added.returncode == 0, added.stderr
    deadline = time.monotonic() + 30
    while set(os.listdir(own)) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert set(os.listdir(own)) != before, "the background sync did not publish"


def test_a_quick_add_on_a_synced_file_does_not_import_the_crdt_engine(tmp_path, cli) -> None:
    laptop = tmp_path / "laptop.json"
    cli("--db", str(laptop), "give", "Dana Lee", "first")
    cli("--db", str(laptop), "sync", "init", str(tmp_path / "Sync"), "--yes")
    script = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        f"code = main(['--db', {str(laptop)!r}, 'give', 'Dana', 'again'])\n"
        "print(code, 'pycrdt' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, PUBLISH_ENV: "later"},
        timeout=60,
    )
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr


def test_doctor_says_the_sync_is_in_step(two, cli) -> None:
    laptop, _, _ = two
    result = cli("--db", laptop, "doctor")
    assert result.code == 0, result.out
    assert "in step" in result.out


def test_doctor_finds_files_that_are_not_netracks_and_a_folder_gone(two, cli) -> None:
    laptop, _, folder = two
    device = next((folder / DEVICES).iterdir())
    (device / "00000001.sync-conflict-20261119-153000-ABCDEF.update").write_bytes(b"x")
    result = cli("--db", laptop, "doctor")
    assert result.code == 1
    assert "are not netrack's: devices/" in result.out
    assert "sync-conflict" in result.out
    folder.rename(folder.with_name("gone"))
    document = json.loads(cli("--db", laptop, "doctor", "--json").out)
    assert document["sync"][0]["problem"].startswith("the sync folder cannot be reached")


def test_doctor_finds_a_data_file_changed_behind_the_syncs_back(two, cli, monkeypatch) -> None:
    laptop, desktop, _ = two
    path = Path(laptop)
    document = raw_file(path)
    for doc in document["contacts"].values():
        doc["company"] = "Edited by hand"  # no outbox entry: nobody would publish it
    path.write_text(json.dumps(document), "utf-8")
    result = cli("--db", laptop, "doctor")
    assert result.code == 1
    assert "1 record(s) in the data file differ" in result.out
    assert "netrack sync --rebuild" in result.out
    assert cli("--db", laptop, "sync", "--rebuild").code == 0
    assert cli("--db", laptop, "doctor").code == 0
    monkeypatch.setenv(PUBLISH_ENV, "later")
    cli("--db", desktop, "sync")
    shown = json.loads(cli("--db", desktop, "contact", "show", "Dana", "--json").out)
    assert shown["company"] == "Edited by hand"


def test_leaving_publishes_what_waits_and_the_others_list_it_as_left(two, cli, monkeypatch):
    laptop, desktop, _ = two
    monkeypatch.setenv(PUBLISH_ENV, "later")
    cli("--db", laptop, "contact", "edit", "Dana", "--company", "Acme")
    left = cli("--db", laptop, "sync", "leave")
    assert left.code == 0, left.err
    assert left.out.startswith("published 1 change\n")
    assert cli("--db", desktop, "sync").out == "took in from your other computers: 1 contact\n"
    assert "Acme" in cli("--db", desktop, "contact", "show", "Dana").out
    status = json.loads(cli("--db", desktop, "sync", "status", "--json").out)
    gone = [d for d in status["devices"] if not d["this_computer"]]
    assert [d["left"] for d in gone] == ["2026-11-19T15:30:00+01:00"]
    assert "left the folder 2026-11-19" in cli("--db", desktop, "sync", "status").out
    assert cli("--db", desktop, "doctor").code == 0  # a folder with a left mark is in step
    with time_at(pendulum.datetime(2027, 2, 1, 12, tz="Europe/Berlin")):
        doctor = cli("--db", desktop, "doctor")
    assert "has not published since" not in doctor.out, "a computer that left is not awaited"


def test_a_computer_that_never_left_is_awaited_after_a_month(two, cli) -> None:
    _, desktop, _ = two
    with time_at(pendulum.datetime(2027, 2, 1, 12, tz="Europe/Berlin")):
        doctor = cli("--db", desktop, "doctor")
    assert "has not published since 2026-11-19" in doctor.out


def test_leaving_while_the_folder_is_away_says_what_stays_here(two, cli, monkeypatch) -> None:
    laptop, _, folder = two
    monkeypatch.setenv(PUBLISH_ENV, "later")
    cli("--db", laptop, "contact", "edit", "Dana", "--company", "Acme")
    folder.rename(folder.with_name("away"))
    left = cli("--db", laptop, "sync", "leave")
    assert left.code == 0
    assert "no longer syncs" in left.out
    assert "1 change made here did not reach your other computers" in left.err
    assert cli("--db", laptop, "sync").code == 2
    assert "Acme" in cli("--db", laptop, "contact", "show", "Dana").out
