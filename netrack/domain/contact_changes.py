"""Adding, editing and merging contacts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any, NamedTuple

from netrack.domain.contacts import check_unique_name
from netrack.domain.models import (
    CONTACT_FIELDS,
    Action,
    Contact,
    Dataset,
    Event,
    FollowUp,
    Introduction,
    PlanItem,
)
from netrack.domain.text import clean_name
from netrack.errors import UsageError

NO_CHANGES: Mapping[str, str | Sequence[str] | None] = MappingProxyType({})


class ContactFields(NamedTuple):
    """What the user typed for a contact: a new name, and details by field name.

    A detail's text is read by its field's kind (``Contact`` declares them); a
    repeatable field takes a list of ``LABEL=VALUE`` texts. A field left out (or None)
    stays as it is.
    """

    name: str | None = None
    details: Mapping[str, str | Sequence[str] | None] = NO_CHANGES


def apply_fields(contact: Contact, fields: ContactFields, now: datetime) -> Contact:
    """``contact`` with the given fields changed and checked."""
    changes: dict[str, Any] = {}
    if fields.name is not None:
        changes["name"] = clean_name(fields.name)
    for field in CONTACT_FIELDS:
        given = fields.details.get(field.name)
        if given is not None:
            current = getattr(contact, field.name)
            changes[field.name] = field.kind.edit(current, given, field.noun)
    met_on = changes.get("met_on")
    if met_on is not None and met_on > now.date():
        raise UsageError(f"met on {met_on.isoformat()} is after today: give the day you met")
    if not changes:
        return contact
    if any(changes.get(k, v) != v for k, v in _reminder_details(contact)):
        changes["reminders_since"] = now
    return contact._replace(**changes, updated=now)


def _reminder_details(contact: Contact) -> tuple[tuple[str, Any], ...]:
    """The details that set when a contact is reminded of (``Contact.reminders_since``)."""
    return (("circle", contact.circle), ("cadence_days", contact.cadence_days))


def new_contact(data: Dataset, fields: ContactFields, now: datetime, contact_id: str) -> Contact:
    """A new contact from ``fields`` (a name is required and must be free)."""
    if fields.name is None:
        raise UsageError("contact name is empty; give the person's name")
    blank = Contact(
        id=contact_id,
        name=clean_name(fields.name),
        created=now,
        circle=data.settings.new_contact_circle,
        updated=now,
    )
    contact = apply_fields(blank, fields, now)
    check_unique_name(data.contacts, contact.name)
    return contact


def edit_contact(data: Dataset, contact: Contact, fields: ContactFields, now: datetime) -> Contact:
    """``contact`` changed by ``fields``; a new name must not belong to someone else."""
    edited = apply_fields(contact, fields, now)
    if edited.name != contact.name:
        check_unique_name(data.contacts, edited.name, except_id=contact.id)
    return edited


class MergeOutcome(NamedTuple):
    """Merging one contact into another: what changes and what goes."""

    target: Contact
    removed: Contact
    actions: tuple[Action, ...]
    followups: tuple[FollowUp, ...]
    plans: tuple[PlanItem, ...] = ()
    introductions: tuple[Introduction, ...] = ()
    events: tuple[Event, ...] = ()


def plan_merge(data: Dataset, source: Contact, target: Contact, now: datetime) -> MergeOutcome:
    """Move every action, follow-up, plan item, introduction and event of ``source`` to
    ``target``.

    ``target`` keeps its own details and takes any that it lacks from ``source``.
    """
    if source.id == target.id:
        raise UsageError("cannot merge a contact into itself")
    details = {
        field.name: field.kind.merge(getattr(target, field.name), getattr(source, field.name))
        for field in CONTACT_FIELDS
    }
    merged = target._replace(**details, created=min(target.created, source.created), updated=now)
    actions = tuple(
        a._replace(contact_id=target.id) for a in data.actions if a.contact_id == source.id
    )
    followups = tuple(
        f._replace(contact_id=target.id) for f in data.followups if f.contact_id == source.id
    )
    plans = tuple(
        p._replace(contact_id=target.id, updated=now)
        for p in data.plans
        if p.contact_id == source.id
    )
    moved = {source.id: target.id}
    introductions = tuple(
        i._replace(
            a_id=moved.get(i.a_id, i.a_id),
            b_id=moved.get(i.b_id, i.b_id) if i.b_id else None,
            by_id=moved.get(i.by_id, i.by_id) if i.by_id else None,
        )
        for i in data.introductions
        if source.id in i.people()
    )
    events = tuple(
        e._replace(know=_moved(e.know, moved), met=_moved(e.met, moved), updated=now)
        for e in data.events
        if source.id in e.know or source.id in e.met
    )
    return MergeOutcome(merged, source, actions, followups, plans, introductions, events)


def _moved(ids: tuple[str, ...], moved: dict[str, str]) -> tuple[str, ...]:
    """``ids`` with each moved id replaced, and each id once."""
    return tuple(dict.fromkeys(moved.get(i, i) for i in ids))
