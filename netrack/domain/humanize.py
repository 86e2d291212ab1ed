"""Short phrases for spans of days, precise where it matters (no "2 weeks" for 11 days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date


def short_day(day: date, today: date | None = None) -> str:
    """``Thu 19 Nov``, with the year when it is not this year."""
    text = f"{day:%a} {day.day} {day:%b}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def days_ago(day: date | None, today: date) -> str:
    """``today``, ``yesterday``, ``5 days ago``, ``3 weeks ago``, ``4 months ago``, ``never``."""
    if day is None:
        return "never"
    days = today.toordinal() - day.toordinal()  # pendulum dates would build an Interval
    if days < 0:
        return "in the future"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{span(days)} ago"


def days_ago_phrases(today: date, short: bool = False) -> Callable[[date | None], str]:
    """``days_ago(day, today)`` (``days_ago_short`` if ``short``) for thousands of days (a
    listing of every contact): each phrase made once, and once for all the days of a year
    that read alike (``3 years ago``)."""
    on, made = today.toordinal(), dict[int, str]()
    say = days_ago_short if short else days_ago

    def phrase(day: date | None) -> str:
        if day is None:
            return "never"
        days = on - day.toordinal()
        key = days if days < 730 else 730 + days // 365  # (from two years on, in years)
        found = made.get(key)
        if found is None:
            found = made[key] = say(day, today)
        return found

    return phrase


def days_ago_short(day: date | None, today: date) -> str:
    """``days_ago`` in at most 8 columns, for narrow tables: ``today``, ``1d ago``,
    ``3w ago``, ``10mo ago``, ``2y ago``, ``never``."""
    if day is None:
        return "never"
    days = today.toordinal() - day.toordinal()
    if days < 0:
        return "future"
    if days == 0:
        return "today"
    if days < 14:
        return f"{days}d ago"
    if days < 60:
        return f"{days // 7}w ago"
    if days < 730:
        return f"{days // 30}mo ago"
    return f"{days // 365}y ago"


def cold_phrase(last_touch: date | None, days_since: int, cadence: int | None) -> str:
    """How long a cold relationship has gone without a touch, against its cadence:
    ``quiet 3 years · every 7 days``, or ``never in touch · every 2 weeks``."""
    waited = f"quiet {span(days_since)}" if last_touch is not None else "never in touch"
    return f"{waited} · every {span(cadence)}" if cadence else waited


def span(days: int) -> str:
    """``5 days``, ``3 weeks``, ``4 months``, ``2 years``."""
    if days < 14:
        return plural(days, "day")
    if days < 60:
        return plural(days // 7, "week")
    if days < 730:
        return plural(days // 30, "month")
    return plural(days // 365, "year")


def plural(count: int, unit: str) -> str:
    """``1 day``, ``3 days``, ``12,400 actions``."""
    return f"{count:,} {unit}{'' if count == 1 else 's'}"


def clip(text: str, width: int = 40) -> str:
    """``text`` cut to ``width`` characters, an ellipsis marking the cut."""
    return text if len(text) <= width else text[: width - 1] + "…"
