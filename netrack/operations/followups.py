"""Closing follow-ups and recording promises."""

from __future__ import annotations

from typing import NamedTuple

import pendulum

from netrack.domain.contacts import find_or_add, resolve_existing
from netrack.domain.followups import status
from netrack.domain.ids import find_by_id_prefix, new_id
from netrack.domain.models import Contact, FollowUp
from netrack.domain.quicklog import oldest_open_followup
from netrack.domain.text import check_note
from netrack.domain.weeks import calendar_for
from netrack.domain.when import parse_due
from netrack.errors import UsageError, quoted
from netrack.store import Store


def find_followup(followups: tuple[FollowUp, ...], text: str) -> FollowUp | None:
    """The follow-up whose id starts with ``text`` (at least four characters), if any."""
    return find_by_id_prefix(followups, text, "follow-up")


class Closed(NamedTuple):
    followup: FollowUp
    contact: Contact | None
    kept: str  # "on time" or "late"


def close_followup(store: Store, now: pendulum.DateTime, target: str) -> Closed:
    """Close a follow-up by hand, named by id (prefix) or by contact (their oldest one)."""
    with store.transaction() as tx:
        data = tx.data_without_actions()
        followup = find_followup(data.followups, target)
        if followup is None:
            contact = resolve_existing(data.contacts, target)
            followup = oldest_open_followup(data.followups, contact.id)
            if followup is None:
                raise UsageError(f"nothing is owed to {quoted(contact.name)}; see 'netrack due'")
        if not followup.is_open:
            raise UsageError(f"that follow-up was already closed ({followup.closed:%a %d %b})")
        closed = followup._replace(closed=now)
        tx.save(closed)
    calendar = calendar_for(data.settings)
    kept = status(closed, calendar.day_of(now), calendar)
    return Closed(closed, data.contact(followup.contact_id), kept)


def make_promise(
    store: Store, now: pendulum.DateTime, contact_name: str, text: str, due: str
) -> tuple[FollowUp, Contact, bool]:
    """Record a promise to a contact (created when new); True when the contact is new."""
    text = check_note(text).strip()
    if not text:
        raise UsageError("say what you promised: netrack promise Dana send the deck --due fri")
    with store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = calendar_for(data.settings)
        due_day = parse_due(due, now, calendar)
        contact, is_new = find_or_add(data, contact_name, now)
        if is_new:
            tx.save(contact)
        followup = FollowUp(id=new_id(), contact_id=contact.id, text=text, due=due_day, created=now)
        tx.save(followup)
    return followup, contact, is_new
