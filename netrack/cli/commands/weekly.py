"""``netrack week``, ``reflect``, ``skip``/``unskip``, ``balance`` and ``cold``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context, resolve_week
from netrack.cli.output import columns, emit_json, safe
from netrack.cli.sparks import percent
from netrack.domain.analysis import Analysis
from netrack.domain.contacts import resolve_existing
from netrack.domain.humanize import days_ago
from netrack.domain.ids import new_id
from netrack.domain.models import WeekNote
from netrack.domain.text import check_text
from netrack.domain.weeks import Calendar
from netrack.errors import UsageError

REFLECTION_MAX = 20_000


def run_week(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.cli.jsonviews import review_json
    from netrack.cli.review_text import review_lines
    from netrack.domain.review import week_review

    analysis = Analysis(ctx.store.load(), ctx.now)
    week = resolve_week(args.week, analysis.calendar, ctx.now)
    review = week_review(analysis, week)
    if args.json:
        emit_json(review_json(review, analysis))
        return 0
    for line in review_lines(review, analysis):
        ctx.say(line)
    return 0


def _week_note(ctx: Context, week_text: str | None, change: dict[str, object]) -> WeekNote:
    """Save ``change`` into the note of the named week (creating it), and return it."""
    with ctx.store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = Calendar(data.settings.week_start, data.settings.day_starts_at)
        week = resolve_week(week_text, calendar, ctx.now)
        note = next((n for n in data.notes if n.week == week.label), None)
        if note is None:
            note = WeekNote(id=new_id(), week=week.label)
        note = note._replace(**change, updated=ctx.now)
        tx.save(note)
    return note


def run_reflect(args: argparse.Namespace, ctx: Context) -> int:
    text = check_text(" ".join(args.text), "reflection", REFLECTION_MAX)
    change: dict[str, object] = {}
    if args.text:
        change["reflection"] = text
    if args.focus is not None:
        change["focus"] = check_text(args.focus, "focus", REFLECTION_MAX)
    if not change:
        raise UsageError("give the reflection text, --focus TEXT, or both")
    note = _week_note(ctx, args.week, change)
    ctx.say(f"saved the reflection for {note.week}")
    return 0


def run_skip(args: argparse.Namespace, ctx: Context) -> int:
    reason = check_text(args.reason or "", "reason", 500)
    change: dict[str, object] = {"skipped": args.skipped}
    if args.skipped:
        change["skip_reason"] = reason
    note = _week_note(ctx, args.week, change)
    if args.skipped:
        ctx.say(f"{note.week} is skipped: it neither counts nor breaks a streak")
    else:
        ctx.say(f"{note.week} counts again")
    return 0


def run_balance(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.cli.jsonviews import balance_json, contact_balance_json
    from netrack.domain.reciprocity import all_time, trend

    analysis = Analysis(ctx.store.load(), ctx.now)
    contacts = analysis.contacts_by_id
    if args.contact:
        contact = resolve_existing(analysis.data.contacts, args.contact)
        balances = [b for b in analysis.balances.values() if b.contact_id == contact.id]
    else:
        balances = sorted(
            analysis.balances.values(),
            key=lambda b: (
                not b.ask_only,
                b.balance,
                contacts[b.contact_id].name.casefold() if b.contact_id in contacts else "",
            ),
        )
    weeks = trend(analysis.tally, analysis.current_week)
    overall = all_time(analysis.tally)
    if args.json:
        emit_json(
            {
                "all_time": balance_json(overall),
                "trend": [{"week": wb.week.label, **balance_json(wb.balance)} for wb in weeks],
                "contacts": [contact_balance_json(b, contacts.get(b.contact_id)) for b in balances],
            }
        )
        return 0
    if not args.contact:
        ctx.say(
            f"all time: gives {overall.gives} · takes {overall.takes} · "
            f"balance {overall.balance:+d} · give share {percent(overall.give_share)}"
        )
        recent = " ".join(f"{wb.balance.balance:+d}" for wb in weeks)
        ctx.say(f"last {len(weeks)} weeks (balance per week): {recent}")
        ctx.say("")
    if not balances:
        ctx.say("no gives or takes logged yet" + (" with this contact" if args.contact else ""))
        return 0
    today = analysis.today
    rows = []
    for b in balances:
        contact = contacts.get(b.contact_id)
        flags = " ".join(f for f, on in (("ask-only", b.ask_only), ("owe", b.owe)) if on)
        rows.append(
            [
                safe(contact.name) if contact else "?",
                str(b.gives),
                str(b.takes),
                f"{b.balance:+d}",
                days_ago(b.last_give.date() if b.last_give else None, today),
                days_ago(b.last_take.date() if b.last_take else None, today),
                flags,
            ]
        )
    header = ["contact", "gives", "takes", "bal", "last give", "last take", "flags"]
    for line in columns([header, *rows], [22, 5, 5, 4, 13, 13, None]):
        ctx.say(line)
    return 0


def run_cold(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.cli.jsonviews import touch_json

    analysis = Analysis(ctx.store.load(), ctx.now)
    cold = analysis.going_cold()
    if args.json:
        emit_json([touch_json(status) for status in cold])
        return 0
    if not cold:
        ctx.say("nobody is going cold: every contact is within their keep-in-touch cadence")
        return 0
    ctx.say(f"{len(cold)} contact{'s' if len(cold) != 1 else ''} going cold (coldest first)")
    rows = [
        [
            safe(s.contact.name),
            s.contact.circle or "—",
            days_ago(s.last_touch, analysis.today) if s.last_touch else "never in touch",
            f"every {s.cadence} days",
            f"{s.days_overdue} days over",
        ]
        for s in cold
    ]
    for line in columns(rows, [24, 7, 16, 15, None]):
        ctx.say(line)
    return 0
