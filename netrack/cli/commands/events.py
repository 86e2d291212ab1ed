"""``netrack events`` and ``netrack event add|edit|show|debrief|remove``."""

from __future__ import annotations

import argparse
from datetime import date

from netrack.cli.confirm import confirmed
from netrack.cli.context import Context
from netrack.cli.jsonviews import event_json
from netrack.cli.output import emit_json, labelled, safe, short_day
from netrack.domain.events import (
    EventFields,
    EventStanding,
    event_standing,
    find_event,
    still_to_prepare,
    upcoming_and_past,
)
from netrack.domain.humanize import days_ago, plural
from netrack.domain.models import Contact
from netrack.domain.weeks import calendar_for
from netrack.operations.events import add_event, debrief_event, remove_event, update_event

LABEL = 11


def people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _fields(args: argparse.Namespace, name: str | None) -> EventFields:
    return EventFields(
        name=name,
        on=args.on,
        where=args.where,
        goal=args.goal,
        know=args.know,
        to_meet=args.to_meet,
        intro=args.intro,
        questions=args.questions,
        notes=args.notes,
    )


def _new_contacts(ctx: Context, contacts: tuple[Contact, ...]) -> None:
    for contact in contacts:
        ctx.say(f"new contact: {safe(contact.name)}")


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    change = add_event(ctx.store, ctx.now, _fields(args, args.name), args.new)
    _new_contacts(ctx, change.new_contacts)
    event = change.event
    line = f"added event {safe(event.name)} · {short_day(event.on, ctx.now.date())}"
    todo = still_to_prepare(event)
    if todo:
        line += f" · to prepare: {', '.join(todo)}"
    ctx.say(line)
    return 0


def run_edit(args: argparse.Namespace, ctx: Context) -> int:
    fields = _fields(args, args.new_name)
    before, change = update_event(ctx.store, ctx.now, args.name, fields, args.new)
    _new_contacts(ctx, change.new_contacts)
    if change.event == before:
        ctx.say(f"nothing to change for {safe(before.name)}; give an option such as --goal")
    else:
        ctx.say(f"updated event {safe(change.event.name)}")
    return 0


def run_remove(args: argparse.Namespace, ctx: Context) -> int:
    data = ctx.store.load()
    event = find_event(data.events, args.name)
    question = (
        f"remove the event {safe(event.name)} ({short_day(event.on, ctx.now.date())}) "
        "and its preparation? the meetings logged stay [y/N] "
    )
    if not confirmed(ctx, question, args.yes):
        ctx.say("nothing removed")
        return 1
    removed = remove_event(ctx.store, event.id)
    ctx.say(f"removed event {safe(removed.name)}")
    return 0


def run_debrief(args: argparse.Namespace, ctx: Context) -> int:
    debrief = debrief_event(
        ctx.store, ctx.now, args.name, args.people, args.note or "", new=args.new
    )
    _new_contacts(ctx, debrief.new_contacts)
    today = ctx.now.date()
    for logged in debrief.logged:
        who = logged.contact.name if logged.contact else "?"
        line = f"logged meet → {safe(who)} · {short_day(logged.action.at.date(), today)}"
        if logged.opened is not None:
            line += f" · follow-up due {short_day(logged.opened.due, today)}"
        ctx.say(line)
    for contact in debrief.already_met:
        ctx.say(f"already met at this event: {safe(contact.name)} (not logged again)")
    event = debrief.event
    ctx.say(f"{safe(event.name)}: met {people(len(event.met))} in all")
    return 0


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    data = ctx.store.load()
    today = calendar_for(data.settings).day_of(ctx.now)
    coming, past = upcoming_and_past(data.events, today)
    if args.json:
        everything = sorted(data.events, key=lambda e: (e.on, e.name))
        emit_json([event_json(event_standing(e, data, today)) for e in everything])
        return 0
    if not data.events:
        ctx.say("no events yet: netrack event add 'PyCon Berlin' --on 2026-12-05 --goal ...")
        return 0
    ctx.say(f"{len(coming)} coming up · {len(past)} past")
    for title, events in (("coming up", coming), ("past", past)):
        if not events:
            continue
        ctx.say(title)
        for event in events:
            standing = event_standing(event, data, today)
            ctx.say(f"  {short_day(event.on, today):<15} {safe(event.name)}")
            ctx.say(f"  {'':<15} {_progress(standing)}")
    return 0


def _progress(standing: EventStanding) -> str:
    """What is still to do for an event: prepare it, debrief it, or its follow-ups."""
    if standing.upcoming and not standing.met:
        todo = standing.to_prepare
        return f"to prepare: {', '.join(todo)}" if todo else "prepared"
    if not standing.met:
        return "not debriefed yet: netrack event debrief NAME PERSON ..."
    opened = len(standing.followups)
    return f"met {people(len(standing.met))} · follow-ups kept {standing.kept}/{opened}" + (
        f" · {len(standing.open_followups)} open" if standing.open_followups else ""
    )


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    data = ctx.store.load()
    event = find_event(data.events, args.name)
    today = calendar_for(data.settings).day_of(ctx.now)
    standing = event_standing(event, data, today)
    if args.json:
        emit_json(event_json(standing))
        return 0
    for line in event_lines(standing, today):
        ctx.say(line)
    return 0


def event_lines(standing: EventStanding, today: date) -> list[str]:
    """``event show``: the preparation, then who was met and their follow-ups."""
    event = standing.event
    days = (event.on - today).days
    when = (
        "today"
        if days == 0
        else f"in {plural(days, 'day')}"
        if days > 0
        else days_ago(event.on, today)
    )
    lines = [f"{safe(event.name)} · {short_day(event.on, today)} · {when}"]

    def row(label: str, value: str) -> None:
        if value:
            lines.extend(labelled(label, value, LABEL))

    row("where", event.where)
    row("goal", event.goal)
    row("going", ", ".join(c.name for c in standing.know))
    row("to meet", event.to_meet)
    row("your intro", event.intro)
    row("questions", event.questions)
    row("notes", event.notes)
    if standing.to_prepare:
        lines.append(f"  {'to prepare':<{LABEL}}{', '.join(standing.to_prepare)}")
    if standing.met:
        followups = {f.contact_id: f for f in standing.followups}
        lines.append(f"  met {people(len(standing.met))}:")
        for contact in standing.met:
            followup = followups.get(contact.id)
            state = ""
            if followup is not None:
                due = short_day(followup.due, today)
                state = f" · follow-up due {due}" if followup.is_open else " · followed up"
            lines.append(f"    {safe(contact.name)}{state}")
    elif days < 0:
        lines.append("  not debriefed yet: netrack event debrief NAME PERSON ...")
    return lines
