"""Follow-ups: what is owed, what is late, and how well promises are kept."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from netrack.domain.models import FollowUp
from netrack.domain.weeks import Calendar, Week

OPEN, DUE_TODAY, OVERDUE, ON_TIME, LATE = "open", "due today", "overdue", "on time", "late"


def status(followup: FollowUp, today: date, calendar: Calendar) -> str:
    """Where a follow-up stands on ``today``."""
    if followup.closed is not None:
        return ON_TIME if calendar.day_of(followup.closed) <= followup.due else LATE
    if followup.due < today:
        return OVERDUE
    if followup.due == today:
        return DUE_TODAY
    return OPEN


def open_followups(followups: Iterable[FollowUp]) -> list[FollowUp]:
    """Open follow-ups, the most overdue first, then by due date."""
    return sorted((f for f in followups if f.is_open), key=lambda f: (f.due, f.created))


def open_at(followups: Iterable[FollowUp], moment_day: date, calendar: Calendar) -> list[FollowUp]:
    """Follow-ups that were open at the end of ``moment_day``."""
    return [
        f
        for f in followups
        if calendar.day_of(f.created) <= moment_day
        and (f.closed is None or calendar.day_of(f.closed) > moment_day)
    ]


class WeekFollowUps(NamedTuple):
    """A week's follow-ups: opened, closed on time or late, and overdue at its end."""

    opened: int
    on_time: int
    late: int
    overdue: tuple[FollowUp, ...]

    @property
    def on_time_rate(self) -> float | None:
        closed = self.on_time + self.late
        return self.on_time / closed if closed else None


def week_followups(
    followups: Iterable[FollowUp], week: Week, today: date, calendar: Calendar
) -> WeekFollowUps:
    """Follow-ups of ``week``; "overdue" is as of ``today`` or the week's end if earlier."""
    followups = list(followups)
    reference = min(today, week.end)
    opened = sum(1 for f in followups if week.contains(calendar.day_of(f.created)))
    on_time = late = 0
    for f in followups:
        if f.closed is not None and week.contains(calendar.day_of(f.closed)):
            if status(f, today, calendar) == ON_TIME:
                on_time += 1
            else:
                late += 1
    overdue = tuple(
        sorted(
            (f for f in open_at(followups, reference, calendar) if f.due < reference),
            key=lambda f: (f.due, f.created),
        )
    )
    return WeekFollowUps(opened, on_time, late, overdue)
