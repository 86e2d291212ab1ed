"""Every netrack command in one table: its words, what runs it, its help and arguments.

``cli/parser.py`` builds argparse from this table. A command's function is named as
``"module:function"`` under ``netrack.cli.commands`` and imported only when it runs.
``--db`` is given to every command, ``--json`` and ``--week`` to those that say so.
A new command is one row here and one function in ``cli/commands/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from netrack.cli import arguments as a
from netrack.cli import plan_arguments as plan
from netrack.domain.valuetype import Value

NOTHING: Mapping[str, Any] = MappingProxyType({})


class Command(Value):
    """One command line. ``run`` None: a group whose verbs are the commands."""

    words: str  # "contact add"
    run: str | None  # "contacts:run_add"
    help: str
    arguments: a.Arguments | None = None
    json: bool = False  # takes --json
    week: bool = False  # takes --week
    defaults: Mapping[str, Any] = NOTHING  # set on the parsed arguments
    description: str | None = None
    epilog: str | None = None  # shown as written

    @property
    def opening(self) -> str:
        """What its --help says first: the description, else the one-line help as a sentence."""
        return self.description or self.help[0].upper() + self.help[1:] + "."


COMMANDS: tuple[Command, ...] = (
    # Logging and the week
    *(Command(verb, "logging:run_add", text) for verb, text in a.KIND_VERB_HELP.items()),
    Command(
        "add",
        "logging:run_add",
        "log an action of any kind, your own too: netrack add post - a thread",
        a.log_arguments,
    ),
    Command(
        "undo",
        "history:run_undo",
        "take back the most recent change of any kind (again: the one before)",
        a.UNDO,
        description=a.UNDO_HELP,
    ),
    Command(
        "redo",
        "history:run_redo",
        "take back the latest undo, if nothing was written since (again: the undo before)",
        description="Do again the change the latest undo took back, as it was. Only "
        "while nothing was written since that undo: a change made after it (here, in the "
        "app or on another computer) means the undo stays, and redo says so.",
    ),
    Command(
        "history",
        "history:run_history",
        "recent changes, newest first (what 'undo' takes back)",
        a.HISTORY,
        json=True,
    ),
    Command(
        "log",
        "logging:run_log",
        "list actions (this week unless told otherwise)",
        a.LOG,
        json=True,
        week=True,
    ),
    Command(
        "week",
        "weekly:run_week",
        "the week review: habits, streaks, reciprocity, follow-ups",
        json=True,
        week=True,
    ),
    Command("review", "app:run_review", "open the app on the weekly review", week=True),
    Command(
        "reflect",
        "weekly:run_reflect",
        "save what worked this week (and next week's focus)",
        a.REFLECT,
        week=True,
    ),
    Command(
        "skip",
        "weekly:run_skip",
        "mark a week as a holiday: it neither counts nor breaks",
        a.args(
            a.arg(
                "--reason",
                metavar="TEXT",
                help="why (holiday, conference ...): shown with the week",
            )
        ),
        week=True,
        defaults={"skipped": True},
    ),
    Command(
        "unskip",
        "weekly:run_skip",
        "make a skipped week count again",
        week=True,
        defaults={"skipped": False, "reason": None},
    ),
    Command(
        "balance",
        "weekly:run_balance",
        "reciprocity: gives against takes, overall and per contact",
        a.args(a.arg("--contact", metavar="NAME", help="only this contact (a prefix will do)")),
        json=True,
    ),
    Command(
        "cold",
        "weekly:run_cold",
        "contacts past their keep-in-touch cadence, coldest first",
        json=True,
    ),
    # Planning
    Command(
        "next",
        "plans:run_next",
        "whom to get in touch with now, what to do for them, and why",
        a.NEXT,
        json=True,
    ),
    Command(
        "plan",
        "plans:run_plan",
        "this week's plan: whom to get in touch with (plan add|drop|carry)",
        json=True,
        week=True,
        description="Show the week's plan, or change it with a verb.",
    ),
    Command(
        "plan add",
        "plans:run_plan_add",
        plan.PLAN_ADD_HELP,
        plan.plan_add_arguments,
        description=plan.PLAN_ADD_DESCRIPTION,
        epilog=plan.PLAN_ADD_EPILOG,
    ),
    Command(
        "plan drop",
        "plans:run_plan_drop",
        "drop an item from the plan, on purpose",
        a.PLAN_DROP,
    ),
    Command(
        "plan carry",
        "plans:run_plan_carry",
        "carry last week's open items over (all, or those named)",
        a.PLAN_CARRY,
    ),
    # Follow-ups
    Command(
        "due",
        "followups:run_due",
        "open follow-ups, overdue first",
        a.args(a.arg("--all", action="store_true", help="closed follow-ups too")),
        json=True,
    ),
    Command(
        "done",
        "followups:run_done",
        "mark a follow-up done (logs a follow-up action) by id (see 'due') or contact",
        a.DONE,
        description=a.DONE_HELP,
    ),
    Command(
        "promise",
        "followups:run_promise",
        "record a promise made to a contact, with a due date",
        a.PROMISE,
    ),
    # People
    Command(
        "contacts",
        "contacts:run_list",
        "list contacts",
        a.CONTACTS,
        json=True,
    ),
    Command("contact", None, "add, edit, show, archive or merge a contact"),
    Command(
        "contact add",
        "contacts:run_add",
        "add a contact (a close existing name is only mentioned)",
        a.contact_details(rename=False),
    ),
    Command(
        "contact edit",
        "contacts:run_edit",
        "change a contact's details",
        a.contact_details(rename=True),
    ),
    Command(
        "contact show",
        "contacts:run_show",
        "a contact's details and history",
        a.args(a.CONTACT),
        json=True,
    ),
    Command(
        "contact archive",
        "contacts:run_archive",
        "hide a contact from lists and reminders (asks first)",
        a.args(a.CONTACT, a.YES),
        defaults={"archived": True},
    ),
    Command(
        "contact unarchive",
        "contacts:run_archive",
        "bring an archived contact back",
        a.args(a.CONTACT),
        defaults={"archived": False, "yes": True},
    ),
    Command(
        "contact merge",
        "contacts:run_merge",
        "move everything of FROM to INTO, then remove FROM (asks first)",
        a.args(
            a.arg("source", metavar="FROM", help="the contact to merge away (removed after)"),
            a.arg("target", metavar="INTO", help="the contact who keeps everything"),
            a.YES,
        ),
    ),
    Command(
        "intro",
        "introductions:run_intro",
        "introduce two people: a give to each, and the two linked",
        a.INTRO,
        description="Record an introduction you made: it counts as one give to each person "
        "(reciprocity, the give habit, last touch) and links the two. 'netrack undo' takes "
        "back the whole introduction.",
    ),
    # Events
    Command(
        "events",
        "events:run_list",
        "events coming up (and what to prepare) and past ones",
        json=True,
    ),
    Command("event", None, "add, prepare, show, debrief or remove an event"),
    Command(
        "event add",
        "events:run_add",
        "an event to prepare: netrack event add PyCon --on sat",
        a.event_details(adding=True),
    ),
    Command(
        "event edit",
        "events:run_edit",
        "change an event or its preparation",
        a.event_details(adding=False),
    ),
    Command(
        "event show",
        "events:run_show",
        "an event: its preparation, who you met, follow-ups",
        a.args(a.EVENT),
        json=True,
    ),
    Command(
        "event debrief",
        "events:run_debrief",
        "log a meeting with each person you met there",
        a.EVENT_DEBRIEF,
        description="Log a meeting with each person, on the event's day and the 'event' "
        "channel; each opens a follow-up as a meeting does. A new name becomes a contact "
        "whose 'how we met' is the event.",
    ),
    Command(
        "event remove",
        "events:run_remove",
        "forget an event (the meetings logged stay)",
        a.args(a.EVENT, a.YES),
    ),
    # Habits and settings
    Command("habit", None, "list, add, retarget, rename or remove weekly habits"),
    Command("habit list", "habits:run_list", "habits with streaks and strength", json=True),
    Command(
        "habit add",
        "habits:run_add",
        "a new weekly habit",
        a.HABIT_ADD,
    ),
    Command(
        "habit set",
        "habits:run_set",
        "change a weekly target from this week on",
        a.args(a.HABIT, a.arg("target", metavar="N", help="times a week")),
    ),
    Command(
        "habit rename",
        "habits:run_rename",
        "rename a habit",
        a.args(a.HABIT, a.arg("new_name", metavar="NEW", help="the new name")),
    ),
    Command(
        "habit kinds",
        "habits:run_kinds",
        "change which kinds a habit counts",
        a.args(
            a.HABIT,
            a.arg("kinds", metavar="K,K", help="the kinds it counts, comma separated (give,meet)"),
        ),
    ),
    Command(
        "habit remove",
        "habits:run_remove",
        "stop tracking a habit (actions are kept; asks first; undo brings it back)",
        a.args(a.HABIT, a.YES),
    ),
    Command(
        "config",
        "config:run_config",
        "show or change settings (week start, cadences, ...)",
        a.CONFIG,
        json=True,
    ),
    # Your data
    Command(
        "export",
        "transfer:run_export",
        "write a backup (json), actions (csv) or follow-ups and dates (ics)",
        a.EXPORT,
        description="Export your data.",
        epilog=a.EXPORT_HELP,
    ),
    Command(
        "import",
        "transfer:run_import",
        "merge a backup, or add LinkedIn connections or vCards",
        a.IMPORT,
        description="Import: netrack import FILE | netrack import linkedin|vcard FILE",
        epilog=a.IMPORT_HELP,
    ),
    Command(
        "demo",
        "demo:run_demo",
        "try netrack on invented history (opens the app on a temporary file)",
        a.DEMO,
        description="Write invented but realistic history into a new data file and open the "
        "app on it: a temporary file, or the --db file if given. With --no-tui, only write "
        "it into the --db file, which must not hold any data yet.",
    ),
    Command(
        "doctor",
        "safety:run_doctor",
        "check the data file, its backups and permissions (exit 1 on problems)",
        a.DOCTOR,
        json=True,
    ),
    Command(
        "restore",
        "restore:run_restore",
        "list the backups, or put one back: netrack restore NAME",
        a.RESTORE,
        json=True,
    ),
    # Sync
    Command(
        "sync",
        "sync:run_sync",
        "sync with your other computers through a shared folder (sync init|status|leave)",
        a.SYNC,
        json=True,
        description="Sync through a shared folder.",
        epilog=a.SYNC_HELP,
    ),
    Command(
        "sync init",
        "sync:run_init",
        "sync this data file through FOLDER, or join it",
        a.args(a.arg("folder", metavar="FOLDER", help="the shared folder"), a.SYNC_INIT_YES),
        description=a.SYNC_INIT_HELP,
    ),
    Command(
        "sync status",
        "sync:run_status",
        "devices seen, when each published, what waits",
        a.args(a.arg("--json", action="store_true", default=a.SUPPRESS, help="print JSON")),
    ),
    Command("sync leave", "sync:run_leave", "stop syncing this data file"),
)
