"""The demo history: repeatable, realistic, consistent, and written only into empty files."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from netrack.demo import (
    POST,
    demo_records,
    history_records,
    summarize,
    write_demo,
    write_history,
)
from netrack.domain.followups import TOUCH_KINDS, followup_closed_by
from netrack.domain.habits import DEFAULT_HABITS
from netrack.domain.kinds import ASK, CHANNELS, GIVE, MEET, REACH_OUT, RECEIVE
from netrack.domain.models import (
    DEFAULT_CADENCES,
    NO_CADENCE,
    Action,
    Contact,
    FollowUp,
    Habit,
    Settings,
    WeekNote,
)
from netrack.domain.quicklog import meeting_followup_due
from netrack.domain.weeks import Calendar
from netrack.errors import UsageError
from netrack.store import Store
from tests.conftest import FROZEN_NOW

CALENDAR = Calendar()


class Demo:
    """One generated history, split by record type."""

    def __init__(self, records: list) -> None:
        self.records = records
        self.contacts = [r for r in records if isinstance(r, Contact)]
        self.actions = [r for r in records if isinstance(r, Action)]
        self.followups = [r for r in records if isinstance(r, FollowUp)]
        self.habits = [r for r in records if isinstance(r, Habit)]
        self.week_notes = [r for r in records if isinstance(r, WeekNote)]
        self.by_contact = {c.id: c for c in self.contacts}

    def last_touch(self) -> dict[str, datetime]:
        latest: dict[str, datetime] = {}
        for action in self.actions:
            if action.contact_id is not None:
                seen = latest.get(action.contact_id)
                latest[action.contact_id] = action.at if seen is None else max(seen, action.at)
        return latest

    def count_by_contact(self, *kinds: str) -> Counter:
        return Counter(a.contact_id for a in self.actions if a.kind in kinds)


@pytest.fixture(scope="module")
def demo() -> Demo:
    return Demo(demo_records(now=FROZEN_NOW))


# Repeatable ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_records_ids_included() -> None:
    assert demo_records(seed=3, now=FROZEN_NOW) == demo_records(seed=3, now=FROZEN_NOW)


def test_another_seed_gives_another_history() -> None:
    first, second = demo_records(seed=1, now=FROZEN_NOW), demo_records(seed=2, now=FROZEN_NOW)
    fixed = {h[0] for h in DEFAULT_HABITS}
    assert {r.id for r in first}.isdisjoint({r.id for r in second} - fixed)
    assert [a.at for a in Demo(first).actions] != [a.at for a in Demo(second).actions]


def test_ids_are_unique_version_4_uuids(demo: Demo) -> None:
    ids = [r.id for r in demo.records]
    assert len(ids) == len(set(ids))
    custom = [r.id for r in demo.records if r.id not in {h[0] for h in DEFAULT_HABITS}]
    assert all(uuid.UUID(i).version == 4 for i in custom)


# The shape of the story ---------------------------------------------------------------


def test_about_forty_contacts_in_three_circles(demo: Demo) -> None:
    assert 35 <= len(demo.contacts) <= 45
    circles = Counter(c.circle for c in demo.contacts)
    assert 4 <= circles["inner"] <= 8
    assert 10 <= circles["active"] <= 18
    assert 15 <= circles["wider"] <= 25
    cadences = [c.cadence_days for c in demo.contacts]
    assert any(c not in (None, NO_CADENCE) for c in cadences), "a custom cadence"
    assert NO_CADENCE in cadences, "someone never to be reminded of"


def test_contacts_look_like_real_people(demo: Demo) -> None:
    names = [c.name for c in demo.contacts]
    assert len({n.casefold() for n in names}) == len(names)
    assert any("'" in n for n in names)
    assert any(not n.isascii() for n in names)
    assert sum(1 for c in demo.contacts if c.company and c.role and c.met_how) >= 30
    assert sum(1 for c in demo.contacts if c.tags) >= 30
    assert all(c.email.endswith(".example") for c in demo.contacts if c.email)
    assert sum(1 for c in demo.contacts if c.email) >= 20
    assert sum(1 for c in demo.contacts if c.url.startswith("https://")) >= 15


def test_the_history_covers_the_weeks_asked_for(demo: Demo) -> None:
    this_week = CALENDAR.week_of(FROZEN_NOW)
    weeks = {CALENDAR.week_of(a.at) for a in demo.actions}
    assert min(weeks) == this_week.shifted(-25)
    assert max(weeks) == this_week
    assert 300 <= len(demo.actions) <= 600
    assert summarize(demo.records).weeks == 26
    short = Demo(demo_records(weeks=4, now=FROZEN_NOW))
    assert min(CALENDAR.week_of(a.at) for a in short.actions) == this_week.shifted(-3)


def test_nothing_happens_after_now(demo: Demo) -> None:
    moments = [c.created for c in demo.contacts]
    moments += [m for a in demo.actions for m in (a.at, a.logged)]
    moments += [f.created for f in demo.followups] + [f.closed for f in demo.followups if f.closed]
    moments += [n.updated for n in demo.week_notes if n.updated]
    assert max(moments) <= FROZEN_NOW


def test_actions_happen_at_plausible_times(demo: Demo) -> None:
    hours = Counter(a.at.hour for a in demo.actions)
    assert min(hours) >= 7
    assert max(hours) <= 23
    assert sum(n for h, n in hours.items() if 8 <= h < 19) > 0.75 * len(demo.actions)
    assert sum(n for h, n in hours.items() if h >= 19) > 0, "some evenings"
    weekends = sum(1 for a in demo.actions if a.at.weekday() >= 5)
    assert 0 < weekends < 0.15 * len(demo.actions)


def test_every_channel_is_used_in_a_plausible_mix(demo: Demo) -> None:
    channels = Counter(a.channel for a in demo.actions)
    assert set(channels) == set(CHANNELS)
    meets = Counter(a.channel for a in demo.actions if a.kind == MEET)
    assert meets["coffee"] + meets["event"] + meets["call"] > 0.8 * sum(meets.values())


def test_reach_outs_are_mostly_but_not_all_personal(demo: Demo) -> None:
    personal = Counter(a.personal for a in demo.actions if a.kind == REACH_OUT)
    assert set(personal) == {True, False}
    assert personal[True] > personal[False]
    assert all(a.personal is None for a in demo.actions if a.kind != REACH_OUT)


def test_a_holiday_week_a_few_weeks_back_is_skipped_and_quiet(demo: Demo) -> None:
    skipped = [n for n in demo.week_notes if n.skipped]
    assert len(skipped) == 1
    assert skipped[0].skip_reason
    this_week = CALENDAR.week_of(FROZEN_NOW)
    holiday = CALENDAR.week_labelled(skipped[0].week)
    assert this_week.shifted(-7) <= holiday <= this_week.shifted(-3)
    assert not [a for a in demo.actions if CALENDAR.week_of(a.at) == holiday]


def test_several_weeks_have_a_reflection_and_next_weeks_focus(demo: Demo) -> None:
    reflected = [n for n in demo.week_notes if n.reflection and n.focus]
    assert len(reflected) >= 5
    last_week = CALENDAR.week_of(FROZEN_NOW).shifted(-1)
    assert last_week.label in {n.week for n in reflected}
    assert len({n.week for n in demo.week_notes}) == len(demo.week_notes), "one note per week"


def test_habits_are_the_defaults_plus_posts_with_one_target_change(demo: Demo) -> None:
    first_day = CALENDAR.week_of(FROZEN_NOW).shifted(-25).start
    by_name = {h.name: h for h in demo.habits}
    assert [h[1] for h in DEFAULT_HABITS] == [h.name for h in demo.habits[:4]]
    assert all(h.created == first_day for h in demo.habits[:4])
    changed = [h for h in demo.habits if len(h.targets) > 1]
    assert len(changed) == 1
    assert changed[0].targets[0].target != changed[0].targets[-1].target
    posts = by_name["Posts shared"]
    assert posts.kinds == (POST,)
    assert posts.target == 1
    assert any(a.kind == POST and a.contact_id is None for a in demo.actions)


def test_most_weeks_meet_the_targets_and_some_do_not(demo: Demo) -> None:
    skipped = {n.week for n in demo.week_notes if n.skipped}
    this_week = CALENDAR.week_of(FROZEN_NOW)
    met = missed = 0
    for habit in demo.habits:
        week = CALENDAR.week_of_day(habit.created)
        while week < this_week:
            if week.label not in skipped:
                done = sum(
                    1
                    for a in demo.actions
                    if a.kind in habit.kinds and week.contains(CALENDAR.day_of(a.at))
                )
                if done >= habit.target_until(week.end):
                    met += 1
                else:
                    missed += 1
            week = week.shifted(1)
    assert met > 1.5 * missed
    assert missed >= 5


# Relationships ------------------------------------------------------------------------


def test_every_reference_points_to_a_record(demo: Demo) -> None:
    actions = {a.id: a for a in demo.actions}
    followups = {f.id: f for f in demo.followups}
    for action in demo.actions:
        assert action.contact_id is None or action.contact_id in demo.by_contact
        if action.contact_id:
            assert demo.by_contact[action.contact_id].created <= action.at
        if action.followup_id:
            assert followups[action.followup_id].source_action_id == action.id
        if action.closed_followup_id:
            assert followups[action.closed_followup_id].closed_by_action_id == action.id
    for followup in demo.followups:
        assert followup.contact_id in demo.by_contact
        assert actions[followup.source_action_id].contact_id == followup.contact_id
        if followup.closed is not None:
            closer = actions[followup.closed_by_action_id]
            assert closer.kind in TOUCH_KINDS, "a reach-out, give, meeting or follow-up"
            assert closer.contact_id == followup.contact_id
            assert closer.at == followup.closed


def test_introductions_and_events_are_played_by_the_domain_rules(demo: Demo) -> None:
    from netrack.domain.models import Event, Introduction

    intros = [r for r in demo.records if isinstance(r, Introduction)]
    events = [r for r in demo.records if isinstance(r, Event)]
    assert len(intros) == 2 and len(events) == 4
    actions = {a.id: a for a in demo.actions}
    made = next(i for i in intros if i.by_id is None)
    assert [actions[i].kind for i in made.action_ids] == [GIVE, GIVE]
    assert {actions[i].contact_id for i in made.action_ids} == {made.a_id, made.b_id}
    met = next(e for e in events if e.met)
    assert all(i in demo.by_contact for e in events for i in (*e.know, *e.met))
    assert [actions[i].channel for i in met.action_ids] == ["event"] * len(met.met)
    today = FROZEN_NOW.date()
    assert {e.on > today for e in events} == {True, False}  # some to come, some past


# Any day of the year ---------------------------------------------------------------

# Awkward days to make the demo on: moment, time zone, weeks of history.
DEMO_DAYS = [
    pytest.param(
        (2026, 11, 30, 9, 0), "Europe/Berlin", 26, id="a Monday: this week's event is today"
    ),
    pytest.param((2026, 11, 30, 0, 5), "Europe/Berlin", 26, id="five minutes into the week"),
    pytest.param(
        (2026, 11, 27, 17, 0), "Europe/Berlin", 26, id="a Friday, the day before its PyData"
    ),
    pytest.param((2027, 1, 1, 10, 0), "UTC", 26, id="a Friday in ISO week 2026-W53"),
    pytest.param((2028, 2, 29, 12, 0), "America/New_York", 26, id="a leap day"),
    pytest.param((2026, 12, 6, 23, 30), "Europe/Berlin", 26, id="a Sunday, as the week ends"),
    pytest.param(
        (2026, 11, 30, 8, 0), "Europe/Berlin", 1, id="one week of history, on its first day"
    ),
]


@pytest.mark.parametrize(("parts", "zone", "weeks"), DEMO_DAYS)
def test_the_demo_is_made_on_any_day_with_its_events_and_introductions(
    parts: tuple[int, ...], zone: str, weeks: int
) -> None:
    import pendulum

    from netrack.domain.events import events_in_week
    from netrack.domain.models import Event, Introduction
    from netrack.domain.occasions import coming_up

    now = pendulum.datetime(*parts, tz=zone)
    demo = Demo(demo_records(weeks=weeks, now=now))
    today, week = now.date(), CALENDAR.week_of(now)
    actions = {a.id: a for a in demo.actions}
    first = min(c.created for c in demo.contacts)
    moments = [a.at for a in demo.actions] + [f.created for f in demo.followups]
    assert max(moments) <= now, "nothing happens after now"
    for action in demo.actions:
        if action.contact_id:
            assert demo.by_contact[action.contact_id].created <= action.at
    events = {e.name: e for e in demo.records if isinstance(e, Event)}
    meetup, later = events["Data Night meetup"], events["startup demo day"]
    assert events_in_week(events.values(), week)[0] == meetup, "the review has an event"
    assert len(meetup.met) == 3 and meetup.on <= today
    assert {actions[i].at.date() for i in meetup.action_ids} == {max(meetup.on, first.date())}
    assert later.on == today - timedelta(days=1) and not later.met, "one still to debrief"
    coming = sorted(e.on for e in events.values() if e.on > today)
    assert len(coming) == 2 and coming[0].weekday() == 5, "a Saturday to prepare for"
    intros = [r for r in demo.records if isinstance(r, Introduction)]
    made = next(i for i in intros if i.made_by_you)
    assert week.contains(made.at.date()), "the review counts an introduction made"
    assert [actions[i].kind for i in made.action_ids] == [GIVE, GIVE]
    assert all(first <= i.at <= now for i in intros)
    soon = coming_up(demo.contacts, today)
    assert [(d.label, (d.on - today).days) for d in soon] == [
        ("birthday", 3),
        ("work anniversary", 6),
    ], "Today has dates coming up"


def test_demo_no_tui_works_on_the_monday_before_its_own_event(cli, tmp_path: Path) -> None:
    import pendulum

    from tests.conftest import time_at

    target = tmp_path / "demo.json"
    with time_at(pendulum.datetime(2026, 11, 30, 13, 15, tz="Europe/Berlin")):
        result = cli("demo", "--no-tui", "--db", str(target))
    assert result.code == 0, result.err
    events = Store(target).load().events
    assert {e.name for e in events if e.met} == {"Data Night meetup"}


def test_meetings_open_follow_ups_due_two_days_later(demo: Demo) -> None:
    meets = [a for a in demo.actions if a.kind == MEET]
    followups = {f.id: f for f in demo.followups}
    assert meets and all(a.followup_id for a in meets)
    for meet in meets:
        followup = followups[meet.followup_id]
        assert (followup.due - meet.at.date()).days == 2
        assert followup.text.startswith("Follow up after meeting")


def test_follow_ups_are_opened_and_closed_as_netrack_logs_them(demo: Demo) -> None:
    """The demo tells the product's story: its follow-ups follow plan_log's rules."""
    followups = {f.id: f for f in demo.followups}
    opened_by = {f.source_action_id: f for f in demo.followups}
    still_open = {
        f.id: f._replace(closed=None, closed_by_action_id=None) for f in followups.values()
    }
    closes = 0
    for action in sorted(demo.actions, key=lambda a: a.at):
        if action.kind == MEET:
            owed = opened_by[action.id]
            assert owed.created == action.at, "owed from when the meeting happened"
            assert owed.due == meeting_followup_due(action.at.date(), Settings())
        if action.contact_id is not None:
            known = [
                f
                for f in still_open.values()
                if f.created <= action.at and f.source_action_id != action.id
            ]
            expected = followup_closed_by(known, action.contact_id, action.kind)
            closed = expected.id if expected is not None else None
            assert action.closed_followup_id == closed, "what logging it would close"
            if expected is not None:
                assert followups[expected.id].closed == action.at
                del still_open[expected.id]
                closes += 1
        if action.kind == REACH_OUT:
            assert action.personal is not None
        else:
            assert action.personal is None, "only reach-outs say whether they were personal"
    assert closes > 20


def test_follow_ups_are_mostly_kept_on_time_some_late_some_still_owed(demo: Demo) -> None:
    today = FROZEN_NOW.date()
    closed = [f for f in demo.followups if f.closed is not None]
    on_time = [f for f in closed if f.closed.date() <= f.due]
    late = [f for f in closed if f.closed.date() > f.due]
    overdue = [f for f in demo.followups if f.closed is None and f.due < today]
    coming = [f for f in demo.followups if f.closed is None and f.due > today]
    assert len(on_time) > 2 * len(late) > 0
    assert len(overdue) == 2
    assert 1 <= len(coming) <= 5


def test_a_few_contacts_only_ever_take(demo: Demo) -> None:
    gives = demo.count_by_contact(GIVE)
    takes = demo.count_by_contact(ASK, RECEIVE)
    only_take = [c for c in takes if not gives[c]]
    assert 1 <= len(only_take) <= 3


def test_one_contact_has_given_more_than_they_got(demo: Demo) -> None:
    gives = demo.count_by_contact(GIVE)
    received = demo.count_by_contact(RECEIVE)
    generous = [c for c in received if 0 < gives[c] < received[c]]
    assert generous


def test_a_few_contacts_are_going_cold(demo: Demo) -> None:
    last = demo.last_touch()
    cold = []
    for contact in demo.contacts:
        cadence = contact.cadence_days
        if cadence is None:
            cadence = DEFAULT_CADENCES.get(contact.circle or "")
        # Someone never touched yet counts from when they were added (as netrack does).
        if cadence and (FROZEN_NOW - last.get(contact.id, contact.created)).days > cadence:
            cold.append(contact.circle)
    assert 3 <= len(cold) <= 8
    assert set(cold) == {"inner", "active", "wider"}


def test_generous_contact_and_cold_ones_hold_for_other_seeds() -> None:
    for seed in (5, 11):
        other = Demo(demo_records(seed=seed, now=FROZEN_NOW))
        test_a_few_contacts_only_ever_take(other)
        test_follow_ups_are_mostly_kept_on_time_some_late_some_still_owed(other)
        test_a_few_contacts_are_going_cold(other)
        test_every_channel_is_used_in_a_plausible_mix(other)


# Writing ------------------------------------------------------------------------------


def test_the_demo_survives_the_round_trip_through_the_file(store: Store, frozen) -> None:
    records = demo_records(now=frozen)
    summary = write_demo(store, now=frozen)
    data = store.load()
    original = Demo(records)
    assert sorted(data.actions) == sorted(original.actions)
    assert sorted(data.contacts) == sorted(original.contacts)
    assert sorted(data.followups) == sorted(original.followups)
    assert sorted(data.week_notes) == sorted(original.week_notes)
    assert sorted(data.habits) == sorted(original.habits)
    assert summary.actions == len(original.actions)


def test_the_demo_is_not_written_into_a_file_with_data(store: Store, frozen) -> None:
    with store.transaction() as tx:
        tx.save(Contact(id="c1", name="Dana Lee", created=frozen))
    before = store.path.read_bytes()
    with pytest.raises(UsageError, match="already holds 1 contacts"):
        write_demo(store, now=frozen)
    assert store.path.read_bytes() == before


def test_weeks_out_of_range_are_refused() -> None:
    for weeks in (0, -1, 521):
        with pytest.raises(UsageError, match="weeks must be between 1 and 520"):
            demo_records(weeks=weeks, now=FROZEN_NOW)


# Benchmark histories ------------------------------------------------------------------


@pytest.mark.parametrize(("actions", "contacts"), [(3000, 150), (7, 1), (0, 0), (40, 500)])
def test_history_has_exactly_the_counts_asked_for(actions: int, contacts: int) -> None:
    history = Demo(history_records(actions, contacts, seed=4, now=FROZEN_NOW))
    assert len(history.actions) == actions
    assert len(history.contacts) == contacts
    test_every_reference_points_to_a_record(history)
    assert max((a.at for a in history.actions), default=FROZEN_NOW) <= FROZEN_NOW


def test_history_spreads_about_forty_actions_a_week() -> None:
    history = history_records(4000, 300, now=FROZEN_NOW)
    assert 90 <= summarize(history).weeks <= 115
    assert history == history_records(4000, 300, now=FROZEN_NOW)


def test_history_names_stay_unique_beyond_every_name_pair() -> None:
    contacts = Demo(history_records(10, 6000, now=FROZEN_NOW)).contacts
    assert len({c.name for c in contacts}) == 6000


def test_history_without_contacts_is_refused() -> None:
    with pytest.raises(UsageError, match="needs at least one contact"):
        history_records(10, 0, now=FROZEN_NOW)


def test_write_history_fills_an_empty_file(store: Store, frozen) -> None:
    summary = write_history(store, 500, 60, now=frozen)
    data = store.load()
    assert (len(data.actions), len(data.contacts)) == (500, 60) == (summary.actions, 60)


def test_the_generator_does_not_import_textual() -> None:
    code = "import sys, netrack.demo; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# The command --------------------------------------------------------------------------


def test_demo_no_tui_writes_the_data_file_and_says_so(cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.json"
    result = cli("demo", "--no-tui", "--db", str(target))
    assert result.code == 0, result.err
    assert result.out.startswith(f"demo written to {target}: 42 contacts, ")
    assert len(result.out.splitlines()) == 1
    assert len(Store(target).load().contacts) == 42
    history = cli("--db", str(target), "history").out
    assert history.splitlines()[0].endswith("  wrote the demo history")
    assert cli("--db", str(target), "undo").out == "undid: wrote the demo history\n"
    assert Store(target).load().contacts == ()


def test_demo_no_tui_refuses_a_second_run(cli, tmp_path: Path) -> None:
    target = tmp_path / "demo.json"
    assert cli("demo", "--no-tui", "--db", str(target), "--seed", "2").code == 0
    before = target.read_bytes()
    result = cli("demo", "--no-tui", "--db", str(target))
    assert result.code == 2
    assert "already holds 42 contacts" in result.err
    assert len(result.err.splitlines()) == 1
    assert target.read_bytes() == before


def test_demo_no_tui_never_writes_into_the_users_own_file(cli, db_path: Path) -> None:
    result = cli("demo", "--no-tui")
    assert result.code == 2
    assert "--db demo.json" in result.err
    assert not db_path.exists()


def test_demo_no_tui_takes_weeks_and_seed(cli, db_path: Path) -> None:
    result = cli("demo", "--no-tui", "--weeks", "8", "--seed", "9", "--db", str(db_path))
    assert result.code == 0, result.err
    assert "over 8 weeks" in result.out
    expected = Demo(demo_records(weeks=8, seed=9, now=FROZEN_NOW))
    assert sorted(Store(db_path).load().actions) == sorted(expected.actions)


@pytest.mark.parametrize("bad", [["--weeks", "0"], ["--weeks", "many"], ["--seed", "x"]])
def test_demo_refuses_bad_numbers(cli, bad: list[str]) -> None:
    result = cli("demo", "--no-tui", *bad)
    assert result.code == 2
    assert result.err.startswith("netrack: ")


def test_demo_opens_the_app_on_a_fresh_temporary_file(cli, db_path, tmp_path, monkeypatch):
    from netrack.cli.commands import app, demo

    opened = []

    def fake_run_app(args, ctx) -> int:
        opened.append((ctx.store.path, len(ctx.store.load().contacts), ctx.now))
        return 0

    monkeypatch.setattr(demo, "has_terminal", lambda: True)
    monkeypatch.setattr(app, "run_app", fake_run_app)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    result = cli("demo")
    assert result.code == 0, result.err
    [(path, contacts, now)] = opened
    assert (contacts, now) == (42, FROZEN_NOW)
    assert path.parent.parent == tmp_path and path.parent.name.startswith("netrack-demo-")
    assert str(path) in result.out
    assert not db_path.exists(), "the user's own data file is left alone"


def test_demo_without_a_terminal_writes_nothing(cli, db_path, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    before = sorted(tmp_path.iterdir())
    result = cli("demo")
    assert result.code == 2
    assert "--no-tui" in result.err
    assert sorted(tmp_path.iterdir()) == before
    assert not db_path.exists()


def test_the_demo_plans_its_last_weeks_by_the_plan_rules(demo: Demo) -> None:
    from netrack.domain.models import PlanItem
    from netrack.domain.plans import covers
    from netrack.domain.weeks import Calendar

    calendar = Calendar()
    plans = [r for r in demo.records if isinstance(r, PlanItem)]
    actions = {a.id: a for a in demo.actions}
    this_week = calendar.week_of(FROZEN_NOW).label
    assert {p.week for p in plans} == {
        calendar.week_of(FROZEN_NOW).shifted(-n).label for n in range(4)
    }
    for item in plans:
        if item.status == "done":
            action = actions[item.action_id]
            assert action.contact_id == item.contact_id and covers(item, action.kind)
            assert calendar.week_of(action.at).label == item.week
        else:
            assert item.action_id is None
    assert {p.status for p in plans if p.week != this_week} == {"done", "open", "dropped"}
    carried = [p for p in plans if p.carried_from]
    assert [p.week for p in carried] == [this_week]
