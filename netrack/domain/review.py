"""The week review: one value that the CLI prints and the app draws."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from netrack.domain.analysis import Analysis
from netrack.domain.events import EventStanding, event_standing, events_in_week
from netrack.domain.followups import WeekFollowUps, week_followups
from netrack.domain.introductions import introductions_made
from netrack.domain.keepintouch import TouchStatus
from netrack.domain.kinds import CHANNELS, REACH_OUT
from netrack.domain.models import Contact, WeekNote
from netrack.domain.plans import PlanKept, kept_by_week
from netrack.domain.reciprocity import TREND_WEEKS, Balance, WeekBalance, trend, week_balance
from netrack.domain.streaks import HabitRecord
from netrack.domain.weeks import Week

PLAN_WEEKS = 8  # weeks of plan kept the review shows


class WeekReview(NamedTuple):
    """Everything worth looking at for one week, as of the end of that week (or now)."""

    week: Week
    is_current: bool
    days_left: int  # days of the week still to come, today included; 0 for past weeks
    habits: tuple[HabitRecord, ...]
    reciprocity: Balance
    trend: tuple[WeekBalance, ...]
    all_time: Balance
    followups: WeekFollowUps
    new_contacts: tuple[Contact, ...]
    cold: Sequence[TouchStatus]  # coldest first
    channels: dict[str, int]
    reach_outs: int
    personal_reach_outs: int
    note: WeekNote | None
    plan: tuple[tuple[Week, PlanKept], ...] = ()  # plan kept, recent weeks up to this one
    introductions: int = 0  # introductions you made this week
    events: tuple[EventStanding, ...] = ()  # held this week, with their follow-ups

    @property
    def plan_kept(self) -> PlanKept:
        """How this week's plan went."""
        return self.plan[-1][1] if self.plan else PlanKept(0, 0, 0)

    @property
    def skipped(self) -> bool:
        return bool(self.note and self.note.skipped)

    @property
    def personal_share(self) -> float | None:
        """Share of this week's reach-outs marked personal; None without reach-outs."""
        return self.personal_reach_outs / self.reach_outs if self.reach_outs else None


def week_review(
    analysis: Analysis, week: Week, cold: Sequence[TouchStatus] | None = None
) -> WeekReview:
    """The review of ``week`` (a future week is reviewed as it stands today); the
    ``analysis`` must know enough of it (``Analysis.reviews``). ``cold``: who is going
    cold on the review's day, when known already (else worked out from ``analysis``)."""
    calendar = analysis.calendar
    reference = min(analysis.today, week.end)
    channels: Counter[str] = Counter()
    reach_outs = personal = 0
    for action in analysis.week_actions(week):
        channels[action.channel] += 1
        if action.kind == REACH_OUT:
            reach_outs += 1
            personal += action.personal is True
    is_current = week == analysis.current_week
    days_left = (week.end - analysis.today).days + 1 if is_current else 0
    new_contacts = tuple(
        sorted(
            (c for c in analysis.data.contacts if week.contains(calendar.day_of(c.created))),
            key=lambda c: c.created,
        )
    )
    return WeekReview(
        week=week,
        is_current=is_current,
        days_left=days_left,
        habits=tuple(analysis.habit_records(week)),
        reciprocity=week_balance(analysis.tally_from(week), week),
        trend=tuple(trend(analysis.tally_from(week.shifted(1 - TREND_WEEKS)), week)),
        all_time=analysis.all_time_upto(week),
        followups=week_followups(analysis.data.followups, week, analysis.today, calendar),
        new_contacts=new_contacts,
        cold=tuple(analysis.going_cold(reference)) if cold is None else cold,
        channels={c: channels[c] for c in CHANNELS if channels[c]}
        | {c: n for c, n in channels.items() if c not in CHANNELS},
        reach_outs=reach_outs,
        personal_reach_outs=personal,
        note=analysis.notes_by_week.get(week.label),
        plan=tuple(kept_by_week(analysis.data.plans, week, PLAN_WEEKS)),
        introductions=len(introductions_made(analysis.data.introductions, week, calendar)),
        events=tuple(
            event_standing(e, analysis.data, analysis.today)
            for e in events_in_week(analysis.data.events, week)
        ),
    )
