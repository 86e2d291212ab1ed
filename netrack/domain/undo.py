"""Taking back the most recently logged action."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from netrack.domain.models import Action, Contact, Dataset, FollowUp, PlanItem
from netrack.domain.plans import uncheck


class UndoOutcome(NamedTuple):
    """What undoing the last action removes, and the follow-up it reopens."""

    action: Action
    contact: Contact | None
    removed_followup: FollowUp | None
    reopened_followup: FollowUp | None
    removed_contact: Contact | None
    unchecked: tuple[PlanItem, ...] = ()  # plan items it had checked off, open again


def last_logged(actions: tuple[Action, ...]) -> Action | None:
    """The action recorded most recently (by when it was logged, not when it happened).

    Two actions logged within the same second are told apart by their order in the
    file, where a newer record always comes later.
    """
    latest = None
    for action in actions:
        if latest is None or action.logged >= latest.logged:
            latest = action
    return latest


def plan_undo(data: Dataset, now: datetime) -> UndoOutcome | None:
    """What ``netrack undo`` would change, or None when nothing is logged."""
    action = last_logged(data.actions)
    if action is None:
        return None
    followups = {f.id: f for f in data.followups}
    removed = followups.get(action.followup_id) if action.followup_id else None
    reopened = None
    if action.closed_followup_id and action.closed_followup_id in followups:
        closed = followups[action.closed_followup_id]
        if closed.closed_by_action_id == action.id:
            reopened = closed._replace(closed=None, closed_by_action_id=None)
    contact = data.contact(action.contact_id)
    removed_contact = None
    if contact is not None and _created_by(contact, action, data):
        removed_contact = contact
    unchecked = tuple(uncheck(data.plans, action.id, now))
    return UndoOutcome(action, contact, removed, reopened, removed_contact, unchecked)


def _created_by(contact: Contact, action: Action, data: Dataset) -> bool:
    """Whether the contact was made by logging this action and is used nowhere else."""
    if contact.created < action.logged:
        return False
    others = any(a.contact_id == contact.id and a.id != action.id for a in data.actions)
    owed = any(f.contact_id == contact.id and f.id != action.followup_id for f in data.followups)
    planned = any(p.contact_id == contact.id for p in data.plans)
    return not others and not owed and not planned
