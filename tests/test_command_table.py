"""The table of commands: every row runs something that exists, and argparse has it."""

from __future__ import annotations

import argparse
import importlib
import re
from collections.abc import Iterator

import pytest

from netrack.cli.command_table import COMMANDS
from netrack.cli.parser import build_add_parser, build_parser, parse, target

RUNNABLE = [command for command in COMMANDS if command.run is not None]


@pytest.mark.parametrize("command", RUNNABLE, ids=lambda command: command.words)
def test_every_commands_function_imports(command) -> None:
    module, function = target(command).split(":")
    assert callable(getattr(importlib.import_module(module), function))


def test_every_row_is_a_command_line_and_each_once() -> None:
    words = [command.words for command in COMMANDS]
    assert len(words) == len(set(words))
    parser = build_parser()
    for command in COMMANDS:
        found = parser
        for word in command.words.split():
            sub = next(a for a in found._actions if a.dest in ("command", "verb"))
            found = sub.choices[word]
        assert found.description == command.opening


def test_db_json_and_week_come_from_the_table() -> None:
    args = parse(["log", "--week", "last", "--json", "--db", "x.json"])
    assert (args.week, args.json, args.db, args.run) == (
        "last",
        True,
        "x.json",
        "netrack.cli.commands.logging:run_log",
    )
    assert parse(["--db", "y.json", "undo"]).db == "y.json"
    # A verb of a command that runs by itself keeps the --db given before the verb.
    assert parse(["plan", "--db", "z.json", "drop", "dana"]).db == "z.json"
    assert parse(["unskip"]).skipped is False


def _without_help(parser: argparse.ArgumentParser, words: str) -> Iterator[str]:
    """Each argument of ``parser`` and of its subcommands that --help shows bare."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for word, sub in action.choices.items():
                yield from _without_help(sub, f"{words} {word}")
        elif not action.help:
            yield f"{words} {'/'.join(action.option_strings) or action.metavar or action.dest}"


def test_every_argument_of_every_command_says_what_it_is_for() -> None:
    parsers = [(build_parser(), "netrack")]
    parsers += [(build_add_parser(verb), f"netrack {verb or 'add'}") for verb in (None, "give")]
    bare = [found for parser, words in parsers for found in _without_help(parser, words)]
    assert bare == []


def test_skip_says_what_its_reason_is_for(cli) -> None:
    shown = cli("skip", "--help").out
    assert re.search(r"--reason TEXT +why", shown), shown
