"""Events: adding, preparing, debriefing and removing them."""

from __future__ import annotations

from collections.abc import Iterable

import pendulum

from netrack.domain.events import (
    Debrief,
    EventChange,
    EventFields,
    edit_event,
    find_event,
    new_event,
    plan_debrief,
)
from netrack.domain.models import Event
from netrack.operations.entries import save_logged
from netrack.store import Store


def add_event(
    store: Store, now: pendulum.DateTime, fields: EventFields, new: bool = False
) -> EventChange:
    """A new event; its name must be free among events. ``new``: a name in who is going
    close to an existing contact's is a new person, not a typo."""
    with store.transaction() as tx:
        change = new_event(tx.data_without_actions(), fields, now, new=new)
        tx.save_many([*change.new_contacts, change.event])
        tx.describe(f"added event {change.event.name}", "event")
    return change


def update_event(
    store: Store, now: pendulum.DateTime, which: str, fields: EventFields, new: bool = False
) -> tuple[Event, EventChange]:
    """Change an event (named as typed, or by id); returns it as it was, and the change.

    ``new`` as for ``add_event``.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        event = _named(data.events, which)
        change = edit_event(data, event, fields, now, new=new)
        if change.event != event:
            tx.save_many([*change.new_contacts, change.event])
        tx.describe(f"edited event {change.event.name}", "event")
    return event, change


def remove_event(store: Store, which: str) -> Event:
    """Forget an event; the meetings its debrief logged stay in the history."""
    with store.transaction() as tx:
        event = _named(tx.data_without_actions().events, which)
        tx.delete(event)
        tx.describe(f"removed event {event.name}", "event")
    return event


def debrief_event(
    store: Store,
    now: pendulum.DateTime,
    which: str,
    people: Iterable[str],
    note: str = "",
    new: bool = False,
) -> Debrief:
    """Log a meeting with each person met at the event, opening their follow-ups.

    ``new``: a name close to an existing contact's is a new person, not a typo.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        event = _named(data.events, which)
        debrief = plan_debrief(data, event, people, now, note, new=new)
        tx.save_many(debrief.new_contacts)
        for logged in debrief.logged:
            save_logged(tx, logged)
        if debrief.event != event:
            tx.save(debrief.event)
        met = ", ".join(o.contact.name for o in debrief.logged if o.contact)
        tx.describe(f"debriefed event {event.name}" + (f": met {met}" if met else ""), "event")
    return debrief


def _named(events: tuple[Event, ...], which: str) -> Event:
    """An event by id (as the app passes it) or by what the user typed."""
    for event in events:
        if event.id == which:
            return event
    return find_event(events, which)
