"""Commands that destroy ask first on a terminal, take --yes, and refuse without a terminal."""

from __future__ import annotations

import io
import json
import sys

import pytest

from netrack.store import Store


class Terminal(io.StringIO):
    """Standard input that is a terminal, where the user types ``answer``."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def people(cli) -> None:
    for command in (
        ("give", "Dana Lee", "sent the deck"),
        ("give", "Samuel Ortiz", "shared a post"),
        ("contact", "add", "Mei Chen"),
    ):
        assert cli(*command).code == 0


DESTRUCTIVE = [
    ("habit remove", ["habit", "remove", "Give first"]),
    ("contact merge", ["contact", "merge", "samuel", "dana"]),
    ("contact archive", ["contact", "archive", "mei"]),
]


@pytest.mark.parametrize(("name", "command"), DESTRUCTIVE, ids=[d[0] for d in DESTRUCTIVE])
def test_without_a_terminal_it_refuses_in_one_line_and_changes_nothing(
    cli, store: Store, people, name: str, command: list[str]
) -> None:
    before = store.path.read_bytes()
    result = cli(*command)
    assert result.code == 2
    assert result.err == (
        f"netrack: {name} asks first and nothing changed: no terminal to ask on; "
        "add --yes to go ahead\n"
    )
    assert store.path.read_bytes() == before


@pytest.mark.parametrize(("name", "command"), DESTRUCTIVE, ids=[d[0] for d in DESTRUCTIVE])
def test_yes_goes_ahead_without_asking(
    cli, store: Store, people, name: str, command: list[str]
) -> None:
    before = store.path.read_bytes()
    result = cli(*command, "--yes")
    assert result.code == 0, result.err
    assert store.path.read_bytes() != before


@pytest.mark.parametrize(("name", "command"), DESTRUCTIVE, ids=[d[0] for d in DESTRUCTIVE])
def test_on_a_terminal_only_yes_goes_ahead(
    cli, store: Store, people, monkeypatch, name: str, command: list[str]
) -> None:
    before = store.path.read_bytes()
    for answer in ("\n", "n\n", "nope\n", ""):
        monkeypatch.setattr(sys, "stdin", Terminal(answer))
        result = cli(*command)
        assert result.code == 1 and "[y/N] " in result.out
        assert result.out.endswith(f"nothing {_verb(name)}\n")
        assert store.path.read_bytes() == before
    monkeypatch.setattr(sys, "stdin", Terminal("y\n"))
    assert cli(*command).code == 0
    assert store.path.read_bytes() != before


def _verb(name: str) -> str:
    return {"habit remove": "removed", "contact merge": "merged", "contact archive": "archived"}[
        name
    ]


def test_the_questions_say_what_goes_and_how_to_get_it_back(cli, people, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    assert cli("habit", "remove", "Give first").out.startswith(
        "remove habit Give first (3 a week of give)? the actions stay; "
        "'netrack undo' brings it back [y/N] "
    )
    assert cli("contact", "merge", "samuel", "dana").out.startswith(
        "merge Samuel Ortiz (1 action, 0 follow-ups) into Dana Lee? Samuel Ortiz is then "
        "removed; 'netrack undo' takes it back [y/N] "
    )
    assert cli("contact", "archive", "mei").out.startswith("archive Mei Chen? hidden from lists")


def test_unarchiving_does_not_ask(cli, people) -> None:
    assert cli("contact", "archive", "mei", "--yes").code == 0
    assert cli("contact", "unarchive", "mei").code == 0


def test_a_removed_habit_comes_back_whole_with_undo(cli, store: Store) -> None:
    for day in ("2026-11-16", "2026-11-17", "2026-11-18"):
        cli("give", "Dana Lee", "--on", day)
    cli("habit", "set", "Give first", "2")
    before = {h.id: h for h in store.load().habits}
    listed = json.loads(cli("habit", "list", "--json").out)
    assert cli("habit", "remove", "Give first", "--yes").code == 0
    assert "Give first" not in [h.name for h in store.load().habits]
    cli("undo")
    assert {h.id: h for h in store.load().habits} == before, "id, targets and start kept"
    assert json.loads(cli("habit", "list", "--json").out) == listed
