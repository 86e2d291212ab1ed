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
        self.by_week: dict[int, Counter[str]] = {}
        day_of = calendar.day_of
        week_index = calendar.week_index
        index_of_day: dict[date, int] = {}
        for action in actions:
            day = day_of(action.at)
            index = index_of_day.get(day)
            if index is None:
                index = index_of_day[day] = week_index(day)
            counter = self.by_week.get(index)
            if counter is None:
                counter = self.by_week[index] = Counter()
            counter[action.kind] += 1

    def count(self, index: int, kinds: Iterable[str]) -> int:
        """Actions of any of ``kinds`` in week ``index``."""
        counter = self.by_week.get(index)
        if not counter:
            return 0
        return sum(counter[kind] for kind in kinds)

    def first_index(self) -> int | None:
        return min(self.by_week, default=None)
