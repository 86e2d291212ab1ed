"""Logging an action and taking the last one back."""

from __future__ import annotations

from typing import NamedTuple

import pendulum

from netrack import clock
from netrack.domain.habits import habit_kinds, progress_phrase
from netrack.domain.kinds import DEFAULT_CHANNEL, resolve_channel, resolve_kind
from netrack.domain.models import Action, Dataset
from netrack.domain.quicklog import LogOutcome, LogRequest, plan_log
from netrack.domain.undo import UndoOutcome, plan_undo
from netrack.domain.weeks import calendar_for
from netrack.domain.when import parse_due, parse_on
from netrack.store import Store, Transaction


class Logged(NamedTuple):
    """A logged action and how its week now stands ("gives this week 2/3")."""

    outcome: LogOutcome
    progress: str


def log_action(
    store: Store,
    now: pendulum.DateTime,
    kind: str,
    contact: str | None,
    note: str = "",
    on: str | None = None,
    channel: str | None = None,
    due: str | None = None,
    personal: bool | None = None,
    contact_id: str | None = None,
) -> Logged:
    """Log one action as typed by the user; a UsageError explains any bad field.

    ``contact_id`` names a contact picked from a list, instead of ``contact`` typed.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        request = log_request(
            data, now, kind, contact, note, on, channel, due, personal, contact_id
        )
        outcome = plan_log(data, request, now)
        save_logged(tx, outcome)
        progress = week_progress(tx, data, outcome.action, now)
    return Logged(outcome, progress)


def log_request(
    data: Dataset,
    now: pendulum.DateTime,
    kind: str,
    contact: str | None,
    note: str = "",
    on: str | None = None,
    channel: str | None = None,
    due: str | None = None,
    personal: bool | None = None,
    contact_id: str | None = None,
) -> LogRequest:
    """What the user typed to log, parsed; a UsageError explains any bad field."""
    calendar = calendar_for(data.settings)
    return LogRequest(
        kind=resolve_kind(kind, habit_kinds(data.habits)),
        contact_name=contact,
        at=parse_on(on, now, calendar),
        note=note,
        channel=resolve_channel(channel) if channel else DEFAULT_CHANNEL,
        due=parse_due(due, now, calendar) if due else None,
        personal=personal,
        contact_id=contact_id,
    )


def save_logged(tx: Transaction, outcome: LogOutcome) -> None:
    """Write what logging one action adds or changes."""
    if outcome.new_contact and outcome.contact is not None:
        tx.save(outcome.contact)
    tx.save(outcome.action)
    for followup in (outcome.opened, outcome.closed):
        if followup is not None:
            tx.save(followup)
    if outcome.checked is not None:
        tx.save(outcome.checked)


def week_progress(tx: Transaction, data: Dataset, action: Action, now: pendulum.DateTime) -> str:
    """How the week of ``action`` stands for its kind's habits: "gives this week 2/3"."""
    calendar = calendar_for(data.settings)
    week = calendar.week_of(action.at)
    recent = tx.actions_since(week.start)
    which = "this week" if week == calendar.week_of(now) else f"in {week.label}"
    return progress_phrase(action.kind, data.habits, recent, week, calendar, which)


def undo_last(store: Store, now: pendulum.DateTime | None = None) -> UndoOutcome | None:
    """Remove the most recently logged action and what it created; None if nothing is logged.

    The plan items it checked off are open again.
    """
    with store.transaction() as tx:
        undo = plan_undo(tx.data, now or clock.now())
        if undo is None:
            return None
        tx.delete(undo.action)
        if undo.removed_followup is not None:
            tx.delete(undo.removed_followup)
        if undo.reopened_followup is not None:
            tx.save(undo.reopened_followup)
        if undo.removed_contact is not None:
            tx.delete(undo.removed_contact)
        tx.save_many(undo.unchecked)
    return undo
