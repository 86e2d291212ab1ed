"""Commands that destroy ask first on a terminal, take --yes, and refuse without a terminal."""

from __future__ import annotations

import io
import json
import sys

import pytest

from netrack.store import Store
from tests.conftest import FROZEN_NOW, time_at


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


def test_a_removed_habit_added_again_by_name_keeps_its_streak(cli, store: Store) -> None:
    with time_at(FROZEN_NOW.subtract(weeks=3)):
        cli("contact", "add", "Dana Lee")  # the file, and its habits, start three weeks ago
    for monday in ("2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"):
        for _ in range(3):
            assert cli("give", "dana", "--on", monday).code == 0
    assert _streak(cli, "Give first") == 4
    old = next(h for h in store.load().habits if h.name == "Give first")
    cli("habit", "remove", "Give first", "--yes")
    cli("contact", "edit", "dana", "--company", "Acme")  # undo would now take this back
    added = cli("habit", "add", "give first", "--kinds", "give", "--target", "3")
    assert added.out == (
        "brought back habit give first: 3 a week of give "
        "(counted since Thu 29 Oct 2026; 4-week streak kept)\n"
    )
    back = next(h for h in store.load().habits if h.name == "give first")
    assert back == old._replace(name="give first"), "its id, start and targets"
    assert _streak(cli, "give first") == 4
    assert cli("history").out.splitlines()[0].endswith("brought back habit give first")
    assert cli("undo").out == "undid: brought back habit give first\n"
    cli("habit", "add", "Give first", "--kinds", "give,ask", "--target", "5")
    back = next(h for h in store.load().habits if h.name == "Give first")
    assert back.kinds == ("give", "ask") and [t.target for t in back.targets] == [3, 5]
    assert _streak(cli, "Give first") == 3, "this week's 3 of 5 is not met yet; the past is"
    fresh = cli("habit", "add", "Posts", "--kinds", "post", "--target", "1")
    assert fresh.out == "added habit Posts: 1 a week of post\n", "a name never removed is new"


def _streak(cli, name: str) -> int:
    [habit] = [h for h in json.loads(cli("habit", "list", "--json").out) if h["name"] == name]
    return habit["streak"]["current"]
