"""Important dates: birthdays and other days that come back every year.

A date is a month and a day, with the year when it is known (``02-29`` or
``1990-02-29``). Feb 29 falls on Feb 28 in the years that have no Feb 29.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from netrack.domain.patterns import LazyPattern
from netrack.domain.valuetype import Value
from netrack.errors import UsageError, quoted

DATE_FORMS = "MM-DD, or YYYY-MM-DD when the year is known"
COMING_UP_DAYS = 7  # "Coming up": dates today and in the seven days after
BIRTHDAY = "birthday"

# English month names, whatever the locale (``calendar`` would also cost a quick add
# the import of ``locale``).
MONTH_ABBREVIATIONS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

_YEARLY = LazyPattern(r"^(?:(\d{4})-|--)?(\d{2})-(\d{2})$", re.ASCII)


class YearlyDate(Value):
    """A day that comes back every year; ``year`` is when it first happened, if known."""

    month: int
    day: int
    year: int | None = None

    def text(self) -> str:
        """``02-29`` or ``1990-02-29``: how it is typed, stored and printed."""
        day = f"{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{day}" if self.year is not None else day

    def spoken(self) -> str:
        """``29 Feb`` or ``29 Feb 1992``: how a person reads it."""
        day = f"{self.day} {MONTH_ABBREVIATIONS[self.month - 1]}"
        return f"{day} {self.year}" if self.year is not None else day

    def in_year(self, year: int) -> date:
        """Its day in ``year``: Feb 29 is Feb 28 when ``year`` has no Feb 29."""
        if self.month == 2 and self.day == 29 and not is_leap(year):
            return date(year, 2, 28)
        return date(year, self.month, self.day)

    def next_from(self, today: date) -> date:
        """Its next day on or after ``today``."""
        this_year = self.in_year(today.year)
        return this_year if this_year >= today else self.in_year(today.year + 1)

    def years_on(self, day: date) -> int | None:
        """How many years it has been on ``day`` (an age, an anniversary), if the year is known."""
        return None if self.year is None else day.year - self.year


def is_leap(year: int) -> bool:
    """Whether ``year`` has a Feb 29 (the Gregorian rule)."""
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def parse_yearly(text: str, what: str = "date") -> YearlyDate:
    """``MM-DD`` or ``YYYY-MM-DD`` (``--MM-DD`` as vCards write it); a UsageError if not."""
    match = _YEARLY.match(text.strip())
    if match is None:
        raise UsageError(f"invalid {what} {quoted(text)}; give {DATE_FORMS}")
    year = int(match[1]) if match[1] else None
    month, day = int(match[2]), int(match[3])
    try:
        date(year if year is not None else 2000, month, day)  # 2000 has a Feb 29
    except ValueError:
        raise UsageError(f"invalid {what} {quoted(text)}: no such day") from None
    if year is not None and year < 1:
        raise UsageError(f"invalid {what} {quoted(text)}: no such year")
    return YearlyDate(month, day, year)


class DateComing(Value):
    """One important date of a contact's, on its next day."""

    contact_id: str
    label: str  # "birthday", "work anniversary"
    on: date
    yearly: YearlyDate

    def days_from(self, today: date) -> int:
        return self.on.toordinal() - today.toordinal()

    def phrase(self, today: date) -> str:
        """``birthday today (turns 40)``, ``work anniversary in 3 days (5 years)``."""
        days = self.days_from(today)
        when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
        years = self.yearly.years_on(self.on)
        extra = ""
        if years is not None and years > 0:
            extra = f" (turns {years})" if self.label == BIRTHDAY else f" ({years} years)"
        return f"{self.label} {when}{extra}"


def coming_dates(
    dated: Iterable[tuple[str, Iterable[tuple[str, YearlyDate]]]],
    today: date,
    within: int = COMING_UP_DAYS,
) -> list[DateComing]:
    """The dates whose next day is today or within ``within`` days after it.

    ``dated``: each contact id with its labelled dates. Soonest first.
    """
    last = today + timedelta(days=within)
    found = []
    for contact_id, dates in dated:
        for label, yearly in dates:
            on = yearly.next_from(today)
            if on <= last:
                found.append(DateComing(contact_id, label, on, yearly))
    return sorted(found, key=lambda d: (d.on, d.label, d.contact_id))
