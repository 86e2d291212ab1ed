"""Adding, editing and merging contacts."""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from netrack.domain.contacts import check_unique_name
from netrack.domain.models import (
    CIRCLES,
    NO_CADENCE,
    Action,
    Contact,
    Dataset,
    Event,
    FollowUp,
    Introduction,
    PlanItem,
)
from netrack.domain.text import FIELD_MAX, check_text, clean_name
from netrack.errors import UsageError, quoted

CADENCE_MAX_DAYS = 3_650
NOTES_MAX = 20_000


class ContactFields(NamedTuple):
    """Fields the user set; None leaves a field as it is."""

    name: str | None = None
    company: str | None = None
    role: str | None = None
    met_how: str | None = None
    circle: str | None = None  # a circle name or "none"
    cadence: str | None = None  # days, "none", or "circle"
    email: str | None = None
    url: str | None = None
    tags: str | None = None  # comma separated
    notes: str | None = None


def parse_circle(text: str) -> str | None:
    key = text.strip().casefold()
    if key in ("none", "-", ""):
        return None
    matches = [c for c in CIRCLES if c.startswith(key)]
    if len(matches) != 1:
        raise UsageError(f"unknown circle {quoted(text)}; accepted: {', '.join(CIRCLES)}, none")
    return matches[0]


def parse_cadence(text: str) -> int | None:
    """Days between touches; 0 for "no reminders"; None for "the circle's cadence"."""
    key = text.strip().casefold()
    if key in ("none", "never", "off", "0"):
        return NO_CADENCE
    if key in ("circle", "default"):
        return None
    digits = key.removesuffix("d")
    if digits.isascii() and digits.isdigit() and 0 < int(digits) <= CADENCE_MAX_DAYS:
        return int(digits)
    raise UsageError(
        f"invalid cadence {quoted(text)}; give days (1-{CADENCE_MAX_DAYS}), 'none', or 'circle'"
    )


def parse_tags(text: str) -> tuple[str, ...]:
    tags = []
    for part in text.split(","):
        tag = part.strip()
        if tag and tag not in tags:
            tags.append(check_text(tag, "tag", 100))
    return tuple(tags)


def apply_fields(contact: Contact, fields: ContactFields, now: datetime) -> Contact:
    """``contact`` with the given fields changed and checked."""
    changes: dict[str, Any] = {}
    if fields.name is not None:
        changes["name"] = clean_name(fields.name)
    for name in ("company", "role", "met_how"):
        value = getattr(fields, name)
        if value is not None:
            changes[name] = check_text(value, name.replace("_", " "), FIELD_MAX).strip()
    if fields.circle is not None:
        changes["circle"] = parse_circle(fields.circle)
    if fields.cadence is not None:
        changes["cadence_days"] = parse_cadence(fields.cadence)
    if fields.email is not None:
        email = check_text(fields.email, "email", 320).strip()
        if email and ("@" not in email or any(c.isspace() for c in email)):
            raise UsageError(f"invalid email {quoted(fields.email)}; expected name@example.com")
        changes["email"] = email
    if fields.url is not None:
        changes["url"] = check_text(fields.url, "url", 2_000).strip()
    if fields.tags is not None:
        changes["tags"] = parse_tags(fields.tags)
    if fields.notes is not None:
        changes["notes"] = check_text(fields.notes, "notes", NOTES_MAX)
    if not changes:
        return contact
    return contact._replace(**changes, updated=now)


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
    filled: dict[str, Any] = {}
    for name in ("company", "role", "met_how", "email", "url", "circle"):
        if not getattr(target, name) and getattr(source, name):
            filled[name] = getattr(source, name)
    if target.cadence_days is None and source.cadence_days is not None:
        filled["cadence_days"] = source.cadence_days
    tags = tuple(dict.fromkeys((*target.tags, *source.tags)))
    notes = "\n\n".join(n for n in (target.notes, source.notes) if n)
    merged = target._replace(
        **filled,
        tags=tags,
        notes=notes,
        created=min(target.created, source.created),
        updated=now,
    )
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
