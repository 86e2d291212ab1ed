"""Rules for single stored values: text, ids, times, days, flags, kinds, week labels.

Each rule says why a value as the data file holds it is not one the command line could
have produced, and what ``netrack doctor --repair`` puts in its place. The tables of
rules, one per record type, are in record_rules.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, NamedTuple

from netrack import clock
from netrack.domain.fields import type_name
from netrack.domain.habits import TARGET_MAX
from netrack.domain.ids import new_id
from netrack.domain.kinds import KIND_NAME_MAX
from netrack.domain.text import FIELD_MAX
from netrack.domain.when import EARLIEST_YEAR, LATEST_YEAR
from netrack.errors import quoted

ID_MAX = 200
_ID = re.compile(r"^[^\x00-\x1f\x7f]+$")
_KIND = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$", re.ASCII)


class Rule(NamedTuple):
    """One field's rule: why a value breaks it, and what ``--repair`` puts instead.

    ``mend`` None: nothing can stand in, so the record is moved out (into the copy
    kept before the repair).
    """

    problem: Callable[[Any], str | None]
    mend: Callable[[Any], Any] | None = None
    mending: str = ""


def text_problem(value: Any, what: str, limit: int, empty_ok: bool = True) -> str | None:
    if not isinstance(value, str):
        return f"{what} is {type_name(value)}, not text"
    if len(value) > limit:
        return f"{what} is too long ({len(value):,} characters; at most {limit:,})"
    if "\x00" in value:
        return f"{what} contains a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{what} is not valid UTF-8 text"
    if not empty_ok and not value.strip():
        return f"{what} is empty"
    return None


def _as_text(value: Any, limit: int) -> str:
    text = value if isinstance(value, str) else "" if value is None else str(value)
    text = text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    return text[:limit]


def text(what: str, limit: int = FIELD_MAX) -> Rule:
    """Optional text within ``limit`` characters (no NUL)."""
    return Rule(
        lambda v: None if v is None else text_problem(v, what, limit),
        lambda v: _as_text(v, limit),
        f"keep it as text within {limit:,} characters",
    )


def name(what: str, limit: int) -> Rule:
    """Required text, not blank, within ``limit`` characters."""

    def mend(value: Any) -> str:
        cleaned = _as_text(value, limit).strip()
        if not cleaned:
            raise ValueError("nothing of the name is left")
        return cleaned

    return Rule(
        lambda v: text_problem(v, what, limit, empty_ok=False),
        mend,
        f"keep it as text within {limit:,} characters",
    )


def _id_problem(value: Any, what: str) -> str | None:
    if not isinstance(value, str) or not value:
        return f"{what} is {type_name(value) if value != '' else 'empty'}, not an id"
    if len(value) > ID_MAX or not _ID.match(value):
        return f"{what} {quoted(value, 40)} is not an id (at most {ID_MAX} printable characters)"
    return None


OWN_ID = Rule(lambda v: _id_problem(v, "its id"), lambda v: new_id(), "give it a new id")


def link(what: str, required: bool = False) -> Rule:
    """The id of another record (or None, unless ``required``)."""
    if required:
        return Rule(lambda v: _id_problem(v, what))
    return Rule(
        lambda v: None if v is None else _id_problem(v, what), lambda v: None, "clear the link"
    )


def links(what: str) -> Rule:
    """A list of ids of other records."""

    def problem(value: Any) -> str | None:
        if value is None:
            return None
        if not isinstance(value, list):
            return f"{what} is {type_name(value)}, not a list of ids"
        return next((p for p in (_id_problem(v, what) for v in value) if p), None)

    def mend(value: Any) -> list[Any]:
        items = value if isinstance(value, list) else []
        return [v for v in items if _id_problem(v, what) is None]

    return Rule(problem, mend, "keep only its valid ids")


def _moment_problem(value: Any, what: str) -> str | None:
    if not isinstance(value, str):
        return f"{what} is {type_name(value)}, not a time"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return f"{what} {quoted(value, 40)} is not a time"
    if moment.tzinfo is None:
        return f"{what} {quoted(value, 40)} has no time-zone offset"
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return f"{what} {quoted(value, 40)} is out of range ({EARLIEST_YEAR}-{LATEST_YEAR})"
    return None


def _in_local_zone(value: Any) -> str:
    """A time written without its offset, read in the local time zone."""
    moment = datetime.fromisoformat(value).replace(tzinfo=clock.local_timezone())
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValueError(value)
    return moment.isoformat()


def moment(what: str, required: bool = True) -> Rule:
    """A time with its offset (``2026-11-19T15:30:00+01:00``)."""
    check: Callable[[Any], str | None] = lambda v: _moment_problem(v, what)  # noqa: E731
    if not required:
        check = lambda v: None if v is None else _moment_problem(v, what)  # noqa: E731

    def mend(value: Any) -> Any:
        try:
            return _in_local_zone(value)
        except (TypeError, ValueError):
            if required:
                raise
            return None

    return Rule(
        check, mend, "read it in the local time zone" + ("" if required else ", or clear it")
    )


def _day_problem(value: Any, what: str) -> str | None:
    if not isinstance(value, str):
        return f"{what} is {type_name(value)}, not a date"
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"{what} {quoted(value, 40)} is not a date (YYYY-MM-DD)"
    if len(value) != 10 or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        return f"{what} {quoted(value, 40)} is out of range ({EARLIEST_YEAR}-{LATEST_YEAR})"
    return None


def _day_within_range(value: Any) -> str:
    """A day out of range moved to the nearest end of it (a ValueError if not a day)."""
    found = date.fromisoformat(value)
    found = max(date(EARLIEST_YEAR, 1, 1), min(found, date(LATEST_YEAR, 12, 31)))
    return found.isoformat()


def day(what: str, required: bool = True) -> Rule:
    """A calendar day, YYYY-MM-DD, between EARLIEST_YEAR and LATEST_YEAR."""
    ends = f"{EARLIEST_YEAR}-01-01 or {LATEST_YEAR}-12-31"
    if required:
        return Rule(lambda v: _day_problem(v, what), _day_within_range, f"move it to {ends}")

    def mend(value: Any) -> str | None:
        try:
            return _day_within_range(value)
        except (TypeError, ValueError):
            return None

    return Rule(
        lambda v: None if v is None else _day_problem(v, what),
        mend,
        f"move it to {ends}, or clear it",
    )


_YES = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


def flag(what: str, optional: bool = False) -> Rule:
    """true or false (or null: false, or unknown when ``optional``)."""

    def problem(value: Any) -> str | None:
        if isinstance(value, bool) or value is None:  # missing: false, or unknown
            return None
        return f"{what} is {type_name(value)} {quoted(str(value), 20)}, not true/false"

    def mend(value: Any) -> bool | None:
        return _YES.get(str(value).strip().casefold(), None if optional else False)

    return Rule(
        problem,
        mend,
        "read yes/no as true/false, anything else as " + ("unknown" if optional else "false"),
    )


def one_of(what: str, choices: tuple[str, ...], default: str | None) -> Rule:
    def problem(value: Any) -> str | None:
        if value in choices or (value is None and default is None):
            return None
        return f"{what} {quoted(str(value), 30)} is not one of {', '.join(choices)}"

    return Rule(problem, lambda v: default, f"set it to {default or 'none'}")


def _kind_problem(value: Any, what: str) -> str | None:
    problem = text_problem(value, what, KIND_NAME_MAX, empty_ok=False)
    if problem is None and not _KIND.match(value.casefold()):
        return f"{what} {quoted(value, 40)} is not a kind (letters, digits and '-')"
    return problem


def action_kind(what: str, optional: bool = False) -> Rule:
    if optional:
        return Rule(
            lambda v: None if v is None else _kind_problem(v, what), lambda v: None, "clear it"
        )
    return Rule(lambda v: _kind_problem(v, what))


def week_label(what: str) -> Rule:
    def problem(value: Any) -> str | None:
        match = _WEEK.match(value) if isinstance(value, str) else None
        if match is None:
            return f"{what} {quoted(str(value), 30)} is not a week label like 2026-W47"
        try:
            date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            return f"{what} {quoted(value)} does not exist"
        return None

    return Rule(problem)


def targets_problem(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return "its targets are not a list of changes"
    for change in value:
        if not isinstance(change, dict):
            return "a target change is not an object"
        problem = _day_problem(change.get("since"), "a target change's day")
        if problem:
            return problem
        target = change.get("target")
        if isinstance(target, bool) or not isinstance(target, int) or not 0 <= target <= TARGET_MAX:
            return (
                f"a target {quoted(str(target), 20)} is not a whole number from 0 to {TARGET_MAX}"
            )
    return None


def kinds_problem(value: Any) -> str | None:
    if not isinstance(value, list) or not value:
        return "its kinds are not a list of kinds"
    return next((p for p in (_kind_problem(k, "a kind") for k in value) if p), None)
