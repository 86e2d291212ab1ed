"""Follow-ups: what is owed, what is late, and how well promises are kept."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from netrack.domain.kinds import FOLLOW_UP, GIVE, MEET, REACH_OUT
from netrack.domain.models import FOLLOWUPS_CLOSED_BY, FollowUp
from netrack.domain.valuetype import Value
from netrack.domain.weeks import Calendar, Week

OPEN, DUE_TODAY, OVERDUE, ON_TIME, LATE = "open", "due today", "overdue", "on time", "late"

# The setting followups-closed-by: which actions close a meeting's follow-up.
BY_TOUCH, BY_FOLLOW_UP = FOLLOWUPS_CLOSED_BY
TOUCH_KINDS = frozenset({REACH_OUT, GIVE, MEET, FOLLOW_UP})  # not asks, not help received


def followup_closed_by(
    followups: Iterable[FollowUp],
    contact_id: str,
    kind: str,
    closed_by: str = BY_TOUCH,
    at: datetime | None = None,
) -> FollowUp | None:
    """The follow-up an action of ``kind`` with this contact, done ``at``, closes, if any.

    A reach-out, give, meeting or follow-up with a person (only a follow-up, when
    ``closed_by`` says so) closes their oldest open follow-up that a meeting opened
    at or before it: a touch logged for an earlier day cannot answer a later meeting.
    Asks and help received close nothing; a promise closes only when marked done.
    """
    closers = {FOLLOW_UP} if closed_by == BY_FOLLOW_UP else TOUCH_KINDS
    if kind not in closers:
        return None
    owed = [
        f
        for f in followups
        if f.contact_id == contact_id
        and f.is_open
        and f.source_kind == MEET
        and (at is None or f.created <= at)
    ]
    return min(owed, key=lambda f: (f.created, f.due), default=None)


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


class WeekFollowUps(Value):
    """A week's follow-ups: opened, closed on time or late, and overdue at its end."""

    opened: int
    on_time: int
    late: int
    overdue: tuple[FollowUp, ...]

    @property
    def on_time_rate(self) -> float | None:
        """Of the follow-ups that came due, the share kept on time (None: none came due).

        An overdue follow-up has not been kept on time: it counts against the rate.
        """
        due = self.on_time + self.late + len(self.overdue)
        return self.on_time / due if due else None


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
