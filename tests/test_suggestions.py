"""The ranked suggestions: each reason, the order between them, and who is left out.

Time is Thu 19 Nov 2026 15:30 (week 2026-W47, Mon 16 – Sun 22 Nov) unless a test says.
"""

from __future__ import annotations

from datetime import date

import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.dates import DateComing, YearlyDate, parse_yearly
from netrack.domain.suggestions import (
    ASK_ONLY,
    DATE,
    DORMANT,
    FOLLOWUP_DUE,
    NEW_CONTACT,
    OVERDUE_REASON,
    OWE,
    PROMISE_DUE,
    Suggestion,
    ranked,
    suggestions,
)
from tests.builders import action, contact, dataset, followup, moment, plan

NOW = moment("2026-11-19 15:30")


def suggest(now=NOW, dates=None, week=None, **parts) -> list[Suggestion]:
    return suggestions(Analysis(dataset(**parts), now), dates, week)


def only(found: list[Suggestion]) -> Suggestion:
    assert len(found) == 1, [(s.contact.name, s.reason) for s in found]
    return found[0]


# Each reason -------------------------------------------------------------------------------


def test_an_overdue_follow_up_after_a_meeting_is_followup_due() -> None:
    met = action("meet", "2026-11-13 10:00", "Sam")
    owed = followup("Sam", "2026-11-17", "2026-11-13 10:00", text="send the notes", source=met)
    found = only(suggest(contacts=[contact("Sam", None)], actions=[met], followups=[owed]))
    assert (found.reason, found.kind, found.followup_id) == (FOLLOWUP_DUE, "follow-up", owed.id)
    assert found.why == "2 days overdue · met Fri 13 Nov"
    assert found.score == 102


def test_a_promise_due_within_three_days_is_promise_due() -> None:
    soon = followup("Dana", "2026-11-20", "2026-11-16 10:00", text="send the deck")
    later = followup("Kim", "2026-11-23", "2026-11-16 10:00", text="intro to Ben")
    found = only(
        suggest(contacts=[contact("Dana", None), contact("Kim", None)], followups=[soon, later])
    )
    assert (found.contact.name, found.reason, found.kind) == ("Dana", PROMISE_DUE, "follow-up")
    assert found.why == "due Fri 20 Nov · promised: send the deck"


def test_a_closed_follow_up_is_not_suggested() -> None:
    done = followup("Dana", "2026-11-17", "2026-11-10 10:00", closed="2026-11-16 10:00")
    assert suggest(contacts=[contact("Dana", None)], followups=[done]) == []


def test_a_contact_past_their_cadence_is_overdue_the_coldest_first() -> None:
    people = [contact("Ines", "inner"), contact("Ari", "active")]
    actions = [
        action("reach-out", "2026-10-20 10:00", "Ines"),  # 30 days, every 14: 1.14 late
        action("reach-out", "2026-10-01 10:00", "Ari"),  # 49 days, every 30: 0.63 late
    ]
    found = suggest(contacts=people, actions=actions)
    assert [(s.contact.name, s.reason, s.kind) for s in found] == [
        ("Ines", OVERDUE_REASON, "reach-out"),
        ("Ari", OVERDUE_REASON, "reach-out"),
    ]
    assert found[0].why == "last in touch 4 weeks ago; inner circle, every 14 days"
    assert found[0].score > found[1].score


def test_people_long_past_their_cadence_are_still_ranked_by_how_far_past() -> None:
    people = [contact("Abe", "active"), contact("Zed", "inner"), contact("Mia", "active")]
    actions = [
        action("reach-out", "2026-08-11 10:00", "Abe"),  # 100 days, every 30: 2.3 late
        action("reach-out", "2026-05-03 10:00", "Zed"),  # 200 days, every 14: 13.3 late
        action("reach-out", "2025-11-19 10:00", "Mia"),  # 365 days, every 30: 11.2 late
    ]
    found = suggest(contacts=people, actions=actions)
    assert [s.contact.name for s in found] == ["Zed", "Mia", "Abe"]
    assert all(40 < s.score < 60 for s in found), "below owing and fresh meetings"


def test_someone_you_asked_twice_since_you_last_gave_is_owed_a_give() -> None:
    actions = [
        action("ask", "2026-09-01 10:00", "Lee"),
        action("give", "2026-10-01 10:00", "Lee"),
        action("ask", "2026-10-10 10:00", "Lee"),
        action("ask", "2026-11-02 10:00", "Lee"),
        action("receive", "2026-11-05 10:00", "Lee"),
    ]
    found = only(suggest(contacts=[contact("Lee", circle=None)], actions=actions))
    assert (found.reason, found.kind) == (OWE, "give")
    assert found.why == "you asked twice and got help once since you last gave"


@pytest.mark.parametrize(("asks", "owed"), [(2, False), (3, True)])
def test_a_balance_of_minus_two_is_owed_minus_one_not_yet(asks: int, owed: bool) -> None:
    actions = [action("give", "2026-10-01 10:00", "Lee")]
    actions += [action("ask", f"2026-10-1{n} 10:00", "Lee") for n in range(asks)]
    found = suggest(contacts=[contact("Lee", circle=None)], actions=actions)
    assert [s.reason for s in found] == ([OWE] if owed else [])


@pytest.mark.parametrize(("gave_on", "suggested"), [("2026-11-14", False), ("2026-10-10", True)])
def test_a_recent_give_with_nothing_taken_since_lets_a_debt_rest(
    gave_on: str, suggested: bool
) -> None:
    actions = [action("ask", f"2026-09-0{n} 10:00", "Lee") for n in range(1, 5)]
    actions.append(action("give", f"{gave_on} 10:00", "Lee"))
    found = suggest(contacts=[contact("Lee", circle=None)], actions=actions)
    assert [s.why for s in found] == (
        ["you asked or got help 4 times and gave once"] if suggested else []
    ), "30 days after the give, with nothing taken since, the whole debt is named again"


def test_someone_you_only_ever_asked_of_is_ask_only() -> None:
    actions = [action("ask", "2026-11-02 10:00", "Priya")]
    found = only(suggest(contacts=[contact("Priya", circle=None)], actions=actions))
    assert (found.reason, found.kind) == (ASK_ONLY, "give")
    assert found.why == "you asked once; you never gave"


def test_a_new_contact_met_this_week_with_nothing_since_is_new_contact() -> None:
    people = [
        contact("Mei", circle=None, created="2026-11-17 09:00"),
        contact("Noor", circle=None, created="2026-11-17 09:00"),
        contact("Old Pal", circle=None, created="2025-01-05 09:00"),
    ]
    actions = [
        action("meet", "2026-11-17 10:00", "Mei"),
        action("meet", "2026-11-17 10:00", "Noor"),
        action("give", "2026-11-18 10:00", "Noor"),  # followed up already
        action("meet", "2026-11-17 10:00", "Old Pal"),  # met, but not new
    ]
    found = only(suggest(contacts=people, actions=actions))
    assert (found.contact.name, found.reason, found.kind) == ("Mei", NEW_CONTACT, "follow-up")
    assert found.why == "met 2 days ago (Tue 17 Nov), nothing logged since"


def test_a_meeting_over_two_weeks_ago_is_no_longer_recent() -> None:
    people = [contact("Mei", circle=None, created="2026-11-01 09:00")]
    actions = [action("meet", "2026-11-04 10:00", "Mei")]
    assert suggest(contacts=people, actions=actions) == []


def _wider_ties() -> list:
    return [contact(f"Tie {n}", "wider", created="2023-03-01 09:00") for n in range(6)]


def test_one_dormant_tie_a_week_the_same_all_week() -> None:
    ties = _wider_ties()
    monday = only(suggest(now=moment("2026-11-16 08:00"), contacts=ties))
    sunday = only(suggest(now=moment("2026-11-22 21:00"), contacts=ties))
    assert (monday.reason, monday.kind) == (DORMANT, "reach-out")
    assert monday.contact == sunday.contact
    assert monday.why == "dormant tie: added 3 years ago, never in touch"
    picks = {
        only(suggest(now=moment(f"2026-{day} 10:00"), contacts=ties)).contact.name
        for day in ("11-26", "12-03", "12-10", "12-17", "12-24")
    }
    assert len(picks) > 1, "another week, another tie"


def test_no_other_dormant_tie_once_this_weeks_one_was_reached() -> None:
    ties = _wider_ties()
    pick = only(suggest(contacts=ties)).contact.name
    reached = [action("reach-out", "2026-11-17 10:00", pick.removeprefix("c-"))]
    assert suggest(contacts=ties, actions=reached) == []


def test_someone_reached_this_week_who_was_not_dormant_leaves_the_weeks_tie() -> None:
    ties = _wider_ties()
    pick = only(suggest(contacts=ties)).contact
    recent = contact("Recent", "wider", created="2023-03-01 09:00")
    actions = [
        action("reach-out", "2026-06-01 10:00", "Recent"),  # within a year of the week's eve
        action("reach-out", "2026-11-17 10:00", "Recent"),  # and again this week
    ]
    found = suggest(contacts=[*ties, recent], actions=actions)
    assert [(s.contact, s.reason) for s in found] == [(pick, DORMANT)]


def test_a_tie_dormant_on_the_weeks_eve_and_reached_since_ends_the_weeks_tie() -> None:
    ties = _wider_ties()
    pick = only(suggest(contacts=ties)).contact.name
    others = [t for t in ties if t.name != pick]
    # Another one dormant since 2024, reached on Tuesday: this week's tie was reached.
    actions = [
        action("reach-out", "2024-05-01 10:00", others[0].name),
        action("reach-out", "2026-11-17 10:00", others[0].name),
    ]
    assert suggest(contacts=ties, actions=actions) == []


def test_a_year_of_silence_in_a_close_circle_is_overdue_not_dormant() -> None:
    people = [contact("Ines", "inner", created="2024-01-05 09:00")]
    actions = [action("give", "2025-06-01 10:00", "Ines")]
    assert only(suggest(contacts=people, actions=actions)).reason == OVERDUE_REASON


def test_an_important_date_this_week_is_date() -> None:
    people = [contact("Dana", circle=None), contact("Kim", circle=None), contact("Ben", None)]
    dates = [
        DateComing("c-Dana", "birthday", date(2026, 11, 19), YearlyDate(11, 19, 1986)),
        DateComing("c-Kim", "work anniversary", date(2026, 11, 22), YearlyDate(11, 22, 2021)),
        DateComing("c-Ben", "birthday", date(2026, 11, 27), YearlyDate(11, 27)),  # 8 days on
    ]
    found = suggest(contacts=people, dates=dates)
    assert [(s.contact.name, s.reason, s.kind, s.why) for s in found] == [
        ("Dana", DATE, "reach-out", "birthday today (turns 40)"),
        ("Kim", DATE, "reach-out", "work anniversary in 3 days (5 years)"),
    ]


def test_the_contacts_own_dates_in_the_next_seven_days_are_suggested() -> None:
    dana = contact("Dana", circle=None)._replace(birthday=parse_yearly("1990-11-26"))
    kim = contact("Kim", circle=None)._replace(dates=(("anniversary", parse_yearly("11-27")),))
    gone = contact("Gone", circle=None, archived=True)._replace(birthday=parse_yearly("11-20"))
    found = suggest(now=NOW, dates=None, contacts=[dana, kim, gone])
    assert [(s.contact.name, s.reason, s.kind) for s in found] == [("Dana", DATE, "reach-out")]
    assert found[0].why == "birthday in 7 days (turns 36)"


def test_a_feb_29_birthday_is_suggested_on_feb_28_of_a_common_year() -> None:
    leap = contact("Leap", circle=None)._replace(birthday=parse_yearly("2000-02-29"))
    found = suggest(now=moment("2027-02-28 09:00"), dates=None, contacts=[leap])
    assert [(s.reason, s.why) for s in found] == [(DATE, "birthday today (turns 27)")]


# The order between reasons ------------------------------------------------------------------


def test_deadlines_then_fresh_meetings_then_paying_back_then_cadence_then_dormant() -> None:
    people = [
        contact("Late", circle=None),
        contact("Bday", circle=None),
        contact("Today", circle=None),
        contact("Soon", circle=None),
        contact("Fresh", circle=None, created="2026-11-17 09:00"),
        contact("Owed", circle=None),
        contact("Cold", "active"),
        *_wider_ties()[:1],
    ]
    met = action("meet", "2026-11-10 10:00", "Soon")
    actions = [
        met,
        action("meet", "2026-11-18 09:00", "Fresh"),
        action("ask", "2026-10-01 10:00", "Owed"),
        action("ask", "2026-10-02 10:00", "Owed"),
        action("reach-out", "2026-11-05 10:00", "Late"),
        action("reach-out", "2026-11-05 10:00", "Bday"),
        action("reach-out", "2026-11-05 10:00", "Today"),
        action("reach-out", "2026-09-25 10:00", "Cold"),
    ]
    followups = [
        followup("Late", "2026-11-18", "2026-11-05 10:00", text="deck"),
        followup("Today", "2026-11-19", "2026-11-05 10:00", text="intro"),
        followup("Soon", "2026-11-20", "2026-11-10 10:00", source=met),
    ]
    dates = [DateComing("c-Bday", "birthday", date(2026, 11, 19), YearlyDate(11, 19))]
    found = suggest(contacts=people, actions=actions, followups=followups, dates=dates)
    assert [(s.contact.name, s.reason) for s in found] == [
        ("Late", PROMISE_DUE),
        ("Bday", DATE),
        ("Today", PROMISE_DUE),
        ("Soon", FOLLOWUP_DUE),
        ("Fresh", NEW_CONTACT),
        ("Owed", ASK_ONLY),
        ("Cold", OVERDUE_REASON),
        ("Tie 0", DORMANT),
    ]
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True)


def test_a_person_is_suggested_once_for_the_most_pressing_reason() -> None:
    actions = [action("ask", "2026-10-01 10:00", "Lee"), action("ask", "2026-10-02 10:00", "Lee")]
    owed = followup("Lee", "2026-11-18", "2026-10-01 10:00", text="thank-you note")
    found = only(suggest(contacts=[contact("Lee")], actions=actions, followups=[owed]))
    assert found.reason == PROMISE_DUE


@pytest.mark.parametrize("shown", [0, 1, 2, 3, 4, 5, 6])
def test_the_first_few_shown_are_the_head_of_the_whole_ranking(shown: int) -> None:
    # Three owe alike (a tie at the cut when two are shown), two are overdue alike.
    names = ["Zoe", "amy", "Bea", "Cy", "dan"]
    people = [contact(n, "active" if n in ("Cy", "dan") else None) for n in names]
    actions = [action("ask", f"2026-10-0{n} 10:00", who) for who in names[:3] for n in (1, 2)]
    actions += [action("reach-out", "2026-09-01 10:00", who) for who in ("Cy", "dan")]
    analysis = Analysis(dataset(contacts=people, actions=actions), NOW)
    found = ranked(analysis)
    assert found.count == 5
    first = [(s.contact.name, s.reason) for s in found.first(shown)]
    everyone = [("amy", ASK_ONLY), ("Bea", ASK_ONLY), ("Zoe", ASK_ONLY)]
    everyone += [("Cy", OVERDUE_REASON), ("dan", OVERDUE_REASON)]
    assert first == everyone[:shown]
    assert found.first(shown) == suggestions(analysis)[:shown]


# Who is left out -----------------------------------------------------------------------------


def test_archived_contacts_are_never_suggested() -> None:
    people = [contact("Gone", archived=True)]
    actions = [action("ask", "2026-10-01 10:00", "Gone")]
    assert suggest(contacts=people, actions=actions) == []


def test_someone_already_in_touch_today_is_not_suggested() -> None:
    actions = [
        action("ask", "2026-10-01 10:00", "Lee"),
        action("reach-out", "2026-11-19 09:00", "Lee"),
    ]
    assert suggest(contacts=[contact("Lee", circle=None)], actions=actions) == []


def test_a_plan_item_of_that_kind_leaves_the_reason_out_but_not_others() -> None:
    people = [contact("Lee", circle=None)]
    actions = [action("ask", "2026-10-01 10:00", "Lee"), action("ask", "2026-10-02 10:00", "Lee")]
    owed = followup("Lee", "2026-11-18", "2026-10-01 10:00", text="thank-you note")
    parts = {"contacts": people, "actions": actions, "followups": [owed]}
    found = only(suggest(plans=[plan("Lee", kind="follow-up")], **parts))
    assert (found.reason, found.kind) == (ASK_ONLY, "give")
    assert suggest(plans=[plan("Lee", kind="follow-up"), plan("Lee", kind="give")], **parts) == []
    assert suggest(plans=[plan("Lee", kind=None)], **parts) == [], "any kind covers every kind"
    dropped = plan("Lee", kind=None, status="dropped")
    assert only(suggest(plans=[dropped], **parts)).reason == PROMISE_DUE


@pytest.mark.parametrize("week", ["2026-W47", "2026-W48"])
def test_the_plan_asked_about_is_the_one_left_out(week: str) -> None:
    from netrack.domain.weeks import Calendar

    actions = [action("ask", "2026-10-01 10:00", "Lee")]
    parts = {"contacts": [contact("Lee", circle=None)], "actions": actions}
    planned = [plan("Lee", week="2026-W48", kind="give")]
    found = suggest(plans=planned, week=Calendar().week_labelled(week), **parts)
    assert [s.reason for s in found] == ([ASK_ONLY] if week == "2026-W47" else [])


# netrack next -------------------------------------------------------------------------------


def _owing(cli) -> None:
    for name in ("Priya Nair", "Kim Park", "Lee Wong"):
        assert cli("ask", name, "a favour", "--on", "2026-11-02").code == 0
    assert cli("meet", "Sam Ortiz", "coffee", "--on", "2026-11-13").code == 0  # due Sun 15


def test_next_json_lists_each_person_with_the_documented_fields(cli) -> None:
    import json

    _owing(cli)
    found = json.loads(cli("next", "--json").out)
    assert [(s["contact"], s["kind"], s["reason"]) for s in found] == [
        ("Sam Ortiz", "follow-up", FOLLOWUP_DUE),
        ("Kim Park", "give", ASK_ONLY),
        ("Lee Wong", "give", ASK_ONLY),
        ("Priya Nair", "give", ASK_ONLY),
    ]
    assert set(found[0]) == {
        "contact",
        "contact_id",
        "kind",
        "reason",
        "why",
        "score",
        "followup_id",
    }
    assert found[0]["why"] == "4 days overdue · met Fri 13 Nov: coffee"
    assert found[0]["score"] == 104
    assert found[1]["followup_id"] is None
    assert len(json.loads(cli("next", "--json", "--limit", "2").out)) == 2


def test_next_text_numbers_the_people_and_says_how_to_plan_one(cli) -> None:
    _owing(cli)
    lines = cli("next", "--limit", "2").out.splitlines()
    assert lines[0] == "get in touch with (of 4; --limit N for more):"
    assert lines[1].split() == [
        "1.",
        "Sam",
        "Ortiz",
        "follow-up",
        "4",
        "days",
        "overdue",
        "·",
        "met",
        "Fri",
        "13",
        "Nov:",
        "coffee",
    ]
    assert lines[2].split()[:4] == ["2.", "Kim", "Park", "give"]
    assert lines[-1] == "plan one for this week: netrack plan add NAME [KIND] [NOTE]"


def test_next_names_a_birthday_and_a_date_coming_up_from_the_contacts(cli) -> None:
    import json

    cli("contact", "add", "Dana Lee", "--birthday", "1986-11-19")
    cli("contact", "add", "Kim Park", "--date", "work anniversary=2021-11-24")
    cli("contact", "add", "Ben Ode", "--birthday", "11-30")  # eleven days on
    found = json.loads(cli("next", "--json").out)
    assert [(s["contact"], s["reason"], s["kind"], s["why"]) for s in found] == [
        ("Dana Lee", DATE, "reach-out", "birthday today (turns 40)"),
        ("Kim Park", DATE, "reach-out", "work anniversary in 5 days (5 years)"),
    ]


def test_next_with_nobody_to_suggest_and_a_bad_limit(cli) -> None:
    assert cli("next").out == "nobody to suggest right now: nothing due, owed or going cold\n"
    bad = cli("next", "--limit", "0")
    assert (bad.code, bad.err) == (
        2,
        "netrack: argument --limit: must be 1 or more; see 'netrack next --help'\n",
    )
