"""``netrack due``, ``done`` and ``promise``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.jsonviews import followup_json
from netrack.cli.output import (
    columns,
    emit_json,
    listing,
    safe,
    safe_block,
    short_day,
    terminal_width,
)
from netrack.domain.followups import open_followups, status
from netrack.domain.humanize import plural
from netrack.domain.weeks import calendar_for
from netrack.store.schema import CONTACTS, FOLLOWUPS


@listing
def run_due(args: argparse.Namespace, ctx: Context) -> int:
    # Open follow-ups, contacts and settings live in the main file; those closed in
    # past years (for --all) in the archive's year files. Only the contacts the
    # follow-ups name are converted; a long history's read view holds them all.
    data, _ = ctx.store.load_main(
        actions=False,
        closed_followups=args.all,
        only=(CONTACTS, FOLLOWUPS),
        contacts_of=(FOLLOWUPS,),
        archived=(FOLLOWUPS,) if args.all else (),
        view_at=ctx.now,
        details=(),  # their names alone
    )
    calendar = calendar_for(data.settings)
    today = calendar.day_of(ctx.now)
    contacts = {c.id: c for c in data.contacts}
    owed = open_followups(data.followups)
    if args.all:
        closed = [f for f in data.followups if f.closed is not None]
        owed += sorted(closed, key=lambda f: f.closed or f.created, reverse=True)
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
    shown, order = ("follow-up", "open first, then closed") if args.all else ("open follow-up", "")
    rows = [
        [
            f.id[:8],
            short_day(f.due, today),
            status(f, today, calendar),
            safe(contacts[f.contact_id].name) if f.contact_id in contacts else "?",
            safe_block(f.text),
        ]
        for f in owed
    ]
    ctx.say(f"{plural(len(owed), shown)} ({order or 'overdue first'})")
    for line in columns(rows, [8, 10, 9, 20, None], fit=terminal_width(ctx.out)):
        ctx.say(line)
    return 0


def run_done(args: argparse.Namespace, ctx: Context) -> int:
    # The writes' operations (and the quick-add machinery they share) are imported by
    # the commands that write: ``due`` reads only.
    from netrack.operations.followups import close_followup, reopen_followup

    if args.reopen:
        followup, contact = reopen_followup(ctx.store, args.target)
        who = safe(contact.name) if contact else "?"
        due = short_day(followup.due, ctx.now.date())
        ctx.say(f"reopened: {safe_block(followup.text, 2)} → {who} · due {due}")
        return 0
    closed = close_followup(ctx.store, ctx.now, args.target, log=args.log)
    who = safe(closed.contact.name) if closed.contact else "?"
    logged = " · logged a follow-up" if closed.action is not None else ""
    ctx.say(f"done: {safe_block(closed.followup.text, 2)} → {who} · {closed.kept}{logged}")
    return 0


def run_promise(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.followups import make_promise

    followup, contact, is_new = make_promise(
        ctx.store, ctx.now, args.contact, " ".join(args.text), args.due, new_contact=args.new
    )
    if is_new:
        ctx.say(f"new contact: {safe(contact.name)}")
    due = short_day(followup.due, ctx.now.date())
    ctx.say(f"promised {safe(contact.name)}: {safe_block(followup.text, 2)} · due {due}")
    return 0
