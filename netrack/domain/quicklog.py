"""Logging one action: which contact, which follow-ups it opens or closes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from netrack.domain.contacts import find_or_add
from netrack.domain.ids import new_id
from netrack.domain.kinds import BUILTIN_KINDS, FOLLOW_UP, MEET, REACH_OUT
from netrack.domain.models import Action, Contact, Dataset, FollowUp, PlanItem
from netrack.domain.plans import check_off, item_checked_by
from netrack.domain.text import check_note
from netrack.domain.weeks import calendar_for
from netrack.errors import UsageError


class LogRequest(NamedTuple):
    """What the user asked to log, already parsed."""

    kind: str
    contact_name: str | None
    at: datetime
    note: str = ""
    channel: str = "other"
    due: date | None = None
    personal: bool | None = None
    contact_id: str | None = None  # set when the contact was picked, not typed


class LogOutcome(NamedTuple):
    """The records one logged action adds or changes."""

    action: Action
    contact: Contact | None
    new_contact: bool
    opened: FollowUp | None
    closed: FollowUp | None
    checked: PlanItem | None = None  # the plan item it checked off


def plan_log(
    data: Dataset,
    request: LogRequest,
    now: datetime,
    make_id: Callable[[], str] = new_id,
) -> LogOutcome:
    """Work out what logging ``request`` adds to ``data``; nothing is written here."""
    note = check_note(request.note)
    contact, is_new = _find_or_create(data, request, now, make_id)
    action_id = make_id()
    calendar = calendar_for(data.settings)
    day = calendar.day_of(request.at)

    closed = None
    if request.kind == FOLLOW_UP and contact is not None:
        owed = oldest_open_followup(data.followups, contact.id)
        if owed is not None:
            closed = owed._replace(closed=request.at, closed_by_action_id=action_id)

    opened = None
    due = request.due
    if due is None and request.kind == MEET:
        due = day + timedelta(days=data.settings.followup_days)
    if due is not None:
        if contact is None:
            raise UsageError("a follow-up needs a contact; name who it is owed to")
        opened = FollowUp(
            id=make_id(),
            contact_id=contact.id,
            text=_followup_text(request.kind, note),
            due=due,
            created=request.at,  # owed from when it happened, even when logged later
            source_action_id=action_id,
        )

    action = Action(
        id=action_id,
        kind=request.kind,
        contact_id=contact.id if contact else None,
        at=request.at,
        logged=now,
        channel=request.channel,
        note=note,
        personal=request.personal if request.kind == REACH_OUT else None,
        followup_id=opened.id if opened else None,
        closed_followup_id=closed.id if closed else None,
    )
    planned = item_checked_by(data.plans, action, calendar)
    checked = check_off(planned, action, now) if planned is not None else None
    return LogOutcome(action, contact, is_new, opened, closed, checked)


def with_logged(data: Dataset, outcome: LogOutcome) -> Dataset:
    """``data`` as it is once ``outcome`` is saved, for planning the next action in one go."""
    contacts = data.contacts
    if outcome.new_contact and outcome.contact is not None:
        contacts = (*contacts, outcome.contact)
    followups = {f.id: f for f in data.followups}
    for followup in (outcome.opened, outcome.closed):
        if followup is not None:
            followups[followup.id] = followup
    plans = data.plans
    if outcome.checked is not None:
        checked = outcome.checked
        plans = tuple(checked if p.id == checked.id else p for p in plans)
    return data._replace(
        contacts=contacts,
        actions=(*data.actions, outcome.action),
        followups=tuple(followups.values()),
        plans=plans,
    )


def oldest_open_followup(followups: tuple[FollowUp, ...], contact_id: str) -> FollowUp | None:
    """The follow-up owed to this contact the longest, if any."""
    owed = [f for f in followups if f.contact_id == contact_id and f.is_open]
    return min(owed, key=lambda f: (f.created, f.due), default=None)


def _find_or_create(
    data: Dataset,
    request: LogRequest,
    now: datetime,
    make_id: Callable[[], str],
) -> tuple[Contact | None, bool]:
    if request.contact_id is not None:
        picked = data.contact(request.contact_id)
        if picked is None:
            raise UsageError("that contact no longer exists")
        return picked, False
    typed = (request.contact_name or "").strip()
    if not typed or typed == "-":
        if request.kind in BUILTIN_KINDS:
            raise UsageError(f"a {request.kind} needs a contact; name the person")
        return None, False
    return find_or_add(data, typed, now, make_id)


def _followup_text(kind: str, note: str) -> str:
    if kind == MEET:
        return f"Follow up after meeting: {note}" if note else "Follow up after meeting"
    return note or f"Follow up on {kind}"
