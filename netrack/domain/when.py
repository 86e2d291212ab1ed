"""Words the user types for dates: ``yesterday``, ``fri``, ``3d``, ``+2w``, ISO dates.

A count of days or weeks alone (``3d``) or after a minus (``-3d``) is that long ago;
after a plus (``+2w``), that far ahead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pendulum

from netrack.domain.date_forms import DAY_FORMS, DUE_FORMS, ON_FORMS
from netrack.domain.patterns import LazyPattern
from netrack.domain.weeks import Calendar, Week, weekday_number
from netrack.errors import UsageError, quoted

_AGO = LazyPattern(r"^-?\s*(\d{1,4})\s*([dw])$", re.ASCII)
_AHEAD = LazyPattern(r"^\+\s*(\d{1,4})\s*([dw])$", re.ASCII)
_ISO_DATE = LazyPattern(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_ISO_DATETIME = LazyPattern(
    r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$",
    re.ASCII,
)
EARLIEST_YEAR = 1900
LATEST_YEAR = 2999
MAX_DAYS_AGO = 36_500
MAX_WEEKS_BACK = 5_200  # about a hundred years
_LOOKS_LIKE_LABEL = LazyPattern(r"^\d{4}-?w", re.ASCII)
BACKDATED_HOUR = 12  # a past day given without a time is logged at noon


def today(now: datetime, calendar: Calendar) -> date:
    """The day it is for the user (respecting the day start)."""
    return calendar.day_of(now)


def parse_on(text: str | None, now: pendulum.DateTime, calendar: Calendar) -> pendulum.DateTime:
    """When an action happened; refuses the future.

    A day without a time means noon of that day (or now, for today).
    """
    if text is None or not text.strip():
        return now
    key = text.strip().casefold()
    current_day = today(now, calendar)
    if key in ("now", "today"):
        return now
    if key == "yesterday":
        return at_day(current_day - timedelta(days=1), now)
    if key in ("tomorrow", "tmr") or key.startswith("+"):
        raise UsageError(f"date {quoted(text)} is in the future; log actions once they happened")
    ago = _AGO.match(key)
    if ago:
        amount = int(ago[1]) * (7 if ago[2] == "w" else 1)
        if amount > MAX_DAYS_AGO:
            raise UsageError(
                f"date {quoted(text)} is too far in the past (at most {MAX_DAYS_AGO} days)"
            )
        return at_day(current_day - timedelta(days=amount), now)
    weekday = weekday_number(key)
    if weekday is not None:
        return at_day(current_day - timedelta(days=(current_day.weekday() - weekday) % 7), now)
    if _ISO_DATE.match(key):
        day = _iso_date(key)
        if day is None:
            raise UsageError(f"invalid date {quoted(text)}; accepted: {ON_FORMS}")
        if day > current_day:
            raise UsageError(
                f"date {quoted(text)} is in the future; log actions once they happened"
            )
        if day.year < EARLIEST_YEAR:
            raise UsageError(f"date {quoted(text)} is too far in the past (before {EARLIEST_YEAR})")
        return at_day(day, now)
    moment = _parse_iso_datetime(text.strip(), now)
    if moment is None:
        raise UsageError(f"unknown date {quoted(text)}; accepted: {ON_FORMS}")
    if moment > now:
        raise UsageError(f"date {quoted(text)} is in the future; log actions once they happened")
    if moment.year < EARLIEST_YEAR:
        raise UsageError(f"date {quoted(text)} is too far in the past (before {EARLIEST_YEAR})")
    return moment


def parse_due(text: str, now: pendulum.DateTime, calendar: Calendar) -> date:
    """A due date, today or later."""
    key = text.strip().casefold()
    current_day = today(now, calendar)
    due: date | None = None
    if key == "yesterday" or _AGO.match(key):
        raise UsageError(f"due date {quoted(text)} is in the past; give a day from today on")
    if key == "today":
        due = current_day
    elif key in ("tomorrow", "tmr", "tom"):
        due = current_day + timedelta(days=1)
    elif ahead := _AHEAD.match(key):
        due = current_day + timedelta(days=int(ahead[1]) * (7 if ahead[2] == "w" else 1))
    elif (weekday := weekday_number(key)) is not None:
        due = current_day + timedelta(days=(weekday - current_day.weekday()) % 7)
    elif _ISO_DATE.match(key):
        due = _iso_date(key)
    if due is None:
        raise UsageError(f"unknown due date {quoted(text)}; accepted: {DUE_FORMS}")
    if due < current_day:
        raise UsageError(f"due date {quoted(text)} is in the past")
    if due.year > LATEST_YEAR:
        raise UsageError(f"due date {quoted(text)} is too far ahead (after {LATEST_YEAR})")
    return due


def parse_day(text: str, now: pendulum.DateTime, calendar: Calendar) -> date:
    """A day in the past or the future, such as an event's: a weekday is the next one."""
    key = text.strip().casefold()
    current_day = today(now, calendar)
    day: date | None = None
    if key in ("today", "now"):
        day = current_day
    elif key in ("tomorrow", "tmr", "tom"):
        day = current_day + timedelta(days=1)
    elif key == "yesterday":
        day = current_day - timedelta(days=1)
    elif match := (_AHEAD.match(key) or _AGO.match(key)):
        days = int(match[1]) * (7 if match[2] == "w" else 1)
        if days > MAX_DAYS_AGO:
            raise UsageError(f"date {quoted(text)} is too far off (at most {MAX_DAYS_AGO} days)")
        day = current_day + timedelta(days=days if key.startswith("+") else -days)
    elif (weekday := weekday_number(key)) is not None:
        day = current_day + timedelta(days=(weekday - current_day.weekday()) % 7)
    elif _ISO_DATE.match(key):
        day = _iso_date(key)
    if day is None:
        raise UsageError(f"unknown date {quoted(text)}; accepted: {DAY_FORMS}")
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise UsageError(f"date {quoted(text)} is out of range ({EARLIEST_YEAR}-{LATEST_YEAR})")
    return day


def parse_week(text: str | None, calendar: Calendar, now: pendulum.DateTime) -> Week:
    """The week the user named: a label, ``this``, ``last``, ``next``, or a date in it."""
    this_week = calendar.week_of(now)
    if text is None:
        return this_week
    key = text.strip().casefold()
    if key in ("", "this", "now", "current"):
        return this_week
    if key in ("last", "previous", "prev"):
        return this_week.shifted(-1)
    if key == "next":
        return this_week.shifted(1)
    back = key.removeprefix("-")
    if key.startswith("-") and back.isascii() and back.isdigit():
        if int(back) > MAX_WEEKS_BACK:
            raise UsageError(f"week {quoted(text)} is too far back (at most {MAX_WEEKS_BACK})")
        return this_week.shifted(-int(back))
    if _LOOKS_LIKE_LABEL.match(key):
        return calendar.week_labelled(text)
    if _ISO_DATE.match(key) and (day := _iso_date(key)) is not None:
        return calendar.week_of_day(day)  # any week, future ones included
    try:
        return calendar.week_of(parse_on(text, now, calendar))
    except UsageError:
        raise UsageError(
            f"unknown week {quoted(text)}; "
            "use a label like 2026-W47, 'this', 'last', '-2', or a date"
        ) from None


def at_day(day: date, now: pendulum.DateTime) -> pendulum.DateTime:
    """Noon of a past ``day`` (the time a day given without one is logged at), or now."""
    moment = pendulum.datetime(day.year, day.month, day.day, BACKDATED_HOUR, tz=now.timezone)
    return min(moment, now)


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (ValueError, OverflowError):
        return None


def _parse_iso_datetime(text: str, now: pendulum.DateTime) -> pendulum.DateTime | None:
    match = _ISO_DATETIME.match(text)
    if not match:
        return None
    try:
        if match[5]:
            parsed = datetime.fromisoformat(text.replace(" ", "T").replace("z", "Z"))
            return pendulum.instance(parsed)
        day = date.fromisoformat(match[1])
        hour, minute, second = int(match[2]), int(match[3]), int(match[4] or 0)
        return pendulum.datetime(
            day.year, day.month, day.day, hour, minute, second, tz=now.timezone
        )
    except (ValueError, OverflowError):
        return None
