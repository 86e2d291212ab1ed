"""Logging an action (``operations/history.py`` takes any change back)."""

from __future__ import annotations

import pendulum

from netrack.domain.changes import LOG
from netrack.domain.habits import habit_kinds, progress_phrase
from netrack.domain.kinds import DEFAULT_CHANNEL, resolve_channel, resolve_kind
from netrack.domain.models import Action, Dataset
from netrack.domain.quicklog import LogOutcome, LogRequest, plan_log
from netrack.domain.valuetype import Value
from netrack.domain.weeks import calendar_for
from netrack.domain.when import parse_due, parse_on
from netrack.store import Store, Transaction
from netrack.store.quick import QuickAdd


class Logged(Value):
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
    new_contact: bool = False,
) -> Logged:
    """Log one action as typed by the user; a UsageError explains any bad field.

    ``contact_id`` names a contact picked from a list, instead of ``contact`` typed. A
    typed name close to an existing contact's raises ``contacts.DidYouMean`` unless
    ``new_contact`` says the user means a new person.
    """
    # A quick add: it reads a small index and appends to a journal when it can, so that
    # its cost does not grow with the history (store/quick.py).
    with store.quick_transaction() as tx:
        data = tx.data_for_logging(contact, contact_id)
        request = log_request(
            data, now, kind, contact, note, on, channel, due, personal, contact_id, new_contact
        )
        outcome = plan_log(data, request, now)
        save_logged(tx, outcome)
        tx.describe(logged_summary(outcome), LOG)
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
    new_contact: bool = False,
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
        new_contact=new_contact,
    )


def save_logged(tx: Transaction | QuickAdd, outcome: LogOutcome) -> None:
    """Write what logging one action adds or changes."""
    if outcome.new_contact and outcome.contact is not None:
        tx.save(outcome.contact)
    tx.save(outcome.action)
    for followup in (outcome.opened, outcome.closed):
        if followup is not None:
            tx.save(followup)
    if outcome.checked is not None:
        tx.save(outcome.checked)


def week_progress(
    tx: Transaction | QuickAdd, data: Dataset, action: Action, now: pendulum.DateTime
) -> str:
    """How the week of ``action`` stands for its kind's habits: "gives this week 2/3"."""
    calendar = calendar_for(data.settings)
    week = calendar.week_of(action.at)
    recent = tx.actions_since(week.start)
    which = "this week" if week == calendar.week_of(now) else f"in {week.label}"
    return progress_phrase(action.kind, data.habits, recent, week, calendar, which)


def logged_summary(outcome: LogOutcome) -> str:
    """``logged give → Dana Lee`` (the history's line for one logged action)."""
    who = outcome.contact.name if outcome.contact else "no contact"
    return f"logged {outcome.action.kind} → {who}"
