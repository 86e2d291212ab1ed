"""Events: prepared before the day, debriefed after it."""

from __future__ import annotations

import json
from datetime import date

import pytest

from netrack.domain.events import (
    EventFields,
    edit_event,
    event_standing,
    find_event,
    new_event,
    plan_debrief,
    still_to_prepare,
    upcoming_and_past,
)
from netrack.domain.models import Event
from netrack.domain.weeks import Calendar
from netrack.domain.when import parse_day
from netrack.errors import UsageError
from netrack.store import Store
from tests.builders import contact, dataset, followup, moment
from tests.conftest import refused_then_new

NOW = moment("2026-11-19 15:30")  # a Thursday
TODAY = date(2026, 11, 19)
CAL = Calendar()


def event(name: str = "PyCon", on: str = "2026-11-17", **fields) -> Event:
    return Event(id=f"e-{name}", name=name, on=date.fromisoformat(on), created=NOW, **fields)


# The day of an event ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("today", "2026-11-19"),
        ("tomorrow", "2026-11-20"),
        ("yesterday", "2026-11-18"),
        ("sat", "2026-11-21"),
        ("thu", "2026-11-19"),  # today's weekday is today
        ("wed", "2026-11-25"),  # a weekday is the next one
        ("+2w", "2026-12-03"),
        ("3d", "2026-11-16"),
        ("2027-02-28", "2027-02-28"),
    ],
)
def test_an_event_day_can_be_past_or_future(typed: str, day: str) -> None:
    assert parse_day(typed, NOW, CAL) == date.fromisoformat(day)


@pytest.mark.parametrize("typed", ["2026-02-30", "soon", "3000-01-01", ""])
def test_a_bad_event_day_is_refused(typed: str) -> None:
    with pytest.raises(UsageError):
        parse_day(typed, NOW, CAL)


# Preparing -------------------------------------------------------------------------------


def test_a_new_event_needs_a_name_and_a_day_and_says_what_to_prepare() -> None:
    data = dataset(contacts=[contact("Ana Diaz")])
    change = new_event(
        data, EventFields(name=" PyCon ", on="sat", goal="meet three compiler people"), NOW
    )
    assert (change.event.name, change.event.on) == ("PyCon", date(2026, 11, 21))
    assert still_to_prepare(change.event) == (
        "who is going",
        "whom to meet",
        "your one-line intro",
        "questions to ask",
    )
    with pytest.raises(UsageError, match="needs a name"):
        new_event(data, EventFields(name=" ", on="sat"), NOW)
    with pytest.raises(UsageError, match="say when"):
        new_event(data, EventFields(name="PyCon"), NOW)


def test_a_fully_prepared_event_has_nothing_left_to_prepare() -> None:
    data = dataset(contacts=[contact("Ana Diaz")])
    fields = EventFields(
        name="PyCon",
        on="sat",
        goal="g",
        know="ana",
        to_meet="the CPython core devs",
        intro="I build compilers",
        questions="what slows your builds?",
    )
    change = new_event(data, fields, NOW)
    assert still_to_prepare(change.event) == ()
    assert change.event.know == ("c-Ana Diaz",)


def test_people_going_are_found_or_added_once_each() -> None:
    data = dataset(contacts=[contact("Ana Diaz")])
    change = new_event(data, EventFields(name="PyCon", on="sat", know="ana, Zoe Li, zoe, "), NOW)
    assert [c.name for c in change.new_contacts] == ["Zoe Li"]
    assert change.event.know == ("c-Ana Diaz", change.new_contacts[0].id)


def test_event_names_are_unique_whatever_the_case() -> None:
    data = dataset(events=[event("PyCon Berlin")])
    with pytest.raises(UsageError, match="already exists"):
        new_event(data, EventFields(name="pycon berlin", on="sat"), NOW)
    renamed = edit_event(data, data.events[0], EventFields(name="PYCON Berlin"), NOW)
    assert renamed.event.name == "PYCON Berlin"


def test_editing_nothing_changes_nothing() -> None:
    data = dataset(events=[event("PyCon", goal="g")])
    change = edit_event(data, data.events[0], EventFields(goal="g"), NOW)
    assert change.event is data.events[0]
    edited = edit_event(data, data.events[0], EventFields(goal="new"), NOW).event
    assert (edited.goal, edited.updated) == ("new", NOW)


def test_events_are_found_by_name_prefix_word_or_id() -> None:
    events = [event("PyCon Berlin"), event("Python meetup"), event("Rust Nation")]
    assert find_event(events, "rust").name == "Rust Nation"
    assert find_event(events, "meetup").name == "Python meetup"
    assert find_event(events, "e-Rus").name == "Rust Nation"
    with pytest.raises(UsageError, match="matches 2 events"):
        find_event(events, "py")
    with pytest.raises(UsageError, match="no event matches"):
        find_event(events, "Go")


# Debriefing ------------------------------------------------------------------------------


def test_debrief_logs_a_meeting_with_each_person_at_the_event_day() -> None:
    data = dataset(contacts=[contact("Ana Diaz")], events=[event("PyCon", on="2026-11-17")])
    debrief = plan_debrief(data, data.events[0], ["ana", "Ben Carter"], NOW, "compilers")
    actions = [o.action for o in debrief.logged]
    assert [(a.kind, a.channel, a.note) for a in actions] == [("meet", "event", "compilers")] * 2
    assert {a.at for a in actions} == {moment("2026-11-17 12:00")}
    # A new name becomes a contact whose "how we met" is the event.
    (ben,) = debrief.new_contacts
    assert (ben.name, ben.met_how) == ("Ben Carter", "PyCon")
    assert ben.created == moment("2026-11-17 12:00")  # met then, not when debriefed
    assert ben.met_on == date(2026, 11, 17)
    assert [a.contact_id for a in actions] == ["c-Ana Diaz", ben.id]
    # Each meeting opens a follow-up, due as a meeting's is (2 days later by default).
    opened = [o.opened for o in debrief.logged]
    assert all(f is not None and f.due == date(2026, 11, 19) for f in opened)
    assert debrief.event.met == ("c-Ana Diaz", ben.id)
    assert debrief.event.action_ids == tuple(a.id for a in actions)


def test_debrief_note_defaults_to_the_event() -> None:
    data = dataset(events=[event("PyCon")])
    (logged,) = plan_debrief(data, data.events[0], ["Ana"], NOW).logged
    assert logged.action.note == "at PyCon"


def test_debrief_does_not_log_someone_met_there_twice() -> None:
    data = dataset(contacts=[contact("Ana Diaz")], events=[event("PyCon")])
    first = plan_debrief(data, data.events[0], ["ana", "Ana Diaz"], NOW)
    assert len(first.logged) == 1
    again = plan_debrief(data, first.event, ["ana", "Ben"], NOW)
    assert [c.name for c in again.already_met] == ["Ana Diaz"]
    assert [o.contact.name for o in again.logged if o.contact] == ["Ben"]
    assert again.event.met == ("c-Ana Diaz", again.new_contacts[0].id)


def test_an_event_is_debriefed_once_it_happened() -> None:
    data = dataset(events=[event("PyCon", on="2026-11-21")])
    with pytest.raises(UsageError, match="once it has happened"):
        plan_debrief(data, data.events[0], ["Ana"], NOW)
    today = dataset(events=[event("PyCon", on="2026-11-19")])
    (logged,) = plan_debrief(today, today.events[0], ["Ana"], NOW).logged
    assert logged.action.at == moment("2026-11-19 12:00")
    morning = moment("2026-11-19 09:15")
    (early,) = plan_debrief(today, today.events[0], ["Ana"], morning).logged
    assert early.action.at == morning  # never a noon still to come


def test_debrief_needs_someone() -> None:
    data = dataset(events=[event("PyCon")])
    with pytest.raises(UsageError, match="name the people"):
        plan_debrief(data, data.events[0], [" "], NOW)


def test_an_event_shows_who_was_met_and_which_follow_ups_are_open() -> None:
    ana, ben = contact("Ana"), contact("Ben")
    kept = followup("Ana", "2026-11-19", "2026-11-17 12:00", closed="2026-11-18 09:00")
    owed = followup("Ben", "2026-11-19", "2026-11-17 12:00")
    unrelated = followup("Ben", "2026-11-30", "2026-11-10 12:00")
    kept, owed = kept._replace(source_action_id="m1"), owed._replace(source_action_id="m2")
    pycon = event("PyCon", met=("c-Ana", "c-Ben"), action_ids=("m1", "m2"))
    data = dataset(contacts=[ana, ben], followups=[kept, owed, unrelated], events=[pycon])
    standing = event_standing(pycon, data, TODAY)
    assert [c.name for c in standing.met] == ["Ana", "Ben"]
    assert standing.open_followups == (owed,)
    assert standing.kept == 1
    assert standing.to_prepare == ()  # nothing to prepare once the day is over
    coming = event_standing(event("Later", on="2026-11-19"), data, TODAY)
    assert "a goal" in coming.to_prepare


def test_an_event_of_today_debriefed_already_has_nothing_left_to_prepare() -> None:
    data = dataset(contacts=[contact("Ana")])
    today = event("Meetup", on=TODAY.isoformat())
    assert "a goal" in event_standing(today, data, TODAY).to_prepare
    met = event_standing(today._replace(met=("c-Ana",)), data, TODAY)
    assert met.upcoming and met.to_prepare == ()


def test_events_split_into_coming_up_soonest_first_and_past_latest_first() -> None:
    events = [
        event("A", on="2026-11-01"),
        event("B", on="2026-12-01"),
        event("C", on="2026-11-19"),
        event("D", on="2026-11-18"),
    ]
    coming, past = upcoming_and_past(events, TODAY)
    assert [e.name for e in coming] == ["C", "B"]
    assert [e.name for e in past] == ["D", "A"]


# From the shell --------------------------------------------------------------------------


def test_event_commands_prepare_debrief_and_list(cli, db_path) -> None:
    assert cli("contact", "add", "Ana Diaz").code == 0
    added = cli("event", "add", "PyCon Berlin", "--on", "tue", "--goal", "meet compiler people")
    assert added.code == 0, added.err
    assert "added event PyCon Berlin · Tue 24 Nov · to prepare: who is going" in added.out
    edited = cli("event", "edit", "pycon", "--know", "ana", "--intro", "I build compilers")
    assert edited.code == 0, edited.err
    shown = cli("event", "show", "pycon").out
    assert "going      Ana Diaz" in shown
    assert "to prepare whom to meet, questions to ask" in shown
    assert cli("event", "add", "Meetup", "--on", "yesterday").code == 0
    debrief = cli("event", "debrief", "meetup", "Ana Diaz", "Ben Carter", "--note", "parsers")
    assert debrief.code == 0, debrief.err
    assert "new contact: Ben Carter" in debrief.out
    assert "logged meet → Ben Carter · Wed 18 Nov · follow-up due Fri 20 Nov" in debrief.out
    listing = cli("events").out
    assert "1 coming up · 1 past" in listing
    assert "met 2 people · follow-ups kept 0/2 · 2 open" in listing
    events = json.loads(cli("events", "--json").out)
    assert [e["name"] for e in events] == ["Meetup", "PyCon Berlin"]
    meetup, pycon = events
    assert {"id", "name", "on", "where", "goal", "met", "open_followups"} <= set(meetup)
    assert meetup["on"] == "2026-11-18"
    assert meetup["met"] == ["Ana Diaz", "Ben Carter"]
    assert [f["contact"] for f in meetup["open_followups"]] == ["Ana Diaz", "Ben Carter"]
    assert pycon["know"] == ["Ana Diaz"]
    assert pycon["to_prepare"] == ["whom to meet", "questions to ask"]
    data = Store(db_path).load()
    ben = next(c for c in data.contacts if c.name == "Ben Carter")
    assert ben.met_how == "Meetup"
    assert {(a.kind, a.channel, a.note) for a in data.actions} == {("meet", "event", "parsers")}


def test_closing_a_follow_up_of_an_event_counts_it_kept(cli) -> None:
    cli("event", "add", "Meetup", "--on", "yesterday")
    cli("event", "debrief", "Meetup", "Ana", "Ben")
    assert cli("done", "ana").code == 0
    (meetup,) = json.loads(cli("events", "--json").out)
    assert meetup["followups"] == {"opened": 2, "kept": 1}
    assert [f["contact"] for f in meetup["open_followups"]] == ["Ben"]


def test_event_remove_asks_first_and_keeps_the_meetings(cli, db_path) -> None:
    cli("event", "add", "Meetup", "--on", "yesterday")
    cli("event", "debrief", "Meetup", "Ana")
    refused = cli("event", "remove", "meetup")
    assert refused.code == 2
    assert "--yes" in refused.err
    assert len(Store(db_path).load().events) == 1
    removed = cli("event", "remove", "meetup", "--yes")
    assert removed.code == 0, removed.err
    data = Store(db_path).load()
    assert data.events == ()
    assert [a.kind for a in data.actions] == ["meet"]


def test_event_mistakes_get_one_line(cli) -> None:
    no_day = cli("event", "add", "PyCon")
    assert no_day.code == 2
    assert "--on" in no_day.err
    assert no_day.err.count("\n") == 1
    assert cli("event", "add", "PyCon", "--on", "someday").code == 2
    assert cli("event", "show", "nothing").code == 2
    cli("event", "add", "Later", "--on", "+1w")
    future = cli("event", "debrief", "later", "Ana")
    assert future.code == 2
    assert "once it has happened" in future.err


def test_the_week_review_lists_its_events_and_counts_introductions(cli) -> None:
    cli("event", "add", "Meetup", "--on", "2d")
    cli("event", "add", "Old meetup", "--on", "2026-11-10")  # last week
    cli("event", "debrief", "Meetup", "Ana", "Ben")
    cli("done", "ana")
    cli("intro", "Ana", "Eve")  # a give to Ana and Eve: Ben's follow-up stays owed
    cli("intro", "Ana", "Cleo", "--on", "2026-11-13")  # last week
    cli("receive", "Cleo", "--intro-to", "Dov")  # made to you: not counted
    text = cli("week").out
    assert "Introduced   1 introduction made" in text
    assert "Events       Meetup (Tue 17 Nov) · met 2 · follow-ups kept 1/2" in text
    assert "Old meetup" not in text
    week = json.loads(cli("week", "--json").out)
    assert week["introductions"] == 1
    (meetup,) = week["events"]
    assert meetup["met"] == ["Ana", "Ben"]
    assert meetup["followups"] == {"opened": 2, "kept": 1}
    last = json.loads(cli("week", "--week", "last", "--json").out)
    assert last["introductions"] == 1
    assert [e["name"] for e in last["events"]] == ["Old meetup"]


def test_event_add_and_edit_take_a_close_name_going_for_a_new_person_only_with_new(
    cli, store: Store
) -> None:
    cli("contact", "add", "Dana Lee")
    refused_then_new(cli, store, "event", "add", "PyCon", "--on", "tue", "--know", "Dana Lea")
    (pycon,) = json.loads(cli("events", "--json").out)
    assert pycon["know"] == ["Dana Lea"]
    edit = ("event", "edit", "pycon", "--know", "Dana Lea,Bena Carter")
    cli("contact", "add", "Ben Carter")
    assert cli(*edit).err == "netrack: did you mean Ben Carter? (add --new to create Bena Carter)\n"
    assert cli(*edit, "--new").out == "new contact: Bena Carter\nupdated event PyCon\n"
    (pycon,) = json.loads(cli("events", "--json").out)
    assert pycon["know"] == ["Dana Lea", "Bena Carter"]


def test_event_debrief_takes_a_close_name_for_a_new_person_only_with_new(cli, store: Store) -> None:
    cli("contact", "add", "Dana Lee")
    cli("event", "add", "Meetup", "--on", "yesterday")
    done = refused_then_new(cli, store, "event", "debrief", "meetup", "Dana Lea", "Ana Diaz")
    assert "logged meet → Dana Lea · Wed 18 Nov" in done.out
    (meetup,) = json.loads(cli("events", "--json").out)
    assert meetup["met"] == ["Dana Lea", "Ana Diaz"]
