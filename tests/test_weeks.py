"""Weeks and days as the user counts them."""

from __future__ import annotations

from datetime import date

import pendulum
import pytest

from netrack.domain.weeks import Calendar, Week
from netrack.errors import UsageError
from tests.builders import moment

MONDAY = Calendar(week_start=0)
SUNDAY = Calendar(week_start=6)


def test_monday_week_runs_monday_to_sunday() -> None:
    week = MONDAY.week_of_day(date(2026, 11, 19))
    assert (week.start, week.end, week.label) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
        "2026-W47",
    )
    assert MONDAY.week_of_day(date(2026, 11, 22)) == week
    assert MONDAY.week_of_day(date(2026, 11, 23)).label == "2026-W48"


def test_sunday_week_is_labelled_by_its_monday() -> None:
    week = SUNDAY.week_of_day(date(2026, 11, 19))
    assert (week.start, week.end) == (date(2026, 11, 15), date(2026, 11, 21))
    assert week.label == "2026-W47"
    assert SUNDAY.week_of_day(date(2026, 11, 22)).start == date(2026, 11, 22)
    assert SUNDAY.week_of_day(date(2026, 11, 22)).label == "2026-W48"


@pytest.mark.parametrize("start", range(7))
def test_every_week_start_gives_seven_day_weeks(start: int) -> None:
    calendar = Calendar(week_start=start)
    day = date(2026, 12, 20)
    for offset in range(30):
        current = date.fromordinal(day.toordinal() + offset)
        week = calendar.week_of_day(current)
        assert week.start.weekday() == start
        assert week.contains(current)
        assert (week.end - week.start).days == 6
        assert calendar.week_at_index(calendar.week_index(current)) == week


def test_2026_has_a_week_53_that_holds_new_years_day() -> None:
    assert MONDAY.week_of_day(date(2026, 12, 31)).label == "2026-W53"
    assert MONDAY.week_of_day(date(2027, 1, 1)).label == "2026-W53"
    assert MONDAY.week_of_day(date(2027, 1, 3)).label == "2026-W53"
    assert MONDAY.week_of_day(date(2027, 1, 4)).label == "2027-W01"
    w53 = MONDAY.week_labelled("2026-W53")
    assert (w53.start, w53.end) == (date(2026, 12, 28), date(2027, 1, 3))
    assert w53.shifted(1).label == "2027-W01"
    assert MONDAY.week_labelled("2027-W01").shifted(-1) == w53


def test_turn_of_the_year_with_a_sunday_start() -> None:
    week = SUNDAY.week_of_day(date(2027, 1, 1))
    assert (week.start, week.end, week.label) == (date(2026, 12, 27), date(2027, 1, 2), "2026-W53")


def test_a_week_label_that_does_not_exist_is_refused() -> None:
    with pytest.raises(UsageError, match="2025 has no week 53"):
        MONDAY.week_labelled("2025-W53")
    with pytest.raises(UsageError, match="expected a label"):
        MONDAY.week_labelled("W47")


@pytest.mark.parametrize(
    ("tz", "before", "after"),
    [
        # Clocks go back in the night of Sat 24 to Sun 25 October 2026 in Berlin.
        ("Europe/Berlin", "2026-10-19 08:00", "2026-10-25 23:30"),
        # New York goes back on Sun 1 November 2026.
        ("America/New_York", "2026-10-26 08:00", "2026-11-01 23:30"),
        # Spring forward: Berlin on Sun 29 March, New York on Sun 8 March 2026.
        ("Europe/Berlin", "2026-03-23 00:00", "2026-03-29 23:59"),
        ("America/New_York", "2026-03-02 00:00", "2026-03-08 23:59"),
    ],
)
def test_a_dst_change_week_still_holds_seven_whole_days(tz: str, before: str, after: str) -> None:
    first, last = moment(before, tz), moment(after, tz)
    assert MONDAY.week_of(first) == MONDAY.week_of(last)
    assert MONDAY.week_of(last.add(hours=1)) == MONDAY.week_of(first).shifted(1)
    # A moment in the repeated (or skipped) hour is counted on its wall-clock day.
    change_day = last.date()
    odd_hour = pendulum.datetime(change_day.year, change_day.month, change_day.day, 2, 30, tz=tz)
    assert MONDAY.day_of(odd_hour) == change_day


def test_day_starts_at_moves_small_hours_to_the_evening_before() -> None:
    night_owl = Calendar(week_start=0, day_starts_at=4)
    assert night_owl.day_of(moment("2026-11-20 01:30")) == date(2026, 11, 19)
    assert night_owl.day_of(moment("2026-11-20 04:00")) == date(2026, 11, 20)
    # Monday 01:00 still belongs to the Sunday, so to the week before.
    assert night_owl.week_of(moment("2026-11-23 01:00")).label == "2026-W47"
    assert MONDAY.week_of(moment("2026-11-23 01:00")).label == "2026-W48"


def test_weeks_between_and_ordering() -> None:
    first = Week(date(2026, 11, 2))
    last = Week(date(2026, 11, 23))
    assert [w.label for w in MONDAY.weeks_between(first, last)] == [
        "2026-W45",
        "2026-W46",
        "2026-W47",
        "2026-W48",
    ]
    assert first < last
