"""The data file's layout, its version, and migrations between versions.

The file is a TinyDB JSON document: one object per table, mapping TinyDB's internal
document numbers to records. Every record carries its own stable ``id``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from netrack.errors import DataFileError

# 1: the first layout. 2: year files are generations named by the main file (archive.py);
# a version-1 file's year files are read where they are, so the migration changes nothing
# in memory, but a netrack that knows only version 1 would miss the archive.
# 3: the week notes' table is called week_notes (it was "reviews").
# 4: contact names in one spelling, follow-ups know what opened them, the change history.
# 5: quick adds may sit in a journal beside the main file (journal.py) until the next full
# write; the migration changes nothing, but a netrack that knows only version 4 would not
# see them (and its writes would not make them void).
# 6: closed follow-ups and week notes of past years live in the year files beside the
# actions of that year (archive.py). The migration changes nothing in memory; the first
# write moves them (after the pre-migration backup). A netrack that knows only version 5
# would not see them.
SCHEMA_VERSION = 6

CONTACTS = "contacts"
ACTIONS = "actions"
FOLLOWUPS = "followups"
HABITS = "habits"
SETTINGS = "settings"
WEEK_NOTES = "week_notes"
PLANS = "plans"
INTRODUCTIONS = "introductions"
EVENTS = "events"
META = "meta"
# The change history (store/history.py). Not among TABLES: a damaged history entry must
# not make the file unusable; the history reads past it and doctor repairs it.
CHANGES = "changes"
SYNC_OUTBOX = "sync_outbox"  # see store/outbox.py
# The user's records. Backups, imports and sync (netrack.sync) carry every table listed
# here, field for field; a table that stays on this computer is left out.
RECORD_TABLES = (
    CONTACTS,
    ACTIONS,
    FOLLOWUPS,
    HABITS,
    SETTINGS,
    WEEK_NOTES,
    PLANS,
    INTRODUCTIONS,
    EVENTS,
)
TABLES = (*RECORD_TABLES, META, SYNC_OUTBOX)
# Tables many files never use: summaries name them only when they hold something.
OCCASIONAL_TABLES = (INTRODUCTIONS, EVENTS)

Raw = dict[str, dict[str, dict[str, Any]]]

# Every field that names another record: (table, field, the table it points into). A
# field holding a list names several records.
LINKS = (
    (ACTIONS, "contact_id", CONTACTS),
    (FOLLOWUPS, "contact_id", CONTACTS),
    (PLANS, "contact_id", CONTACTS),
    (INTRODUCTIONS, "a_id", CONTACTS),
    (INTRODUCTIONS, "b_id", CONTACTS),
    (INTRODUCTIONS, "by_id", CONTACTS),
    (EVENTS, "know", CONTACTS),
    (EVENTS, "met", CONTACTS),
    (ACTIONS, "followup_id", FOLLOWUPS),
    (ACTIONS, "closed_followup_id", FOLLOWUPS),
    (FOLLOWUPS, "source_action_id", ACTIONS),
    (FOLLOWUPS, "closed_by_action_id", ACTIONS),
    (PLANS, "action_id", ACTIONS),
    (PLANS, "carried_from", PLANS),
    (INTRODUCTIONS, "action_ids", ACTIONS),
    (EVENTS, "action_ids", ACTIONS),
)

# What one record of each table is called, and many of them (reports, imports, doctor).
NOUNS = {
    CONTACTS: ("contact", "contacts"),
    ACTIONS: ("action", "actions"),
    FOLLOWUPS: ("follow-up", "follow-ups"),
    HABITS: ("habit", "habits"),
    WEEK_NOTES: ("week note", "week notes"),
    SETTINGS: ("setting", "settings"),
    PLANS: ("plan item", "plan items"),
    INTRODUCTIONS: ("introduction", "introductions"),
    EVENTS: ("event", "events"),
}

# Fields without which a record cannot be used. Checked on every read so that a damaged
# file is refused before anything is written to it.
REQUIRED_TEXT = {
    CONTACTS: ("name", "created"),
    ACTIONS: ("kind", "at", "logged"),
    FOLLOWUPS: ("contact_id", "due", "created"),
    HABITS: ("name", "created"),
    WEEK_NOTES: ("week",),
    INTRODUCTIONS: ("a_id", "at", "logged"),
    EVENTS: ("name", "on", "created"),
    PLANS: ("contact_id", "week", "created"),
}


def _to_version_4(raw: Raw) -> Raw:
    """Version 4 keeps contact names in one spelling and says what opened a follow-up.

    Names become NFC without zero-width characters (``domain.text.normal_name``), so
    that two spellings of one name are one person. Each follow-up opened by an action
    records that action's kind (``source_kind``): a meeting's follow-up is closed by the
    next touch, a promise only when marked done.
    """
    from netrack.domain.text import normal_name

    for doc in (raw.get(CONTACTS) or {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("name"), str):
            doc["name"] = normal_name(doc["name"]).strip() or doc["name"]
    kinds = {
        doc.get("id"): doc.get("kind")
        for doc in (raw.get(ACTIONS) or {}).values()
        if isinstance(doc, dict)
    }
    for doc in (raw.get(FOLLOWUPS) or {}).values():
        if isinstance(doc, dict) and "source_kind" not in doc:
            kind = kinds.get(doc.get("source_action_id"))
            doc["source_kind"] = kind if isinstance(kind, str) else None
    return raw


# Tables of older versions, read under their current name: a file, a backup, or a record
# synced from a computer with an older netrack.
RENAMED_TABLES = {"reviews": WEEK_NOTES}


def _renamed_tables(raw: Raw) -> Raw:
    """``raw`` with each table of an older name moved under its current name."""
    for old, new in RENAMED_TABLES.items():
        if old in raw:
            raw = dict(raw)
            moved = raw.pop(old)
            current = dict(raw.get(new, {}))
            ids = {doc.get("id") for doc in current.values() if isinstance(doc, dict)}
            number = max((int(key) for key in current if key.isdecimal()), default=0)
            for doc in moved.values():
                if not (isinstance(doc, dict) and doc.get("id") in ids):
                    number += 1
                    current[str(number)] = doc
            raw[new] = current
    return raw


# MIGRATIONS[n] turns a version-n file into a version n+1 file, in memory.
MIGRATIONS: dict[int, Callable[[Raw], Raw]] = {
    1: lambda raw: raw,
    2: _renamed_tables,
    3: _to_version_4,
    4: lambda raw: raw,
    5: lambda raw: raw,
}


def schema_version(raw: Raw) -> int | None:
    """The version recorded in the file, or None for a file without one (new)."""
    for doc in raw.get(META, {}).values():
        version = doc.get("schema_version")
        if isinstance(version, int) and not isinstance(version, bool):
            return version
    return None


def check_shape(raw: Any, path: Path, records: bool = True) -> Raw:
    """``raw`` if it has the shape of a netrack file, else a DataFileError naming the flaw.

    ``records`` False: these very bytes were checked before (store/soundness.py), so each
    record is not checked again; the tables and the version still are.
    """
    if not isinstance(raw, dict):
        raise DataFileError(path, f"wrong shape: expected a JSON object, found {_type(raw)}")
    for table in (*TABLES, *RENAMED_TABLES):
        docs = raw.get(table)
        if docs is None:
            continue
        if not isinstance(docs, dict):
            raise DataFileError(
                path, f"wrong shape: table {table!r} is {_type(docs)}, not an object"
            )
        if records and not _table_is_sound(table, docs):
            _explain_flaw(table, docs, path)
    meta = raw.get(META, {})
    if meta and schema_version(raw) is None:
        raise DataFileError(path, "wrong shape: the meta table has no schema_version")
    version = schema_version(raw)
    if version is not None and version > SCHEMA_VERSION:
        raise DataFileError(
            path,
            f"it was written by a newer netrack (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}); upgrade netrack",
        )
    if version is not None and version < 1:
        raise DataFileError(path, f"unknown schema version {version}")
    return raw


def _table_is_sound(table: str, docs: dict[str, Any]) -> bool:
    """True when every record is an object with its id and required fields as text.

    One quick pass (a long history has 100k records); ``_explain_flaw`` finds the first
    flaw again, slowly, to name it.
    """
    if table == META:
        return all(type(doc) is dict for doc in docs.values())
    numbers = "".join(docs)  # every document number: digits only, none empty
    if not (all(docs) and numbers.isdecimal() and numbers.isascii()):
        return False
    names = ("id", *REQUIRED_TEXT.get(RENAMED_TABLES.get(table, table), ()))
    for doc in docs.values():
        if type(doc) is not dict:
            return False
        get = doc.get
        for name in names:
            if type(get(name)) is not str:
                return False
    return True


def _explain_flaw(table: str, docs: dict[str, Any], path: Path) -> None:
    """Raise a DataFileError naming the first flaw of ``docs`` (if any)."""
    for doc_id, doc in docs.items():
        if not isinstance(doc, dict):
            raise DataFileError(
                path, f"wrong shape: record {table}/{doc_id} is {_type(doc)}, not an object"
            )
        if table == META:
            continue
        if not isinstance(doc.get("id"), str):
            raise DataFileError(path, f"record {table}/{doc_id} has no text 'id'")
        if not (doc_id.isdecimal() and doc_id.isascii()):
            raise DataFileError(path, f"record {table}/{doc_id} has no document number")
    for name in REQUIRED_TEXT.get(RENAMED_TABLES.get(table, table), ()):
        for doc_id, doc in docs.items():
            if not isinstance(doc.get(name), str):
                problem = "missing field" if name not in doc else "damaged field"
                raise DataFileError(path, f"record {table}/{doc_id} has a {problem} {name!r}")


def migrate(raw: Raw) -> tuple[Raw, bool]:
    """Bring ``raw`` to the current version; True when anything changed."""
    version = schema_version(raw)
    if version is None:
        return raw, False
    changed = False
    while version < SCHEMA_VERSION:
        raw = MIGRATIONS[version](raw)
        version += 1
        set_schema_version(raw, version)
        changed = True
    # A record synced from an older netrack may have arrived under an old table name.
    return _renamed_tables(raw), changed


def set_schema_version(raw: Raw, version: int | None = None) -> None:
    """Record ``version`` (default: the current one) in the meta table, keeping the rest."""
    doc = next(iter((raw.get(META) or {}).values()), {})
    raw[META] = {"1": {**doc, "schema_version": SCHEMA_VERSION if version is None else version}}


def _type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return names.get(type(value), type(value).__name__)
