"""The arguments of ``netrack plan add``, and how its kind word is told from its note."""

from __future__ import annotations

import argparse

from netrack.cli.arguments import NEW, PLAN_WEEK_HELP

PLAN_ADD_HELP = "plan to get in touch: netrack plan add Dana give send the deck"
PLAN_ADD_DESCRIPTION = "Plan to get in touch with someone this week (or the week --week names)."
PLAN_ADD_EPILOG = """\
The word after the name is the kind when it names one: give, reach-out, follow-up,
meet, ask, receive, a kind of your own habits, an alias (r g f m a got), or any (the
default). Any other word starts the note:
  netrack plan add Dana give send the deck     give; note "send the deck"
  netrack plan add Dana coffee next week       any kind; note "coffee next week"
A word one letter off a kind (gve, recieve, folow-up) is refused as a likely typo.
A note that starts with such a word, or with a kind, goes after -- (or after 'any'):
  netrack plan add Dana -- give back the book  any kind; note "give back the book"
  netrack plan add Dana ask -- gve feedback    ask; note "gve feedback"
"""


def plan_add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``netrack plan add`` (its options may come anywhere in the note)."""
    parser.add_argument("contact", help="contact name, or a unique prefix of it")
    parser.add_argument(
        "rest",
        nargs="*",
        default=[],
        metavar="[KIND] NOTE",
        help="what to do (a kind, or 'any', the default) and a note; see below",
    )
    parser.add_argument("--week", metavar="W", default=argparse.SUPPRESS, help=PLAN_WEEK_HELP)
    parser.add_argument(*NEW.names, **NEW.options)


def words_after_double_dash(words: list[str]) -> int:
    """How many of ``words`` come after the first ``--`` (they are the note, whatever
    they are)."""
    return len(words) - words.index("--") - 1 if "--" in words else 0
