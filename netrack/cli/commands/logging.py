"""``netrack add`` (and the kind verbs), ``undo`` and ``log``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context, calendar_for, resolve_week
from netrack.cli.output import columns, emit_json, safe, short_day, short_moment
from netrack.domain.contacts import resolve_existing
from netrack.domain.habits import habit_kinds, progress_phrase
from netrack.domain.kinds import resolve_channel, resolve_kind
from netrack.domain.quicklog import LogOutcome, LogRequest, plan_log
from netrack.domain.undo import plan_undo
from netrack.domain.when import parse_due, parse_on


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = calendar_for(data.settings)
        request = LogRequest(
            kind=resolve_kind(args.kind, habit_kinds(data.habits)),
            contact_name=args.contact,
            at=parse_on(args.on, ctx.now, calendar),
            note=" ".join(args.note),
            channel=resolve_channel(args.channel) if args.channel else "other",
            due=parse_due(args.due, ctx.now, calendar) if args.due else None,
            personal=args.personal,
        )
        outcome = plan_log(data, request, ctx.now)
        if outcome.new_contact and outcome.contact is not None:
            tx.save(outcome.contact)
        tx.save(outcome.action)
        for followup in (outcome.opened, outcome.closed):
            if followup is not None:
                tx.save(followup)
        week = calendar.week_of(outcome.action.at)
        recent = tx.actions_since(week.start)
    which = "this week" if week == calendar.week_of(ctx.now) else f"in {week.label}"
    progress = progress_phrase(outcome.action.kind, data.habits, recent, week, calendar, which)
    ctx.say(_confirmation(outcome, progress, ctx))
    return 0


def _confirmation(outcome: LogOutcome, progress: str, ctx: Context) -> str:
    action = outcome.action
    who = outcome.contact.name if outcome.contact else "no contact"
    parts = [f"logged {action.kind} → {safe(who)}", short_day(action.at.date(), ctx.now.date())]
    parts.append(progress)
    if outcome.opened is not None:
        parts.append(f"follow-up due {short_day(outcome.opened.due, ctx.now.date())}")
    if outcome.closed is not None:
        parts.append(f"closed follow-up “{safe(_clip(outcome.closed.text))}”")
    line = " · ".join(parts)
    if outcome.new_contact:
        line = f"new contact: {safe(who)}\n{line}"
    return line


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def run_undo(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.store.transaction() as tx:
        undo = plan_undo(tx.data)
        if undo is None:
            ctx.say("nothing to undo: no action is logged")
            return 0
        tx.delete(undo.action)
        if undo.removed_followup is not None:
            tx.delete(undo.removed_followup)
        if undo.reopened_followup is not None:
            tx.save(undo.reopened_followup)
        if undo.removed_contact is not None:
            tx.delete(undo.removed_contact)
    who = undo.contact.name if undo.contact else "no contact"
    line = f"removed {safe(undo.action.kind)} → {safe(who)} · {short_moment(undo.action.at)}"
    if undo.action.note:
        line += f" · “{safe(_clip(undo.action.note))}”"
    if undo.removed_followup is not None:
        line += " · and the follow-up it created"
    if undo.reopened_followup is not None:
        line += " · reopened the follow-up it closed"
    if undo.removed_contact is not None:
        line += " · and the new contact"
    ctx.say(line)
    return 0


def run_log(args: argparse.Namespace, ctx: Context) -> int:
    data = ctx.store.load()
    calendar = calendar_for(data.settings)
    actions = list(data.actions)
    week = None
    if not args.all:
        week = resolve_week(args.week, calendar, ctx.now)
        actions = [a for a in actions if week.contains(calendar.day_of(a.at))]
    if args.contact:
        contact = resolve_existing(data.contacts, args.contact)
        actions = [a for a in actions if a.contact_id == contact.id]
    if args.kind:
        kind = resolve_kind(args.kind, habit_kinds(data.habits))
        actions = [a for a in actions if a.kind == kind]
    actions.sort(key=lambda a: (a.at, a.logged), reverse=True)
    if args.limit is not None:
        actions = actions[: max(args.limit, 0)]
    contacts = {c.id: c for c in data.contacts}
    if args.json:
        from netrack.cli.jsonviews import action_json

        emit_json([action_json(a, contacts.get(a.contact_id), calendar) for a in actions])
        return 0
    scope = (
        f"week {week.label} ({short_day(week.start)} – {short_day(week.end)})" if week else "all"
    )
    if not actions:
        ctx.say(f"no actions logged ({scope})")
        return 0
    rows = [
        [
            short_moment(a.at),
            safe(a.kind),
            safe(contacts[a.contact_id].name) if a.contact_id in contacts else "—",
            safe(a.channel),
            safe(a.note),
        ]
        for a in actions
    ]
    ctx.say(f"{len(actions)} action{'s' if len(actions) != 1 else ''} · {scope}")
    for line in columns(rows, [16, 9, 22, 8, None]):
        ctx.say(line)
    return 0
