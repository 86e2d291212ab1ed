"""How long ago, phrased: the one-off phrase and the listings' phrases made once."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from netrack.domain.humanize import days_ago, days_ago_phrases, days_ago_short

TODAY = date(2026, 11, 19)


def test_days_ago_reads_as_a_person_would_say_it() -> None:
    said = [days_ago(TODAY - timedelta(days=n), TODAY) for n in (-1, 0, 1, 5, 20, 200, 800)]
    assert said == [
        "in the future",
        "today",
        "yesterday",
        "5 days ago",
        "2 weeks ago",
        "6 months ago",
        "2 years ago",
    ]
    assert days_ago(None, TODAY) == "never"


def test_a_listings_phrases_are_the_one_off_phrases_whatever_the_order_asked() -> None:
    days = [TODAY - timedelta(days=n) for n in range(-3, 40 * 365)]
    random.Random(7).shuffle(days)  # a year's phrase first asked by any of its days
    phrase = days_ago_phrases(TODAY)
    assert [phrase(day) for day in days] == [days_ago(day, TODAY) for day in days]
    assert phrase(None) == "never"
    # A time is phrased by its own day, as the day of its date would be.
    late = datetime(2024, 11, 19, 23, 30, tzinfo=timezone(timedelta(hours=-8)))
    assert phrase(late) == days_ago(late.date(), TODAY) == "2 years ago"


def test_a_listings_short_phrases_are_the_one_off_short_phrases() -> None:
    days = [TODAY - timedelta(days=n) for n in range(-3, 40 * 365)]
    random.Random(11).shuffle(days)
    phrase = days_ago_phrases(TODAY, short=True)
    assert [phrase(day) for day in days] == [days_ago_short(day, TODAY) for day in days]
    assert phrase(TODAY - timedelta(days=800)) == "2y ago"
