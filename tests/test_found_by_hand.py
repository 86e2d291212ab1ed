"""Bugs found by trying the daily loop by hand, each pinned by a test."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import pairwise

import pendulum

from netrack.domain.models import Action
from netrack.domain.timeline import newest_first
from netrack.store import Store
from tests.conftest import BERLIN, raw_file, time_at


def test_doctor_and_repair_handle_a_duplicated_action_whose_contact_is_missing(
    cli, store: Store
) -> None:
    cli("give", "Dana Lee", "sent the deck")
    raw = raw_file(store.path)
    action = next(iter(raw["actions"].values()))
    raw["actions"]["2"] = dict(action)  # the same action twice
    raw["contacts"] = {}  # and its contact gone
    store.path.write_text(json.dumps(raw), "utf-8")
    report = cli("doctor")
    assert report.code == 1 and "internal error" not in report.err
    assert "2 action records share the id" in report.out
    assert "points at contact" in report.out
    repaired = cli("doctor", "--repair")
    assert repaired.code == 0, repaired.err
    assert cli("doctor").code == 0
    [kept] = raw_file(store.path)["actions"].values()
    assert kept["contact_id"] is None and kept["note"] == "sent the deck"


def test_the_habit_target_set_last_wins_whatever_the_day_start(cli) -> None:
    def target() -> int:
        habits = json.loads(cli("habit", "list", "--json").out)
        return next(h["target"] for h in habits if h["name"] == "Give first")

    with time_at(pendulum.datetime(2026, 11, 23, 1, 0, tz=BERLIN)):  # Monday 01:00
        assert cli("habit", "set", "Give first", "5").code == 0  # dated Monday
    with time_at(pendulum.datetime(2026, 11, 23, 2, 30, tz=BERLIN)):
        assert cli("config", "day-starts-at", "4").code == 0
    with time_at(pendulum.datetime(2026, 11, 23, 3, 0, tz=BERLIN)):
        assert cli("habit", "set", "Give first", "1").code == 0  # dated Sunday: before 4
    with time_at(pendulum.datetime(2026, 11, 25, 12, 0, tz=BERLIN)):  # two days later
        assert target() == 1


def test_targets_stored_in_the_order_made_are_read_in_that_order(cli, store: Store) -> None:
    cli("give", "Dana Lee")
    raw = raw_file(store.path)
    habit = next(h for h in raw["habits"].values() if h["name"] == "Give first")
    # A later change dated earlier, as an earlier version stored it.
    habit["targets"] = [
        {"since": "2026-11-19", "target": 3},
        {"since": "2026-11-18", "target": 1},
    ]
    store.path.write_text(json.dumps(raw), "utf-8")
    [give_first] = [h for h in store.load().habits if h.name == "Give first"]
    assert give_first.target == 1
    assert give_first.target_until(pendulum.date(2026, 11, 22)) == 1


def test_actions_logged_in_the_same_second_list_in_the_order_logged(cli) -> None:
    for note in ("first", "second", "third"):
        cli("give", "Dana Lee", note)  # the clock is frozen: one second
    assert [line.split()[-1] for line in cli("log").out.splitlines()[1:]] == [
        "third",
        "second",
        "first",
    ]
    assert [a["note"] for a in json.loads(cli("log", "--json").out)] == [
        "third",
        "second",
        "first",
    ]
    shown = cli("contact", "show", "dana").out
    assert shown.index("third") < shown.index("second") < shown.index("first")


def test_newest_first_orders_by_when_it_happened_then_when_it_was_logged() -> None:
    def action(n: int, at: str, logged: str) -> Action:
        return Action(
            f"a{n}", "give", None, datetime.fromisoformat(at), datetime.fromisoformat(logged)
        )

    same = "2026-11-19 10:00"
    actions = [
        action(1, same, same),
        action(2, same, same),
        action(3, "2026-11-18 10:00", "2026-11-19 11:00"),
        action(4, same, "2026-11-19 09:00"),
    ]
    assert [a.id for a in newest_first(actions)] == ["a2", "a1", "a4", "a3"]


def test_help_lists_the_kind_verbs_the_readme_leads_with(cli) -> None:
    text = cli("--help").out
    for verb in ("reach", "give", "follow-up", "meet", "ask", "receive"):
        assert f"\n    {verb} " in text or f"\n    {verb}\n" in text, verb
    assert "Every change can be\ntaken back with 'netrack undo'" in text or "netrack undo" in text


def test_the_on_time_rate_counts_overdue_follow_ups_as_not_kept(cli) -> None:
    for name in ("Ann Berg", "Bob Kent"):
        cli("meet", name, "--on", "mon")  # due Wednesday: overdue now
    for name in ("Cat Diaz", "Dee Park"):
        cli("meet", name, "--on", "wed")  # due Friday
        cli("done", name.split()[0])  # kept on time
    week = json.loads(cli("week", "--json").out)["followups"]
    assert (week["on_time"], week["late"], len(week["overdue"])) == (2, 0, 2)
    assert week["on_time_rate"] == 0.5
    text = cli("week").out
    assert "on time 2 · late 0 · overdue 2 · kept on time 50%" in text


def test_the_import_help_has_no_line_broken_early(cli) -> None:
    """Its paragraphs are filled: no line ends where the next line's first word fits."""
    shown = cli("import", "--help").out
    prose = [p for p in shown.split("\n\n") if p.startswith(("A backup", "LinkedIn"))]
    assert len(prose) == 2
    for paragraph in prose:
        lines = paragraph.split("\n")
        width = max(map(len, lines))
        for line, following in pairwise(lines):
            assert len(line) + 1 + len(following.split()[0]) > width, f"broken early: {line!r}"
