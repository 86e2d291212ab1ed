"""``netrack week``, ``reflect``, ``skip``/``unskip``, ``balance`` and ``cold``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import TYPE_CHECKING

from netrack.cli.context import Context
from netrack.cli.output import columns, emit_json, json_text, listing, safe, terminal_width
from netrack.collector import collector_paused
from netrack.domain.analysis import Analysis
from netrack.domain.contacts import DESCRIBED, resolve_existing
from netrack.domain.humanize import days_ago_phrases, plural
from netrack.domain.keepintouch import DETAILS_READ
from netrack.domain.name_sort import sorted_then_by_name
from netrack.domain.weeks import Week, calendar_for
from netrack.domain.when import parse_week
from netrack.errors import UsageError
from netrack.store.schema import ACTIONS, CONTACTS

if TYPE_CHECKING:
    from collections.abc import Sequence

    from netrack.domain.keepintouch import TouchStatus
    from netrack.store.documents import Loaded
    from netrack.store.schema import Raw
    from netrack.store.weekview import Snapshot
from netrack.summaries import percent, signed

# People going cold from which ``week --json`` is written by orjson.
_LONG_COLD_LIST = 500


def run_week(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.store import weekbasis
    from netrack.store.weekcontacts import Damaged
    from netrack.store.weekview import WeekView

    # On a long history the review printed last for this version of the data, this day
    # and this week is kept beside it (store/weekview.py); after a quick add, the
    # records that review read, cut down, are read instead of the data (weekbasis.py).
    form = "json" if args.json else "text"
    view = WeekView(ctx.store.path)
    if view.calendar is not None:
        week = parse_week(args.week, view.calendar, ctx.now)
        text = view.get(form, week.label, view.calendar.day_of(ctx.now))
        if text is not None:
            _print_review(text, args.json, ctx)
            return 0
    # Tens of thousands of lasting objects are made: the cyclic collector is kept out.
    with collector_paused():
        made_from = view.snapshot
        text = None
        if made_from is not None:
            with weekbasis.read(ctx.store.path, made_from, ctx.now, args.week) as found:
                if found is not None:
                    analysis, week, cold = found
                    with contextlib.suppress(Damaged):
                        text = _review_text(analysis, week, args.json, cold)
        if text is None:
            analysis, week, made_from = _week_analysis(args, ctx, made_from is not None)
            text = _review_text(analysis, week, args.json)
    view.keep(form, week.label, analysis.today, analysis.calendar, text, made_from)
    _print_review(text, args.json, ctx)
    return 0


def _week_analysis(
    args: argparse.Namespace, ctx: Context, long: bool
) -> tuple[Analysis, Week, Snapshot | None]:
    """What the review of the week asked for needs, read from the data, and the data it
    was read from when that is known (``long``: a history long enough to keep a week view
    beside it; its basis is kept then, store/weekbasis.py)."""
    from netrack.store import weekbasis
    from netrack.store.weekview import snapshot_of

    seen: list[tuple[Snapshot | None, Raw]] = []
    path = ctx.store.path

    def keep_seen(loaded: Loaded) -> None:
        seen.append((snapshot_of(path, loaded.original), loaded.raw))

    # Archived years are read as their weeks summed up (their habits' streaks, their give
    # and take), or else as day counts; a week among them needs its actions.
    data, earlier = ctx.store.load_recent(
        summary=("touches", "weeks"), seen=keep_seen if long else id
    )
    analysis = Analysis(data, ctx.now, earlier)
    week = parse_week(args.week, analysis.calendar, ctx.now)
    if not analysis.covers(week):
        return Analysis(ctx.store.load(), ctx.now), week, None
    if not analysis.reviews(week):
        data, earlier = ctx.store.load_recent(summary=("touches", "days"))
        return Analysis(data, ctx.now, earlier), week, None
    made_from, raw = seen[0] if seen else (None, {})
    if made_from is not None:
        weekbasis.make(path, made_from, raw, analysis, week, _cold_row)
    return analysis, week, made_from


def _review_text(
    analysis: Analysis, week: Week, as_json: bool, cold: Sequence[TouchStatus] | None = None
) -> str:
    """The review of ``week`` as ``netrack week`` (``--json``) prints it (``cold``: who is
    going cold, when known already)."""
    from netrack.domain.review import week_review

    review = week_review(analysis, week, cold)
    if not as_json:
        from netrack.cli.review_text import review_lines

        return "".join(f"{line}\n" for line in review_lines(review, analysis))
    from netrack.cli.jsonviews import review_json

    rows = getattr(review.cold, "texts", None)
    if rows is not None and review.cold:
        # The rows going cold as the week basis keeps them written (weekbasis.py), set
        # in the place of the list in the rest of the review.
        document = review_json(review._replace(cold=()), analysis)
        document["cold"] = _COLD_ROWS
        text = json_text(document)
        head, found, tail = text.partition(_COLD_ROWS_LINE)
        if found and _COLD_ROWS_LINE not in tail:
            return f'{head}\n  "cold": [\n' + ",\n".join(rows(_cold_row)) + f"\n  ],\n{tail}"
    if len(review.cold) >= _LONG_COLD_LIST:
        # A megabyte of JSON: orjson writes it 25 times faster than the standard
        # library (json_text uses it once imported), worth its import's 10 ms.
        with contextlib.suppress(ImportError):
            import orjson  # noqa: F401
    return json_text(review_json(review, analysis))


# What stands for the list "cold" of ``week --json`` in the rest of the review, and its
# line there (a key of the document, not in any string: a string's quotes and line ends
# are escaped), where the rows ``_cold_row`` writes are set.
_COLD_ROWS = "netrack: the rows going cold"
_COLD_ROWS_LINE = f'\n  "cold": "{_COLD_ROWS}",\n'


def _cold_row(status: TouchStatus) -> str:
    """``status`` as a row of the list "cold" of ``week --json`` (indented in it)."""
    from netrack.cli.jsonviews import touch_json

    lines = json_text([touch_json(status)]).splitlines()[1:-1]
    return "\n".join(f"  {line}" for line in lines)


def _print_review(text: str, as_json: bool, ctx: Context) -> None:
    # JSON goes where emit_json writes it, the text where ctx.say does.
    (sys.stdout if as_json else ctx.out).write(text)


def run_reflect(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.weeks import update_week_note  # (not loaded by the reads here)

    change: dict[str, str] = {}
    if args.text:
        change["reflection"] = " ".join(args.text)
    if args.focus is not None:
        change["focus"] = args.focus
    if not change:
        raise UsageError("give the reflection text, --focus TEXT, or both")
    note = update_week_note(ctx.store, ctx.now, args.week, **change)
    ctx.say(f"saved the reflection for {note.week}")
    return 0


def run_skip(args: argparse.Namespace, ctx: Context) -> int:
    from netrack.operations.weeks import set_skipped

    if not args.skipped:  # a week that counts already: no change to record or take back
        data = ctx.store.load_recent()[0]
        label = parse_week(args.week, calendar_for(data.settings), ctx.now).label
        if not any(n.week == label and n.skipped for n in data.week_notes):
            ctx.say(f"{label} is not skipped: it counts already")
            return 0
    note = set_skipped(ctx.store, ctx.now, args.week, args.skipped, args.reason or "")
    if args.skipped:
        ctx.say(f"{note.week} is skipped: it neither counts nor breaks a streak")
    else:
        ctx.say(f"{note.week} counts again")
    return 0


# A contact's flags in ``balance``, by (ask-only, owe).
# Terminals at least this wide get the long forms of days in balance and cold.
_WIDE = 90

_FLAGS = {
    (False, False): "",
    (True, False): "ask-only",
    (False, True): "owe",
    (True, True): "ask-only owe",
}


@listing
def run_balance(args: argparse.Namespace, ctx: Context) -> int:
    # Archived years are read summed up: give and take per contact, and in all.
    data, earlier = ctx.store.load_recent(
        only=(CONTACTS, ACTIONS),
        summary=("balances",),
        view_at=ctx.now,
        details=DESCRIBED if args.contact else (),  # a name fitting several is described
    )
    analysis = Analysis(data, ctx.now, earlier)
    contacts = analysis.contacts_by_id
    if args.contact:
        chosen = resolve_existing(analysis.data.contacts, args.contact)
        balances = [b for b in analysis.balances.values() if b.contact_id == chosen.id]
    else:
        balances = sorted_then_by_name(
            analysis.balances.values(),
            lambda b: (not b.ask_only, b.balance),
            lambda b: contacts[b.contact_id].name if b.contact_id in contacts else "",
        )
    weeks = analysis.balance_trend()
    overall = analysis.all_time_balance()
    if args.json:
        from netrack.cli.jsonviews import balance_json, contact_balance_json

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
            f"all time: gives {overall.gives:,} · takes {overall.takes:,} · "
            f"balance {signed(overall.balance)} · give share {percent(overall.give_share)}"
        )
        recent = " ".join(f"{signed(wb.balance.balance)}" for wb in weeks)
        ctx.say(f"last {len(weeks)} weeks (balance per week): {recent}")
        ctx.say("")
    if not balances:
        ctx.say("no gives or takes logged yet" + (" with this contact" if args.contact else ""))
        return 0
    # Below 90 columns (80 for a pipe) the days take short forms, so that a row with
    # both flags fits beside a whole name.
    wide = terminal_width(ctx.out) >= _WIDE
    ago = days_ago_phrases(analysis.today, short=not wide)  # (a time's day: its ordinal)
    rows = [
        [
            safe(contact.name) if (contact := contacts.get(b.contact_id)) else "?",
            str(b.gives),
            str(b.takes),
            signed(b.balance),
            ago(b.last_give),
            ago(b.last_take),
            _FLAGS[b.ask_only, b.owe],
        ]
        for b in balances
    ]
    header = ["contact", "gives", "takes", "bal", "last give", "last take", "flags"]
    when = 13 if wide else 9  # (the heading's width)
    ctx.say("\n".join(columns([header, *rows], [24, 5, 5, 4, when, when, None])))
    return 0


@listing
def run_cold(args: argparse.Namespace, ctx: Context) -> int:
    data, earlier = ctx.store.load_recent(
        only=(CONTACTS, ACTIONS),
        summary=("touches",),
        view_at=ctx.now,
        details=DETAILS_READ,
    )
    analysis = Analysis(data, ctx.now, earlier)
    cold = analysis.going_cold()
    if args.json:
        from netrack.cli.jsonviews import touch_json

        emit_json([touch_json(status) for status in cold])
        return 0
    if not cold:
        ctx.say("nobody is going cold: every contact is within their keep-in-touch cadence")
        return 0
    ctx.say(f"{plural(len(cold), 'contact')} going cold (coldest first)")
    # Thousands of rows, a few hundred days and cadences: each phrased once.
    wide = terminal_width(ctx.out) >= _WIDE
    ago = days_ago_phrases(analysis.today, short=not wide)
    never = "never in touch" if wide else "never"
    every: dict[int | None, str] = {}
    over: dict[int, str] = {}
    rows = [
        [
            safe(s.contact.name),
            s.contact.circle or "—",
            ago(day) if (day := s.last_touch) else never,
            every.get(s.cadence) or every.setdefault(s.cadence, f"every {s.cadence} days"),
            over.get(days := s.days_overdue)
            or over.setdefault(days, f"{plural(days, 'day')} over"),
        ]
        for s in cold
    ]
    widths = [24, 7, 16 if wide else 8, 15, None]
    ctx.say("\n".join(columns(rows, widths)))  # thousands of lines, written at once
    return 0
