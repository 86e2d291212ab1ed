"""Documents in the data file to domain values and back."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, datetime
from sys import intern
from typing import Any

from netrack.domain.models import (
    CONTACT_FIELDS,
    PLAN_OPEN,
    PLAN_STATUSES,
    Action,
    Contact,
    Event,
    FollowUp,
    Habit,
    Introduction,
    PlanItem,
    Settings,
    TargetChange,
    WeekNote,
)
from netrack.domain.settings import settings_from_stored
from netrack.store.contact_docs import columns_converter, contact_converter
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
)

Doc = dict[str, Any]

_new_tuple = tuple.__new__


def _when(text: str) -> datetime:
    """A time as netrack writes it: ISO 8601 with its offset (a naive one is refused)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time {text[:40]!r} has no time-zone offset")
    return moment


def _text(doc: Doc, key: str) -> str:
    value = doc[key]
    if not isinstance(value, str):
        raise TypeError(f"{key!r} is not text")
    return value


def _maybe_when(text: str | None) -> datetime | None:
    return None if text is None else _when(text)


def _maybe_iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


# Contacts -----------------------------------------------------------------------------


# Each detail is stored under its name, as its declaration says (domain/fields.py). The
# details sit between ``created`` and ``archived`` in Contact, so a contact is built as a
# plain tuple (twice as fast for thousands of contacts as keywords).
_FROM_DOC = tuple((field.name, field.kind.from_doc) for field in CONTACT_FIELDS)
_TO_DOC = tuple((field.name, field.kind.to_doc) for field in CONTACT_FIELDS)
_DETAILS_BETWEEN = ("id", "name", "created", *(n for n, _ in _FROM_DOC), "archived", "updated")
if Contact._fields != (*_DETAILS_BETWEEN, "reminders_since"):
    raise RuntimeError("Contact's details must sit between 'created' and 'archived'")


contact_from_doc = contact_converter(_text, _when)
contact_from_row = contact_converter(_text, _when, positional=True)


@functools.lru_cache(maxsize=8)  # one or two a process
def contacts_from_columns(read: frozenset[str] | None) -> Callable[[Any], list[Contact]]:
    """The converter of contacts given as columns of values, reading the keys ``read``
    (store/contact_docs.py ``columns_converter``)."""
    return columns_converter(_when, read)


def contact_to_doc(contact: Contact) -> Doc:
    doc: Doc = {"id": contact.id, "name": contact.name}
    for name, to_doc in _TO_DOC:
        doc[name] = to_doc(getattr(contact, name))
    doc["archived"] = contact.archived
    doc["created"] = contact.created.isoformat()
    doc["updated"] = _maybe_iso(contact.updated)
    if contact.reminders_since is not None:
        doc["reminders_since"] = contact.reminders_since.isoformat()
    return doc


# Actions ------------------------------------------------------------------------------


def action_from_doc(doc: Doc) -> Action:
    # The hottest conversion (a long history has 100k actions): the tuple is built
    # directly, skipping the keyword handling of Action(...).
    # The words repeated in every action (kind, channel, contact id) are kept once
    # each, not once per action: 17 MB less for 100k actions.
    kind = doc["kind"]
    get = doc.get
    note = get("note") or ""
    if type(kind) is not str or type(note) is not str:
        raise TypeError("'kind' is not text" if type(kind) is not str else "'note' is not text")
    contact_id = get("contact_id")
    channel = get("channel") or "other"
    return _new_tuple(
        Action,
        (
            doc["id"],
            intern(kind),
            intern(contact_id) if type(contact_id) is str else contact_id,
            _when(doc["at"]),
            _when(doc["logged"]),
            intern(channel) if type(channel) is str else channel,
            note,
            get("personal"),
            get("followup_id"),
            get("closed_followup_id"),
        ),
    )


def action_to_doc(action: Action) -> Doc:
    return {
        "id": action.id,
        "kind": action.kind,
        "contact_id": action.contact_id,
        "at": action.at.isoformat(),
        "logged": action.logged.isoformat(),
        "channel": action.channel,
        "note": action.note,
        "personal": action.personal,
        "followup_id": action.followup_id,
        "closed_followup_id": action.closed_followup_id,
    }


# Follow-ups ---------------------------------------------------------------------------


def followup_from_doc(doc: Doc) -> FollowUp:
    return FollowUp(
        id=doc["id"],
        contact_id=_text(doc, "contact_id"),
        text=doc.get("text") or "",
        due=date.fromisoformat(doc["due"]),
        created=_when(doc["created"]),
        source_action_id=doc.get("source_action_id"),
        closed=_maybe_when(doc.get("closed")),
        closed_by_action_id=doc.get("closed_by_action_id"),
        source_kind=doc.get("source_kind"),
    )


def followup_to_doc(followup: FollowUp) -> Doc:
    return {
        "id": followup.id,
        "contact_id": followup.contact_id,
        "text": followup.text,
        "due": followup.due.isoformat(),
        "created": followup.created.isoformat(),
        "source_action_id": followup.source_action_id,
        "closed": _maybe_iso(followup.closed),
        "closed_by_action_id": followup.closed_by_action_id,
        "source_kind": followup.source_kind,
    }


# Habits -------------------------------------------------------------------------------


def habit_from_doc(doc: Doc) -> Habit:
    targets = tuple(
        TargetChange(date.fromisoformat(t["since"]), int(t["target"])) for t in doc["targets"]
    )
    if not targets:
        raise KeyError("targets")
    return Habit(
        id=doc["id"],
        name=_text(doc, "name"),
        kinds=tuple(doc["kinds"]),
        targets=targets,  # in the order made: the later change wins (models.Habit)
        created=date.fromisoformat(doc["created"]),
    )


def habit_to_doc(habit: Habit) -> Doc:
    return {
        "id": habit.id,
        "name": habit.name,
        "kinds": list(habit.kinds),
        "targets": [{"since": t.since.isoformat(), "target": t.target} for t in habit.targets],
        "created": habit.created.isoformat(),
    }


# Week notes ---------------------------------------------------------------------------


def week_note_from_doc(doc: Doc) -> WeekNote:
    return WeekNote(
        id=doc["id"],
        week=_text(doc, "week"),
        reflection=doc.get("reflection") or "",
        focus=doc.get("focus") or "",
        skipped=bool(doc.get("skipped", False)),
        skip_reason=doc.get("skip_reason") or "",
        updated=_maybe_when(doc.get("updated")),
    )


def week_note_to_doc(note: WeekNote) -> Doc:
    return {
        "id": note.id,
        "week": note.week,
        "reflection": note.reflection,
        "focus": note.focus,
        "skipped": note.skipped,
        "skip_reason": note.skip_reason,
        "updated": _maybe_iso(note.updated),
    }


# Introductions --------------------------------------------------------------------------


def introduction_from_doc(doc: Doc) -> Introduction:
    return Introduction(
        id=doc["id"],
        a_id=_text(doc, "a_id"),
        b_id=doc.get("b_id"),
        at=_when(doc["at"]),
        logged=_when(doc["logged"]),
        note=doc.get("note") or "",
        by_id=doc.get("by_id"),
        action_ids=_ids(doc, "action_ids"),
    )


def introduction_to_doc(intro: Introduction) -> Doc:
    return {
        "id": intro.id,
        "a_id": intro.a_id,
        "b_id": intro.b_id,
        "by_id": intro.by_id,
        "at": intro.at.isoformat(),
        "logged": intro.logged.isoformat(),
        "note": intro.note,
        "action_ids": list(intro.action_ids),
    }


# Events -------------------------------------------------------------------------------


def event_from_doc(doc: Doc) -> Event:
    return Event(
        id=doc["id"],
        name=_text(doc, "name"),
        on=date.fromisoformat(doc["on"]),
        created=_when(doc["created"]),
        where=doc.get("where") or "",
        goal=doc.get("goal") or "",
        know=_ids(doc, "know"),
        to_meet=doc.get("to_meet") or "",
        intro=doc.get("intro") or "",
        questions=doc.get("questions") or "",
        notes=doc.get("notes") or "",
        met=_ids(doc, "met"),
        action_ids=_ids(doc, "action_ids"),
        updated=_maybe_when(doc.get("updated")),
    )


def event_to_doc(event: Event) -> Doc:
    return {
        "id": event.id,
        "name": event.name,
        "on": event.on.isoformat(),
        "where": event.where,
        "goal": event.goal,
        "know": list(event.know),
        "to_meet": event.to_meet,
        "intro": event.intro,
        "questions": event.questions,
        "notes": event.notes,
        "met": list(event.met),
        "action_ids": list(event.action_ids),
        "created": event.created.isoformat(),
        "updated": _maybe_iso(event.updated),
    }


def _ids(doc: Doc, key: str) -> tuple[str, ...]:
    """A list of record ids (an empty tuple when absent)."""
    ids = doc.get(key)
    if ids is None:
        return ()
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise TypeError(f"{key!r} is not a list of ids")
    return tuple(ids)


# Plan items ---------------------------------------------------------------------------


def plan_from_doc(doc: Doc) -> PlanItem:
    status = doc.get("status") or PLAN_OPEN
    if status not in PLAN_STATUSES:
        raise ValueError(f"unknown status {str(status)[:20]!r}")
    return PlanItem(
        id=doc["id"],
        contact_id=_text(doc, "contact_id"),
        week=_text(doc, "week"),
        created=_when(doc["created"]),
        kind=doc.get("kind"),
        note=doc.get("note") or "",
        status=status,
        action_id=doc.get("action_id"),
        carried_from=doc.get("carried_from"),
        updated=_maybe_when(doc.get("updated")),
    )


def plan_to_doc(item: PlanItem) -> Doc:
    return {
        "id": item.id,
        "contact_id": item.contact_id,
        "week": item.week,
        "kind": item.kind,
        "note": item.note,
        "status": item.status,
        "action_id": item.action_id,
        "carried_from": item.carried_from,
        "created": item.created.isoformat(),
        "updated": _maybe_iso(item.updated),
    }


# Settings: one document per key, so an import merges them key by key -------------------


def setting_id(key: str) -> str:
    return f"setting:{key}"


def settings_from_docs(docs: Iterable[Doc]) -> Settings:
    """The settings held by the documents (one per key), defaults for the others."""
    return settings_from_stored((doc["key"], doc["value"]) for doc in docs if "key" in doc)


def setting_doc(key: str, value: Any) -> Doc:
    return {"id": setting_id(key), "key": key, "value": value}


# How each table's documents become values (settings: one key's document).
FROM_DOC: dict[str, Callable[[Doc], Any]] = {
    CONTACTS: contact_from_doc,
    ACTIONS: action_from_doc,
    FOLLOWUPS: followup_from_doc,
    HABITS: habit_from_doc,
    WEEK_NOTES: week_note_from_doc,
    PLANS: plan_from_doc,
    SETTINGS: lambda doc: settings_from_docs([doc]),
    INTRODUCTIONS: introduction_from_doc,
    EVENTS: event_from_doc,
}
