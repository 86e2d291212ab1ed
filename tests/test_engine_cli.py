"""Habits, settings, reciprocity, follow-ups and keep-in-touch from the command line."""

from __future__ import annotations

import json

import pytest

from tests.builders import moment
from tests.conftest import time_at


def _json(cli, *args):
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


# Habits ----------------------------------------------------------------------------------


def test_habit_list_shows_the_defaults(cli) -> None:
    habits = _json(cli, "habit", "list")
    assert [(h["name"], h["kinds"], h["target"]) for h in habits] == [
        ("Reach-outs", ["reach-out"], 5),
        ("Give first", ["give"], 3),
        ("Follow-ups", ["follow-up"], 3),
        ("Meet", ["meet"], 1),
    ]
    assert "Give first" in cli("habit", "list").out


def test_habit_set_changes_the_target_from_this_week(cli) -> None:
    cli("give", "Dana")
    result = cli("habit", "set", "give first", "4")
    assert result.code == 0
    assert "4 a week from this week on (was 3" in result.out
    assert "gives this week 2/4" in cli("give", "Dana").out
    habit = next(h for h in _json(cli, "habit", "list") if h["name"] == "Give first")
    assert habit["target"] == 4


def test_a_target_change_leaves_past_weeks_alone(cli) -> None:
    cli("give", "Dana")
    with time_at(moment("2026-11-26 10:00")):
        cli("habit", "set", "Give", "5")
        last = json.loads(cli("week", "--week", "2026-W47", "--json").out)
        this = json.loads(cli("week", "--json").out)
    give = lambda review: next(h for h in review["habits"] if h["name"] == "Give first")  # noqa: E731
    assert give(last)["target"] == 3
    assert give(this)["target"] == 5


def test_habit_add_with_an_own_kind_then_log_it(cli) -> None:
    result = cli("habit", "add", "Posts shared", "--kinds", "post", "--target", "2")
    assert result.code == 0, result.err
    logged = cli("add", "post", "-", "article on onboarding")
    assert logged.code == 0, logged.err
    assert "logged post → no contact" in logged.out
    assert "posts this week 1/2" in logged.out
    assert cli("add", "Post", "Dana Lee", "shared her talk").code == 0
    week = _json(cli, "week")
    assert next(h for h in week["habits"] if h["name"] == "Posts shared")["count"] == 2


def test_habit_add_over_several_kinds(cli) -> None:
    assert cli("habit", "add", "Events", "--kinds", "meet, event", "--target", "1").code == 0
    assert cli("add", "event", "-", "PyData meetup").code == 0
    assert "Events this week 2/1" in cli("add", "event", "-", "talk").out


def test_habit_rename_kinds_and_remove(cli) -> None:
    assert cli("habit", "rename", "Meet", "Meetings").code == 0
    assert cli("habit", "kinds", "Meetings", "meet,event").code == 0
    assert cli("habit", "remove", "reach", "--yes").code == 0
    names = [(h["name"], h["kinds"]) for h in _json(cli, "habit", "list")]
    assert names == [
        ("Give first", ["give"]),
        ("Follow-ups", ["follow-up"]),
        ("Meetings", ["meet", "event"]),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["habit", "set", "Give first", "0"], "invalid target"),
        (["habit", "set", "Give first", "lots"], "invalid target"),
        (["habit", "set", "Nope", "3"], "is not a habit"),
        (["habit", "set", "X", "3"], "is not a habit"),
        (["habit", "add", "Give first", "--kinds", "give", "--target", "2"], "already exists"),
        (["habit", "add", "X", "--kinds", "bad kind!", "--target", "2"], "invalid kind"),
        (["habit", "add", "X", "--kinds", " , ", "--target", "2"], "no kinds given"),
        (["add", "post", "Dana"], "unknown kind 'post'"),
        (["config", "week-start", "funday"], "invalid week-start"),
        (["config", "day-starts-at", "13"], "invalid day-starts-at"),
        (["config", "colour", "blue"], "unknown setting"),
        (["config", "cadence.inner", "0"], "invalid cadence.inner"),
        (["skip", "--week", "2026-W99"], "does not exist"),
        (["reflect"], "give the reflection text"),
        (["done", "Nobody"], "no contact matches"),
        (["promise", "Dana", "send deck"], "required: --due"),
        (["promise", "Dana", "send deck", "--due", "yesterday"], "in the past"),
        (["balance", "--contact", "Nobody"], "no contact matches"),
    ],
)
def test_engine_commands_refuse_bad_input(cli, args, message) -> None:
    result = cli(*args)
    assert result.code == 2, result.out
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1


# Settings --------------------------------------------------------------------------------


def test_week_start_sunday_changes_week_boundaries(cli) -> None:
    assert cli("config", "week-start", "sun").out.strip() == "week-start = sunday"
    review = _json(cli, "week")
    assert (review["week"], review["start"], review["end"]) == (
        "2026-W47",
        "2026-11-15",
        "2026-11-21",
    )
    assert _json(cli, "config")["week-start"] == "sunday"


def test_day_starts_at_counts_late_nights_for_the_evening_before(cli) -> None:
    assert cli("config", "day-starts-at", "4").code == 0
    with time_at(moment("2026-11-23 01:30")):  # Monday, 01:30
        out = cli("give", "Dana", "late intro").out
        assert "Sun 22 Nov" not in out  # the stored moment is Monday 01:30...
        assert "gives this week 1/3" in out  # ...but it counts for Sunday, in 2026-W47
        review = _json(cli, "week")
    assert review["week"] == "2026-W47"


def test_followup_days_setting_applies_to_meetings(cli, store) -> None:
    cli("config", "followup-days", "5")
    cli("meet", "Dana")
    assert store.load().followups[0].due.isoformat() == "2026-11-24"


def test_cadence_and_new_contact_circle_settings(cli) -> None:
    cli("config", "new-contact-circle", "inner")
    cli("config", "cadence.inner", "3")
    cli("give", "Dana", "--on", "5d")
    (cold,) = _json(cli, "cold")
    assert (cold["contact"], cold["cadence"], cold["days_since"], cold["circle"]) == (
        "Dana",
        3,
        5,
        "inner",
    )


# Reciprocity, follow-ups, cold -------------------------------------------------------------


def test_balance_flags_ask_only_contacts_first(cli) -> None:
    cli("give", "Dana")
    cli("ask", "Sam", "intro please")
    cli("got", "Sam", "intro")
    cli("give", "Lee")
    cli("got", "Lee")
    cli("got", "Lee")
    report = _json(cli, "balance")
    assert report["all_time"] == {"gives": 2, "takes": 4, "balance": -2, "give_share": 0.3333}
    assert report["contacts"][0]["contact"] == "Sam"
    flags = {c["contact"]: (c["ask_only"], c["owe"], c["balance"]) for c in report["contacts"]}
    assert flags == {"Sam": (True, True, -2), "Lee": (False, True, -1), "Dana": (False, False, 1)}
    text = cli("balance").out
    assert "ask-only" in text and "gives 2 · takes 4" in text
    (one,) = _json(cli, "balance", "--contact", "lee")["contacts"]
    assert one["contact"] == "Lee"


def test_promise_due_done(cli) -> None:
    out = cli("promise", "Dana Lee", "send", "the", "hiring", "deck", "--due", "fri").out
    assert out.splitlines() == [
        "new contact: Dana Lee",
        "promised Dana Lee: send the hiring deck · due Fri 20 Nov",
    ]
    cli("meet", "Sam", "--on", "2026-11-10")
    due = _json(cli, "due")
    assert [(d["contact"], d["status"]) for d in due] == [("Sam", "overdue"), ("Dana Lee", "open")]
    assert "overdue" in cli("due").out
    done = cli("done", due[0]["id"][:6])
    assert done.code == 0, done.err
    assert "done: Follow up after meeting → Sam · late · logged a follow-up" in done.out
    assert cli("done", "dana").out.strip().endswith("on time · logged a follow-up")
    assert _json(cli, "due") == []
    again = cli("done", "dana")
    assert again.code == 2 and "nothing is owed" in again.err


def test_cold_lists_contacts_past_their_cadence(cli) -> None:
    cli("contact", "add", "Dana", "--circle", "inner")
    cli("contact", "add", "Sam", "--circle", "active")
    cli("give", "Dana", "--on", "2026-10-20")
    cli("give", "Sam", "--on", "2026-09-01")
    cold = _json(cli, "cold")
    # Sam is 49 days past a 30-day cadence, Dana 16 past 14: relative to cadence, Sam is colder.
    assert [(c["contact"], c["days_since"]) for c in cold] == [("Sam", 79), ("Dana", 30)]
    assert "going cold" in cli("cold").out


def test_nobody_cold_message(cli) -> None:
    assert "nobody is going cold" in cli("cold").out
