"""``netrack next`` (suggestions) and ``netrack plan`` (the week's plan)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from netrack.cli.context import Context
from netrack.cli.output import (
    columns,
    emit_json,
    listing,
    safe,
    safe_block,
    short_day,
    terminal_width,
)
from netrack.domain.analysis import Analysis
from netrack.domain.humanize import plural
from netrack.domain.models import PLAN_DONE, PLAN_DROPPED, Action, PlanItem, Settings
from netrack.domain.plans import kind_label, plan_kept, week_items
from netrack.domain.weeks import Week, calendar_for
from netrack.domain.when import parse_week
from netrack.store.schema import ACTIONS, CONTACTS, FOLLOWUPS, PLANS
from netrack.summaries import percent

if TYPE_CHECKING:  # the writes' operations are imported by the commands that write
    from netrack.operations.plans import Planned

MARKS = {PLAN_DONE: "✓", PLAN_DROPPED: "✗"}


@listing
def run_next(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.domain.suggestions import DETAILS_READ, ranked

    # Archived years are read summed up (give and take, last touches), not action by action.
    tables = (CONTACTS, ACTIONS, FOLLOWUPS, PLANS)
    data, earlier = ctx.store.load_recent(
        only=tables,
        closed_followups=False,
        summary=("people",),
        view_at=ctx.now,
        details=DETAILS_READ,
    )
    found = ranked(Analysis(data, ctx.now, earlier))
    shown = found.first(args.limit)
    if args.json:
        from netrack.cli.jsonviews import suggestion_json

        emit_json([suggestion_json(s) for s in shown])
        return 0
    if not found.count:
        ctx.say("nobody to suggest right now: nothing due, owed or going cold")
        return 0
    more = f" (of {found.count}; --limit N for more)" if found.count > len(shown) else ""
    ctx.say(f"get in touch with{more}:")
    rows = [
        [f"{n}.", safe(s.contact.name), s.kind, safe_block(s.why)]
        for n, s in enumerate(shown, start=1)
    ]
    for line in columns(rows, [3, 22, 10, None], fit=terminal_width(ctx.out)):
        ctx.say(line)
    ctx.say("")
    ctx.say("plan one for this week: netrack plan add NAME [KIND] [NOTE]")
    return 0


def run_plan(args: argparse.Namespace, ctx: Context) -> int:
    # The action that checked an item off is in the item's week: a long history's older
    # years are not needed unless the week is among them.
    # Only that week's actions are converted, and the contacts its plan items name.
    def first_day(settings: Settings) -> date:
        return parse_week(args.week, calendar_for(settings), ctx.now).start

    data, earlier = ctx.store.load_recent(
        only=(CONTACTS, ACTIONS, PLANS),
        summary=(),
        contacts_of=(PLANS,),
        actions_from=first_day,
        view_at=ctx.now,  # (a long history's view holds the last weeks)
        details=(),  # their names alone
    )
    analysis = Analysis(data, ctx.now, earlier)
    week = parse_week(args.week, analysis.calendar, ctx.now)
    if not analysis.covers(week):
        analysis = Analysis(ctx.store.load(), ctx.now)
    items = week_items(data.plans, week)
    done_by = _actions_of(items, week, analysis)
    contacts = analysis.contacts_by_id
    if args.json:
        from netrack.cli.jsonviews import plan_item_json

        emit_json(
            [
                plan_item_json(item, contacts.get(item.contact_id), done_by.get(item.id))
                for item in items
            ]
        )
        return 0
    span = f"{short_day(week.start)} – {short_day(week.end, week.start)}"
    if not items:
        ctx.say(f"nothing planned for {week.label} ({span})")
        ctx.say("plan someone: netrack plan add NAME [KIND] [NOTE]  (netrack next suggests whom)")
        return 0
    kept = plan_kept(items, week)
    ctx.say(
        f"plan for {week.label} ({span}): {kept.done} of {kept.planned} done"
        + (f" ({percent(kept.share)})" if kept.planned else "")
    )
    over = week < analysis.current_week
    rows = []
    for item in items:
        contact = contacts.get(item.contact_id)
        action = done_by.get(item.id)
        if action is not None:
            state = f"done {short_day(analysis.calendar.day_of(action.at))}"
        elif item.status == PLAN_DROPPED:
            state = "dropped"
        else:
            state = "missed" if over else "open"
        rows.append(
            [
                item.id[:8],
                MARKS.get(item.status, "·"),
                kind_label(item.kind),
                safe(contact.name) if contact else "?",
                state,
                safe_block(item.note),
            ]
        )
    for line in columns(rows, [8, 1, 10, 22, 15, None]):
        ctx.say(line)
    return 0


def _actions_of(items: list[PlanItem], week: Week, analysis: Analysis) -> dict[str, Action]:
    """The action that checked off each done item, by item id."""
    wanted = {item.action_id: item.id for item in items if item.action_id}
    return {wanted[a.id]: a for a in analysis.week_actions(week) if a.id in wanted}


def run_plan_add(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.plans import add_to_plan

    planned = add_to_plan(
        ctx.store,
        ctx.now,
        args.contact,
        week=getattr(args, "week", None),
        words=args.rest,
        new=args.new,
        note_only=getattr(args, "note_only", 0),
    )
    if planned.new_contact:
        ctx.say(f"new contact: {safe(planned.contact.name)}")
    ctx.say(f"planned {_item_line(planned)}")
    return 0


def run_plan_drop(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.plans import drop_from_plan

    dropped = drop_from_plan(ctx.store, ctx.now, args.target, getattr(args, "week", None))
    ctx.say(f"dropped {_item_line(dropped)}")
    return 0


def run_plan_carry(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.plans import carry_over

    carried = carry_over(ctx.store, ctx.now, getattr(args, "week", None), args.targets or None)
    if not carried:
        ctx.say("nothing to carry over: the week before left no open items")
        return 0
    ctx.say(f"carried over {plural(len(carried), 'item')}:")
    for planned in carried:
        ctx.say(f"  {_item_line(planned)}")
    return 0


def _item_line(planned: Planned) -> str:
    """``give → Dana Lee · 2026-W47 · “send the deck”``."""
    item = planned.item
    line = f"{kind_label(item.kind)} → {safe(planned.contact.name)} · {item.week}"
    if item.note:
        line += f" · “{safe_block(item.note, 2)}”"
    return line
