"""``netrack intro A B`` and ``netrack receive A --intro-to C``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import safe, short_day
from netrack.domain.kinds import RECEIVE, resolve_kind
from netrack.domain.models import Contact
from netrack.errors import UsageError
from netrack.operations.introductions import (
    Introduced,
    make_introduction,
    receive_introduction,
)


def run_intro(args: argparse.Namespace, ctx: Context) -> int:
    done = make_introduction(
        ctx.store,
        ctx.now,
        args.first,
        args.second,
        note=" ".join(args.note),
        on=args.on,
        channel=args.channel,
    )
    _say(ctx, done, "introduced {a} ↔ {b}")
    return 0


def run_received(args: argparse.Namespace, ctx: Context) -> int:
    """``netrack receive A --intro-to C``: A introduced you to C."""
    if resolve_kind(args.kind) != RECEIVE:
        raise UsageError("--intro-to goes with 'receive': netrack receive Ana --intro-to Ben")
    if args.due:
        raise UsageError("--due does not go with --intro-to; use 'netrack promise' for that")
    done = receive_introduction(
        ctx.store,
        ctx.now,
        args.contact,
        args.intro_to,
        note=" ".join(args.note),
        on=args.on,
        channel=args.channel,
    )
    _say(ctx, done, "logged receive → {by}: introduced you to {a}")
    return 0


def _say(ctx: Context, done: Introduced, template: str) -> None:
    outcome = done.outcome
    intro = outcome.introduction
    names = {c.id: c.name for c in _contacts(done)}
    for contact in outcome.new_contacts:
        ctx.say(f"new contact: {safe(contact.name)}" + _met(contact))
    line = template.format(
        a=safe(names.get(intro.a_id, "?")),
        b=safe(names.get(intro.b_id or "", "you")),
        by=safe(names.get(intro.by_id or "", "?")),
    )
    ctx.say(" · ".join((line, short_day(intro.at.date(), ctx.now.date()), done.progress)))


def _contacts(done: Introduced) -> list[Contact]:
    outcome = done.outcome
    found = [o.contact for o in outcome.logged if o.contact is not None]
    return [*found, *outcome.new_contacts]


def _met(contact: Contact) -> str:
    return f" (how we met: {safe(contact.met_how)})" if contact.met_how else ""
