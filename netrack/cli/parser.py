"""The command-line grammar, built from the table of commands (``cli/command_table.py``).

Building every subcommand costs a few milliseconds, so the quick-add verbs
(``netrack give ...``) build only the ``add`` parser, and the table is read only when
another command is given. Each command names the function that runs it, imported only
when it runs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, NoReturn

from netrack import __version__
from netrack.cli.arguments import (
    DB_HELP,
    KIND_VERB_HELP,
    QUICK_ADD_EPILOG,
    WEEK_HELP,
    db_option,
    log_arguments,
)
from netrack.domain.kinds import BUILTIN_KINDS, KIND_ALIASES
from netrack.domain.patterns import LazyPattern
from netrack.errors import UsageError

if TYPE_CHECKING:
    from netrack.cli.command_table import Command

KIND_VERBS = frozenset((*BUILTIN_KINDS, *KIND_ALIASES))
COMMANDS = "netrack.cli.commands"
# Options that take a day or a week. argparse reads a value such as -3d (three days ago)
# as an unknown option, so such a value is joined to its option first (--on=-3d).
DATE_OPTIONS = frozenset(("--on", "--due", "--week"))
_SIGNED_COUNT = LazyPattern(r"^-\d")


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line and a UsageError rather than usage + exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}; see '{self.prog} --help'")


def target(command: Command) -> str:
    """The ``module:function`` that runs ``command``, in full."""
    return f"{COMMANDS}.{command.run}"


def _parent(*arguments: tuple[str, dict[str, object]]) -> Parser:
    parent = Parser(add_help=False)
    for name, options in arguments:
        parent.add_argument(name, **options)  # type: ignore[arg-type]
    return parent


def build_parser(only: str | None = None) -> Parser:
    """The parser for every command in the table; with ``only``, for the commands whose
    first word that is alone (the line names it: the others would be built for nothing,
    some 60 subparsers whose every message argparse looks up for translation); with
    "", for none."""
    table: tuple[Command, ...] = ()
    if only != "":
        from netrack.cli.command_table import COMMANDS

        table = COMMANDS

    db = _parent(("--db", {"metavar": "PATH", "help": DB_HELP}))
    # A verb of a command that runs by itself (plan add) must not reset the command's --db.
    db_under = _parent(("--db", {"metavar": "PATH", "default": argparse.SUPPRESS, "help": DB_HELP}))
    json = _parent(("--json", {"action": "store_true", "help": "print JSON instead of text"}))
    week = _parent(("--week", {"metavar": "W", "help": WEEK_HELP}))

    parser = Parser(
        prog="netrack",
        description="Keep up professional-networking habits. Run without a command for the app.",
        epilog=QUICK_ADD_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"netrack {__version__}")
    db_option(parser)
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    parsers: dict[str, Parser] = {}
    verbs: dict[str, argparse._SubParsersAction[Parser]] = {}
    runs: dict[str, bool] = {}  # a group of verbs that also runs by itself (plan, sync)
    for command in table:
        if only is not None and command.words.partition(" ")[0] != only:
            continue
        group, _, verb = command.words.rpartition(" ")
        under = top
        if group:
            if group not in verbs:
                verbs[group] = parsers[group].add_subparsers(
                    dest="verb", metavar="VERB", required=not runs[group]
                )
            under = verbs[group]
        parents = []
        if command.run is not None:
            parents.append(db_under if group and runs[group] else db)
        if command.json:
            parents.append(json)
        if command.week:
            parents.append(week)
        sub = under.add_parser(
            verb,
            help=command.help,
            description=command.opening,
            epilog=command.epilog,
            parents=parents,
            # An epilog is shown as written (lists of formats, of verbs).
            formatter_class=argparse.RawDescriptionHelpFormatter
            if command.epilog
            else argparse.HelpFormatter,
        )
        if command.arguments is not None:
            command.arguments(sub)
        if command.run is not None:
            sub.set_defaults(run=target(command), **command.defaults)
        parsers[command.words] = sub
        runs[command.words] = command.run is not None
    return parser


def build_add_parser(verb: str | None) -> Parser:
    """The parser of ``netrack add`` or of one kind verb such as ``netrack give``."""
    parser = Parser(prog=f"netrack {verb or 'add'}", description=_verb_description(verb))
    log_arguments(parser, KIND_ALIASES.get(verb.casefold(), verb.casefold()) if verb else None)
    db_option(parser)
    parser.set_defaults(run=f"{COMMANDS}.logging:run_add", command="add")
    return parser


def _verb_description(verb: str | None) -> str:
    """What ``netrack VERB --help`` opens with: that kind's line (``g`` is ``give``'s)."""
    kind = KIND_ALIASES.get((verb or "").casefold(), (verb or "").casefold())
    text = next((t for v, t in KIND_VERB_HELP.items() if KIND_ALIASES.get(v, v) == kind), None)
    return "Log one action." if text is None else text[0].upper() + text[1:] + "."


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``. A kind as the first word means ``add`` that kind.

    Logging takes its note and options in any order
    (``netrack give Dana --channel email sent the deck``).
    """
    db, rest = _leading_db(_signed_dates_joined(argv))
    first = rest[0].casefold() if rest else ""
    if first in KIND_VERBS:
        args = _intermixed(build_add_parser(rest[0]), rest[1:])
        args.kind = rest[0]
    elif first == "add":
        args = _intermixed(build_add_parser(None), rest[1:])
    elif first == "plan" and rest[1:2] == ["add"]:
        from netrack.cli.plan_arguments import (
            PLAN_ADD_DESCRIPTION,
            PLAN_ADD_EPILOG,
            plan_add_arguments,
            words_after_double_dash,
        )

        # Options may come anywhere in the note, as when logging.
        plan_add = Parser(
            prog="netrack plan add",
            description=PLAN_ADD_DESCRIPTION,
            epilog=PLAN_ADD_EPILOG,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        plan_add_arguments(plan_add)
        db_option(plan_add, under_parent=True)
        plan_add.set_defaults(run=f"{COMMANDS}.plans:run_plan_add")
        args = plan_add.parse_intermixed_args(rest[2:])
        args.command = "plan"
        args.note_only = words_after_double_dash(rest[2:])
    else:
        args, extra = build_parser(_command_word(rest)).parse_known_args(rest)
        if extra:  # pointed at the help of the command they were typed after
            words = " ".join(w for w in ("netrack", args.command, getattr(args, "verb", None)) if w)
            meant = _meant(args.command, extra)
            hint = f"did you mean: {meant}" if meant else f"see '{words} --help'"
            raise UsageError(f"unrecognized arguments: {' '.join(extra)}; {hint}")
    if getattr(args, "db", None) is None:
        args.db = db
    return args


def _command_word(words: list[str]) -> str | None:
    """The command that ``words`` name first, if it is one (None: help, a mistake...;
    "" for --version, which argparse prints before it would look at any command)."""
    first = words[0] if words else None
    if first == "--version":
        return ""
    from netrack.cli.command_table import COMMANDS as TABLE

    return first if any(c.words.partition(" ")[0] == first for c in TABLE) else None


def _intermixed(parser: Parser, words: list[str]) -> argparse.Namespace:
    """``parser.parse_intermixed_args(words)``, skipping its work when there is no option.

    Intermixed parsing formats the whole usage line up front (for error messages that
    ``Parser.error`` does not show); with no word that looks like an option there is
    nothing to intermix, and a quick add saves that time.
    """
    if any(word.startswith("-") for word in words):
        return parser.parse_intermixed_args(words)
    return parser.parse_args(words)


def _meant(command: str | None, extra: list[str]) -> str | None:
    """``netrack contact show dana`` for ``netrack contacts show dana``: a list command
    followed by a verb of its one-item group."""
    from netrack.cli.command_table import COMMANDS as TABLE

    group = {"contacts": "contact", "events": "event"}.get(command or "")
    if group is None or not any(c.words == f"{group} {extra[0]}" for c in TABLE):
        return None
    import shlex

    return shlex.join(["netrack", group, *extra])


def _signed_dates_joined(argv: list[str]) -> list[str]:
    """``argv`` with each date option followed by a value like ``-3d`` written as one word."""
    joined: list[str] = []
    for word in argv:
        previous = joined[-1] if joined else ""
        if previous in DATE_OPTIONS and _SIGNED_COUNT.match(word) and "--" not in joined:
            joined[-1] = f"{previous}={word}"
        else:
            joined.append(word)
    return joined


def _leading_db(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--db PATH`` given before the command, and the rest of the line."""
    if argv and argv[0] == "--db":
        if len(argv) < 2:
            raise UsageError("--db needs a path; see 'netrack --help'")
        return argv[1], argv[2:]
    if argv and argv[0].startswith("--db="):
        return argv[0][len("--db=") :], argv[1:]
    return None, argv
