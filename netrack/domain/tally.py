"""Counting actions per week in one pass, the base of habits, streaks and trends."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from netrack.domain.models import Action
from netrack.domain.weeks import Calendar


class WeekTally:
    """How many actions of each kind fell in each week (weeks by ``Calendar.week_index``)."""

    def __init__(self, actions: Iterable[Action], calendar: Calendar) -> None:
        self.calendar = calendar
        self.by_week: dict[int, Counter[str]] = {
            index: Counter(a.kind for a in week)
            for index, week in actions_by_week(actions, calendar).items()
        }

    @classmethod
    def of_weeks(cls, by_week: dict[int, list[Action]], calendar: Calendar) -> WeekTally:
        """The tally of actions already grouped by ``actions_by_week``."""
        tally = cls((), calendar)
        tally.by_week = {index: Counter(a.kind for a in week) for index, week in by_week.items()}
        return tally

    def count(self, index: int, kinds: Iterable[str]) -> int:
        """Actions of any of ``kinds`` in week ``index``."""
        counter = self.by_week.get(index)
        if not counter:
            return 0
        return sum(counter[kind] for kind in kinds)

    def first_index(self) -> int | None:
        return min(self.by_week, default=None)


def actions_by_week(actions: Iterable[Action], calendar: Calendar) -> dict[int, list[Action]]:
    """The actions grouped by week (``Calendar.week_index``), in the order given."""
    by_week: dict[int, list[Action]] = {}
    day_of = calendar.day_of
    week_index = calendar.week_index
    index_of_day: dict[date, int] = {}
    for action in actions:
        day = day_of(action.at)
        index = index_of_day.get(day)
        if index is None:
            index = index_of_day[day] = week_index(day)
        week = by_week.get(index)
        if week is None:
            week = by_week[index] = []
        week.append(action)
    return by_week
