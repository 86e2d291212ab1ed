"""``netrack intro A B`` and ``netrack receive A --intro-to C``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import safe
from netrack.domain.kinds import RECEIVE, resolve_kind
from netrack.domain.models import Contact
from netrack.errors import UsageError
from netrack.operations.introductions import (
    Introduced,
    make_introduction,
    receive_introduction,
)
from netrack.summaries import introduced_line


def run_intro(args: argparse.Namespace, ctx: Context) -> int:
    done = make_introduction(
        ctx.store,
        ctx.now,
        args.first,
        args.second,
        note=" ".join(args.note),
        on=args.on,
        channel=args.channel,
        new=args.new,
    )
    _say(ctx, done)
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
        new=args.new,
    )
    _say(ctx, done)
    return 0


def _say(ctx: Context, done: Introduced) -> None:
    for contact in done.outcome.new_contacts:
        ctx.say(f"new contact: {safe(contact.name)}" + _met(contact))
    ctx.say(introduced_line(done.outcome, done.progress, ctx.now.date()))


def _met(contact: Contact) -> str:
    return f" (how we met: {safe(contact.met_how)})" if contact.met_how else ""
