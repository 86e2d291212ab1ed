"""A habit week by week: met, missed, skipped or in progress; streaks and strength."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from functools import lru_cache
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


class HabitPast(NamedTuple):
    """What a habit's weeks before the week ``since`` leave to the weeks after it.

    Enough to go on with its streaks and strength from ``since`` without going over the
    earlier weeks again (decades of archived weeks, summed up once: domain/past.py).
    """

    since: int  # the first week left out (``Calendar.week_index``)
    best: int  # the longest run of met weeks among them
    run: int  # met weeks in a row up to the last of them (skipped ones passed over)
    strength: float  # the score after them


def habit_record(
    habit: Habit,
    tally: WeekTally,
    skipped: Collection[str],
    upto: Week,
    current: Week,
    past: HabitPast | None = None,
) -> HabitRecord:
    """``habit`` from its first week to ``upto``, seen while ``current`` is in progress.

    ``skipped`` holds the labels of weeks marked as holidays. Weeks after ``current``
    have not happened and are never included. ``past``: the habit's weeks before
    ``past.since`` summed up (``habit_past``); the record then holds only the later
    weeks, ``tally`` need not count the earlier ones, and the streaks and strength are
    those of every week all the same.
    """
    calendar = tally.calendar
    last = min(upto, current)
    first_index = calendar.week_index(habit.created)
    if past is not None:
        if past.since > calendar.week_index(last.start) + 1:
            raise ValueError(f"{habit.name}'s weeks up to {last.label} are summed up")
        first_index = max(first_index, past.since)
    weeks = _habit_weeks(habit, tally, skipped, first_index, last, current)
    run, best, score = (0, 0, 0.0) if past is None else (past.run, past.best, past.strength)
    return HabitRecord(
        habit=habit,
        weeks=tuple(weeks),
        current_streak=current_streak(weeks, run),
        best_streak=best_streak(weeks, best, run),
        strength=strength(weeks, score),
    )


def habit_past(habit: Habit, tally: WeekTally, skipped: Collection[str], since: int) -> HabitPast:
    """``habit``'s weeks before the week ``since`` (all finished) summed up for
    ``habit_record``."""
    calendar = tally.calendar
    first_index = calendar.week_index(habit.created)
    weeks = _habit_weeks(habit, tally, skipped, first_index, calendar.week_at_index(since - 1))
    return HabitPast(since, best_streak(weeks), current_streak(weeks), strength(weeks))


def habit_key(habit: Habit) -> str:
    """What a habit's weeks depend on, as text: its kinds, first day and targets (its
    name does not count)."""
    targets = ",".join(f"{t.since.isoformat()}={t.target}" for t in habit.targets)
    return f"{habit.id}|{'+'.join(habit.kinds)}|{habit.created.isoformat()}|{targets}"


def _habit_weeks(
    habit: Habit,
    tally: WeekTally,
    skipped: Collection[str],
    first_index: int,
    last: Week,
    current: Week | None = None,
) -> list[HabitWeek]:
    """``habit`` in each week from the week ``first_index`` to ``last``."""
    calendar = tally.calendar
    last_index = calendar.week_index(last.start)
    weeks: list[HabitWeek] = []
    if first_index > last_index:
        return weeks
    # Counted once per week that has actions (a long history spans thousands of weeks).
    kinds = habit.kinds
    counts = {i: sum(c[k] for k in kinds) for i, c in tally.by_week.items()}
    fixed_target = habit.targets[0].target if len(habit.targets) == 1 else None
    skipped_weeks = weeks_labelled(skipped, calendar)
    week_at_index = calendar.week_at_index
    new_week = tuple.__new__
    for index in range(first_index, last_index + 1):
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
    return weeks


def weeks_labelled(labels: Collection[str], calendar: Calendar) -> frozenset[date]:
    """The first days of the weeks whose labels (as ``Week.label`` spells them) are given."""
    if isinstance(labels, frozenset):  # an analysis's skipped weeks, asked for per habit
        return _weeks_labelled_once(labels, calendar)
    starts = set()
    for label in labels:
        try:
            week = calendar.week_labelled(label)
        except UsageError:
            continue  # no week is labelled so
        if week.label == label:
            starts.add(week.start)
    return frozenset(starts)


@lru_cache(maxsize=8)
def _weeks_labelled_once(labels: frozenset[str], calendar: Calendar) -> frozenset[date]:
    return weeks_labelled(tuple(labels), calendar)


def current_streak(weeks: list[HabitWeek] | tuple[HabitWeek, ...], earlier_run: int = 0) -> int:
    """Met weeks in a row ending at the latest finished week, plus this week if met.

    Skipped weeks are passed over; the week in progress never breaks the streak.
    ``earlier_run``: the streak the weeks before ``weeks`` ended with.
    """
    streak = 0
    for habit_week in reversed(weeks):
        if habit_week.status == MET:
            streak += 1
        elif habit_week.status == MISSED:
            return streak
    return streak + earlier_run


def best_streak(weeks: list[HabitWeek] | tuple[HabitWeek, ...], best: int = 0, run: int = 0) -> int:
    """The longest run of met weeks ever (skipped weeks neither count nor break it).

    ``best`` and ``run``: the best streak of the weeks before ``weeks``, and the one
    they ended with.
    """
    for habit_week in weeks:
        if habit_week.status == MET:
            run += 1
            best = max(best, run)
        elif habit_week.status == MISSED:
            run = 0
    return best


def strength(weeks: list[HabitWeek] | tuple[HabitWeek, ...], score: float = 0.0) -> float:
    """A smoothed score that one bad week dents but does not erase.

    Each finished week moves the score towards how much of the target was reached;
    skipped weeks leave it as it was, and the week in progress only counts when it
    raises the score. ``score``: the score the weeks before ``weeks`` ended with.
    """
    for habit_week in weeks:
        if habit_week.status == SKIPPED:
            continue
        reached = min(1.0, habit_week.count / habit_week.target) if habit_week.target else 1.0
        updated = score * STRENGTH_MEMORY + reached * (1 - STRENGTH_MEMORY)
        if habit_week.status == IN_PROGRESS:
            updated = max(score, updated)
        score = updated
    return score
