"""Adding, retargeting, renaming and removing habits."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netrack.domain.habits import TARGET_MAX
from netrack.domain.kinds import BUILTIN_KINDS, normalise_custom_kind
from netrack.domain.models import Habit, TargetChange
from netrack.domain.text import check_text
from netrack.errors import UsageError, quoted

HABIT_NAME_MAX = 60


def parse_target(text: str | int) -> int:
    """A weekly target: a whole number from 1 to TARGET_MAX."""
    value = str(text).strip()
    if not (value.isascii() and value.isdigit()) or not 1 <= int(value) <= TARGET_MAX:
        raise UsageError(
            f"invalid target {quoted(str(text))}; give a whole number from 1 to {TARGET_MAX}"
        )
    return int(value)


def parse_kinds(text: str) -> tuple[str, ...]:
    """Kinds named by the user, comma-separated; new names become the user's own kinds."""
    kinds: list[str] = []
    for part in text.split(","):
        if not part.strip():
            continue
        kind = normalise_custom_kind(part)
        if kind not in kinds:
            kinds.append(kind)
    if not kinds:
        raise UsageError(f"no kinds given; name one or more of {', '.join(BUILTIN_KINDS)}")
    return tuple(kinds)


def find_habit(habits: Iterable[Habit], name: str) -> Habit:
    """The habit with this id or name (any case), or with a unique prefix of its name."""
    habits = list(habits)
    for habit in habits:
        if habit.id == name:
            return habit
    key = name.strip().casefold()
    exact = [h for h in habits if h.name.casefold() == key]
    if exact:
        return exact[0]
    found = [h for h in habits if key and h.name.casefold().startswith(key)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(h.name for h in (found or habits))
    problem = "matches several habits" if found else "is not a habit"
    raise UsageError(f"{quoted(name)} {problem}; habits: {names or 'none'}")


def _clean_name(name: str, habits: Iterable[Habit], except_id: str | None = None) -> str:
    cleaned = check_text(name, "habit name", HABIT_NAME_MAX).strip()
    if not cleaned:
        raise UsageError("habit name is empty")
    for habit in habits:
        if habit.id != except_id and habit.name.casefold() == cleaned.casefold():
            raise UsageError(f"a habit named {quoted(habit.name)} already exists")
    return cleaned


def new_habit(
    habits: Iterable[Habit], name: str, kinds: str, target: str | int, today: date, habit_id: str
) -> Habit:
    habits = list(habits)
    return Habit(
        id=habit_id,
        name=_clean_name(name, habits),
        kinds=parse_kinds(kinds),
        targets=(TargetChange(today, parse_target(target)),),
        created=today,
    )


def returning_habit(
    habits: Iterable[Habit], removed: Habit, name: str, kinds: str, target: str | int, today: date
) -> Habit:
    """A removed habit added again under its name: it comes back with its start and its
    past targets, so its streak goes on; the kinds and target given apply from now."""
    back = removed._replace(name=_clean_name(name, habits), kinds=parse_kinds(kinds))
    if back.target == parse_target(target):
        return back
    return retarget(back, target, today)


def retarget(habit: Habit, target: str | int, today: date) -> Habit:
    """The habit with a new target from this week on; past weeks keep theirs.

    The change made last always wins: one made earlier but dated today or later (a
    day start or time zone can date a later change earlier) is replaced by this one.
    """
    value = parse_target(target)
    kept = tuple(t for t in habit.targets if t.since < today)
    return habit._replace(targets=(*kept, TargetChange(today, value)))


def rename(habits: Iterable[Habit], habit: Habit, name: str) -> Habit:
    return habit._replace(name=_clean_name(name, habits, except_id=habit.id))


def change_kinds(habit: Habit, kinds: str) -> Habit:
    return habit._replace(kinds=parse_kinds(kinds))
