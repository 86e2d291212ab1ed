"""Arguments more than one command shares, and the longer help texts.

The commands themselves are declared in ``cli/commands_table.py``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from netrack.domain.date_forms import DAY_FORMS, DUE_FORMS, ON_FORMS
from netrack.domain.kinds import BUILTIN_KINDS, CHANNELS, REACH_OUT, RECEIVE
from netrack.domain.valuetype import Value

DB_HELP = "data file to use (default: $NETRACK_DB, then the user data dir)"
WEEK_HELP = "a week label like 2026-W47, 'this', 'last', or a date"
PLAN_WEEK_HELP = "this (the default), next, or a week label like 2026-W48"

SUPPRESS = argparse.SUPPRESS
Arguments = Callable[[argparse.ArgumentParser], None]


class Argument(Value):
    """One ``add_argument`` call: the names (or the positional's name) and options."""

    names: tuple[str, ...]
    options: dict[str, Any]


def arg(*names: str, **options: Any) -> Argument:
    return Argument(names, options)


def count(text: str) -> int:
    """A number of things to show (``--limit``): a whole number, 1 or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def args(*arguments: Argument) -> Arguments:
    """A command's own arguments (``--db``, ``--json`` and ``--week`` come from the table)."""

    def add(parser: argparse.ArgumentParser) -> None:
        for argument in arguments:
            parser.add_argument(*argument.names, **argument.options)

    return add


CONTACT = arg("name", help="the contact: a name, or a unique prefix of one")
EVENT = arg("name", help="the event: its name, a unique prefix or word of it, or its id")
HABIT = arg("name", help="the habit: its name, or a unique prefix of it")
YES = arg("--yes", "-y", action="store_true", help="do not ask first (without a terminal, needed)")
NEW = arg(
    "--new",
    action="store_true",
    help="create a new contact even when the name is close to an existing one",
)
RENAME = arg("--name", dest="new_name", metavar="NEW", help="rename")


def contact_details(rename: bool) -> Arguments:
    def add(parser: argparse.ArgumentParser) -> None:
        name = CONTACT if rename else arg("name", help="the new contact's name")
        args(name, *([RENAME] if rename else []))(parser)
        contact_fields(parser)

    return add


def event_details(adding: bool) -> Arguments:
    def add(parser: argparse.ArgumentParser) -> None:
        name = arg("name", help="the new event's name") if adding else EVENT
        args(name, *([] if adding else [RENAME]), NEW)(parser)
        event_fields(parser, adding)

    return add


def EXPORT(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        "-f",
        choices=("json", "csv", "ics"),
        default="json",
        type=str.casefold,
        help="json (the default), csv or ics",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--todos", action="store_true", help="ics: to-dos instead of all-day events"
    )
    parser.add_argument(
        "--raw",
        action="store_true",
        help="csv: cells exactly as stored, even those a spreadsheet would run as a formula",
    )


def db_option(parser: argparse.ArgumentParser, under_parent: bool = False) -> None:
    """``--db``; ``under_parent``: a verb's copy, which must not reset the parent's value."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if under_parent else None,
        help=DB_HELP,
    )


def log_arguments(parser: argparse.ArgumentParser, kind: str | None = None) -> None:
    """The arguments of ``netrack add`` or, given its ``kind``, of a kind verb: a verb's
    help lists only the options that kind takes."""
    parser.set_defaults(personal=None)
    if kind is None:
        parser.add_argument("kind", help=f"one of {', '.join(BUILTIN_KINDS)} (or an alias)")
    parser.add_argument("contact", help="contact name, or a unique prefix of it ('-' for none)")
    parser.add_argument("note", nargs="*", default=[], help="what happened (the rest of the line)")
    parser.add_argument("--on", metavar="WHEN", help=f"when it happened: {ON_FORMS}")
    parser.add_argument("--channel", "-c", metavar="CH", help=f"{', '.join(CHANNELS)} (prefix ok)")
    parser.add_argument("--due", metavar="WHEN", help=f"also owe a follow-up by: {DUE_FORMS}")
    parser.add_argument(  # hidden from the other kinds' help, refused by their run
        "--intro-to",
        metavar="NAME",
        help="with receive: they introduced you to NAME (a new name becomes a contact)"
        if kind in (None, RECEIVE)
        else SUPPRESS,
    )
    if kind in (None, REACH_OUT):
        personal = parser.add_mutually_exclusive_group()
        for names, const, text in (
            (("--personal", "-p"), True, "personalised"),
            (("--generic",), False, "not personalised"),
        ):
            personal.add_argument(
                *names,
                dest="personal",
                action="store_const",
                const=const,
                help=f"the reach-out was {text}",
            )
    parser.add_argument(*NEW.names, **NEW.options)


def contact_fields(parser: argparse.ArgumentParser) -> None:
    """An option for each contact detail, as the Contact model declares them."""
    from netrack.domain.models import CONTACT_FIELDS  # only for the contact commands

    for field in CONTACT_FIELDS:
        repeatable = field.kind.repeatable
        parser.add_argument(
            field.option,
            dest=field.name,
            metavar=f"LABEL={field.metavar}" if repeatable else field.metavar,
            action="append" if repeatable else "store",
            help=f"{field.help or field.label} (repeat the option for more)"
            if repeatable
            else field.help or field.label,
        )


def event_fields(parser: argparse.ArgumentParser, adding: bool) -> None:
    """The details of an event, for ``event add`` and ``event edit``."""
    parser.add_argument("--on", metavar="WHEN", required=adding, help=f"the day: {DAY_FORMS}")
    parser.add_argument("--where", metavar="TEXT", help="the place or the link")
    parser.add_argument("--goal", metavar="TEXT", help="what you want to come away with")
    parser.add_argument(
        "--know", metavar="A,B", help="people you know who are going (comma separated)"
    )
    parser.add_argument("--to-meet", metavar="TEXT", help="who you want to meet there (free text)")
    parser.add_argument("--intro", metavar="TEXT", help="your one-line introduction")
    parser.add_argument("--questions", metavar="TEXT", help="questions to ask")
    parser.add_argument("--notes", metavar="TEXT", help="anything else worth keeping")


# Arguments of one command each (the table in cli/command_table.py names them) ---------

LOG = args(
    arg("--all", action="store_true", help="every action ever logged"),
    arg(
        "--contact", metavar="NAME", help="only actions with this contact (a unique prefix will do)"
    ),
    arg("--kind", metavar="K", help="only actions of this kind (give, reach-out ... or g, r ...)"),
    arg("--limit", type=count, metavar="N", help="at most N actions (newest)"),
)

REFLECT = args(
    arg("text", nargs="*", default=[], help="the reflection"),
    arg("--focus", metavar="TEXT", help="what to focus on next week"),
)

NEXT = args(
    arg("--limit", type=count, default=10, metavar="N", help="at most N people (default 10)")
)

PLAN_DROP = args(
    arg("target", metavar="ID|CONTACT", help="the plan item's id, or its contact's name"),
    arg("--week", metavar="W", default=SUPPRESS, help=PLAN_WEEK_HELP),
)

PLAN_CARRY = args(
    arg("targets", nargs="*", default=[], metavar="ID|CONTACT", help="only these (default: all)"),
    arg("--week", metavar="W", default=SUPPRESS, help="the week to carry them into"),
)

PROMISE = args(
    arg("contact", help="whom you promised (a name, or a unique prefix of one)"),
    arg("text", nargs="*", default=[], help="what you promised"),
    arg("--due", metavar="WHEN", required=True, help=DUE_FORMS),
    NEW,
)

DONE = args(
    arg("target", metavar="ID|CONTACT", help="the follow-up's id, or its contact's name"),
    arg("--no-log", dest="log", action="store_false", help="close it without logging"),
    arg("--reopen", action="store_true", help="open a closed follow-up again (by id or contact)"),
)

UNDO = args(
    arg("change", nargs="?", metavar="ID", help="undo this change instead (see 'netrack history')")
)

HISTORY = args(arg("--limit", type=count, metavar="N", default=20, help="at most N changes (20)"))

DONE_HELP = (
    "Mark a follow-up done: it is closed by a follow-up action logged with the contact now, "
    "which counts toward your Follow-ups habit and is their latest touch. A meeting's "
    "follow-up also closes by itself when you next reach out to, give to, meet or follow up "
    "with that person (see 'netrack config followups-closed-by'); a promise closes only "
    "when marked done."
)

UNDO_HELP = (
    "Take back the most recent change made on this computer: a logged action, done, a "
    "promise, a contact, habit, plan or event change, a setting, a reflection, an import, "
    "a restore. Each record it touched is put back as it was; a second undo takes back the "
    "change before. When a record was changed since by something outside the history "
    "(another computer, another program), nothing is changed."
)

# The quick-add verbs as the README leads with them. ``parse`` sends them to the add
# parser before the table is read; they are listed so that --help shows them.
KIND_VERB_HELP = {
    "reach": "log a reach-out: netrack reach 'Sam Ortiz' asked about the new job",
    "give": "log a give: netrack give 'Dana Lee' sent the hiring deck",
    "follow-up": "log a follow-up (closes the one a meeting opened): netrack follow-up priya",
    "meet": "log a meeting (opens a follow-up): netrack meet 'Priya Nair' coffee",
    "ask": "log an ask: netrack ask 'Sam Ortiz' an intro --due fri",
    "receive": "log help received: netrack receive dana feedback on my CV",
}
QUICK_ADD_EPILOG = (
    "Each quick add takes: CONTACT [NOTE ...] [--on WHEN] [--channel CH] [--due WHEN] "
    "[--personal] [--new]; see 'netrack give --help'. Every change can be taken back with "
    "'netrack undo'."
)

CONTACTS = args(
    arg("--all", action="store_true", help="include archived contacts"),
    arg("--circle", metavar="C", help="only this circle: inner, active, wider or none (prefix ok)"),
)

INTRO = args(
    arg("first", metavar="A", help="one person (a new name becomes a contact)"),
    arg("second", metavar="B", help="the person you introduced them to"),
    arg("note", nargs="*", default=[], help="why they should meet (the rest of the line)"),
    arg("--on", metavar="WHEN", help=f"when: {ON_FORMS}"),
    arg("--channel", "-c", metavar="CH", help=f"{', '.join(CHANNELS)} (prefix ok)"),
    NEW,
)

EVENT_DEBRIEF = args(
    EVENT,
    arg("people", nargs="+", metavar="PERSON", help="each person met (new names become contacts)"),
    arg("--note", metavar="TEXT", help="the note of each meeting"),
    NEW,
)

HABIT_ADD = args(
    arg("name", help="the new habit's name"),
    arg("--kinds", required=True, metavar="K,K", help="kinds it counts"),
    arg("--target", required=True, metavar="N", help="per week"),
)

CONFIG = args(
    arg("key", nargs="?", help="a setting, e.g. week-start"),
    arg("value", nargs="?", help="its new value"),
)

IMPORT = args(
    arg("first", metavar="FORMAT|FILE", help="json, linkedin or vcard; or the file"),
    arg("file", nargs="?", metavar="FILE", help="the file, after a FORMAT"),
    arg(
        "--dry-run",
        "-n",
        action="store_true",
        help="report what would change; change nothing",
    ),
)

DEMO = args(
    arg("--weeks", type=int, default=26, metavar="N", help="weeks of history (26)"),
    arg(
        "--seed",
        type=int,
        default=0,
        metavar="N",
        help="another number, another history (0)",
    ),
    arg("--no-tui", action="store_true", help="write the data file and print a summary"),
)

DOCTOR = args(
    arg("--repair", action="store_true", help="fix what can be fixed (a copy is kept first)")
)

RESTORE = args(
    arg("backup", nargs="?", metavar="BACKUP", help="a backup's name (as listed), or a path"),
    YES,
)

SYNC = args(
    arg(
        "--rebuild",
        action="store_true",
        help="build this computer's sync state again from the folder, then merge",
    ),
    arg("--background", action="store_true", help=SUPPRESS),
)


SYNC_INIT_YES = arg("--yes", "-y", action="store_true", help="create a missing FOLDER unasked")
SYNC_INIT_HELP = (
    "Sync this data file through FOLDER: join it when other computers' data is there, or "
    "start a new sync folder. A FOLDER that does not exist is created only once you say "
    "so (a typo must not become a sync folder): on a terminal it asks; elsewhere, --yes."
)

EXPORT_HELP = """\
formats:
  json  everything in the data file (every table, the schema version), loss-free;
        'netrack import FILE' reads it back
  csv   one row per action: date, time, kind, contact, channel, note, personal, id
  ics   open follow-ups as all-day events on their due dates (--todos: as to-dos),
        and the contacts' important dates as yearly all-day events with an alarm
        the day before

Without -o the export goes to standard output. With -o it replaces FILE at once
(readable only by you); the data file itself is refused.
"""

IMPORT_HELP = """\
formats:
  json      (the default) a netrack backup from 'netrack export', or a copy of a
            data file, e.g. from another computer
  linkedin  LinkedIn's Connections.csv (any age of the export)
  vcard     a .vcf file with one or many cards (vCard 3.0 or 4.0)

A backup is merged record by record, by id. A record not in this file is added; one
with the same content is skipped; one that differs replaces this file's copy only
when it is newer: compared by 'updated' (then 'created') for contacts, 'updated' for
week notes, 'closed' (then 'created') for follow-ups, 'logged' for actions and
introductions, 'updated' (then 'created') for events, and the latest target change
(then 'created') for habits. Equal times keep this file's copy, and so do settings,
which carry no time. netrack keeps one contact and one habit per name and one note
per week, so a backup's record with a new id but the name (or week) of one here is
that record. Importing the same file twice adds nothing. Records deleted here come
back from a backup that still holds them.

LinkedIn connections and vCards become contacts in the default circle (setting
new-contact-circle, wider unless changed) with no keep-in-touch cadence; the app's
"Sort people into circles" then goes through them one key per person, and those put
in the inner or active circle get that circle's reminders. Someone already here
(same profile URL, else email, else name in any case) only gets the details their
contact lacks; nothing typed is overwritten. A name taken by a contact with another
profile on the same site (two people who share a name) is skipped.

Every import is all or nothing: a file that cannot be read changes nothing, and the
error names the line or record. The summary counts what was added, updated and
skipped, and why.
"""

SYNC_HELP = """\
Keep this data file in step with your other computers through a folder that a sync
tool (Syncthing, Dropbox, iCloud Drive, a network share ...) already keeps in step.

  netrack sync init FOLDER   start here, or join it from a second computer: nothing
                             on either side is lost (a missing FOLDER: asks first)
  netrack sync               publish this computer's changes and take in the others'
  netrack sync status        devices seen, when each last published, what is waiting
  netrack sync leave         stop syncing (your data stays here)

Every change is published right after it is made, and changes from the other computers
are taken in when a command starts and, in the app, as they arrive.
"""
