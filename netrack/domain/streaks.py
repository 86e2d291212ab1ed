"""A habit week by week: met, missed, skipped or in progress; streaks and strength."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from typing import NamedTuple

from netrack.domain.models import Habit
from netrack.domain.tally import WeekTally
from netrack.domain.weeks import Calendar, Week
from netrack.errors import UsageError

MET, MISSED, SKIPPED, IN_PROGRESS = "met", "missed", "skipped", "in progress"
UNTRACKED = "not tracked"  # a week before the habit existed
# Strength halves a week's weight every four weeks.
STRENGTH_MEMORY = 0.5 ** (1 / 4)


class HabitWeek(NamedTuple):
    """One habit in one week (a tuple: a record of decades holds thousands of them)."""

    week: Week
    count: int  # type: ignore[assignment]  # (the field, not tuple.count)
    target: int
    status: str


class HabitRecord(NamedTuple):
    """A habit's history up to a week, and what follows from it."""

    habit: Habit
    weeks: tuple[HabitWeek, ...]  # oldest first, from the week the habit was created
    current_streak: int
    best_streak: int
    strength: float  # 0.0 to 1.0

    @property
    def latest(self) -> HabitWeek | None:
        return self.weeks[-1] if self.weeks else None

    def week(self, week: Week, tally: WeekTally) -> HabitWeek:
        """This habit in ``week``, including weeks before it existed ("not tracked")."""
        for habit_week in reversed(self.weeks):
            if habit_week.week == week:
                return habit_week
        count = tally.count(tally.calendar.week_index(week.start), self.habit.kinds)
        return HabitWeek(week, count, self.habit.target_until(week.end), UNTRACKED)


def habit_record(
    habit: Habit,
    tally: WeekTally,
    skipped: Collection[str],
    upto: Week,
    current: Week,
) -> HabitRecord:
    """``habit`` from its first week to ``upto``, seen while ``current`` is in progress.

    ``skipped`` holds the labels of weeks marked as holidays. Weeks after ``current``
    have not happened and are never included.
    """
    calendar = tally.calendar
    first = calendar.week_of_day(habit.created)
    last = min(upto, current)
    weeks: list[HabitWeek] = []
    if first <= last:
        # Counted once per week that has actions (a long history spans thousands of weeks).
        kinds = habit.kinds
        counts = {i: sum(c[k] for k in kinds) for i, c in tally.by_week.items()}
        fixed_target = habit.targets[0].target if len(habit.targets) == 1 else None
        skipped_weeks = _weeks_labelled(skipped, calendar)
        week_at_index = calendar.week_at_index
        new_week = tuple.__new__
        for index in range(calendar.week_index(first.start), calendar.week_index(last.start) + 1):
            week = week_at_index(index)
            count = counts.get(index, 0)
            target = fixed_target if fixed_target is not None else habit.target_until(week.end)
            if week.start in skipped_weeks:
                status = SKIPPED
            elif count >= target:
                status = MET
            else:
                status = IN_PROGRESS if week == current else MISSED
            weeks.append(new_week(HabitWeek, (week, count, target, status)))
    return HabitRecord(
        habit=habit,
        weeks=tuple(weeks),
        current_streak=current_streak(weeks),
        best_streak=best_streak(weeks),
        strength=strength(weeks),
    )


def _weeks_labelled(labels: Collection[str], calendar: Calendar) -> set[date]:
    """The first days of the weeks whose labels (as ``Week.label`` spells them) are given."""
    starts = set()
    for label in labels:
        try:
            week = calendar.week_labelled(label)
        except UsageError:
            continue  # no week is labelled so
        if week.label == label:
            starts.add(week.start)
    return starts


def current_streak(weeks: list[HabitWeek] | tuple[HabitWeek, ...]) -> int:
    """Met weeks in a row ending at the latest finished week, plus this week if met.

    Skipped weeks are passed over; the week in progress never breaks the streak.
    """
    streak = 0
    for habit_week in reversed(weeks):
        if habit_week.status == MET:
            streak += 1
        elif habit_week.status == MISSED:
            break
    return streak


def best_streak(weeks: list[HabitWeek] | tuple[HabitWeek, ...]) -> int:
    """The longest run of met weeks ever (skipped weeks neither count nor break it)."""
    best = run = 0
    for habit_week in weeks:
        if habit_week.status == MET:
            run += 1
            best = max(best, run)
        elif habit_week.status == MISSED:
            run = 0
    return best


def strength(weeks: list[HabitWeek] | tuple[HabitWeek, ...]) -> float:
    """A smoothed score that one bad week dents but does not erase.

    Each finished week moves the score towards how much of the target was reached;
    skipped weeks leave it as it was, and the week in progress only counts when it
    raises the score.
    """
    score = 0.0
    for habit_week in weeks:
        if habit_week.status == SKIPPED:
            continue
        reached = min(1.0, habit_week.count / habit_week.target) if habit_week.target else 1.0
        updated = score * STRENGTH_MEMORY + reached * (1 - STRENGTH_MEMORY)
        if habit_week.status == IN_PROGRESS:
            updated = max(score, updated)
        score = updated
    return score
