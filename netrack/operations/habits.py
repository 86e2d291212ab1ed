"""Habits and settings."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from datetime import date
from typing import Any

import pendulum

from netrack.domain.habit_changes import (
    change_kinds,
    find_habit,
    new_habit,
    rename,
    retarget,
    returning_habit,
)
from netrack.domain.ids import new_id
from netrack.domain.models import Habit
from netrack.domain.settings import parse_setting
from netrack.domain.text import fold
from netrack.domain.weeks import calendar_for
from netrack.store import Store, Transaction, history, records
from netrack.store.schema import HABITS


def add_habit(
    store: Store, now: pendulum.DateTime, name: str, kinds: str, target: str
) -> tuple[Habit, bool]:
    """A new weekly habit; True when it is one removed earlier, brought back (its start
    and past targets kept, so that its streak goes on)."""
    with store.transaction() as tx:
        data = tx.data_without_actions()
        today = calendar_for(data.settings).day_of(now)
        habit, returned = _added(tx, data.habits, name, kinds, target, today)
        tx.save(habit)
        tx.describe(f"{'brought back' if returned else 'added'} habit {habit.name}", "habit")
    return habit, returned


def _added(
    tx: Transaction, habits: tuple[Habit, ...], name: str, kinds: str, target: str, today: date
) -> tuple[Habit, bool]:
    """The habit ``habit add`` makes: new, or (True) one removed under this name back."""
    key = fold(name.strip())
    present = {habit.id for habit in habits}
    removed = history.removed_record(
        tx.main_raw(),
        HABITS,
        lambda doc: fold(str(doc.get("name", ""))) == key and doc.get("id") not in present,
    )
    if removed is not None:
        with contextlib.suppress(ValueError, TypeError, KeyError):  # a damaged image: start anew
            old = records.habit_from_doc(removed)
            return returning_habit(habits, old, name, kinds, target, today), True
    return new_habit(habits, name, kinds, target, today, new_id()), False


def set_target(store: Store, now: pendulum.DateTime, name: str, target: str) -> tuple[Habit, Habit]:
    """A new weekly target from this week on; returns (before, after)."""
    with store.transaction() as tx:
        data = tx.data_without_actions()
        today = calendar_for(data.settings).day_of(now)
        habit = find_habit(data.habits, name)
        changed = retarget(habit, target, today)
        tx.save(changed)
        tx.describe(
            f"set habit {habit.name} to {changed.target} a week (was {habit.target})", "habit"
        )
    return habit, changed


def rename_habit(store: Store, name: str, new_name: str) -> tuple[Habit, Habit]:
    with store.transaction() as tx:
        habits = tx.data_without_actions().habits
        habit = find_habit(habits, name)
        renamed = rename(habits, habit, new_name)
        tx.save(renamed)
        tx.describe(f"renamed habit {habit.name} to {renamed.name}", "habit")
    return habit, renamed


def set_kinds(store: Store, name: str, kinds: str) -> Habit:
    with store.transaction() as tx:
        changed = change_kinds(find_habit(tx.data_without_actions().habits, name), kinds)
        tx.save(changed)
        tx.describe(f"habit {changed.name} now counts {', '.join(changed.kinds)}", "habit")
    return changed


def remove_habit(store: Store, name: str) -> Habit:
    with store.transaction() as tx:
        habit = find_habit(tx.data_without_actions().habits, name)
        tx.delete(habit)
        tx.describe(f"removed habit {habit.name}", "habit")
    return habit


def change_setting(store: Store, key: str, value: str) -> tuple[str, Any]:
    """Set one setting from the user's text; returns the key and the stored value."""
    name, stored = parse_setting(key, value)
    with store.transaction() as tx:
        tx.set_setting(name, stored)
        tx.describe(_setting_said(name, stored), "setting")
    return name, stored


def apply_settings(
    store: Store,
    now: pendulum.DateTime,
    settings: Sequence[tuple[str, str]] = (),
    targets: Sequence[tuple[str, str]] = (),
    habit: tuple[str, str, str] | None = None,
) -> int:
    """Settings, habit targets and a new habit changed together, as one change.

    ``settings``: (key, value) pairs; ``targets``: (habit name or id, target) pairs;
    ``habit``: (name, kinds, target) of a habit to add. Everything is checked before
    anything is written. Returns how many things changed.
    """
    with store.transaction() as tx:
        said = []
        for key, value in settings:
            name, stored = parse_setting(key, value)
            tx.set_setting(name, stored)
            said.append(_setting_said(name, stored))
        data = tx.data_without_actions()
        today = calendar_for(data.settings).day_of(now)
        for name, target in targets:
            before = find_habit(data.habits, name)
            after = retarget(before, target, today)
            tx.save(after)
            said.append(_target_said(before, after))
        if habit is not None:
            added, returned = _added(tx, data.habits, *habit, today)
            tx.save(added)
            said.append(f"{'brought back' if returned else 'added'} habit {added.name}")
        tx.describe(", ".join(said), "setting")
    return len(settings) + len(targets) + (habit is not None)


def _setting_said(name: str, stored: object) -> str:
    return f"set {name} to {'none' if stored is None else stored}"


def _target_said(before: Habit, after: Habit) -> str:
    return f"set habit {before.name} to {after.target} a week (was {before.target})"
