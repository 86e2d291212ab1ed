"""Habit statuses, streaks and strength, week by week."""

from __future__ import annotations

from datetime import date

import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.models import WeekNote
from netrack.domain.streaks import (
    IN_PROGRESS,
    MET,
    MISSED,
    SKIPPED,
    STRENGTH_MEMORY,
    UNTRACKED,
)
from tests.builders import action, dataset, habit, moment

NOW = moment("2026-11-19 15:30")  # Thursday of 2026-W47
GIVES = habit("Give", ("give",), ("2026-10-19", 2))  # created in 2026-W43


def _gives(*days: str) -> list:
    return [action("give", f"{day} 10:00") for day in days]


def _record(actions, notes=(), habits=(GIVES,), now=NOW):
    analysis = Analysis(dataset(actions=actions, week_notes=list(notes), habits=list(habits)), now)
    (record,) = analysis.habit_records()
    return record


# W43 Oct 19-25, W44 Oct 26-Nov 1, W45 Nov 2-8, W46 Nov 9-15, W47 Nov 16-22 (current)


def test_statuses_week_by_week() -> None:
    record = _record(
        _gives("2026-10-19", "2026-10-20", "2026-10-27", "2026-11-03", "2026-11-04", "2026-11-17")
    )
    assert [(hw.week.label, hw.count, hw.status) for hw in record.weeks] == [
        ("2026-W43", 2, MET),
        ("2026-W44", 1, MISSED),
        ("2026-W45", 2, MET),
        ("2026-W46", 0, MISSED),
        ("2026-W47", 1, IN_PROGRESS),
    ]


def test_week_in_progress_does_not_break_streak() -> None:
    record = _record(_gives("2026-11-02", "2026-11-03", "2026-11-09", "2026-11-10"))
    assert record.latest.status == IN_PROGRESS
    assert record.current_streak == 2


def test_week_in_progress_counts_once_met() -> None:
    record = _record(_gives("2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17"))
    assert record.latest.status == MET
    assert record.current_streak == 2


def test_a_missed_finished_week_ends_the_streak() -> None:
    record = _record(
        _gives("2026-10-19", "2026-10-20", "2026-10-26", "2026-10-27", "2026-11-16", "2026-11-17")
    )
    assert record.current_streak == 1  # W45 and W46 missed; only this week counts
    assert record.best_streak == 2


def test_skipped_week_neither_counts_nor_breaks() -> None:
    holiday = WeekNote(id="n1", week="2026-W45", skipped=True, skip_reason="holiday")
    record = _record(
        _gives("2026-10-26", "2026-10-27", "2026-11-09", "2026-11-10"), notes=[holiday]
    )
    statuses = {hw.week.label: hw.status for hw in record.weeks}
    assert statuses["2026-W45"] == SKIPPED
    assert record.current_streak == 2  # W44 + W46, W45 passed over
    assert record.best_streak == 2


def test_a_skipped_week_does_not_count_even_when_met() -> None:
    holiday = WeekNote(id="n1", week="2026-W46", skipped=True)
    record = _record(_gives("2026-11-09", "2026-11-10"), notes=[holiday])
    assert record.current_streak == 0


def test_target_change_mid_history_keeps_past_targets() -> None:
    changing = habit("Give", ("give",), ("2026-10-19", 2), ("2026-11-11", 3))
    record = _record(
        _gives("2026-11-02", "2026-11-03", "2026-11-09", "2026-11-10", "2026-11-11"),
        habits=[changing],
    )
    targets = {hw.week.label: (hw.target, hw.status) for hw in record.weeks}
    assert targets["2026-W45"] == (2, MET)  # before the change
    assert targets["2026-W46"] == (3, MET)  # the change applies to the whole week it was made
    assert targets["2026-W47"] == (3, IN_PROGRESS)
    assert record.current_streak == 2


def test_a_target_changed_on_the_last_day_of_a_week_applies_to_that_week() -> None:
    # Sunday 15 Nov ends 2026-W46; Monday 16 Nov starts 2026-W47.
    on_sunday = habit("Give", ("give",), ("2026-10-19", 2), ("2026-11-15", 3))
    assert on_sunday.target_until(date(2026, 11, 8)) == 2
    assert on_sunday.target_until(date(2026, 11, 15)) == 3
    record = _record(_gives("2026-11-09", "2026-11-10"), habits=[on_sunday])
    targets = {hw.week.label: (hw.target, hw.status) for hw in record.weeks}
    assert targets["2026-W45"] == (2, MISSED)
    assert targets["2026-W46"] == (3, MISSED)  # two of the three it asked for
    on_monday = habit("Give", ("give",), ("2026-10-19", 2), ("2026-11-16", 3))
    record = _record(_gives("2026-11-09", "2026-11-10"), habits=[on_monday])
    assert {hw.week.label: hw.target for hw in record.weeks}["2026-W46"] == 2


def test_weeks_before_the_habit_existed_are_not_tracked() -> None:
    record = _record(_gives("2026-10-05", "2026-10-06"))
    assert record.weeks[0].week.label == "2026-W43"
    assert record.best_streak == 0
    analysis = Analysis(dataset(actions=_gives("2026-10-05", "2026-10-06"), habits=[GIVES]), NOW)
    early = analysis.calendar.week_labelled("2026-W41")
    assert record.week(early, analysis.tally).status == UNTRACKED
    assert record.week(early, analysis.tally).count == 2


def test_streak_as_of_a_past_week() -> None:
    analysis = Analysis(
        dataset(
            actions=_gives("2026-10-19", "2026-10-20", "2026-10-26", "2026-10-27"), habits=[GIVES]
        ),
        NOW,
    )
    (record,) = analysis.habit_records(analysis.calendar.week_labelled("2026-W44"))
    assert record.latest.week.label == "2026-W44"
    assert record.current_streak == 2


def test_strength_after_a_miss_dips_but_keeps_most_of_the_history() -> None:
    m = STRENGTH_MEMORY
    record = _record(
        _gives("2026-10-19", "2026-10-20", "2026-10-26", "2026-10-27", "2026-11-02", "2026-11-03")
    )
    # W43-W45 met, W46 missed, W47 in progress with nothing yet (never lowers it).
    after_three = 1 - m**3
    assert record.strength == pytest.approx(after_three * m)
    assert record.strength / after_three == pytest.approx(0.84, abs=0.01)  # one miss costs 16%


def test_strength_counts_partial_weeks_and_carries_over_skips() -> None:
    m = STRENGTH_MEMORY
    holiday = WeekNote(id="n1", week="2026-W44", skipped=True)
    record = _record(_gives("2026-10-19", "2026-11-02"), notes=[holiday])
    # W43 half, W44 skipped (carried), W45 half, W46 zero.
    expected = ((0.5 * (1 - m)) * m + 0.5 * (1 - m)) * m
    assert record.strength == pytest.approx(expected)


def test_half_life_is_four_weeks() -> None:
    assert STRENGTH_MEMORY**4 == pytest.approx(0.5)


def test_new_habit_starts_in_progress_with_no_streak() -> None:
    fresh = habit("Give", ("give",), ("2026-11-18", 3))
    record = _record([], habits=[fresh])
    assert [hw.status for hw in record.weeks] == [IN_PROGRESS]
    assert (record.current_streak, record.best_streak, record.strength) == (0, 0, 0)


def test_habit_over_several_kinds_counts_them_all() -> None:
    events = habit("Events", ("meet", "event"), ("2026-11-16", 2))
    actions = [
        action("meet", "2026-11-16 09:00"),
        action("event", "2026-11-17 19:00"),
        action("give", "2026-11-17 10:00"),
    ]
    record = _record(actions, habits=[events])
    assert (record.latest.count, record.latest.status) == (2, MET)
    assert date(2026, 11, 16) == record.latest.week.start
