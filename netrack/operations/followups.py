"""Closing and reopening follow-ups, and recording promises."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import pendulum

from netrack.domain.contacts import find_or_add, matching_contacts, resolve_existing
from netrack.domain.followups import status
from netrack.domain.humanize import clip
from netrack.domain.ids import find_by_id_prefix, looks_like_id, new_id
from netrack.domain.kinds import FOLLOW_UP
from netrack.domain.models import Action, Contact, Dataset, FollowUp
from netrack.domain.quicklog import LogRequest, oldest_open_followup, plan_log
from netrack.domain.text import check_note
from netrack.domain.weeks import calendar_for
from netrack.domain.when import parse_due
from netrack.errors import UsageError, quoted
from netrack.operations.entries import save_logged
from netrack.store import Store


def find_followup(followups: tuple[FollowUp, ...], text: str) -> FollowUp | None:
    """The follow-up whose id starts with ``text`` (at least four characters), if any."""
    return find_by_id_prefix(followups, text, "follow-up")


class Closed(NamedTuple):
    followup: FollowUp
    contact: Contact | None
    kept: str  # "on time" or "late"
    action: Action | None  # the follow-up action logged with it (None: --no-log)


def _named_followup(
    data: Dataset,
    target: str,
    pick: Callable[[tuple[FollowUp, ...], str], FollowUp | None],
    nothing: str,
) -> FollowUp:
    """The follow-up ``target`` names by id (prefix), else the one ``pick`` takes of the
    contact it names; ``nothing`` (``{}``: the contact's name) says when there is none."""
    followup = find_followup(data.followups, target)
    if followup is not None:
        return followup
    if looks_like_id(target) and not matching_contacts(data.contacts, target):
        raise UsageError(
            f"no follow-up id starts with {quoted(target)} and no contact matches it; "
            "'netrack due --all' lists the follow-ups with their ids"
        )
    named = resolve_existing(data.contacts, target)
    picked = pick(data.followups, named.id)
    if picked is None:
        raise UsageError(nothing.format(quoted(named.name)))
    return picked


def close_followup(store: Store, now: pendulum.DateTime, target: str, log: bool = True) -> Closed:
    """Mark a follow-up done, named by id (prefix) or by contact (their oldest one).

    Unless ``log`` is False this logs a follow-up action with the contact, which closes
    it: it counts toward the Follow-ups habit and is the contact's latest touch.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        followup = _named_followup(
            data, target, oldest_open_followup, "nothing is owed to {}; see 'netrack due'"
        )
        if not followup.is_open:
            raise UsageError(
                f"that follow-up was already closed ({followup.closed:%a %d %b}); "
                f"'netrack done --reopen {followup.id[:8]}' opens it again"
            )
        action = None
        contact = data.contact(followup.contact_id)
        if log and contact is not None:
            request = LogRequest(
                kind=FOLLOW_UP,
                contact_name=None,
                at=now,
                note=followup.text,
                contact_id=followup.contact_id,
                closes=followup,
            )
            outcome = plan_log(data, request, now)
            save_logged(tx, outcome)
            closed, action = outcome.closed, outcome.action
            assert closed is not None
        else:
            closed = followup._replace(closed=now)
            tx.save(closed)
        tx.describe(f"done: {clip(followup.text)} → {_name(contact)}", "done")
    calendar = calendar_for(data.settings)
    kept = status(closed, calendar.day_of(now), calendar)
    return Closed(closed, contact, kept, action)


def reopen_followup(store: Store, target: str) -> tuple[FollowUp, Contact | None]:
    """Open a closed follow-up again, named by id (prefix) or by contact (the one closed
    last); the action that closed it stays."""
    with store.transaction() as tx:
        missing = "no follow-up with {} is closed; see 'netrack due --all'"
        data = tx.data_without_actions()
        try:
            followup = _named_followup(data, target, _closed_last, missing)
        except UsageError:
            # Not among the recent ones: those closed in past years are in the archive.
            data = tx.data_without_actions(archived=True)
            followup = _named_followup(data, target, _closed_last, missing)
        if followup.is_open:
            raise UsageError("that follow-up is open already")
        closer = tx.find_action(followup.closed_by_action_id)
        if closer is not None and closer.closed_followup_id == followup.id:
            tx.save(closer._replace(closed_followup_id=None))  # it happened; it closes nothing
        reopened = followup._replace(closed=None, closed_by_action_id=None)
        tx.save(reopened)
        contact = data.contact(followup.contact_id)
        tx.describe(f"reopened: {clip(followup.text)} → {_name(contact)}", "reopen")
    return reopened, contact


def make_promise(
    store: Store,
    now: pendulum.DateTime,
    contact_name: str,
    text: str,
    due: str,
    new_contact: bool = False,
) -> tuple[FollowUp, Contact, bool]:
    """Record a promise to a contact (created when new); True when the contact is new.

    A name close to an existing contact's raises ``contacts.DidYouMean`` unless
    ``new_contact`` says the user means a new person.
    """
    text = check_note(text).strip()
    if not text:
        raise UsageError("say what you promised: netrack promise Dana send the deck --due fri")
    with store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = calendar_for(data.settings)
        due_day = parse_due(due, now, calendar)
        contact, is_new = find_or_add(data, contact_name, now, new=new_contact)
        if is_new:
            tx.save(contact)
        followup = FollowUp(id=new_id(), contact_id=contact.id, text=text, due=due_day, created=now)
        tx.save(followup)
        tx.describe(f"promised {contact.name}: {clip(text)}", "promise")
    return followup, contact, is_new


def _closed_last(followups: tuple[FollowUp, ...], contact_id: str) -> FollowUp | None:
    closed = [(f.closed, f) for f in followups if f.contact_id == contact_id and f.closed]
    # On a tie, the one stored later.
    return max(reversed(closed), key=lambda pair: pair[0], default=(None, None))[1]


def _name(contact: Contact | None) -> str:
    return contact.name if contact else "no contact"
