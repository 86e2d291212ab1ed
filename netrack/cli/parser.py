"""The command-line grammar.

Building every subcommand costs a few milliseconds, so the quick-add verbs
(``netrack give ...``) build only the ``add`` parser. Each subcommand names the
function that runs it as ``"module:function"``, imported only when it runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

from netrack import __version__
from netrack.domain.kinds import BUILTIN_KINDS, CHANNELS, KIND_ALIASES
from netrack.domain.models import CONTACT_FIELDS
from netrack.domain.when import DAY_FORMS, DUE_FORMS, ON_FORMS
from netrack.errors import UsageError

KIND_VERBS = frozenset((*BUILTIN_KINDS, *KIND_ALIASES))
COMMANDS = "netrack.cli.commands"


class Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line and a UsageError rather than usage + exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message}; see '{self.prog} --help'")


def _db_option(parser: argparse.ArgumentParser, under_parent: bool = False) -> None:
    """``--db``; ``under_parent``: a verb's copy, which must not reset the parent's value."""
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if under_parent else None,
        help="data file to use (default: $NETRACK_DB, then the user data dir)",
    )


def _json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def _week_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--week", metavar="W", help="a week label like 2026-W47, 'this', 'last', or a date"
    )


def add_log_arguments(parser: argparse.ArgumentParser, with_kind: bool) -> None:
    """The arguments of ``netrack add`` (and of each kind verb)."""
    if with_kind:
        parser.add_argument("kind", help=f"one of {', '.join(BUILTIN_KINDS)} (or an alias)")
    parser.add_argument("contact", help="contact name, or a unique prefix of it ('-' for none)")
    parser.add_argument("note", nargs="*", help="what happened (the rest of the line)")
    parser.add_argument("--on", metavar="WHEN", help=f"when it happened: {ON_FORMS}")
    parser.add_argument("--channel", "-c", metavar="CH", help=f"{', '.join(CHANNELS)} (prefix ok)")
    parser.add_argument("--due", metavar="WHEN", help=f"also owe a follow-up by: {DUE_FORMS}")
    parser.add_argument(
        "--intro-to",
        metavar="NAME",
        help="with receive: they introduced you to NAME (a new name becomes a contact)",
    )
    personal = parser.add_mutually_exclusive_group()
    personal.add_argument(
        "--personal",
        "-p",
        dest="personal",
        action="store_const",
        const=True,
        help="the reach-out was personalised",
    )
    personal.add_argument(
        "--generic",
        dest="personal",
        action="store_const",
        const=False,
        help="the reach-out was not personalised",
    )
    _db_option(parser)


def _contact_fields(parser: argparse.ArgumentParser) -> None:
    """An option for each contact detail, as the Contact model declares them."""
    for field in CONTACT_FIELDS:
        repeatable = field.kind.repeatable
        parser.add_argument(
            field.option,
            dest=field.name,
            metavar=f"LABEL={field.metavar}" if repeatable else field.metavar,
            action="append" if repeatable else "store",
            help=f"{field.help or field.label} (repeat the option for more)"
            if repeatable
            else field.help,
        )


Spec = Callable[[argparse._SubParsersAction], None]


def _add(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="log an action: netrack add give 'Dana Lee' sent the deck")
    add_log_arguments(p, with_kind=True)
    p.set_defaults(run=f"{COMMANDS}.logging:run_add")


def _undo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("undo", help="remove the most recently logged action")
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.logging:run_undo")


def _log(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("log", help="list actions (this week unless told otherwise)")
    _week_option(p)
    p.add_argument("--all", action="store_true", help="every action ever logged")
    p.add_argument("--contact", metavar="NAME")
    p.add_argument("--kind", metavar="K")
    p.add_argument("--limit", type=int, metavar="N", help="at most N actions (newest)")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.logging:run_log")


def _contacts(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contacts", help="list contacts")
    p.add_argument("--all", action="store_true", help="include archived contacts")
    p.add_argument("--circle", metavar="C")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.contacts:run_list")


def _contact(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("contact", help="add, edit, show, archive or merge a contact")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="add a contact")
    add.add_argument("name")
    _contact_fields(add)
    _db_option(add)
    add.set_defaults(run=f"{COMMANDS}.contacts:run_add")
    edit = verbs.add_parser("edit", help="change a contact's details")
    edit.add_argument("name")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename")
    _contact_fields(edit)
    _db_option(edit)
    edit.set_defaults(run=f"{COMMANDS}.contacts:run_edit")
    show = verbs.add_parser("show", help="a contact's details and history")
    show.add_argument("name")
    _json_option(show)
    _db_option(show)
    show.set_defaults(run=f"{COMMANDS}.contacts:run_show")
    archive = verbs.add_parser("archive", help="hide a contact from lists and reminders")
    archive.add_argument("name")
    _db_option(archive)
    archive.set_defaults(run=f"{COMMANDS}.contacts:run_archive", archived=True)
    unarchive = verbs.add_parser("unarchive", help="bring an archived contact back")
    unarchive.add_argument("name")
    _db_option(unarchive)
    unarchive.set_defaults(run=f"{COMMANDS}.contacts:run_archive", archived=False)
    merge = verbs.add_parser("merge", help="move everything of FROM to INTO, then remove FROM")
    merge.add_argument("source", metavar="FROM")
    merge.add_argument("target", metavar="INTO")
    _db_option(merge)
    merge.set_defaults(run=f"{COMMANDS}.contacts:run_merge")


def _intro(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "intro",
        help="introduce two people: a give to each, and the two linked",
        description="Record an introduction you made: it counts as one give to each person "
        "(reciprocity, the give habit, last touch) and links the two. 'netrack undo' takes "
        "back the whole introduction.",
    )
    p.add_argument("first", metavar="A", help="one person (a new name becomes a contact)")
    p.add_argument("second", metavar="B", help="the person you introduced them to")
    p.add_argument("note", nargs="*", help="why they should meet (the rest of the line)")
    p.add_argument("--on", metavar="WHEN", help=f"when: {ON_FORMS}")
    p.add_argument("--channel", "-c", metavar="CH", help=f"{', '.join(CHANNELS)} (prefix ok)")
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.introductions:run_intro")


def _event_fields(parser: argparse.ArgumentParser, adding: bool) -> None:
    parser.add_argument("--on", metavar="WHEN", required=adding, help=f"the day: {DAY_FORMS}")
    parser.add_argument("--where", metavar="TEXT", help="the place or the link")
    parser.add_argument("--goal", metavar="TEXT", help="what you want to come away with")
    parser.add_argument(
        "--know", metavar="A,B", help="people you know who are going (comma separated)"
    )
    parser.add_argument("--to-meet", metavar="TEXT", help="who you want to meet there (free text)")
    parser.add_argument("--intro", metavar="TEXT", help="your one-line introduction")
    parser.add_argument("--questions", metavar="TEXT", help="questions to ask")
    parser.add_argument("--notes", metavar="TEXT")


def _events(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("events", help="events coming up (and what to prepare) and past ones")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.events:run_list")
    p = sub.add_parser("event", help="add, prepare, show, debrief or remove an event")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    add = verbs.add_parser("add", help="an event to prepare: netrack event add PyCon --on sat")
    add.add_argument("name")
    _event_fields(add, adding=True)
    _db_option(add)
    add.set_defaults(run=f"{COMMANDS}.events:run_add")
    edit = verbs.add_parser("edit", help="change an event or its preparation")
    edit.add_argument("name")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help="rename")
    _event_fields(edit, adding=False)
    _db_option(edit)
    edit.set_defaults(run=f"{COMMANDS}.events:run_edit")
    show = verbs.add_parser("show", help="an event: its preparation, who you met, follow-ups")
    show.add_argument("name")
    _json_option(show)
    _db_option(show)
    show.set_defaults(run=f"{COMMANDS}.events:run_show")
    debrief = verbs.add_parser(
        "debrief",
        help="log a meeting with each person you met there",
        description="Log a meeting with each person, on the event's day and the 'event' "
        "channel; each opens a follow-up as a meeting does. A new name becomes a contact "
        "whose 'how we met' is the event.",
    )
    debrief.add_argument("name")
    debrief.add_argument("people", nargs="+", metavar="PERSON")
    debrief.add_argument("--note", metavar="TEXT", help="the note of each meeting")
    _db_option(debrief)
    debrief.set_defaults(run=f"{COMMANDS}.events:run_debrief")
    remove = verbs.add_parser("remove", help="forget an event (the meetings logged stay)")
    remove.add_argument("name")
    remove.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    _db_option(remove)
    remove.set_defaults(run=f"{COMMANDS}.events:run_remove")


def _doctor(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "doctor", help="check the data file, its backups and permissions (exit 1 on problems)"
    )
    p.add_argument(
        "--repair", action="store_true", help="fix what can be fixed (a copy is kept first)"
    )
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.safety:run_doctor")


def _restore(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("restore", help="list the backups, or put one back: netrack restore NAME")
    p.add_argument(
        "backup", nargs="?", metavar="BACKUP", help="a backup's name (as listed), or a path"
    )
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.restore:run_restore")


def _demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="try netrack on invented history (opens the app on a temporary file)",
        description="Write invented but realistic history into a new data file and open the "
        "app on it: a temporary file, or the --db file if given. With --no-tui, only write "
        "it into the --db file, which must not hold any data yet.",
    )
    p.add_argument("--weeks", type=int, default=26, metavar="N", help="weeks of history (26)")
    p.add_argument(
        "--seed", type=int, default=0, metavar="N", help="another number, another history (0)"
    )
    p.add_argument("--no-tui", action="store_true", help="write the data file and print a summary")
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.demo:run_demo")


def _week(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("week", help="the week review: habits, streaks, reciprocity, follow-ups")
    _week_option(p)
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.weekly:run_week")


def _review(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review", help="open the app on the weekly review")
    _week_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.app:run_review")


def _reflect(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reflect", help="save what worked this week (and next week's focus)")
    p.add_argument("text", nargs="*", help="the reflection")
    p.add_argument("--focus", metavar="TEXT", help="what to focus on next week")
    _week_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.weekly:run_reflect")


def _skip(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("skip", help="mark a week as a holiday: it neither counts nor breaks")
    _week_option(p)
    p.add_argument("--reason", metavar="TEXT")
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.weekly:run_skip", skipped=True)
    p = sub.add_parser("unskip", help="make a skipped week count again")
    _week_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.weekly:run_skip", skipped=False, reason=None)


def _balance(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("balance", help="reciprocity: gives against takes, overall and per contact")
    p.add_argument("--contact", metavar="NAME")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.weekly:run_balance")


def _cold(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cold", help="contacts past their keep-in-touch cadence, coldest first")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.weekly:run_cold")


def _next(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("next", help="whom to get in touch with now, what to do for them, and why")
    p.add_argument(
        "--limit", type=int, default=10, metavar="N", help="at most N people (default 10)"
    )
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.plans:run_next")


PLAN_WEEK_HELP = "this (the default), next, or a week label like 2026-W48"


def add_plan_add_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of ``netrack plan add``."""
    parser.add_argument("contact", help="contact name, or a unique prefix of it")
    parser.add_argument(
        "rest",
        nargs="*",
        metavar="[KIND] NOTE",
        help="what to do (a kind, or 'any', the default) and a note",
    )
    parser.add_argument("--week", metavar="W", default=argparse.SUPPRESS, help=PLAN_WEEK_HELP)
    _db_option(parser, under_parent=True)
    parser.set_defaults(run=f"{COMMANDS}.plans:run_plan_add")


def _plan(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "plan",
        help="this week's plan: whom to get in touch with (plan add|drop|carry)",
        description="Show the week's plan, or change it with a verb.",
    )
    _week_option(p)
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.plans:run_plan")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    add = verbs.add_parser(
        "add", help="plan to get in touch: netrack plan add Dana give send the deck"
    )
    add_plan_add_arguments(add)
    drop = verbs.add_parser("drop", help="drop an item from the plan, on purpose")
    drop.add_argument("target", metavar="ID|CONTACT")
    drop.add_argument("--week", metavar="W", default=argparse.SUPPRESS, help=PLAN_WEEK_HELP)
    _db_option(drop, under_parent=True)
    drop.set_defaults(run=f"{COMMANDS}.plans:run_plan_drop")
    carry = verbs.add_parser(
        "carry", help="carry last week's open items over (all, or those named)"
    )
    carry.add_argument("targets", nargs="*", metavar="ID|CONTACT")
    carry.add_argument(
        "--week", metavar="W", default=argparse.SUPPRESS, help="the week to carry them into"
    )
    _db_option(carry, under_parent=True)
    carry.set_defaults(run=f"{COMMANDS}.plans:run_plan_carry")


def _followups(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("due", help="open follow-ups, overdue first")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.followups:run_due")
    p = sub.add_parser("done", help="close a follow-up by id (see 'due') or contact")
    p.add_argument("target", metavar="ID|CONTACT")
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.followups:run_done")
    p = sub.add_parser("promise", help="record a promise made to a contact, with a due date")
    p.add_argument("contact")
    p.add_argument("text", nargs="*", help="what you promised")
    p.add_argument("--due", metavar="WHEN", required=True, help=DUE_FORMS)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.followups:run_promise")


def _habit(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("habit", help="list, add, retarget, rename or remove weekly habits")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    listing = verbs.add_parser("list", help="habits with streaks and strength")
    _json_option(listing)
    _db_option(listing)
    listing.set_defaults(run=f"{COMMANDS}.habits:run_list")
    add = verbs.add_parser("add", help="a new weekly habit")
    add.add_argument("name")
    add.add_argument("--kinds", required=True, metavar="K,K", help="kinds it counts")
    add.add_argument("--target", required=True, metavar="N", help="per week")
    _db_option(add)
    add.set_defaults(run=f"{COMMANDS}.habits:run_add")
    target = verbs.add_parser("set", help="change a weekly target from this week on")
    target.add_argument("name")
    target.add_argument("target", metavar="N")
    _db_option(target)
    target.set_defaults(run=f"{COMMANDS}.habits:run_set")
    renamed = verbs.add_parser("rename", help="rename a habit")
    renamed.add_argument("name")
    renamed.add_argument("new_name", metavar="NEW")
    _db_option(renamed)
    renamed.set_defaults(run=f"{COMMANDS}.habits:run_rename")
    kinds = verbs.add_parser("kinds", help="change which kinds a habit counts")
    kinds.add_argument("name")
    kinds.add_argument("kinds", metavar="K,K")
    _db_option(kinds)
    kinds.set_defaults(run=f"{COMMANDS}.habits:run_kinds")
    remove = verbs.add_parser("remove", help="stop tracking a habit (actions are kept)")
    remove.add_argument("name")
    _db_option(remove)
    remove.set_defaults(run=f"{COMMANDS}.habits:run_remove")


def _config(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="show or change settings (week start, cadences, ...)")
    p.add_argument("key", nargs="?", help="a setting, e.g. week-start")
    p.add_argument("value", nargs="?", help="its new value")
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.config:run_config")


EXPORT_HELP = """\
formats:
  json  everything in the data file (every table, the schema version), loss-free;
        'netrack import FILE' reads it back
  csv   one row per action: date, time, kind, contact, channel, note, personal, id
  ics   open follow-ups as all-day events on their due dates (--todos: as to-dos)

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
(then 'created') for habits. Equal times keep this file's copy,
and so do settings, which carry no time. netrack keeps one contact and one habit per
name and one note per week, so a backup's record with a new id but the name (or week)
of one here is that record. Importing the same file twice adds nothing. Records
deleted here come back from a backup that still holds them.

LinkedIn connections and vCards become contacts in the default circle (setting
new-contact-circle, wider unless changed) with no keep-in-touch cadence; the app's
"Sort people into circles" then goes through them one key per person. Someone
already here (same profile URL, else email, else name in any case) only gets the
details their contact lacks; nothing typed is overwritten. A name taken by a contact
with another profile on the same site (two people who share a name) is skipped.

Every import is all or nothing: a file that cannot be read changes nothing, and the
error names the line or record. The summary counts what was added, updated and
skipped, and why.
"""


def _export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="write a backup (json), actions (csv) or follow-ups (ics)",
        description="Export your data.",
        epilog=EXPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--format",
        "-f",
        choices=("json", "csv", "ics"),
        default="json",
        type=str.casefold,
        help="json (the default), csv or ics",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    p.add_argument("--todos", action="store_true", help="ics: to-dos instead of all-day events")
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.transfer:run_export")


def _import(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="merge a backup, or add LinkedIn connections or vCards",
        description="Import: netrack import FILE | netrack import linkedin|vcard FILE",
        epilog=IMPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("first", metavar="FORMAT|FILE", help="json, linkedin or vcard; or the file")
    p.add_argument("file", nargs="?", metavar="FILE", help="the file, after a FORMAT")
    p.add_argument(
        "--dry-run", "-n", action="store_true", help="report what would change; change nothing"
    )
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.transfer:run_import")


SYNC_HELP = """\
Keep this data file in step with your other computers through a folder that a sync
tool (Syncthing, Dropbox, iCloud Drive, a network share ...) already keeps in step.

  netrack sync init FOLDER   start here (FOLDER is created if missing), or join it
                             from a second computer: nothing on either side is lost
  netrack sync               publish this computer's changes and take in the others'
  netrack sync status        devices seen, when each last published, what is waiting
  netrack sync leave         stop syncing (your data stays here)

Every change is published right after it is made, and changes from the other computers
are taken in when a command starts and, in the app, as they arrive.
"""


def _sync(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sync",
        help="sync with your other computers through a shared folder (sync init|status|leave)",
        description="Sync through a shared folder.",
        epilog=SYNC_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--rebuild",
        action="store_true",
        help="build this computer's sync state again from the folder, then merge",
    )
    p.add_argument("--background", action="store_true", help=argparse.SUPPRESS)
    _json_option(p)
    _db_option(p)
    p.set_defaults(run=f"{COMMANDS}.sync:run_sync")
    verbs = p.add_subparsers(dest="verb", metavar="VERB")
    init = verbs.add_parser("init", help="sync this data file through FOLDER, or join it")
    init.add_argument("folder", metavar="FOLDER")
    _db_option(init, under_parent=True)
    init.set_defaults(run=f"{COMMANDS}.sync:run_init")
    status = verbs.add_parser("status", help="devices seen, when each published, what waits")
    status.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print JSON")
    _db_option(status, under_parent=True)
    status.set_defaults(run=f"{COMMANDS}.sync:run_status")
    leave = verbs.add_parser("leave", help="stop syncing this data file")
    _db_option(leave, under_parent=True)
    leave.set_defaults(run=f"{COMMANDS}.sync:run_leave")


SPECS: list[Spec] = [
    _add,
    _undo,
    _log,
    _week,
    _review,
    _reflect,
    _skip,
    _balance,
    _cold,
    _next,
    _plan,
    _followups,
    _contacts,
    _contact,
    _intro,
    _events,
    _habit,
    _config,
    _export,
    _import,
    _demo,
    _doctor,
    _restore,
    _sync,
]


def build_parser() -> Parser:
    """The parser for every subcommand."""
    parser = Parser(
        prog="netrack",
        description="Keep up professional-networking habits. Run without a command for the app.",
    )
    parser.add_argument("--version", action="version", version=f"netrack {__version__}")
    _db_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for spec in SPECS:
        spec(sub)
    return parser


def build_add_parser(verb: str | None) -> Parser:
    """The parser of ``netrack add`` or of one kind verb such as ``netrack give``."""
    parser = Parser(prog=f"netrack {verb or 'add'}", description="Log one action.")
    add_log_arguments(parser, with_kind=verb is None)
    parser.set_defaults(run=f"{COMMANDS}.logging:run_add", command="add")
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse ``argv``. A kind as the first word means ``add`` that kind.

    Logging takes its note and options in any order
    (``netrack give Dana --channel email sent the deck``).
    """
    db, rest = _leading_db(argv)
    first = rest[0].casefold() if rest else ""
    if first in KIND_VERBS:
        args = build_add_parser(rest[0]).parse_intermixed_args(rest[1:])
        args.kind = rest[0]
    elif first == "add":
        args = build_add_parser(None).parse_intermixed_args(rest[1:])
    elif first == "plan" and rest[1:2] == ["add"]:
        # Options may come anywhere in the note, as when logging.
        plan_add = Parser(prog="netrack plan add", description="Plan to get in touch.")
        add_plan_add_arguments(plan_add)
        args = plan_add.parse_intermixed_args(rest[2:])
        args.command = "plan"
    else:
        args = build_parser().parse_args(rest)
    if getattr(args, "db", None) is None:
        args.db = db
    return args


def _leading_db(argv: list[str]) -> tuple[str | None, list[str]]:
    """``--db PATH`` given before the command, and the rest of the line."""
    if argv and argv[0] == "--db":
        if len(argv) < 2:
            raise UsageError("--db needs a path; see 'netrack --help'")
        return argv[1], argv[2:]
    if argv and argv[0].startswith("--db="):
        return argv[0][len("--db=") :], argv[1:]
    return None, argv
