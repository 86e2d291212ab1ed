"""Whatever each computer does offline, and whatever order files travel and syncs run in,
every computer ends with the same data: the same ``export``, byte for byte, with one
note per week however many computers wrote one."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack.errors import NetrackError
from netrack.operations.habits import change_setting, set_target
from netrack.operations.history import undo_last_change
from netrack.operations.people import set_archived
from netrack.operations.weeks import set_skipped, update_week_note
from tests.sync_support import Computer, carry, computer, settle

PEOPLE = ("Ana Ruiz", "Ben Okafor", "Cleo Park")
WORDS = ("deck", "intro", "coffee", "", "notes [x]", "Zoë")

people = st.sampled_from(PEOPLE)
words = st.sampled_from(WORDS)
edits = st.one_of(
    st.tuples(st.just("log"), st.sampled_from(("give", "ask", "meet", "reach-out")), people, words),
    st.tuples(
        st.just("edit"), people, st.sampled_from(("company", "role", "notes", "tags")), words
    ),
    st.tuples(st.just("archive"), people, st.booleans()),
    st.tuples(st.just("undo")),
    st.tuples(st.just("setting"), st.sampled_from(("1", "2", "5"))),
    st.tuples(st.just("target"), st.sampled_from(("1", "3", "4"))),
    st.tuples(st.just("reflect"), words),
    st.tuples(st.just("focus"), words),
    st.tuples(st.just("skip"), st.booleans()),
)


def _step(n: int):
    who = st.integers(0, n - 1)
    return st.one_of(
        st.tuples(st.just("do"), who, edits),
        st.tuples(st.just("sync"), who),
        st.tuples(st.just("carry"), who, who),
    )


def _do(each: Computer, edit: tuple) -> None:
    kind, *rest = edit
    try:
        if kind == "log":
            each.log(rest[0], rest[1], rest[2])
        elif kind == "edit":
            each.edit(rest[0].split()[0], **{rest[1]: rest[2]})
        elif kind == "archive":
            set_archived(each.store, each.now, rest[0].split()[0], rest[1])
        elif kind == "undo":
            undo_last_change(each.store, each.now)
        elif kind == "setting":
            change_setting(each.store, "followup-days", rest[0])
        elif kind == "target":
            set_target(each.store, each.now, "Give first", rest[0])
        elif kind == "reflect":
            update_week_note(each.store, each.now, None, reflection=rest[0])
        elif kind == "focus":
            update_week_note(each.store, each.now, None, focus=rest[0])
        elif kind == "skip":
            set_skipped(each.store, each.now, None, rest[0], "away")
    except NetrackError:
        pass  # e.g. a contact this computer has not heard of yet


def _run(count: int, steps: list[tuple], now) -> None:
    with tempfile.TemporaryDirectory() as root:
        computers = [computer(Path(root), f"c{n}", now) for n in range(count)]
        first = computers[0]
        first.log("give", "Ana Ruiz", "first")
        first.init()
        for other in computers[1:]:
            carry(first, other)
            other.init()
            carry(other, first)
        for step in steps:
            if step[0] == "do":
                _do(computers[step[1]], step[2])
            elif step[0] == "sync":
                computers[step[1]].sync()
            elif step[1] != step[2]:
                carry(computers[step[1]], computers[step[2]])
        settle(computers)
        exports = [each.export() for each in computers]
        assert all(export == exports[0] for export in exports[1:])
        weeks = [n.week for n in computers[0].store.load().week_notes]
        assert len(weeks) == len(set(weeks)), "one note per week"


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_step(2), max_size=24))
def test_two_computers_converge_to_the_same_export(steps, frozen) -> None:
    _run(2, steps, frozen)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(_step(3), max_size=30))
def test_three_computers_converge_to_the_same_export(steps, frozen) -> None:
    _run(3, steps, frozen)
