"""Merging a netrack backup into a data file, record by record.

Every record carries a stable id, so a backup is merged by id:

- a record the file does not have is added;
- a record the file has with the same content is skipped ("identical");
- a record that differs is replaced when the backup's copy is newer, else skipped
  ("not newer"). Newer means a later time in the first field that tells:
  ``updated`` then ``created`` for contacts, plan items and events, ``updated`` for week
  notes, ``closed`` then ``created`` for follow-ups, ``logged`` for actions and
  introductions, and the latest target change then ``created`` for habits. A copy with
  a time beats one without; equal times keep the file's copy. Settings carry no time:
  the file's own value is kept, and a setting the file lacks is added.

netrack keeps one contact per name, one habit per name and one note per week, so a
backup's record whose id is new but whose name (any case) or week is one here is that
record: it is merged with it as above, and the backup's actions, follow-ups and plan
items that name such a contact are moved to it. Records deleted on one side come back from a
backup that still holds them.

Documents are plain dicts in the data file's layout; nothing here reads or writes files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from netrack.domain.contacts import name_key

Doc = Mapping[str, Any]

IDENTICAL = "identical"
NOT_NEWER = "not newer"
NAME_TAKEN = "renamed to a name in use here"
REPEATED = "repeated in the backup"

# Table names as in the data file.
CONTACTS, ACTIONS, FOLLOWUPS, HABITS, WEEK_NOTES, SETTINGS, PLANS, INTRODUCTIONS, EVENTS = (
    "contacts",
    "actions",
    "followups",
    "habits",
    "week_notes",
    "settings",
    "plans",
    "introductions",
    "events",
)
MERGE_ORDER = (
    CONTACTS,
    ACTIONS,
    FOLLOWUPS,
    HABITS,
    WEEK_NOTES,
    SETTINGS,
    PLANS,
    INTRODUCTIONS,
    EVENTS,
)
# The fields that name a contact (by id, or a list of ids), per table.
CONTACT_REFERENCES = {
    ACTIONS: ("contact_id",),
    FOLLOWUPS: ("contact_id",),
    PLANS: ("contact_id",),
    INTRODUCTIONS: ("a_id", "b_id", "by_id"),
    EVENTS: ("know", "met"),
}

# What makes two records the same thing whatever their ids: netrack keeps one contact per
# name, one habit per name and one note per week. (Settings have ids made from their key.)
NATURAL_KEYS: dict[str, Callable[[Doc], str]] = {
    CONTACTS: lambda doc: name_key(doc["name"]),
    HABITS: lambda doc: name_key(doc["name"]),
    WEEK_NOTES: lambda doc: str(doc["week"]),
}


class TableMerge(NamedTuple):
    """One table's outcome: documents to write, and how many of each kind."""

    to_write: tuple[dict[str, Any], ...]
    added: int
    updated: int
    skipped: Counter[str]


class BackupMerge(NamedTuple):
    tables: dict[str, TableMerge]

    def total(self, what: str) -> int:
        return sum(getattr(t, what) for t in self.tables.values())

    @property
    def skipped(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for table in self.tables.values():
            counts.update(table.skipped)
        return counts


def plan_backup_merge(
    existing: Mapping[str, Iterable[Doc]], incoming: Mapping[str, Sequence[Doc]]
) -> BackupMerge:
    """What merging ``incoming`` (a backup's tables) into ``existing`` writes.

    Tables this module does not know are left alone; ``existing`` is not changed.
    """
    here = {table: {doc["id"]: doc for doc in docs} for table, docs in existing.items()}
    same_things = {
        table: _matched_by_key(key, here.get(table, {}), incoming.get(table, ()))
        for table, key in NATURAL_KEYS.items()
    }
    merged: dict[str, TableMerge] = {}
    for table in MERGE_ORDER:
        if table not in incoming:
            continue
        docs = [_with_ids_here(table, doc, same_things) for doc in incoming[table]]
        merged[table] = _merge_table(table, here.get(table, {}), docs)
    return BackupMerge(merged)


def _merge_table(table: str, here: Mapping[str, Doc], docs: Iterable[Doc]) -> TableMerge:
    to_write: dict[str, dict[str, Any]] = {}
    added = updated = 0
    skipped: Counter[str] = Counter()
    key = NATURAL_KEYS.get(table)
    taken = {key(doc): doc["id"] for doc in here.values()} if key else {}
    seen: set[str] = set()
    for doc in docs:
        record_id = doc["id"]
        if record_id in seen:
            skipped[REPEATED] += 1  # twice in one backup (or two records of one name)
            continue
        seen.add(record_id)
        mine = here.get(record_id)
        if mine is None:
            to_write[record_id] = dict(doc)
            added += 1
        elif dict(mine) == dict(doc):
            skipped[IDENTICAL] += 1
        elif not _is_newer(table, doc, mine):
            skipped[NOT_NEWER] += 1
        elif key and taken.get(key(doc), record_id) != record_id:
            skipped[NAME_TAKEN] += 1
        else:
            to_write[record_id] = dict(doc)
            updated += 1
        if key and record_id in to_write:
            taken[key(doc)] = record_id
    return TableMerge(tuple(to_write.values()), added, updated, skipped)


def _matched_by_key(
    key: Callable[[Doc], str], here: Mapping[str, Doc], docs: Iterable[Doc]
) -> dict[str, str]:
    """Backup id to this file's id, for records with a new id but a key in use here."""
    owners: dict[str, str] = {key(doc): doc["id"] for doc in here.values()}
    matched: dict[str, str] = {}
    for doc in docs:
        if doc["id"] in here:
            continue
        owner = owners.setdefault(key(doc), doc["id"])
        if owner != doc["id"]:
            matched[doc["id"]] = owner
    return matched


def _with_ids_here(table: str, doc: Doc, same_things: Mapping[str, Mapping[str, str]]) -> Doc:
    """``doc`` with its own id, and the contact it names, as they are known here."""
    changes: dict[str, Any] = {}
    if doc["id"] in same_things.get(table, {}):
        changes["id"] = same_things[table][doc["id"]]
    same_contact = same_things[CONTACTS]
    for field in CONTACT_REFERENCES.get(table, ()):
        value = doc.get(field)
        if isinstance(value, list):
            if any(i in same_contact for i in value):
                changes[field] = [same_contact.get(i, i) for i in value]
        elif isinstance(value, str) and value in same_contact:
            changes[field] = same_contact[value]
    return {**doc, **changes} if changes else doc


# How recent a record is ------------------------------------------------------------


def _is_newer(table: str, theirs: Doc, mine: Doc) -> bool:
    """True when the backup's copy was changed after the file's copy."""
    age = _AGES.get(table)
    if age is None:
        return False
    their_age, my_age = age(theirs), age(mine)
    if their_age is None:
        return False
    return my_age is None or their_age > my_age


def _first_moment(*fields: str) -> Callable[[Doc], datetime | None]:
    def age(doc: Doc) -> datetime | None:
        for field in fields:
            moment = _moment(doc.get(field))
            if moment is not None:
                return moment
        return None

    return age


def _habit_age(doc: Doc) -> tuple[date, date] | None:
    try:
        latest = max(date.fromisoformat(t["since"]) for t in doc.get("targets") or ())
        return latest, date.fromisoformat(doc["created"])
    except (KeyError, TypeError, ValueError):
        return None


def _moment(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    # Every time netrack writes carries its offset; one without is read as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


_AGES: dict[str, Callable[[Doc], Any]] = {
    CONTACTS: _first_moment("updated", "created"),
    WEEK_NOTES: _first_moment("updated"),
    FOLLOWUPS: _first_moment("closed", "created"),
    ACTIONS: _first_moment("logged"),
    HABITS: _habit_age,
    INTRODUCTIONS: _first_moment("logged"),
    EVENTS: _first_moment("updated", "created"),
    PLANS: _first_moment("updated", "created"),
    # SETTINGS: no time, so the file's own value always stays.
}
