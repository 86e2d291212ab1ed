"""Habits: weekly targets over action kinds, and counting actions against them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netrack.domain.kinds import FOLLOW_UP, GIVE, MEET, REACH_OUT, kind_plural
from netrack.domain.models import Action, Habit, TargetChange
from netrack.domain.weeks import Calendar, Week

# Fixed ids so that a new file's default habits are the same records every time they
# are shown, before anything is written.
DEFAULT_HABITS = (
    ("9f1c2b1e-5d1a-4c59-9a57-2d0f6b1f0a01", "Reach-outs", (REACH_OUT,), 5),
    ("9f1c2b1e-5d1a-4c59-9a57-2d0f6b1f0a02", "Give first", (GIVE,), 3),
    ("9f1c2b1e-5d1a-4c59-9a57-2d0f6b1f0a03", "Follow-ups", (FOLLOW_UP,), 3),
    ("9f1c2b1e-5d1a-4c59-9a57-2d0f6b1f0a04", "Meet", (MEET,), 1),
)
TARGET_MAX = 1_000


def default_habits(since: date) -> list[Habit]:
    """The habits a new data file starts with, tracked from ``since``."""
    return [
        Habit(id=hid, name=name, kinds=kinds, targets=(TargetChange(since, target),), created=since)
        for hid, name, kinds, target in DEFAULT_HABITS
    ]


def habit_kinds(habits: Iterable[Habit]) -> set[str]:
    """Every kind some habit tracks."""
    return {kind for habit in habits for kind in habit.kinds}


def count_in_week(habit: Habit, actions: Iterable[Action], week: Week, calendar: Calendar) -> int:
    """How many of ``actions`` count towards ``habit`` in ``week``."""
    kinds = set(habit.kinds)
    return sum(1 for a in actions if a.kind in kinds and week.contains(calendar.day_of(a.at)))


def progress_phrase(
    kind: str,
    habits: Iterable[Habit],
    actions: Iterable[Action],
    week: Week,
    calendar: Calendar,
    which: str = "this week",
) -> str:
    """How ``week`` stands for the habit that tracks ``kind``: "gives this week 2/3"."""
    actions = list(actions)
    tracking = [h for h in habits if kind in h.kinds]
    if not tracking:
        count = sum(1 for a in actions if a.kind == kind and week.contains(calendar.day_of(a.at)))
        return f"{kind_plural(kind)} {which} {count}"
    habit = tracking[0]
    count = count_in_week(habit, actions, week, calendar)
    label = kind_plural(kind) if habit.kinds == (kind,) else habit.name
    return f"{label} {which} {count}/{habit.target_until(week.end)}"
