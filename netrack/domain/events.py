"""Events: prepared before the day (goal, who is going, whom to meet, your intro) and
debriefed after it (everyone met logged at once, their follow-ups opened)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NamedTuple

import pendulum

from netrack.domain.contacts import find_or_add, name_key, starts_name
from netrack.domain.humanize import short_day
from netrack.domain.ids import new_id
from netrack.domain.kinds import MEET
from netrack.domain.models import Contact, Dataset, Event, FollowUp
from netrack.domain.quicklog import LogOutcome, LogRequest, plan_log, with_logged
from netrack.domain.text import FIELD_MAX, NAME_MAX, check_note, check_text
from netrack.domain.weeks import Week, calendar_for
from netrack.domain.when import at_day, parse_day
from netrack.errors import UsageError, quoted

EVENT_CHANNEL = "event"
PREP_MAX = 20_000
ID_PREFIX_MIN = 4
CANDIDATES_SHOWN = 8

# What preparing an event means, in the order worth doing it: the field, how it reads,
# and a short name for lists.
PREPARATION = (
    ("goal", "a goal", "goal"),
    ("know", "who is going", "going"),
    ("to_meet", "whom to meet", "to meet"),
    ("intro", "your one-line intro", "intro"),
    ("questions", "questions to ask", "questions"),
)
SHORT_NAMES = {label: short for _, label, short in PREPARATION}


class EventFields(NamedTuple):
    """What the user set on an event, as typed; None leaves a field as it is."""

    name: str | None = None
    on: str | None = None
    where: str | None = None
    goal: str | None = None
    know: str | None = None  # names, comma separated
    to_meet: str | None = None
    intro: str | None = None
    questions: str | None = None
    notes: str | None = None


class EventChange(NamedTuple):
    """An event as saved, and the contacts that naming who is going created."""

    event: Event
    new_contacts: tuple[Contact, ...]


def new_event(
    data: Dataset,
    fields: EventFields,
    now: pendulum.DateTime,
    make_id: Callable[[], str] = new_id,
    new: bool = False,
) -> EventChange:
    """A new event from ``fields``: a name (free among events) and a day are required.

    ``new``: a name in ``know`` close to an existing contact's is a new person.
    """
    if fields.name is None or not fields.name.strip():
        raise UsageError("the event needs a name: netrack event add 'PyCon' --on 2026-12-05")
    if fields.on is None:
        raise UsageError("say when the event is: --on 2026-12-05 (or sat, +2w, ...)")
    blank = Event(id=make_id(), name="?", on=now.date(), created=now, updated=now)
    return _apply(data, blank, fields, now, make_id, new)


def edit_event(
    data: Dataset,
    event: Event,
    fields: EventFields,
    now: pendulum.DateTime,
    make_id: Callable[[], str] = new_id,
    new: bool = False,
) -> EventChange:
    """``event`` changed by ``fields`` (unchanged when nothing differs); ``new`` as for
    ``new_event``."""
    return _apply(data, event, fields, now, make_id, new)


def _apply(
    data: Dataset,
    event: Event,
    fields: EventFields,
    now: pendulum.DateTime,
    make_id: Callable[[], str],
    new: bool,
) -> EventChange:
    changes: dict[str, Any] = {}
    if fields.name is not None:
        name = check_text(fields.name, "event name", NAME_MAX).strip()
        if not name:
            raise UsageError("the event name is empty; give it a name")
        _check_free(data.events, name, event.id)
        changes["name"] = name
    if fields.on is not None:
        changes["on"] = parse_day(fields.on, now, calendar_for(data.settings))
    for field in ("where", "goal", "intro"):
        value = getattr(fields, field)
        if value is not None:
            changes[field] = check_text(value, _label(field), FIELD_MAX).strip()
    for field in ("to_meet", "questions", "notes"):
        value = getattr(fields, field)
        if value is not None:
            changes[field] = check_text(value, _label(field), PREP_MAX).strip()
    new_contacts: list[Contact] = []
    if fields.know is not None:
        known: list[str] = []
        for typed in (part.strip() for part in fields.know.split(",")):
            if not typed:
                continue
            seen = data._replace(contacts=(*data.contacts, *new_contacts))
            contact, is_new = find_or_add(seen, typed, now, make_id, new)
            if is_new:
                new_contacts.append(contact)
            if contact.id not in known:
                known.append(contact.id)
        changes["know"] = tuple(known)
    edited = event._replace(**changes)
    if edited == event:
        return EventChange(event, ())
    return EventChange(edited._replace(updated=now), tuple(new_contacts))


def _label(field: str) -> str:
    return {"to_meet": "who to meet", "intro": "your intro"}.get(field, field)


def _check_free(events: Iterable[Event], name: str, own_id: str) -> None:
    key = name_key(name)
    for other in events:
        if other.id != own_id and name_key(other.name) == key:
            raise UsageError(
                f"an event named {quoted(other.name)} already exists ({short_day(other.on)}); "
                "use a distinct name (add the month or the city)"
            )


def find_event(events: Iterable[Event], typed: str) -> Event:
    """The event ``typed`` names: its name (any case), a unique prefix of it or of one of
    its words, or its id (at least four characters of it)."""
    everyone = list(events)
    key = name_key(typed)
    if not key:
        raise UsageError("name the event (see 'netrack events')")
    found = [e for e in everyone if name_key(e.name) == key]
    if not found:
        found = [e for e in everyone if _starts_with(e.name, key)]
    if not found and len(key) >= ID_PREFIX_MIN:
        found = [e for e in everyone if e.id.casefold().startswith(key)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no event matches {quoted(typed)}; see 'netrack events'")
    found.sort(key=lambda e: e.on)
    shown = "; ".join(f"{e.name} ({short_day(e.on)})" for e in found[:CANDIDATES_SHOWN])
    raise UsageError(f"{quoted(typed)} matches {len(found)} events: {shown}; type more of it")


def _starts_with(name: str, key: str) -> bool:
    return starts_name(name_key(name), key)


# Preparing -----------------------------------------------------------------------------


def still_to_prepare(event: Event) -> tuple[str, ...]:
    """What the event's preparation still lacks, in the order worth doing it."""
    return tuple(label for field, label, _ in PREPARATION if not getattr(event, field))


# Debriefing ----------------------------------------------------------------------------


class Debrief(NamedTuple):
    """What debriefing an event adds: a meeting per person, their follow-ups, new contacts."""

    event: Event
    logged: tuple[LogOutcome, ...]
    new_contacts: tuple[Contact, ...]
    already_met: tuple[Contact, ...]  # named again, met there before: nothing logged


def plan_debrief(
    data: Dataset,
    event: Event,
    names: Iterable[str],
    now: pendulum.DateTime,
    note: str = "",
    make_id: Callable[[], str] = new_id,
    new: bool = False,
) -> Debrief:
    """Log a meeting with each person named, at the event's day, on the ``event`` channel.

    A new name becomes a contact whose "how we met" is the event, added as of the
    meeting (``new``: even one close to an existing contact's). Each meeting opens a
    follow-up as any meeting does. Someone already met there is not logged twice.
    """
    typed = [name.strip() for name in names if name.strip()]
    if not typed:
        raise UsageError("name the people you met: netrack event debrief PyCon 'Ana' 'Ben'")
    calendar = calendar_for(data.settings)
    if event.on > calendar.day_of(now):
        raise UsageError(
            f"{quoted(event.name)} is on {short_day(event.on)}; debrief it once it has happened"
        )
    note = check_note(note).strip() or f"at {event.name}"
    at = at_day(event.on, now)
    logged: list[LogOutcome] = []
    news: list[Contact] = []
    already: list[Contact] = []
    met = list(event.met)
    for name in typed:
        contact, is_new = find_or_add(data, name, now, make_id, new)
        if contact.id in met:
            if contact not in already:
                already.append(contact)
            continue
        if is_new:
            # Met at the event: they joined your network then, not when you debriefed.
            contact = contact._replace(
                met_how=event.name, met_on=event.on, created=min(at, contact.created)
            )
            news.append(contact)
            data = data._replace(contacts=(*data.contacts, contact))
        request = LogRequest(
            kind=MEET,
            contact_name=None,
            contact_id=contact.id,
            at=at,
            note=note,
            channel=EVENT_CHANNEL,
        )
        outcome = plan_log(data, request, now, make_id)
        data = with_logged(data, outcome)
        logged.append(outcome)
        met.append(contact.id)
    updated = event._replace(
        met=tuple(met),
        action_ids=(*event.action_ids, *(o.action.id for o in logged)),
        updated=now if logged else event.updated,
    )
    return Debrief(updated, tuple(logged), tuple(news), tuple(already))


# Looking back --------------------------------------------------------------------------


class EventStanding(NamedTuple):
    """An event with what came of it: who was met and their follow-ups."""

    event: Event
    know: tuple[Contact, ...]
    met: tuple[Contact, ...]
    followups: tuple[FollowUp, ...]  # opened by its meetings
    upcoming: bool = True  # today or later

    @property
    def open_followups(self) -> tuple[FollowUp, ...]:
        return tuple(f for f in self.followups if f.is_open)

    @property
    def kept(self) -> int:
        """Follow-ups of its meetings that were done."""
        return sum(1 for f in self.followups if not f.is_open)

    @property
    def to_prepare(self) -> tuple[str, ...]:
        """What its preparation lacks; nothing once the day is over or it is debriefed
        (an event of today may already be)."""
        return still_to_prepare(self.event) if self.upcoming and not self.met else ()


def event_standing(event: Event, data: Dataset, today: date) -> EventStanding:
    """Where ``event`` stands in ``data`` on ``today``."""
    contacts = {c.id: c for c in data.contacts}
    actions = set(event.action_ids)
    followups = tuple(
        sorted(
            (f for f in data.followups if f.source_action_id in actions),
            key=lambda f: (f.due, f.created),
        )
    )
    return EventStanding(
        event,
        tuple(contacts[i] for i in event.know if i in contacts),
        tuple(contacts[i] for i in event.met if i in contacts),
        followups,
        event.on >= today,
    )


def events_of(events: Iterable[Event], contact_id: str) -> list[tuple[Event, bool]]:
    """The events a contact was met at (True) or is known to go to (False), latest first."""
    found = [(e, contact_id in e.met) for e in events if contact_id in (*e.met, *e.know)]
    return sorted(found, key=lambda pair: pair[0].on, reverse=True)


def upcoming_and_past(events: Iterable[Event], today: date) -> tuple[list[Event], list[Event]]:
    """Events from today on (soonest first), and earlier ones (latest first)."""
    everything = list(events)
    coming = sorted((e for e in everything if e.on >= today), key=lambda e: (e.on, e.name))
    past = sorted((e for e in everything if e.on < today), key=lambda e: e.on, reverse=True)
    return coming, past


def events_in_week(events: Iterable[Event], week: Week) -> list[Event]:
    """The events held in ``week``, in date order."""
    return sorted((e for e in events if week.contains(e.on)), key=lambda e: (e.on, e.name))
