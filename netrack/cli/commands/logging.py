"""``netrack add`` (and the kind verbs) and ``log``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from netrack.cli.context import Context

if TYPE_CHECKING:
    from datetime import date

    from netrack.domain.models import Contact, Settings


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.domain.text import printable
    from netrack.operations.entries import log_action  # (not loaded by ``log``)
    from netrack.summaries import logged_line

    if args.intro_to is not None:
        from netrack.cli.commands.introductions import run_received

        return run_received(args, ctx)
    logged = log_action(
        ctx.store,
        ctx.now,
        kind=args.kind,
        contact=args.contact,
        note=" ".join(args.note),
        on=args.on,
        channel=args.channel,
        due=args.due,
        personal=args.personal,
        new_contact=args.new,
    )
    if logged.outcome.new_contact and logged.outcome.contact is not None:
        ctx.say(f"new contact: {printable(logged.outcome.contact.name)}")
    ctx.say(logged_line(logged.outcome, logged.progress, ctx.now.date()))
    return 0


def run_log(args: argparse.Namespace, ctx: Context) -> int:
    # Imported here, not at the top: a quick add (run_add) loads this module too.
    from netrack.cli.output import columns, emit_json, safe, safe_block
    from netrack.domain.contacts import DESCRIBED, resolve_existing
    from netrack.domain.habits import habit_kinds
    from netrack.domain.humanize import plural
    from netrack.domain.kinds import resolve_kind
    from netrack.domain.timeline import newest_first
    from netrack.domain.weeks import calendar_for
    from netrack.domain.when import parse_week
    from netrack.store.schema import ACTIONS, CONTACTS, HABITS
    from netrack.summaries import short_day, short_moment

    def first_day(settings: Settings) -> date | None:
        return None if args.all else parse_week(args.week, calendar_for(settings), ctx.now).start

    # A recent week's actions are all in the main file; older ones need the archive. Only
    # the week's actions are converted, and (unless a name is to be matched) the contacts
    # they name.
    data, holds_from = ctx.store.load_main(
        only=(ACTIONS, CONTACTS, HABITS) if args.kind else (ACTIONS, CONTACTS),
        contacts_of=None if args.contact else (ACTIONS,),
        actions_from=first_day,
        view_at=ctx.now,  # (a long history's view holds the last weeks)
        details=DESCRIBED if args.contact else (),  # a name fitting several is described
    )
    calendar = calendar_for(data.settings)
    week = None
    if not args.all:
        week = parse_week(args.week, calendar, ctx.now)
    if holds_from is not None and (week is None or week.start <= holds_from):
        data = ctx.store.load()
    actions = list(data.actions)
    if week is not None:
        actions = [a for a in actions if week.contains(calendar.day_of(a.at))]
    if args.contact:
        contact = resolve_existing(data.contacts, args.contact)
        actions = [a for a in actions if a.contact_id == contact.id]
    if args.kind:
        kind = resolve_kind(args.kind, habit_kinds(data.habits))
        actions = [a for a in actions if a.kind == kind]
    actions = newest_first(actions)
    if args.limit is not None:
        actions = actions[: max(args.limit, 0)]
    contacts: dict[str | None, Contact] = {c.id: c for c in data.contacts}
    if args.json:
        from netrack.cli.jsonviews import action_json

        emit_json([action_json(a, contacts.get(a.contact_id), calendar) for a in actions])
        return 0
    scope = (
        f"week {week.label} ({short_day(week.start)} – {short_day(week.end)})" if week else "all"
    )
    if not actions:
        filtered = args.contact or args.kind
        where = f" in {scope}" if week else "" if filtered else " yet"
        ctx.say(("no matching actions" if filtered else "no actions logged") + where)
        return 0
    rows = [
        [
            short_moment(a.at),
            safe(a.kind),
            safe(contacts[a.contact_id].name) if a.contact_id in contacts else "—",
            safe(a.channel),
            safe_block(a.note),
        ]
        for a in actions
    ]
    ctx.say(f"{plural(len(actions), 'action')} · {scope}")
    for line in columns(rows, [16, 9, 22, 8, None]):
        ctx.say(line)
    return 0
