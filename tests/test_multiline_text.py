"""Notes typed over several lines show as lines, each under the first, in every listing;
text that looks like markup shows as typed; ``--json`` keeps the text exact."""

from __future__ import annotations

import json

import pytest

NOTE = "sent the deck\n[b]and[/b] the [Mgr] notes"
BRACKETS = "[link=x]slides[/link] for [Alice]"


def _continued(output: str, first: str, second: str) -> None:
    """``first`` ends a line of ``output`` and ``second`` is the whole next line, starting
    in the same column."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith(first))
    column = lines[at].rindex(first)
    assert lines[at + 1] == " " * column + second, lines[at : at + 2]


@pytest.fixture
def noted(cli) -> None:
    for command in (
        ("give", "Dana Lee", NOTE),
        ("give", "Sam Ortiz", BRACKETS),
        ("ask", "Dana", "an intro\nto her lead", "--due", "fri"),
        ("plan", "add", "Dana", "give", "the survey\n[x] and the deck"),
        ("reflect", "a good week\n[what] worked: giving first", "--focus", "Sam\nand Mei"),
    ):
        assert cli(*command).code == 0, command


@pytest.mark.parametrize(
    ("command", "first", "second"),
    [
        (["log"], "sent the deck", "[b]and[/b] the [Mgr] notes"),
        (["contact", "show", "dana"], "sent the deck", "[b]and[/b] the [Mgr] notes"),
        (["due"], "an intro", "to her lead"),
        (["plan"], "the survey", "[x] and the deck"),
    ],
    ids=["log", "contact show", "due", "plan"],
)
def test_a_list_shows_each_line_of_a_note_under_the_first(
    cli, noted, command: list[str], first: str, second: str
) -> None:
    shown = cli(*command)
    assert shown.code == 0, shown.err
    assert "\\n" not in shown.out
    _continued(shown.out, first, second)


def test_the_week_review_shows_the_reflection_and_focus_as_lines(cli, noted) -> None:
    review = cli("week").out.splitlines()
    at = review.index("Reflection   a good week")
    assert review[at + 1] == "             [what] worked: giving first"
    assert review[at + 2] == "Focus        Sam"
    assert review[at + 3] == "             and Mei"


def test_text_that_looks_like_markup_is_printed_as_typed(cli, noted) -> None:
    assert any(line.endswith(BRACKETS) for line in cli("log").out.splitlines())
    assert BRACKETS in cli("contact", "show", "sam").out


def test_json_keeps_the_text_exact(cli, noted) -> None:
    notes = {a["note"] for a in json.loads(cli("log", "--json").out)}
    assert {NOTE, BRACKETS, "an intro\nto her lead"} <= notes
    [item] = json.loads(cli("plan", "--json").out)
    assert item["note"] == "the survey\n[x] and the deck"
    assert json.loads(cli("week", "--json").out)["reflection"] == (
        "a good week\n[what] worked: giving first"
    )
    [owed] = json.loads(cli("due", "--json").out)
    assert owed["text"] == "an intro\nto her lead"


def test_a_confirmation_goes_on_under_its_first_line(cli) -> None:
    promised = cli("promise", "Dana Lee", "the deck\nand the survey", "--due", "fri")
    assert promised.out.splitlines()[-2:] == [
        "promised Dana Lee: the deck",
        "  and the survey · due Fri 20 Nov",
    ]
    planned = cli("plan", "add", "Dana", "give", "one\ntwo")
    assert planned.out.splitlines() == ["planned give → Dana Lee · 2026-W47 · “one", "  two”"]


def test_a_carriage_return_alone_and_other_controls_stay_escaped(cli) -> None:
    assert cli("give", "Dana Lee", "one\rtwo\x1b[2J\nthree").code == 0
    _continued(cli("log").out, "one\\rtwo\\x1b[2J", "three")
