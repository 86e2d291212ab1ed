"""``netrack due``, ``done`` and ``promise``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context, calendar_for
from netrack.cli.jsonviews import followup_json
from netrack.cli.output import columns, emit_json, safe, short_day
from netrack.domain.contacts import find_or_add, resolve_existing
from netrack.domain.followups import open_followups, status
from netrack.domain.ids import new_id
from netrack.domain.models import FollowUp
from netrack.domain.quicklog import oldest_open_followup
from netrack.domain.text import check_note
from netrack.domain.when import parse_due
from netrack.errors import UsageError

ID_PREFIX_MIN = 4


def run_due(args: argparse.Namespace, ctx: Context) -> int:
    data = ctx.store.load()
    calendar = calendar_for(data.settings)
    today = calendar.day_of(ctx.now)
    contacts = {c.id: c for c in data.contacts}
    owed = open_followups(data.followups)
    if args.json:
        emit_json(
            [
                {
                    **followup_json(f, contacts.get(f.contact_id)),
                    "status": status(f, today, calendar),
                }
                for f in owed
            ]
        )
        return 0
    if not owed:
        ctx.say("nothing owed: no open follow-ups")
        return 0
    rows = [
        [
            f.id[:8],
            short_day(f.due, today),
            status(f, today, calendar),
            safe(contacts[f.contact_id].name) if f.contact_id in contacts else "?",
            safe(f.text),
        ]
        for f in owed
    ]
    ctx.say(f"{len(owed)} open follow-up{'s' if len(owed) != 1 else ''} (overdue first)")
    for line in columns(rows, [8, 10, 9, 20, None]):
        ctx.say(line)
    return 0


def _followup_by_id(followups: tuple[FollowUp, ...], text: str) -> FollowUp | None:
    key = text.strip().casefold()
    if len(key) < ID_PREFIX_MIN or not all(c in "0123456789abcdef-" for c in key):
        return None
    found = [f for f in followups if f.id.startswith(key)]
    if len(found) > 1:
        raise UsageError(f"follow-up id {text!r} is ambiguous; give more of it")
    return found[0] if found else None


def run_done(args: argparse.Namespace, ctx: Context) -> int:
    with ctx.store.transaction() as tx:
        data = tx.data_without_actions()
        followup = _followup_by_id(data.followups, args.target)
        if followup is None:
            contact = resolve_existing(data.contacts, args.target)
            followup = oldest_open_followup(data.followups, contact.id)
            if followup is None:
                raise UsageError(f"nothing is owed to {contact.name!r}; see 'netrack due'")
        if not followup.is_open:
            raise UsageError(f"that follow-up was already closed ({followup.closed:%a %d %b})")
        closed = followup._replace(closed=ctx.now)
        tx.save(closed)
    calendar = calendar_for(data.settings)
    contact = data.contact(followup.contact_id)
    who = safe(contact.name) if contact else "?"
    kept = status(closed, calendar.day_of(ctx.now), calendar)
    ctx.say(f"done: {safe(followup.text)} → {who} · {kept}")
    return 0


def run_promise(args: argparse.Namespace, ctx: Context) -> int:
    text = check_note(" ".join(args.text)).strip()
    if not text:
        raise UsageError("say what you promised: netrack promise Dana send the deck --due fri")
    with ctx.store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = calendar_for(data.settings)
        due = parse_due(args.due, ctx.now, calendar)
        contact, is_new = find_or_add(data, args.contact, ctx.now)
        if is_new:
            tx.save(contact)
        tx.save(FollowUp(id=new_id(), contact_id=contact.id, text=text, due=due, created=ctx.now))
    if is_new:
        ctx.say(f"new contact: {safe(contact.name)}")
    ctx.say(f"promised {safe(contact.name)}: {safe(text)} · due {short_day(due, ctx.now.date())}")
    return 0
