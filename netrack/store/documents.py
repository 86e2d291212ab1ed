"""Data files as documents and as domain values: parsing, checking, seeding, converting.

A data file is a TinyDB JSON document (see schema.py). These functions turn its bytes
into checked, migrated tables (``parse_document``) and tables into domain values
(``dataset_from_raw``). Nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from typing import Any

from netrack import clock
from netrack.domain.habits import default_habits
from netrack.domain.models import PLAN_OPEN, Action, Dataset, Settings
from netrack.domain.text import could_name, fold
from netrack.domain.valuetype import Value
from netrack.errors import DataFileError
from netrack.store import codec, records, schema, table_checks
from netrack.store.records import Doc
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    EVENTS,
    FOLLOWUPS,
    HABITS,
    INTRODUCTIONS,
    PLANS,
    SETTINGS,
    WEEK_NOTES,
    Raw,
)


class Loaded(Value):
    """A data file as read: its tables, its bytes, and what reading it changed."""

    raw: Raw
    original: bytes | None
    migrated_from: int | None
    seeded: bool = False  # the file held no netrack data; defaults were just filled in


def parse_document(original: bytes | None, path: Path, checked: bool = False) -> Loaded:
    """The documents in ``original`` (the bytes of ``path``; None if it does not exist).

    Checked (each record too, unless ``checked``: these bytes were checked before),
    migrated in memory, and seeded with the defaults when the file is new.
    """
    raw = {} if original is None else decode_file(original, path)
    raw = schema.check_shape(raw, path, records=not checked)
    version = schema.schema_version(raw)
    raw, migrated = schema.migrate(raw)
    if version is None:
        _seed_new_file(raw, clock.now().date())
    return Loaded(raw, original, version if migrated else None, seeded=version is None)


def decode_file(original: bytes, path: Path) -> Any:
    """The JSON document in the bytes of the existing file ``path``, unchecked."""
    if not original.strip():
        # netrack never writes an empty file (writes are atomic), so this one was
        # truncated or damaged by something else: refuse it rather than start afresh.
        raise DataFileError(
            path,
            "it is empty (truncated?); 'netrack restore' lists backups, "
            "or delete the file to start afresh",
        )
    try:
        return codec.decode(original)
    except codec.DecodeError as error:
        raise DataFileError(path, str(error)) from None


def dataset_from_bytes(data: bytes, path: Path) -> Dataset:
    """Everything in ``data`` (the bytes of a data file at ``path``) as domain values."""
    return dataset_from_raw(parse_document(data, path).raw, path)


def _seed_new_file(raw: Raw, today: date) -> None:
    schema.set_schema_version(raw)
    raw[HABITS] = {
        str(n): records.habit_to_doc(habit)
        for n, habit in enumerate(default_habits(today), start=1)
    }


def dataset_from_raw(
    raw: Raw,
    path: Path,
    with_actions: bool = True,
    closed_followups: bool = True,
    only: Collection[str] | None = None,
    contacts_of: Collection[str] | None = None,
    actions_from: Callable[[Settings], date | None] | None = None,
) -> Dataset:
    """Every table of ``raw`` as domain values (optionally leaving out the actions, or
    the follow-ups already closed); with ``only``, those tables alone (the others are
    empty: a listing of contacts has no use for 10,000 follow-ups).

    ``contacts_of``: the tables whose records name the contacts wanted; only the contacts
    those (converted) records name are converted (``due`` shows five of 5,000).
    ``actions_from``: given the settings, the first day whose actions are wanted (None:
    all); the actions of earlier days are left out before they are converted.
    """
    convert = table_checks.convert_table
    converters: dict[str, Callable[[Doc], Any]] = {  # looked up now: tests watch them
        CONTACTS: records.contact_from_doc,
        ACTIONS: records.action_from_doc,
        FOLLOWUPS: records.followup_from_doc,
        HABITS: records.habit_from_doc,
        WEEK_NOTES: records.week_note_from_doc,
        INTRODUCTIONS: records.introduction_from_doc,
        EVENTS: records.event_from_doc,
        PLANS: records.plan_from_doc,
    }
    settings = settings_from_raw(raw, path)
    chosen: dict[str, dict[str, Doc]] = {}
    for table in converters:
        docs = raw.get(table, {})
        if (only is not None and table not in only) or (table == ACTIONS and not with_actions):
            docs = {}
        elif table == FOLLOWUPS and not closed_followups:
            docs = {k: d for k, d in docs.items() if d.get("closed") is None}
        elif table == ACTIONS and actions_from is not None:
            first = actions_from(settings)
            if first is not None:
                docs = actions_from_day(docs, first)
        chosen[table] = docs
    if contacts_of is not None:
        chosen[CONTACTS] = _named_contacts(chosen, contacts_of)
    tables = {
        table: tuple(convert(chosen[table], from_doc, table, path))
        for table, from_doc in converters.items()
    }
    return Dataset(
        contacts=tables[CONTACTS],
        actions=tables[ACTIONS],
        followups=tables[FOLLOWUPS],
        habits=tables[HABITS],
        week_notes=tables[WEEK_NOTES],
        settings=settings,
        introductions=tables[INTRODUCTIONS],
        events=tables[EVENTS],
        plans=tables[PLANS],
    )


def _named_contacts(chosen: dict[str, dict[str, Doc]], tables: Collection[str]) -> dict[str, Doc]:
    """The contact documents that the chosen documents of ``tables`` name."""
    named = named_contact_ids(chosen, tables)
    return {k: d for k, d in chosen[CONTACTS].items() if d["id"] in named}


def named_contact_ids(chosen: dict[str, dict[str, Doc]], tables: Collection[str]) -> set[Any]:
    """The ids of the contacts that the documents of ``tables`` in ``chosen`` name."""
    named: set[Any] = set()
    for table, field, target in schema.LINKS:
        if target != CONTACTS or table not in tables:
            continue
        for doc in chosen.get(table, {}).values():
            value = doc.get(field)
            if type(value) is list:
                named.update(v for v in value if type(v) is str)
            else:
                named.add(value)
    return named


def actions_from_day(docs: dict[str, Doc], day: date) -> dict[str, Doc]:
    """The action documents timed on or after the day before ``day`` (a superset of
    those that count for ``day`` or later: an action counts for the date of its own wall
    clock, or the day before it when logged before the day starts, ``Calendar.day_of``).

    A filter on the ISO text, before anything is converted.
    """
    floor = date.fromordinal(day.toordinal() - 1).isoformat()
    return {k: d for k, d in docs.items() if str(d.get("at", ""))[:10] >= floor}


def dataset_for_logging(
    raw: Raw, path: Path, typed: str | None, contact_id: str | None = None
) -> Dataset:
    """What logging one action needs of ``raw``, and nothing more (a quick add).

    The contacts that ``typed`` (or ``contact_id``) may name (``domain.text.could_name``),
    a superset of what ``domain.contacts`` matches; every
    contact when none does, for the check against typos that a new name goes through.
    The open follow-ups and plan items, the habits and the settings. No actions, no
    closed follow-ups, no week notes, introductions or events: a long history holds
    tens of thousands of those, and converting them was most of a quick add's time.
    """
    convert = table_checks.convert_table
    contacts = raw.get(CONTACTS, {})
    if contact_id is not None:
        wanted = {k: d for k, d in contacts.items() if d["id"] == contact_id}
    else:
        may = could_name(fold(typed or ""))
        wanted = {k: d for k, d in contacts.items() if may(fold(d["name"]))}
    followups = {k: d for k, d in raw.get(FOLLOWUPS, {}).items() if d.get("closed") is None}
    plans = {
        k: d for k, d in raw.get(PLANS, {}).items() if (d.get("status") or PLAN_OPEN) == PLAN_OPEN
    }
    return Dataset(
        contacts=tuple(convert(wanted or contacts, records.contact_from_doc, CONTACTS, path)),
        actions=(),
        followups=tuple(convert(followups, records.followup_from_doc, FOLLOWUPS, path)),
        habits=tuple(convert(raw.get(HABITS, {}), records.habit_from_doc, HABITS, path)),
        week_notes=(),
        settings=settings_from_raw(raw, path),
        plans=tuple(convert(plans, records.plan_from_doc, PLANS, path)),
    )


def settings_from_raw(raw: Raw, path: Path) -> Settings:
    try:
        return records.settings_from_docs(raw.get(SETTINGS, {}).values())
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(path, f"a setting is damaged ({error})") from None


def actions_since(raw: Raw, path: Path, day: date) -> list[Action]:
    """Actions whose timestamp falls on or after the day before ``day``.

    Filters on the ISO text first so that a long history is not converted in full.
    """
    docs = actions_from_day(raw.get(ACTIONS, {}), day)
    return table_checks.convert_table(docs, records.action_from_doc, ACTIONS, path)
