"""Reciprocity, follow-ups and keeping in touch."""

from __future__ import annotations

from datetime import date

import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.followups import (
    DUE_TODAY,
    LATE,
    ON_TIME,
    OPEN,
    OVERDUE,
    open_followups,
    status,
    week_followups,
)
from netrack.domain.keepintouch import DUE_SOON, OK
from netrack.domain.keepintouch import OVERDUE as COLD
from netrack.domain.reciprocity import all_time, trend, week_balance
from netrack.domain.weeks import Calendar
from tests.builders import action, contact, dataset, followup, moment

NOW = moment("2026-11-19 15:30")
CAL = Calendar()


# Reciprocity -----------------------------------------------------------------------------


def test_gives_count_against_asks_and_help_received() -> None:
    actions = [
        action("give", "2026-11-16 10:00", "Dana"),
        action("give", "2026-11-17 10:00", "Sam"),
        action("ask", "2026-11-17 11:00", "Sam"),
        action("receive", "2026-11-18 11:00", "Dana"),
        action("reach-out", "2026-11-18 12:00", "Dana"),  # neither side
        action("give", "2026-11-09 10:00", "Dana"),
    ]
    analysis = Analysis(dataset(actions=actions), NOW)
    week = analysis.current_week
    this_week = week_balance(analysis.tally, week)
    assert (this_week.gives, this_week.takes, this_week.balance) == (2, 2, 0)
    assert this_week.give_share == 0.5
    overall = all_time(analysis.tally)
    assert (overall.gives, overall.takes, overall.balance) == (3, 2, 1)
    weeks = trend(analysis.tally, week)
    assert len(weeks) == 12
    assert weeks[-1].week == week
    assert [(w.balance.gives, w.balance.takes) for w in weeks[-2:]] == [(1, 0), (2, 2)]


def test_give_share_is_undefined_without_any_give_or_take() -> None:
    analysis = Analysis(dataset(), NOW)
    assert week_balance(analysis.tally, analysis.current_week).give_share is None


def test_contact_flags_ask_only_and_owe() -> None:
    actions = [
        action("ask", "2026-11-02 10:00", "Asker"),
        action("receive", "2026-11-03 10:00", "Asker"),
        action("give", "2026-11-02 10:00", "Helper"),
        action("receive", "2026-11-04 10:00", "Helper"),
        action("receive", "2026-11-05 10:00", "Helper"),
        action("give", "2026-11-02 10:00", "Even"),
        action("ask", "2026-11-06 10:00", "Even"),
        action("give", "2026-11-10 10:00", "Giver"),
    ]
    balances = Analysis(dataset(actions=actions), NOW).balances
    asker, helper, even, giver = (balances[f"c-{n}"] for n in ("Asker", "Helper", "Even", "Giver"))
    assert (asker.ask_only, asker.owe, asker.balance) == (True, True, -2)
    assert (helper.ask_only, helper.owe, helper.balance) == (False, True, -1)
    assert (even.ask_only, even.owe, even.balance) == (False, False, 0)
    assert (giver.ask_only, giver.owe, giver.takes, giver.balance) == (False, False, 0, 1)
    assert asker.last_take == moment("2026-11-03 10:00")
    assert helper.last_give == moment("2026-11-02 10:00")


# Follow-ups ------------------------------------------------------------------------------


def test_follow_up_on_time_versus_late() -> None:
    today = date(2026, 11, 19)
    kept = followup("Dana", "2026-11-18", "2026-11-16 10:00", closed="2026-11-18 22:00")
    late = followup("Dana", "2026-11-18", "2026-11-16 10:00", closed="2026-11-19 09:00")
    assert status(kept, today, CAL) == ON_TIME
    assert status(late, today, CAL) == LATE
    assert status(followup("Dana", "2026-11-18", "2026-11-16 10:00"), today, CAL) == OVERDUE
    assert status(followup("Dana", "2026-11-19", "2026-11-16 10:00"), today, CAL) == DUE_TODAY
    assert status(followup("Dana", "2026-11-20", "2026-11-16 10:00"), today, CAL) == OPEN


def test_a_night_owl_closing_after_midnight_is_still_on_time() -> None:
    owl = Calendar(day_starts_at=4)
    closed_at_1am = followup("Dana", "2026-11-18", "2026-11-16 10:00", closed="2026-11-19 01:00")
    assert status(closed_at_1am, date(2026, 11, 19), owl) == ON_TIME
    assert status(closed_at_1am, date(2026, 11, 19), CAL) == LATE


def test_week_follow_ups_and_on_time_rate() -> None:
    followups = [
        followup("Dana", "2026-11-18", "2026-11-16 10:00", closed="2026-11-17 10:00"),
        followup("Sam", "2026-11-12", "2026-11-10 10:00", closed="2026-11-17 10:00"),
        followup("Lee", "2026-11-13", "2026-11-11 10:00", closed="2026-11-12 10:00"),
        followup("Ana", "2026-11-17", "2026-11-15 10:00"),
        followup("Bo", "2026-11-25", "2026-11-18 10:00"),
    ]
    week = CAL.week_of_day(date(2026, 11, 19))
    summary = week_followups(followups, week, date(2026, 11, 19), CAL)
    assert (summary.opened, summary.on_time, summary.late) == (2, 1, 1)
    assert summary.on_time_rate == 1 / 3, "Ana's, overdue, was not kept on time"
    assert [f.contact_id for f in summary.overdue] == ["c-Ana"]
    last_week = week_followups(followups, week.shifted(-1), date(2026, 11, 19), CAL)
    assert (last_week.opened, last_week.on_time, last_week.late) == (3, 1, 0)
    # At the end of last week Sam's (due the 12th) was still open and overdue.
    assert [f.contact_id for f in last_week.overdue] == ["c-Sam"]


def test_open_follow_ups_are_listed_most_overdue_first() -> None:
    followups = [
        followup("B", "2026-11-25", "2026-11-18 10:00"),
        followup("A", "2026-11-10", "2026-11-08 10:00"),
        followup("C", "2026-11-19", "2026-11-17 10:00"),
        followup("D", "2026-11-01", "2026-10-30 10:00", closed="2026-11-01 10:00"),
    ]
    assert [f.contact_id for f in open_followups(followups)] == ["c-A", "c-C", "c-B"]


# Keeping in touch ------------------------------------------------------------------------


def test_cold_contacts_are_ordered_by_how_far_past_their_cadence() -> None:
    contacts = [
        contact("Inner", "inner"),  # 14 days
        contact("Active", "active"),  # 30 days
        contact("Wider", "wider"),  # 90 days
        contact("Custom", "active", cadence_days=7),
        contact("Nobody", None),
        contact("Never", "wider", cadence_days=0),
        contact("Archived", "inner", archived=True),
        contact("Fresh", "inner"),
        contact("Soon", "active"),
    ]
    actions = [
        action("give", "2026-10-26 10:00", "Inner"),  # 24 days: 10 over 14 -> 0.71
        action("give", "2026-09-20 10:00", "Active"),  # 60 days: 30 over 30 -> 1.0
        action("give", "2026-07-01 10:00", "Wider"),  # 141 days: 51 over 90 -> 0.57
        action("give", "2026-11-09 10:00", "Custom"),  # 10 days: 3 over 7 -> 0.43
        action("give", "2026-01-10 10:00", "Nobody"),
        action("give", "2026-01-10 10:00", "Never"),
        action("give", "2026-01-10 10:00", "Archived"),
        action("meet", "2026-11-18 10:00", "Fresh"),
        action("give", "2026-10-24 10:00", "Soon"),  # 26 days of 30: due soon
    ]
    analysis = Analysis(dataset(contacts=contacts, actions=actions), NOW)
    cold = analysis.going_cold()
    assert [s.contact.name for s in cold] == ["Active", "Inner", "Wider", "Custom"]
    assert [s.days_since for s in cold] == [60, 24, 141, 10]
    assert [s.cadence for s in cold] == [30, 14, 90, 7]
    statuses = {s.contact.name: s.status for s in analysis.touch_statuses()}
    assert statuses["Soon"] == DUE_SOON
    assert statuses["Fresh"] == OK
    assert statuses["Nobody"] is None and statuses["Never"] is None
    assert "Archived" not in statuses
    assert all(s.status == COLD for s in cold)


def test_a_contact_never_touched_counts_from_when_it_was_added() -> None:
    contacts = [contact("New", "inner", created="2026-10-01 10:00")]
    (status_,) = Analysis(dataset(contacts=contacts), NOW).touch_statuses()
    assert (status_.last_touch, status_.days_since, status_.status) == (None, 49, COLD)


def test_circle_cadences_follow_the_settings() -> None:
    from netrack.domain.models import Settings

    settings = Settings(cadences={"inner": 30, "active": 60, "wider": 120})
    contacts = [contact("Inner", "inner")]
    actions = [action("give", "2026-10-26 10:00", "Inner")]
    analysis = Analysis(dataset(contacts=contacts, actions=actions, settings=settings), NOW)
    assert analysis.going_cold() == []


@pytest.mark.parametrize(
    ("days_ago", "expected"), [(23, OK), (24, DUE_SOON), (30, DUE_SOON), (31, COLD)]
)
def test_due_soon_is_the_last_fifth_of_the_cadence(days_ago: int, expected: str) -> None:
    when = NOW.subtract(days=days_ago).to_datetime_string()
    analysis = Analysis(
        dataset(contacts=[contact("Dana")], actions=[action("give", when, "Dana")]), NOW
    )
    assert analysis.touch_statuses()[0].status == expected


# The latest, not the first found ----------------------------------------------------------


def test_last_give_and_last_take_are_the_latest_whatever_the_order_stored() -> None:
    # Imports and merges leave actions out of date order in the file.
    actions = [
        action("give", "2026-11-02 10:00", "Dana"),
        action("give", "2026-11-12 10:00", "Dana"),
        action("give", "2026-11-05 10:00", "Dana"),
        action("ask", "2026-11-03 10:00", "Dana"),
        action("receive", "2026-11-13 10:00", "Dana"),
        action("ask", "2026-11-06 10:00", "Dana"),
    ]
    dana = Analysis(dataset(actions=actions), NOW).balances["c-Dana"]
    assert dana.last_give == moment("2026-11-12 10:00")
    assert dana.last_take == moment("2026-11-13 10:00")


def test_last_touch_is_the_latest_day_of_the_week_not_the_first_action_found() -> None:
    contacts = [contact("Dana", "inner")]
    actions = [  # all in 2026-W46, the latest one stored in the middle
        action("give", "2026-11-09 10:00", "Dana"),
        action("meet", "2026-11-13 10:00", "Dana"),
        action("reach-out", "2026-11-10 10:00", "Dana"),
        action("give", "2026-10-30 10:00", "Dana"),  # an earlier week
    ]
    analysis = Analysis(dataset(contacts=contacts, actions=actions), NOW)
    assert analysis.last_touches["c-Dana"] == date(2026, 11, 13)
    (dana,) = analysis.touch_statuses()
    assert (dana.last_touch, dana.days_since) == (date(2026, 11, 13), 6)
    # The week review looks back from the end of a past week the same way.
    assert analysis.touch_statuses(date(2026, 11, 12))[0].last_touch == date(2026, 11, 10)


def test_last_touch_of_counted_years_and_of_the_contacts_list_are_the_latest_too() -> None:
    from netrack.domain.tally import day_counts
    from netrack.domain.touch import last_touches

    actions = [
        action("give", "2025-03-02 10:00", "Dana"),
        action("meet", "2025-03-20 10:00", "Dana"),
        action("reach-out", "2025-03-04 10:00", "Dana"),
    ]
    counts = day_counts(actions, CAL, until=date(2026, 1, 1))
    assert counts.last_touch["c-Dana"] == date(2025, 3, 20)
    assert last_touches(actions)["c-Dana"].at == moment("2025-03-20 10:00")


# Owing -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gives", "received", "asks", "owe"),
    [
        (0, 0, 1, False),  # an ask is a take, but nobody helped you
        (1, 1, 0, False),  # helped as often as you helped: even
        (2, 2, 3, False),
        (1, 2, 0, True),  # helped once more than you helped
        (0, 1, 0, True),
    ],
)
def test_you_owe_someone_who_helped_you_more_often_than_you_helped_them(
    gives: int, received: int, asks: int, owe: bool
) -> None:
    actions = [
        *(action("give", f"2026-11-0{2 + i} 10:00", "Dana") for i in range(gives)),
        *(action("receive", f"2026-11-0{2 + i} 11:00", "Dana") for i in range(received)),
        *(action("ask", f"2026-11-0{2 + i} 12:00", "Dana") for i in range(asks)),
    ]
    assert Analysis(dataset(actions=actions), NOW).balances["c-Dana"].owe is owe


# Which follow-up an action closes --------------------------------------------------------


def test_a_follow_up_closes_the_one_owed_longest_even_when_another_is_due_sooner() -> None:
    from netrack.domain.quicklog import LogRequest, plan_log

    owed_longest = followup("Dana", "2026-11-27", "2026-11-02 10:00")
    due_sooner = followup("Dana", "2026-11-18", "2026-11-16 10:00")
    already_closed = followup("Dana", "2026-11-10", "2026-10-20 10:00", closed="2026-10-21 10:00")
    someone_else = followup("Sam", "2026-11-03", "2026-10-01 10:00")
    data = dataset(
        contacts=[contact("Dana"), contact("Sam")],
        followups=[due_sooner, someone_else, already_closed, owed_longest],
    )
    request = LogRequest(kind="follow-up", contact_name="Dana", at=NOW, note="sent notes")
    outcome = plan_log(data, request, NOW)
    assert outcome.closed is not None
    assert outcome.closed.id == owed_longest.id
    assert outcome.closed.closed == NOW
    assert outcome.action.closed_followup_id == owed_longest.id


# The review: due today is not overdue ----------------------------------------------------


def test_the_review_counts_a_follow_up_due_today_as_due_not_overdue() -> None:
    today = date(2026, 11, 19)
    week = CAL.week_of_day(today)
    due_today = followup("Dana", "2026-11-19", "2026-11-16 10:00")
    due_yesterday = followup("Sam", "2026-11-18", "2026-11-16 10:00")
    summary = week_followups([due_today, due_yesterday], week, today, CAL)
    assert [f.contact_id for f in summary.overdue] == ["c-Sam"]
    # A past week is judged at its last day: due on that Sunday is not overdue then.
    sunday = followup("Lee", "2026-11-15", "2026-11-10 10:00")
    saturday = followup("Ana", "2026-11-14", "2026-11-10 10:00")
    past = week_followups([sunday, saturday], week.shifted(-1), today, CAL)
    assert [f.contact_id for f in past.overdue] == ["c-Ana"]


def test_the_review_counts_a_follow_up_closed_that_day_as_no_longer_open() -> None:
    today = date(2026, 11, 19)
    week = CAL.week_of_day(today)
    closed_today = followup("Dana", "2026-11-12", "2026-11-10 10:00", closed="2026-11-19 09:00")
    summary = week_followups([closed_today], week, today, CAL)
    assert summary.overdue == ()
    assert summary.late == 1
    # Closed late on the Sunday that ends a past week: not overdue at that week's end.
    closed_sunday = followup("Sam", "2026-11-11", "2026-11-09 10:00", closed="2026-11-15 20:00")
    past = week_followups([closed_sunday], week.shifted(-1), today, CAL)
    assert past.overdue == ()
    assert (past.late, past.on_time) == (1, 0)
