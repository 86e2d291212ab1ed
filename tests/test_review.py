"""The week review, computed once and printed by ``netrack week``."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.humanize import cold_phrase
from netrack.domain.kinds import BUILTIN_KINDS, CHANNELS
from netrack.domain.models import Dataset, WeekNote
from netrack.domain.review import week_review
from netrack.domain.streaks import MET, SKIPPED, UNTRACKED
from tests.builders import action, contact, dataset, followup, moment
from tests.conftest import time_at

NOW = moment("2026-11-19 15:30")


def test_review_of_an_empty_data_file(cli) -> None:
    result = cli("week", "--json")
    assert result.code == 0
    review = json.loads(result.out)
    assert review["week"] == "2026-W47"
    assert (review["start"], review["end"]) == ("2026-11-16", "2026-11-22")
    assert review["days_left"] == 4
    assert [h["name"] for h in review["habits"]] == [
        "Reach-outs",
        "Give first",
        "Follow-ups",
        "Meet",
    ]
    assert all(h["count"] == 0 and h["status"] == "in progress" for h in review["habits"])
    assert review["reciprocity"]["gives"] == 0
    assert review["reciprocity"]["give_share"] is None
    assert len(review["reciprocity"]["trend"]) == 12
    assert review["followups"] == {
        "opened": 0,
        "on_time": 0,
        "late": 0,
        "on_time_rate": None,
        "overdue": [],
    }
    assert (review["cold"], review["new_contacts"], review["channels"]) == ([], [], {})
    assert review["personal_share"] is None
    assert (review["reflection"], review["skipped"]) == ("", False)
    text = cli("week")
    assert text.code == 0
    assert "Week 2026-W47" in text.out and "4 days left" in text.out
    assert max(len(line) for line in text.out.splitlines()) <= 80


def test_review_counts_the_week() -> None:
    contacts = [contact("Dana", "inner"), contact("Sam", "active", created="2026-11-17 10:00")]
    actions = [
        action("reach-out", "2026-11-16 10:00", "Dana", "linkedin", personal=True),
        action("reach-out", "2026-11-16 11:00", "Sam", "email", personal=False),
        action("reach-out", "2026-11-17 11:00", "Sam", "linkedin"),
        action("give", "2026-11-17 12:00", "Dana", "coffee"),
        action("ask", "2026-11-18 12:00", "Sam", "call"),
        action("give", "2026-11-10 12:00", "Dana", "email"),  # last week
    ]
    followups = [
        followup("Dana", "2026-11-18", "2026-11-16 10:00", closed="2026-11-17 09:00"),
        followup("Sam", "2026-11-18", "2026-11-16 10:00"),
    ]
    notes = [WeekNote(id="n", week="2026-W47", reflection="coffee works", focus="give more")]
    analysis = Analysis(
        dataset(contacts=contacts, actions=actions, followups=followups, week_notes=notes), NOW
    )
    review = week_review(analysis, analysis.current_week)
    assert review.channels == {"linkedin": 2, "email": 1, "call": 1, "coffee": 1}
    assert (review.reach_outs, review.personal_reach_outs) == (3, 1)
    assert review.personal_share == pytest.approx(1 / 3)
    assert (review.reciprocity.gives, review.reciprocity.takes) == (1, 1)
    assert review.all_time.gives == 2
    assert [c.name for c in review.new_contacts] == ["Sam"]
    assert (review.followups.opened, review.followups.on_time) == (2, 1)
    assert [f.contact_id for f in review.followups.overdue] == ["c-Sam"]
    assert review.note.reflection == "coffee works"
    last = week_review(analysis, analysis.current_week.shifted(-1))
    assert (last.is_current, last.days_left, last.reciprocity.gives, last.channels) == (
        False,
        0,
        1,
        {"email": 1},
    )


def test_week_command_with_a_skipped_week_and_reflection(cli) -> None:
    cli("give", "Dana", "deck")  # the data file, and its habits, start in 2026-W47
    with time_at(moment("2026-12-02 10:00")):  # two weeks on
        cli("give", "Dana", "intro", "--on", "2026-11-24")
        assert cli("skip", "--week", "last", "--reason", "holiday").code == 0
        assert cli("reflect", "--week", "2026-W48", "quiet", "week", "--focus", "reach").code == 0
        review = json.loads(cli("week", "--week", "last", "--json").out)
        assert review["week"] == "2026-W48"
        assert review["skipped"] and review["skip_reason"] == "holiday"
        assert all(h["status"] == SKIPPED for h in review["habits"])
        assert (review["reflection"], review["focus"]) == ("quiet week", "reach")
        text = cli("week", "--week", "2026-W48").out
        assert "skipped (holiday)" in text and "quiet week" in text
        assert cli("unskip", "--week", "2026-W48").code == 0
        again = cli("unskip", "--week", "2026-W48")  # counts already: nothing to undo
        assert (again.code, again.out) == (0, "2026-W48 is not skipped: it counts already\n")
        assert cli("history").out.count("unskipped week 2026-W48") == 1
        again = json.loads(cli("week", "--week", "2026-W48", "--json").out)
        assert not again["skipped"]
        assert again["habits"][1]["status"] == "missed"
        assert again["reflection"] == "quiet week"
        earlier = json.loads(cli("week", "--week", "2026-W46", "--json").out)
        assert {h["status"] for h in earlier["habits"]} == {UNTRACKED}


def _year_of_history(seed: int) -> Dataset:
    rng = random.Random(seed)
    people = [contact(f"Person {n}", rng.choice(["inner", "active", "wider"])) for n in range(40)]
    actions = []
    day = moment("2025-11-20 09:00")
    while day < NOW:
        for _ in range(rng.randint(0, 3)):
            when = day.add(hours=rng.randint(0, 10))
            if when < NOW:
                actions.append(
                    action(
                        rng.choice(BUILTIN_KINDS),
                        when.to_datetime_string(),
                        rng.choice(people).name,
                        rng.choice(CHANNELS),
                    )
                )
        day = day.add(days=1)
    return dataset(contacts=people, actions=actions)


def test_review_over_a_year_of_history_agrees_with_plain_counting() -> None:
    data = _year_of_history(seed=3)
    analysis = Analysis(data, NOW)
    calendar = analysis.calendar
    for back in range(0, 52, 5):
        week = analysis.current_week.shifted(-back)
        review = week_review(analysis, week)
        in_week = [a for a in data.actions if week.contains(calendar.day_of(a.at))]
        assert sum(review.channels.values()) == len(in_week)
        assert review.reciprocity.gives == sum(a.kind == "give" for a in in_week)
        assert review.reciprocity.takes == sum(a.kind in ("ask", "receive") for a in in_week)
        for record in review.habits:
            this_week = record.week(week, analysis.tally)
            assert this_week.count == sum(a.kind in record.habit.kinds for a in in_week)
            met_run = 0
            for hw in reversed(record.weeks):
                if hw.status != MET:
                    break
                met_run += 1
            if record.latest and record.latest.status != "in progress":
                assert record.current_streak == met_run
            assert 0 <= record.strength <= 1
            assert record.best_streak >= record.current_streak
        all_gives = sum(
            a.kind == "give" and calendar.day_of(a.at) <= week.end for a in data.actions
        )
        assert review.all_time.gives == all_gives
        assert len(review.trend) == 12 and review.trend[-1].week == week


def test_week_text_fits_80_columns_with_long_names(cli) -> None:
    long_name = "Maximilian Alexander von Hohenzollern-Sigmaringen the Third"
    cli("meet", long_name, "x" * 200, "--on", "mon")
    cli("reflect", "y" * 300)
    lines = cli("week").out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(line.startswith("Reflection") for line in lines)


def test_the_channel_mix_adds_only_what_the_channel_list_does_not_say(cli) -> None:
    def channels_line() -> str:
        return next(line for line in cli("week").out.splitlines() if line.startswith("Channels"))

    cli("give", "Dana Lee", "deck")
    cli("give", "Dana Lee", "notes")
    assert channels_line().split() == ["Channels", "other", "2"]  # no "(other 2)" again
    cli("reach", "Sam Ortiz", "hi", "--channel", "linkedin")
    cli("reach", "Sam Ortiz", "again", "--channel", "email")
    cli("meet", "Sam Ortiz", "coffee", "--channel", "coffee")
    assert channels_line().split("  ", 1)[1].strip() == (
        "other 2 · linkedin 1 · email 1 · coffee 1  (online 2 · in person 1)"
    )


def test_going_cold_reads_as_time_waited_against_the_cadence(cli) -> None:
    cli("contact", "add", "Old Friend", "--circle", "inner")  # every 14 days
    cli("give", "Old Friend", "birthday wishes", "--on", "2026-10-06")
    assert "Going cold   Old Friend · quiet 6 weeks · every 2 weeks" in cli("week").out
    assert cold_phrase(None, 800, 7) == "never in touch · every 7 days"
    assert cold_phrase(date(2023, 1, 1), 1199, 30) == "quiet 3 years · every 4 weeks"
    assert cold_phrase(date(2026, 11, 1), 20, None) == "quiet 2 weeks"
