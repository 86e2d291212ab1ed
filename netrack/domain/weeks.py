"""Days and weeks as the user counts them.

A week starts on the configured weekday and is labelled by the ISO week of the Monday
it contains, so a Monday-start week's label is its ISO week (``2026-W53`` exists) and a
Sunday-start week is labelled by the Monday after its Sunday. Boundaries are computed
here rather than with pendulum's global week-start setting.

A day runs from ``day_starts_at`` o'clock to the same hour next morning, so a night
owl's 01:00 action can count for the evening before.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from netrack.domain.patterns import LazyPattern
from netrack.errors import UsageError, quoted

if TYPE_CHECKING:
    from netrack.domain.models import Settings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_LABEL = LazyPattern(r"^\s*(\d{4})-?[wW](\d{1,2})\s*$", re.ASCII)
_ONE_DAY = timedelta(days=1)
# Week labels by start day: streaks over years of weeks ask for thousands of them, often.
_LABELS: dict[date, str] = {}


class Week(NamedTuple):
    """Seven days from ``start``."""

    start: date

    @property
    def end(self) -> date:
        """The last day of the week."""
        return self.start + timedelta(days=6)

    @property
    def monday(self) -> date:
        return self.start + timedelta(days=-self.start.weekday() % 7)

    @property
    def label(self) -> str:
        """The ISO week label, e.g. ``2026-W47``."""
        label = _LABELS.get(self.start)
        if label is None:
            year, week, _ = self.monday.isocalendar()
            label = _LABELS[self.start] = f"{year}-W{week:02d}"
        return label

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(7)]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def shifted(self, weeks: int) -> Week:
        """The week ``weeks`` later (earlier when negative)."""
        return Week(self.start + timedelta(weeks=weeks))

    def __str__(self) -> str:
        return self.label


class Calendar(NamedTuple):
    """The user's week start and day start, and the arithmetic that follows from them."""

    week_start: int = 0
    day_starts_at: int = 0

    def day_of(self, moment: datetime) -> date:
        """The day an action at ``moment`` counts for (wall-clock, minus the day start)."""
        # An aware datetime's date() and hour are already its own wall clock.
        if moment.hour < self.day_starts_at:
            return moment.date() - _ONE_DAY
        return moment.date()

    def week_of_day(self, day: date) -> Week:
        return Week(day - timedelta(days=(day.weekday() - self.week_start) % 7))

    def week_of(self, moment: datetime) -> Week:
        return self.week_of_day(self.day_of(moment))

    def week_index(self, day: date) -> int:
        """A number that grows by one per week; the same for every day of a week."""
        return (day.toordinal() - 1 - self.week_start) // 7

    def week_at_index(self, index: int) -> Week:
        # Ordinal 1 (0001-01-01) is a Monday, so ordinal 7k + 1 + s starts a week.
        return Week(date.fromordinal(index * 7 + 1 + self.week_start))

    def week_labelled(self, label: str) -> Week:
        """The week with this ISO label, e.g. ``2026-W53``."""
        match = _LABEL.match(label)
        if not match:
            raise UsageError(f"invalid week {quoted(label)}; expected a label like 2026-W47")
        year, number = int(match[1]), int(match[2])
        try:
            monday = date.fromisocalendar(year, number, 1)
        except ValueError:
            raise UsageError(
                f"week {quoted(label)} does not exist ({year} has no week {number})"
            ) from None
        return self.week_of_day(monday)

    def weeks_between(self, first: Week, last: Week) -> list[Week]:
        """Every week from ``first`` to ``last``, both included."""
        count = (last.start - first.start).days // 7
        return [first.shifted(i) for i in range(count + 1)]


def calendar_for(settings: Settings) -> Calendar:
    """The calendar the user's settings describe (their week start and day start)."""
    return Calendar(settings.week_start, settings.day_starts_at)


def weekday_number(name: str) -> int | None:
    """0 for "mon"/"Monday" ... 6 for "sun"; None when ``name`` is not a weekday."""
    key = name.strip().casefold()
    if key == "weds":
        return 2
    if len(key) < 2:
        return None
    for number, weekday in enumerate(WEEKDAYS):
        if weekday.startswith(key):
            return number
    return None
