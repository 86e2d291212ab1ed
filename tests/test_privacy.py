"""The data stays private: modes of everything netrack writes, and no network at all."""

from __future__ import annotations

import _socket
import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from netrack.store import Store
from netrack.store.backups import backup_folder
from netrack.store.files import lock_path_for
from netrack.store.journal import journal_path
from netrack.store.quickindex import index_path
from netrack.store.soundness import note_path
from tests.conftest import FROZEN_NOW


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask: modes must come from netrack, not from the umask."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _session(cli) -> None:
    """A day's use, the next day's, a restore and a repair: every kind of file is written."""
    assert cli("meet", "Dana Lee", "coffee").code == 0
    assert cli("give", "Dana", "sent the deck", "--due", "fri").code == 0
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    assert cli("contact", "add", "Sam Ortiz", "--company", "Acme").code == 0
    assert cli("restore", "netrack.json-20261120.json", "--yes").code == 0
    assert cli("doctor", "--repair").code == 0
    assert cli("give", "Dana", "a quick add after the restore").code == 0
    assert cli("give", "Dana", "a quick add into the journal").code == 0


def test_everything_netrack_writes_is_private(cli, store: Store, open_umask) -> None:
    _session(cli)
    folder = store.path.parent
    backups = backup_folder(store.path)
    assert _mode(folder) == 0o700
    assert _mode(store.path) == 0o600
    assert _mode(lock_path_for(store.path)) == 0o600
    assert _mode(backups) == 0o700
    names = sorted(p.name for p in backups.iterdir())
    assert names == [
        "netrack.json-20261119.json",
        "netrack.json-20261120-153000-before-restore.json",
        "netrack.json-20261120.json",
        "netrack.json-20261120.json.journal",  # the quick adds that copy holds
    ]
    assert all(_mode(backups / name) == 0o600 for name in names)
    assert sorted(os.listdir(folder)) == [
        "backups",
        "netrack.json",
        "netrack.json.checked",
        "netrack.json.journal",
        "netrack.json.lock",
        "netrack.json.quick.json",
    ]
    assert _mode(journal_path(store.path)) == 0o600
    assert _mode(index_path(store.path)) == 0o600
    assert _mode(note_path(store.path)) == 0o600


def test_a_loose_data_file_is_made_private_by_the_next_write(cli, store: Store) -> None:
    assert cli("give", "Dana", "deck").code == 0
    os.chmod(store.path, 0o644)
    assert cli("give", "Dana", "intro").code == 0
    assert _mode(store.path) == 0o600


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch) -> list[str]:
    """Any attempt to open a socket or resolve a name fails the test (and is recorded)."""
    attempts: list[str] = []

    def refuse(name: str):
        def refused(*args, **kwargs):
            attempts.append(name)
            raise NetworkUsed(f"netrack tried {name}{args!r}")

        return refused

    for module, name in (
        (socket, "socket"),
        (socket, "create_connection"),
        (socket, "socketpair"),
        (socket, "getaddrinfo"),
        (socket, "gethostbyname"),
        (_socket, "socket"),
    ):
        monkeypatch.setattr(module, name, refuse(f"{module.__name__}.{name}"))
    return attempts


def test_a_full_session_opens_no_socket(cli, store: Store, no_network: list[str]) -> None:
    commands = [
        ("--version",),
        ("--help",),
        ("give", "Dana Lee", "sent the deck", "--channel", "email"),
        ("meet", "Sam Ortiz", "coffee", "--on", "yesterday"),
        ("follow-up", "sam", "sent my notes"),
        ("ask", "Priya Nair", "intro", "--due", "fri"),
        ("log",),
        ("log", "--all", "--json"),
        ("contacts",),
        ("contacts", "--json"),
        ("contact", "add", "Kim Park", "--company", "Acme", "--tags", "python,hiring"),
        ("contact", "edit", "Kim", "--circle", "inner"),
        ("contact", "show", "Kim", "--json"),
        ("contact", "archive", "Kim", "--yes"),
        ("contact", "unarchive", "Kim Park"),
        ("contact", "merge", "Priya", "Kim", "--yes"),
        ("undo",),
        ("doctor",),
        ("doctor", "--repair", "--json"),
        ("restore",),
    ]
    for command in commands:
        result = cli(*command)
        assert result.code == 0, (command, result)
    pendulum.travel_to(FROZEN_NOW.add(days=1), freeze=True)
    assert cli("give", "Dana", "next day").code == 0
    assert cli("restore", "netrack.json-20261120.json", "--yes").code == 0
    assert no_network == []
