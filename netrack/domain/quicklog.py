"""Logging one action: which contact, which follow-ups it opens or closes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from netrack.domain.contacts import find_or_add
from netrack.domain.followups import followup_closed_by
from netrack.domain.ids import new_id
from netrack.domain.kinds import BUILTIN_KINDS, MEET, REACH_OUT
from netrack.domain.models import Action, Contact, Dataset, FollowUp, PlanItem, Settings
from netrack.domain.plans import check_off, item_checked_by
from netrack.domain.text import check_note
from netrack.domain.valuetype import Value
from netrack.domain.weeks import calendar_for
from netrack.errors import UsageError


class LogRequest(Value):
    """What the user asked to log, already parsed."""

    kind: str
    contact_name: str | None
    at: datetime
    note: str = ""
    channel: str = "other"
    due: date | None = None
    personal: bool | None = None
    contact_id: str | None = None  # set when the contact was picked, not typed
    new_contact: bool = False  # the user means a new person, even if the name is close
    closes: FollowUp | None = None  # close this follow-up (marking it done), not the usual


class LogOutcome(Value):
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
    owed = request.closes
    if owed is None and contact is not None:
        owed = followup_closed_by(
            data.followups,
            contact.id,
            request.kind,
            data.settings.followups_closed_by,
            request.at,
        )
    if owed is not None:
        closed = closed_by(owed, request.at, action_id)

    opened = None
    due = request.due
    if due is None and request.kind == MEET:
        due = meeting_followup_due(day, data.settings)
    if due is not None:
        if contact is None:
            raise UsageError("a follow-up needs a contact; name who it is owed to")
        opened = opened_followup(
            make_id(), request.kind, note, contact.id, request.at, due, action_id
        )

    action = new_action(
        action_id,
        request.kind,
        contact.id if contact else None,
        request.at,
        now,
        request.channel,
        note,
        request.personal,
        opened.id if opened else None,
        closed.id if closed else None,
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


# The rules of one logged action, used by plan_log and by the demo's invented history.


def new_action(
    action_id: str,
    kind: str,
    contact_id: str | None,
    at: datetime,
    logged: datetime,
    channel: str,
    note: str,
    personal: bool | None,
    opened_id: str | None,
    closed_id: str | None,
) -> Action:
    """The action as stored: whether it was personal is kept for reach-outs only."""
    return Action(
        id=action_id,
        kind=kind,
        contact_id=contact_id,
        at=at,
        logged=logged,
        channel=channel,
        note=note,
        personal=personal if kind == REACH_OUT else None,
        followup_id=opened_id,
        closed_followup_id=closed_id,
    )


def meeting_followup_due(day: date, settings: Settings) -> date:
    """When the follow-up that a meeting on ``day`` opens is due."""
    return day + timedelta(days=settings.followup_days)


def opened_followup(
    followup_id: str,
    kind: str,
    note: str,
    contact_id: str,
    at: datetime,
    due: date,
    action_id: str,
) -> FollowUp:
    """The follow-up an action opens: owed from when it happened, even when logged later."""
    return FollowUp(
        id=followup_id,
        contact_id=contact_id,
        text=followup_text(kind, note),
        due=due,
        created=at,
        source_action_id=action_id,
        source_kind=kind,
    )


def oldest_open_followup(followups: Iterable[FollowUp], contact_id: str) -> FollowUp | None:
    """The follow-up owed to this contact the longest, if any (``netrack done dana``).

    What an action closes by itself is ``followups.followup_closed_by``.
    """
    owed = [f for f in followups if f.contact_id == contact_id and f.is_open]
    return min(owed, key=lambda f: (f.created, f.due), default=None)


def closed_by(owed: FollowUp, at: datetime, action_id: str) -> FollowUp:
    """``owed`` closed at ``at`` by the action ``action_id``."""
    return owed._replace(closed=at, closed_by_action_id=action_id)


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
    return find_or_add(data, typed, now, make_id, new=request.new_contact)


def followup_text(kind: str, note: str) -> str:
    """What a follow-up opened by an action of ``kind`` with ``note`` says is owed."""
    if kind == MEET:
        return f"Follow up after meeting: {note}" if note else "Follow up after meeting"
    return note or f"Follow up on {kind}"
