"""What the commands print, as a demanding user reads it: headings over columns, no blank
column, help that lists only what the command takes."""

from __future__ import annotations

import json

import pytest

from netrack.cli.output import wrapped


def test_contacts_are_listed_under_headings_without_a_column_nobody_fills(cli) -> None:
    cli("contact", "add", "Dana Lee", "--circle", "inner")
    cli("contact", "add", "Sam Ortiz")
    lines = cli("contacts").out.splitlines()
    assert lines[0] == "2 contacts"
    assert lines[1].split() == ["name", "circle", "last", "touch"]  # nobody has a company
    assert lines[2].split() == ["Dana", "Lee", "inner", "never"]
    assert lines[1].index("circle") == lines[2].index("inner")

    cli("contact", "edit", "Sam Ortiz", "--company", "Acme")
    lines = cli("contacts").out.splitlines()
    assert lines[1].split() == ["name", "company", "circle", "last", "touch"]
    assert lines[3].index("Acme") == lines[1].index("company")
    assert lines[2].index("inner") == lines[1].index("circle")  # Dana's company left blank

    cli("contact", "edit", "Dana Lee", "--company", "Brightwave Analytics Group")
    cli("contact", "archive", "Dana Lee", "--yes")
    lines = cli("contacts", "--all").out.splitlines()
    assert lines[2].endswith("archived") and max(map(len, lines)) <= 80, lines

    listed = json.loads(cli("contacts", "--json").out)  # scripts see every field, as before
    assert [(c["name"], c["company"], c["archived"]) for c in listed] == [
        ("Sam Ortiz", "Acme", False)
    ]


@pytest.mark.parametrize(
    ("verb", "takes", "not_taken"),
    [
        ("give", [], ["--personal", "--generic", "--intro-to"]),
        ("reach", ["--personal", "--generic"], ["--intro-to"]),
        ("receive", ["--intro-to"], ["--personal", "--generic"]),
        ("got", ["--intro-to"], ["--personal"]),
        ("add", ["--personal", "--generic", "--intro-to"], []),
    ],
)
def test_a_kind_verbs_help_lists_only_the_options_that_kind_takes(
    cli, verb: str, takes: list[str], not_taken: list[str]
) -> None:
    shown = cli(verb, "--help").out
    for option in ["--on", "--channel", "--due", "--new", *takes]:
        assert option in shown, (verb, option)
    for option in not_taken:
        assert option not in shown, (verb, option)


def test_an_option_meant_for_another_kind_is_refused_not_ignored(cli, store) -> None:
    refused = cli("give", "Dana Lee", "sent the deck", "--personal")
    assert refused.code == 2
    assert refused.err == (
        "netrack: unrecognized arguments: --personal; see 'netrack give --help'\n"
    )
    assert store.load().actions == ()
    assert cli("reach", "Dana Lee", "hello", "-p").code == 0
    assert [a.personal for a in store.load().actions] == [True]


def test_wrapped_lists_break_between_items_within_80_columns() -> None:
    parts = [f"{n:,} things" for n in (12, 3_400, 5, 67_000, 8, 90, 1_000_000, 2, 33)]
    lines = wrapped("records    ", parts)
    assert len(lines) > 1
    assert all(len(line) <= 80 for line in lines), lines
    assert all(line.startswith(" " * 11) and line[11] != " " for line in lines[1:]), lines
    assert " ".join(lines).split() == ["records", *", ".join(parts).split()]  # all, in order
    assert wrapped("x  ", ["one", "two"]) == ["x  one, two"]


def test_the_weeks_new_contacts_name_those_that_fit_and_count_the_rest(cli) -> None:
    names = [
        "Ana Featherstonehaugh",
        "Bartholomew Okonkwo",
        "Chiamaka Villanueva",
        "Dmitri Abernathy",
        "Esmeralda Montgomery",
        "Fitzgerald Nakamura",
    ]
    for name in names:
        assert cli("reach", name, "hello").code == 0
    [line] = [line for line in cli("week").out.splitlines() if line.startswith("New contacts")]
    assert len(line) <= 80, line
    assert " and " in line, line
    listed, more = line.removeprefix("New contacts").strip().rsplit(" and ", 1)
    shown = listed.split(", ")
    assert 1 < len(shown) < len(names)
    assert shown == names[: len(shown)], "whole names, in the order they were added"
    assert more == f"{len(names) - len(shown)} more"


def test_the_weeks_channel_mix_goes_under_the_channels_rather_than_cut_off(cli) -> None:
    channels = ["linkedin", "email", "call", "coffee", "event", "message", "other"]
    for channel, name in zip(channels, ["Ana", "Bo", "Cy", "Di", "Ed", "Flo", "Gus"], strict=True):
        for _ in range(12):  # two digits each: the line runs past 80 columns
            cli("reach", f"{name} Quist", "hello", "--channel", channel)
    lines = cli("week").out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Channels"))
    assert lines[at + 1].strip().startswith("(online") and lines[at + 1].endswith(")"), lines
    assert not any("…" in line for line in lines[at : at + 2]), lines
