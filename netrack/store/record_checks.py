"""Record-level checks of a data file's tables, and the repair of each problem found.

Works on raw documents (see schema.py), so it can describe records the store refuses to
convert. A repair never loses something logged: a record that cannot be read is removed
(the copy kept before the repair still has it); of two identical records with one id,
one is kept, and differing ones get new ids; an action pointing at a contact that no
longer exists keeps its place in the history with no contact; a follow-up owed to a
contact that no longer exists is removed, and so is a plan item for one; other links to
missing records are cleared.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from netrack.domain.ids import new_id
from netrack.domain.record_rules import Broken, broken_fields
from netrack.errors import DataFileError, quoted
from netrack.store import history_checks, records, schema
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    FOLLOWUPS,
    PLANS,
    RECORD_TABLES,
    SETTINGS,
    Raw,
)

MAX_PASSES = 10

SINGULAR = {table: one for table, (one, _) in schema.NOUNS.items()}


class Problem(NamedTuple):
    """Something wrong, and what ``--repair`` does about it (None: it cannot)."""

    text: str
    fix: str | None


def examine_records(raw: Raw) -> tuple[list[Problem], Raw]:
    """Every record-level problem of ``raw``, and ``raw`` with all of them repaired.

    ``raw`` itself is not changed. Fixing one problem can reveal another (a follow-up
    removed for want of its contact leaves the action that created it pointing at
    nothing), so the checks run again on the repaired copy until nothing is found.
    """
    work = raw
    found: list[Problem] = []
    for _ in range(MAX_PASSES):
        # One sort of fix per pass: removing a duplicate must not run alongside a link
        # fix that writes to the record it removed.
        fixes = (
            _damaged(work)
            or _unruly(work)
            or _duplicates(work)
            or _dangling(work)
            or _history(work)
        )
        if not fixes:
            break
        if work is raw:
            work = copy.deepcopy(raw)  # only when there is something to change
        for problem, apply in fixes:
            found.append(problem)
            apply(work)
    return found, work


Fix = tuple[Problem, Callable[[Raw], None]]


def _history(raw: Raw) -> list[Fix]:
    """The change history's problems; one rewrite fixes them all."""
    return [(Problem(p.text, p.fix), history_checks.repair) for p in history_checks.problems(raw)]


def table_docs(raw: Raw, table: str) -> list[Any]:
    docs = raw.get(table)
    return list(docs.values()) if isinstance(docs, dict) else []


def _record_problem(table: str, key: str, doc: Any) -> str | None:
    """Why the store would refuse this one record, or None.

    A record that the store refuses but whose fields the rules can mend into one it
    takes is left to those rules (``_unruly``): its fields are mended, not the record
    removed.
    """
    try:
        schema.check_shape({table: {key: doc}}, Path())
    except DataFileError as error:
        return error.problem
    try:
        records.FROM_DOC[table](doc)
    except KeyError as error:
        problem = f"record {table}/{key} is damaged (missing field {error.args[0]!r})"
    except (TypeError, ValueError, AttributeError) as error:
        problem = f"record {table}/{key} is damaged ({str(error)[:100]})"
    else:
        return None
    return None if _mendable(table, doc) else problem


def _mendable(table: str, doc: dict[str, Any]) -> bool:
    """True when the rules can mend ``doc`` into a record the store takes."""
    mended = dict(doc)
    for broken in broken_fields(table, doc):
        if broken.rule.mend is None:
            return False
        try:
            mended[broken.field] = broken.rule.mend(doc.get(broken.field))
        except (TypeError, ValueError):
            return False
    try:
        records.FROM_DOC[table](mended)
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return True


def _damaged(raw: Raw) -> list[Fix]:
    fixes: list[Fix] = []
    for table in RECORD_TABLES:
        docs = raw.get(table, {})
        for key, doc in docs.items():
            problem = _record_problem(table, key, doc)
            if problem is None:
                continue
            if not (key.isdecimal() and key.isascii()) and isinstance(doc, dict):
                fixes.append((Problem(problem, "give it a document number"), _renumber(table, key)))
            else:
                fixes.append(
                    (Problem(problem, "remove it (the backup keeps it)"), _remove(table, key))
                )
    return fixes


def _unruly(raw: Raw) -> list[Fix]:
    """Records whose fields break the rules of what netrack writes (domain/record_rules.py)."""
    fixes: list[Fix] = []
    for table in RECORD_TABLES:
        for key, doc in raw.get(table, {}).items():
            broken = broken_fields(table, doc)
            if not broken:
                continue
            who = f"{SINGULAR[table]} {_short(doc.get('id'))}"
            if any(b.rule.mend is None for b in broken):
                first = next(b for b in broken if b.rule.mend is None)
                fix = "remove it (the copy kept first has it)"
                fixes.append((Problem(f"{who}: {first.problem}", fix), _remove(table, key)))
                continue
            for b in broken:
                fixes.append((Problem(f"{who}: {b.problem}", b.rule.mending), _mend(table, key, b)))
    return fixes


def _mend(table: str, key: str, broken: Broken) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        doc = raw[table].get(key)
        if doc is None:
            return
        assert broken.rule.mend is not None
        try:
            doc[broken.field] = broken.rule.mend(doc.get(broken.field))
        except (TypeError, ValueError):  # nothing could stand in after all
            raw[table].pop(key, None)

    return apply


def _duplicates(raw: Raw) -> list[Fix]:
    fixes: list[Fix] = []
    for table in RECORD_TABLES:
        by_id: dict[str, list[str]] = {}
        for key, doc in raw.get(table, {}).items():
            by_id.setdefault(doc["id"], []).append(key)
        for record_id, keys in by_id.items():
            if len(keys) < 2:
                continue
            docs = raw[table]
            what = f"{len(keys)} {SINGULAR[table]} records share the id {_short(record_id)}"
            if table == SETTINGS:
                # The last one is the one in effect.
                fix = "keep the one in effect (the last)"
                fixes.append((Problem(what, fix), _remove_all(table, keys[:-1])))
            elif all(docs[k] == docs[keys[0]] for k in keys):
                fixes.append(
                    (
                        Problem(f"{what} (identical copies)", "keep one"),
                        _remove_all(table, keys[1:]),
                    )
                )
            else:
                fix = "give the later ones new ids"
                fixes.append(
                    (Problem(f"{what} (different contents)", fix), _new_ids(table, keys[1:]))
                )
    return fixes


# (table, field, the table it points into, what --repair does when it points at nothing)
_LINKS = (
    (ACTIONS, "contact_id", CONTACTS, "set its contact to none"),
    (ACTIONS, "followup_id", FOLLOWUPS, "clear the link"),
    (ACTIONS, "closed_followup_id", FOLLOWUPS, "clear the link"),
    (FOLLOWUPS, "source_action_id", ACTIONS, "clear the link"),
    (FOLLOWUPS, "closed_by_action_id", ACTIONS, "clear the link"),
    (PLANS, "action_id", ACTIONS, "clear the link"),
    (PLANS, "carried_from", PLANS, "clear the link"),
)
# Links that name people: the record is of no use without them.
_PEOPLE = {
    FOLLOWUPS: ("contact_id",),
    PLANS: ("contact_id",),
    schema.INTRODUCTIONS: ("a_id", "b_id", "by_id"),
    schema.EVENTS: ("know", "met"),
}


def missing_link(ids: dict[str, set[str]], table: str, doc: dict[str, Any]) -> str | None:
    """The record ``doc`` (of ``table``) points at that is not among ``ids`` (the record
    ids of each table), as ``contact 'c-7'``; None if it has them all (as doctor checks)."""
    for field in _PEOPLE.get(table, ()):
        value = doc.get(field)
        for named in value if isinstance(value, list) else [value]:
            if named is not None and named not in ids[CONTACTS]:
                return f"contact {quoted(named, 40)}"
    for source, field, target, _ in _LINKS:
        value = doc.get(field) if source == table else None
        if value is not None and value not in ids[target]:
            return f"{SINGULAR[target]} {quoted(value, 40)}"
    return None


def record_ids(raw: Raw) -> dict[str, set[str]]:
    """The ids of each table's records in ``raw``."""
    return {table: {doc["id"] for doc in raw.get(table, {}).values()} for table in RECORD_TABLES}


def _dangling(raw: Raw) -> list[Fix]:
    ids = record_ids(raw)
    fixes: list[Fix] = []
    for key, doc in raw.get(FOLLOWUPS, {}).items():
        if doc["contact_id"] not in ids[CONTACTS]:
            text = (
                f"follow-up {_short(doc['id'])} (due {doc.get('due')}) is owed to contact "
                f"{_short(doc['contact_id'])}, which does not exist"
            )
            fixes.append((Problem(text, "remove the follow-up"), _remove(FOLLOWUPS, key)))
    for key, doc in raw.get(PLANS, {}).items():
        if doc["contact_id"] not in ids[CONTACTS]:
            text = (
                f"plan item {_short(doc['id'])} ({doc.get('week')}) names contact "
                f"{_short(doc['contact_id'])}, which does not exist"
            )
            fixes.append((Problem(text, "remove the plan item"), _remove(PLANS, key)))
    for table, field, target, fix in _LINKS:
        for key, doc in raw.get(table, {}).items():
            value = doc.get(field)
            if value is None or value in ids[target]:
                continue
            if table in (FOLLOWUPS, PLANS) and doc["contact_id"] not in ids[CONTACTS]:
                continue  # the record is removed anyway
            text = (
                f"{SINGULAR[table]} {_short(doc['id'])}{_when(table, doc)} points at "
                f"{SINGULAR[target]} {_short(value)}, which does not exist"
            )
            fixes.append((Problem(text, fix), _set_none(table, key, field)))
    return fixes + _dangling_people(raw, ids[CONTACTS])


def _dangling_people(raw: Raw, contacts: set[str]) -> list[Fix]:
    """Introductions and events that name contacts which do not exist."""
    fixes: list[Fix] = []
    for key, doc in raw.get(schema.INTRODUCTIONS, {}).items():
        named = [doc.get(f) for f in ("a_id", "b_id", "by_id") if doc.get(f) is not None]
        missing = [i for i in named if i not in contacts]
        if missing:
            text = (
                f"introduction {_short(doc['id'])} ({str(doc.get('at', ''))[:10]}) names "
                f"contact {_short(missing[0])}, which does not exist"
            )
            fix = "remove the introduction"
            fixes.append((Problem(text, fix), _remove(schema.INTRODUCTIONS, key)))
    for key, doc in raw.get(schema.EVENTS, {}).items():
        for field in ("know", "met"):
            ids = doc.get(field) or []
            if any(i not in contacts for i in ids):
                text = (
                    f"event {_short(doc['id'])} ({doc.get('name')}) lists a contact "
                    "which does not exist"
                )
                kept = [i for i in ids if i in contacts]
                fixes.append(
                    (Problem(text, "leave them out"), _set(schema.EVENTS, key, field, kept))
                )
    return fixes


def _set(table: str, key: str, field: str, value: Any) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        raw[table][key][field] = value

    return apply


def _when(table: str, doc: dict[str, Any]) -> str:
    if table == ACTIONS:
        return f" ({doc.get('kind')}, {str(doc.get('at', ''))[:10]})"
    return ""


def _short(record_id: object) -> str:
    text = str(record_id)
    return text if len(text) <= 13 else text[:8] + "…"


def _remove(table: str, key: str) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        raw[table].pop(key, None)

    return apply


def _remove_all(table: str, keys: list[str]) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        for key in keys:
            raw[table].pop(key, None)

    return apply


def _renumber(table: str, key: str) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        docs = raw[table]
        numbers = [int(k) for k in docs if k.isdecimal() and k.isascii()]
        docs[str(max(numbers, default=0) + 1)] = docs.pop(key)

    return apply


def _new_ids(table: str, keys: list[str]) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        for key in keys:
            raw[table][key]["id"] = new_id()

    return apply


def _set_none(table: str, key: str, field: str) -> Callable[[Raw], None]:
    def apply(raw: Raw) -> None:
        raw[table][key][field] = None

    return apply
