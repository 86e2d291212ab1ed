"""Invented but realistic netrack history, the same every time it is asked for.

``demo_records`` tells a half-year story of about 40 people for the demo, the tests
and the screenshots; ``history_records`` scales the same rules up to any size for the
benchmarks. Everything comes from one ``random.Random(seed)`` and from the ``now``
given (ids included), so equal arguments give equal records.

The history is built the way netrack itself records it: a meeting opens a follow-up
due two days later, and a follow-up action closes the contact's oldest open one.
Actions are generated week by week against the habits' targets (most weeks meet them,
some fall short, one holiday week is skipped), then played in time order so that each
one can pick a plausible contact: the people who have not heard from you for a while,
the ones you recently talked to for a follow-up, never someone who has gone cold.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from netrack import clock
from netrack.demo.cast import demo_parts, demo_people, generated_people
from netrack.demo.gatherings import add_gatherings
from netrack.demo.plans import plan_recent_weeks
from netrack.demo.story import BASE_WEEK, POST, Story
from netrack.domain.models import Action, Contact, FollowUp, Habit, PlanItem, Record, WeekNote
from netrack.domain.weeks import Calendar
from netrack.errors import UsageError

__all__ = [
    "POST",
    "DemoSummary",
    "Record",
    "demo_records",
    "history_records",
    "summarize",
    "write_demo",
    "write_history",
    "write_records",
]

DEMO_WEEKS_MAX = 520
HISTORY_PER_WEEK = 40


class DemoSummary(NamedTuple):
    """What a demo or benchmark history holds, for a one-line report."""

    contacts: int
    actions: int
    followups: int
    open_followups: int
    habits: int
    week_notes: int
    weeks: int
    plans: int = 0

    def describe(self) -> str:
        return (
            f"{self.contacts:,} contacts, {self.actions:,} actions, "
            f"{self.followups:,} follow-ups ({self.open_followups:,} open), "
            f"{self.habits} habits, {self.week_notes:,} week notes, {self.plans:,} plan items "
            f"over {self.weeks:,} weeks"
        )


# Public functions ---------------------------------------------------------------------


def demo_records(weeks: int = 26, seed: int = 0, now: datetime | None = None) -> list[Record]:
    """About 40 contacts and ``weeks`` weeks of history ending at ``now``."""
    if not 1 <= weeks <= DEMO_WEEKS_MAX:
        raise UsageError(f"weeks must be between 1 and {DEMO_WEEKS_MAX}, not {weeks}")
    now = now or clock.now()
    story = Story(random.Random(seed), now, weeks, sample=None)
    story.cast(demo_people(story))
    demo_parts(story)
    story.keep_open_followups()
    story.plan_weeks(scale=1.0)
    story.play()
    story.plans = plan_recent_weeks(story)
    return add_gatherings(story.records(), seed, now)


def history_records(
    actions: int,
    contacts: int,
    seed: int = 0,
    now: datetime | None = None,
    per_week: int = HISTORY_PER_WEEK,
) -> list[Record]:
    """Exactly ``actions`` actions and ``contacts`` contacts, about ``per_week`` a week.

    The same rules as the demo, with cheaper contact picking, for benchmarks.
    """
    if actions < 0 or contacts < 0 or per_week < 1:
        raise UsageError("actions and contacts must not be negative, per_week at least 1")
    if actions and not contacts:
        raise UsageError("a history with actions needs at least one contact")
    now = now or clock.now()
    weeks = max(2, math.ceil(actions * 1.05 / per_week) + 1)
    while True:
        story = Story(random.Random(seed), now, weeks, sample=8)
        story.cast(generated_people(story, contacts))
        story.keep_open_followups()
        story.plan_weeks(scale=per_week / BASE_WEEK, holidays=0.04)
        story.play()
        if len(story.actions) >= actions:
            story.keep_latest(actions)
            story.plans = plan_recent_weeks(story)
            return story.records()
        weeks += math.ceil((actions - len(story.actions)) / per_week) + 2


def write_demo(
    store: Any, weeks: int = 26, seed: int = 0, now: datetime | None = None
) -> DemoSummary:
    """Write the demo into ``store``, whose file must hold no data yet (one transaction)."""
    return write_records(store, demo_records(weeks, seed, now or clock.now()))


def write_history(
    store: Any, actions: int, contacts: int, seed: int = 0, now: datetime | None = None
) -> DemoSummary:
    """Write a benchmark history into ``store``, whose file must hold no data yet.

    It stands for years of use, whose change history holds only the latest changes, each
    small: so it is written as no change at all, not as one that names every record.
    """
    records = history_records(actions, contacts, seed, now or clock.now())
    return write_records(store, records, recorded=False)


def write_records(store: Any, records: Sequence[Record], recorded: bool = True) -> DemoSummary:
    """Save ``records`` in one transaction; refuse a file that already holds data.

    ``recorded``: the transaction becomes an entry of the change history (undo takes
    the records away again)."""
    with store.transaction() as tx:
        tx.journal.recording = recorded
        data = tx.data
        if data.contacts or data.actions or data.followups or data.week_notes:
            raise UsageError(
                f"data file {store.path} already holds {len(data.contacts):,} contacts and "
                f"{len(data.actions):,} actions; the demo writes only into a new or empty "
                "file (choose one with --db PATH)"
            )
        tx.save_many(records)
        tx.describe("wrote the demo history")
    return summarize(records)


def summarize(records: Iterable[Record]) -> DemoSummary:
    """Counts of each kind of record, and how many weeks the actions span."""
    counts = {Contact: 0, Action: 0, FollowUp: 0, Habit: 0, WeekNote: 0, PlanItem: 0}
    open_followups = 0
    first = last = None
    for record in records:
        if type(record) in counts:
            counts[type(record)] += 1
        if isinstance(record, FollowUp) and record.closed is None:
            open_followups += 1
        elif isinstance(record, Action):
            first = record.at if first is None or record.at < first else first
            last = record.at if last is None or record.at > last else last
    weeks = 0
    if first is not None and last is not None:
        calendar = Calendar()
        weeks = (calendar.week_of(last).start - calendar.week_of(first).start).days // 7 + 1
    return DemoSummary(
        counts[Contact],
        counts[Action],
        counts[FollowUp],
        open_followups,
        counts[Habit],
        counts[WeekNote],
        weeks,
        counts[PlanItem],
    )
