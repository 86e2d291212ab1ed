"""Introductions: a give to each person, the two linked, and introductions made to you."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.introductions import (
    INTRODUCED_TO_YOU,
    INTRODUCED_YOU,
    YOU_INTRODUCED,
    introductions_made,
    introductions_of,
    plan_introduction,
    plan_received_introduction,
)
from netrack.domain.quicklog import LogRequest
from netrack.domain.reciprocity import week_balance
from netrack.domain.weeks import Calendar
from netrack.errors import UsageError
from netrack.store import Store
from tests.builders import contact, dataset, moment
from tests.conftest import refused_then_new

NOW = moment("2026-11-19 15:30")
CAL = Calendar()


def _ids():
    counter = iter(range(1, 1000))
    return lambda: f"id{next(counter)}"


def test_an_introduction_is_one_give_to_each_person_and_links_them() -> None:
    data = dataset(contacts=[contact("Ana Diaz"), contact("Ben Carter")])
    outcome = plan_introduction(
        data, "ana", "ben", NOW, NOW, "both work on compilers", make_id=_ids()
    )
    gives = [o.action for o in outcome.logged]
    assert [(a.kind, a.contact_id) for a in gives] == [
        ("give", "c-Ana Diaz"),
        ("give", "c-Ben Carter"),
    ]
    assert gives[0].note == "introduced to Ben Carter: both work on compilers"
    assert gives[1].note == "introduced to Ana Diaz: both work on compilers"
    intro = outcome.introduction
    assert (intro.a_id, intro.b_id, intro.by_id) == ("c-Ana Diaz", "c-Ben Carter", None)
    assert intro.action_ids == tuple(a.id for a in gives)
    # Both gives count: reciprocity and the give habit see two.
    analysis = Analysis(dataset(contacts=data.contacts, actions=gives), NOW)
    assert week_balance(analysis.tally, analysis.current_week).gives == 2
    assert analysis.balances["c-Ana Diaz"].gives == 1
    assert analysis.balances["c-Ben Carter"].gives == 1
    assert set(analysis.last_touches) == {"c-Ana Diaz", "c-Ben Carter"}


def test_an_introduction_creates_people_not_yet_known() -> None:
    data = dataset(contacts=[contact("Ana Diaz")])
    outcome = plan_introduction(data, "ana", "Ben Carter", NOW, NOW, make_id=_ids())
    assert [c.name for c in outcome.new_contacts] == ["Ben Carter"]
    assert outcome.introduction.b_id == outcome.new_contacts[0].id
    assert outcome.logged[0].action.note == "introduced to Ben Carter"


def test_an_introduction_needs_two_different_people() -> None:
    data = dataset(contacts=[contact("Ana Diaz")])
    with pytest.raises(UsageError, match="two people"):
        plan_introduction(data, "ana", "Ana Diaz", NOW, NOW)
    with pytest.raises(UsageError, match="two people"):
        plan_introduction(dataset(), "Zoe", "zoe", NOW, NOW)


def test_each_person_lists_the_introduction_with_the_other() -> None:
    data = dataset(contacts=[contact("Ana Diaz"), contact("Ben Carter"), contact("Cleo")])
    made = plan_introduction(data, "ana", "ben", NOW, NOW, make_id=_ids()).introduction
    request = LogRequest(kind="receive", contact_name="Cleo", at=moment("2026-11-18 10:00"))
    received = plan_received_introduction(data, request, "Dov Katz", NOW, _ids()).introduction
    intros = [made, received]
    (ana,) = introductions_of(intros, "c-Ana Diaz")
    assert (ana.role, ana.other_id) == (YOU_INTRODUCED, "c-Ben Carter")
    (ben,) = introductions_of(intros, "c-Ben Carter")
    assert (ben.role, ben.other_id) == (YOU_INTRODUCED, "c-Ana Diaz")
    (cleo,) = introductions_of(intros, "c-Cleo")
    assert (cleo.role, cleo.other_id) == (INTRODUCED_YOU, received.a_id)
    (dov,) = introductions_of(intros, received.a_id)
    assert (dov.role, dov.other_id) == (INTRODUCED_TO_YOU, "c-Cleo")


def test_receiving_an_introduction_logs_help_received_and_creates_the_new_person() -> None:
    data = dataset(contacts=[contact("Cleo")])
    request = LogRequest(
        kind="receive", contact_name="cleo", at=moment("2026-11-18 10:00"), note="great fit"
    )
    outcome = plan_received_introduction(data, request, "Dov Katz", NOW, _ids())
    (logged,) = outcome.logged
    assert (logged.action.kind, logged.action.contact_id) == ("receive", "c-Cleo")
    assert logged.action.note == "introduced you to Dov Katz: great fit"
    (dov,) = outcome.new_contacts
    assert (dov.name, dov.met_how) == ("Dov Katz", "introduced by Cleo")
    assert dov.met_on == date(2026, 11, 18)
    intro = outcome.introduction
    assert (intro.by_id, intro.a_id, intro.b_id, intro.note) == (
        "c-Cleo",
        dov.id,
        None,
        "great fit",
    )


def test_receiving_an_introduction_to_someone_known_leaves_them_as_they_are() -> None:
    data = dataset(contacts=[contact("Cleo"), contact("Dov Katz")])
    request = LogRequest(kind="receive", contact_name="cleo", at=NOW)
    outcome = plan_received_introduction(data, request, "dov", NOW, _ids())
    assert outcome.new_contacts == ()
    assert outcome.introduction.a_id == "c-Dov Katz"


def test_nobody_introduces_you_to_themselves() -> None:
    data = dataset(contacts=[contact("Cleo Park")])
    request = LogRequest(kind="receive", contact_name="cleo", at=NOW)
    with pytest.raises(UsageError, match="themselves"):
        plan_received_introduction(data, request, "Cleo Park", NOW)


def test_the_week_counts_only_introductions_you_made_in_it() -> None:
    data = dataset(contacts=[contact("Ana"), contact("Ben"), contact("Cleo")])
    this_week = plan_introduction(data, "Ana", "Ben", NOW, NOW).introduction
    # Sun 15 Nov belongs to the week before (weeks start on Monday).
    last_week = plan_introduction(data, "Ana", "Cleo", moment("2026-11-15 20:00"), NOW)
    monday = plan_introduction(data, "Ben", "Cleo", moment("2026-11-16 08:00"), NOW)
    request = LogRequest(kind="receive", contact_name="Cleo", at=NOW)
    to_me = plan_received_introduction(data, request, "Dov", NOW).introduction
    week = CAL.week_of(NOW)
    intros = [this_week, last_week.introduction, monday.introduction, to_me]
    made = introductions_made(intros, week, CAL)
    assert made == [monday.introduction, this_week]


# From the shell --------------------------------------------------------------------------


def test_intro_command_logs_two_gives_and_shows_on_both_people(cli, db_path) -> None:
    result = cli("intro", "Ana Diaz", "Ben Carter", "both", "work", "on", "compilers")
    assert result.code == 0, result.err
    assert "new contact: Ana Diaz" in result.out
    assert "introduced Ana Diaz ↔ Ben Carter · Thu 19 Nov · gives this week 2/3" in result.out
    data = Store(db_path).load()
    assert sorted(a.kind for a in data.actions) == ["give", "give"]
    shown = cli("contact", "show", "ben")
    assert "intro    introduced to Ana Diaz, Thu 19 Nov: both work on compilers" in shown.out
    as_json = json.loads(cli("contact", "show", "ana", "--json").out)
    (intro,) = as_json["introductions"]
    assert intro["role"] == "you-introduced"
    assert intro["with"] == "Ben Carter"
    assert intro["on"] == "2026-11-19"
    assert intro["note"] == "both work on compilers"


def test_intro_command_takes_a_day_and_a_channel(cli, db_path) -> None:
    result = cli("intro", "Ana", "Ben", "--on", "mon", "--channel", "email")
    assert result.code == 0, result.err
    data = Store(db_path).load()
    assert {(a.at.day, a.channel) for a in data.actions} == {(16, "email")}


def test_intro_command_refuses_one_person_twice(cli, db_path) -> None:
    result = cli("intro", "Ana", "ana")
    assert result.code == 2
    assert "two people" in result.err
    assert not db_path.exists() or not Store(db_path).load().actions


def test_receive_intro_to_creates_the_person_with_how_you_met(cli, db_path) -> None:
    result = cli("receive", "Cleo", "--intro-to", "Dov Katz", "great", "fit")
    assert result.code == 0, result.err
    assert "new contact: Dov Katz (how we met: introduced by Cleo)" in result.out
    shown = cli("contact", "show", "dov")
    assert "met      introduced by Cleo" in shown.out
    assert "intro    introduced to you by Cleo, Thu 19 Nov: great fit" in shown.out
    assert "intro    introduced you to Dov Katz" in cli("contact", "show", "cleo").out
    data = Store(db_path).load()
    (action,) = data.actions
    assert action.kind == "receive"


def test_intro_to_goes_only_with_receive(cli) -> None:
    result = cli("give", "Cleo", "--intro-to", "Dov")
    assert result.code == 2
    assert "--intro-to goes with 'receive'" in result.err


def test_an_introduction_keeps_a_meetings_follow_up_as_a_give_does(cli, db_path) -> None:
    cli("meet", "Ana Diaz", "coffee", "--on", "mon")
    assert [f.is_open for f in Store(db_path).load().followups] == [True]
    assert cli("intro", "ana", "Ben Carter").code == 0
    data = Store(db_path).load()
    (followup,) = data.followups
    ana_give = next(
        a for a in data.actions if a.kind == "give" and a.contact_id == followup.contact_id
    )
    assert followup.closed_by_action_id == ana_give.id
    assert cli("undo").code == 0
    assert [f.is_open for f in Store(db_path).load().followups] == [True], "undo opens it again"


def test_intro_takes_a_close_name_for_a_new_person_only_with_new(cli, store: Store) -> None:
    cli("contact", "add", "Dana Lee")
    done = refused_then_new(cli, store, "intro", "Dana Lea", "Ben Carter", "both", "hire")
    assert "introduced Dana Lea ↔ Ben Carter" in done.out
    gives = {(a.kind, a.note) for a in store.load().actions}
    assert gives == {
        ("give", "introduced to Ben Carter: both hire"),
        ("give", "introduced to Dana Lea: both hire"),
    }


@pytest.mark.parametrize("close", ["introducer", "introduced"])
def test_receive_intro_to_takes_close_names_for_new_people_only_with_new(
    cli, store: Store, close: str
) -> None:
    cli("contact", "add", "Dana Lee")
    names = ("Dana Lea", "Sam Ortiz") if close == "introducer" else ("Sam Ortiz", "Dana Lea")
    done = refused_then_new(cli, store, "receive", names[0], "--intro-to", names[1])
    assert f"new contact: {names[1]} (how we met: introduced by {names[0]})" in done.out
    (action,) = store.load().actions
    assert action.kind == "receive"
    assert action.note == f"introduced you to {names[1]}"
