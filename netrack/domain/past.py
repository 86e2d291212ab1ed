"""The archived years summed up: what the read commands need of them, without their actions.

A long history's older years live in year files (store/archive.py); reading them all
costs more than any listing is worth. ``summed_up`` keeps of them what the week review,
the balances, the keep-in-touch lists and the suggestions use, and the store keeps that
summary beside the year files (store/daycounts.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import NamedTuple

from netrack.domain.kinds import GIVE_KINDS, MEET, TAKE_KINDS
from netrack.domain.models import Action, Habit
from netrack.domain.reciprocity import Balance, all_time, contact_balances, takes_since_last_give
from netrack.domain.streaks import HabitPast, habit_key, habit_past, weeks_labelled
from netrack.domain.tally import DayCounts, WeekTally, day_counts
from netrack.domain.weeks import Calendar


def summed_up(actions: Iterable[Action], calendar: Calendar, until: date) -> DayCounts:
    """``actions`` (all on days before ``until``) summed up for ``Analysis(earlier=...)``."""
    actions = list(actions)
    counts = day_counts(actions, calendar, until)
    balances = contact_balances(actions)
    day_of = calendar.day_of
    meetings = {a.id: (day_of(a.at), a.note) for a in actions if a.kind == MEET and a.followup_id}
    return counts._replace(
        balances=balances,
        takes_since_give=takes_since_last_give(actions, balances),
        meetings=meetings,
        totals={
            "gives": sum(1 for a in actions if a.kind in GIVE_KINDS),
            "takes": sum(1 for a in actions if a.kind in TAKE_KINDS),
        },
    )


class ArchivedWeeks(NamedTuple):
    """The archived years' weeks summed up for the week review (store/weeksummary.py).

    The weeks before ``since`` (the week of the archive's first day left out) hold
    archived actions alone. The review of a later week needs of them only each habit's
    streaks and strength up to ``since`` (by ``habit_key``) and their give and take; of
    the week ``since`` (it holds the last archived days and the first loaded ones), the
    archived actions counted by kind (``spill``).
    """

    since: int  # Calendar.week_index of the week of the first day not archived
    balance: Balance  # of the weeks before ``since``
    habits: Mapping[str, HabitPast]  # by habit_key
    skipped: tuple[int, ...]  # the skipped weeks before ``since``, by week index
    spill: Mapping[int, Mapping[str, int]]  # archived actions by week and kind, from ``since``

    def past_of(self, habit: Habit, calendar: Calendar) -> HabitPast | None:
        """``habit``'s weeks before ``since`` summed up; None when this summary was made
        without it (added or changed since)."""
        if calendar.week_index(habit.created) >= self.since:
            return HabitPast(self.since, 0, 0, 0.0)  # no week of it is archived
        return self.habits.get(habit_key(habit))


def archived_weeks(
    counts: DayCounts, calendar: Calendar, habits: Iterable[Habit], skipped: Collection[str]
) -> ArchivedWeeks:
    """The weeks of the archived ``counts`` summed up for ``habits``, ``skipped`` (week
    labels) and the week start of ``calendar``."""
    since = calendar.week_index(counts.until)
    tally = WeekTally.of_weeks({}, calendar, counts)
    before = WeekTally((), calendar)
    before.by_week = {i: c for i, c in tally.by_week.items() if i < since}
    return ArchivedWeeks(
        since=since,
        balance=all_time(before),
        habits={
            habit_key(h): habit_past(h, before, skipped, since)
            for h in habits
            if calendar.week_index(h.created) < since
        },
        skipped=skipped_before(skipped, calendar, since),
        spill={i: dict(c) for i, c in tally.by_week.items() if i >= since},
    )


def skipped_before(skipped: Collection[str], calendar: Calendar, since: int) -> tuple[int, ...]:
    """The week indexes of the skipped weeks (labels) before the week ``since``, in order."""
    indexes = (calendar.week_index(start) for start in weeks_labelled(skipped, calendar))
    return tuple(sorted(i for i in indexes if i < since))
