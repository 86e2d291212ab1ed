"""``netrack contacts`` and the other listing commands: what they say when they list nobody
and what their help says."""

from __future__ import annotations

import re


def test_an_empty_list_says_why_it_is_empty(cli) -> None:
    assert cli("contacts").out.startswith("no contacts yet: log an action")
    cli("give", "Dana Lee", "deck")
    assert cli("contacts", "--circle", "inn").out == "nobody in the inner circle\n"
    assert cli("contacts", "--circle", "none").out == "nobody without a circle\n"
    cli("contact", "edit", "dana", "--circle", "none")
    assert "Dana Lee" in cli("contacts", "--circle", "none").out
    cli("contact", "archive", "dana", "--yes")
    assert cli("contacts").out == "every contact is archived: netrack contacts --all lists them\n"
    assert "Dana Lee" in cli("contacts", "--all").out


def test_listing_commands_open_their_help_with_a_sentence_and_explain_each_option(cli) -> None:
    for command in ("log", "contacts", "history", "cold", "next", "due", "balance"):
        _, _, rest = cli(command, "--help").out.partition("\n\n")
        assert not rest.startswith("options:"), f"netrack {command} --help: no description"
        lines = rest.split("options:\n", 1)[1].splitlines()
        for at, line in enumerate(lines):
            if re.match(r"  -", line):
                explained = re.search(r"\S  +\S", line) or (
                    at + 1 < len(lines) and re.match(r" {6,}\S", lines[at + 1])
                )
                assert explained, f"netrack {command} --help: {line.strip()} says nothing"
