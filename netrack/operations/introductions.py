"""Introductions, made by you or to you."""

from __future__ import annotations

from typing import NamedTuple

import pendulum

from netrack.domain.introductions import (
    IntroOutcome,
    plan_introduction,
    plan_received_introduction,
)
from netrack.domain.kinds import DEFAULT_CHANNEL, RECEIVE, resolve_channel
from netrack.domain.quicklog import LogOutcome
from netrack.domain.weeks import calendar_for
from netrack.domain.when import parse_on
from netrack.operations.entries import log_request, save_logged, week_progress
from netrack.store import Store, Transaction


class Introduced(NamedTuple):
    """An introduction as saved, and how the week of its gives now stands."""

    outcome: IntroOutcome
    progress: str


def make_introduction(
    store: Store,
    now: pendulum.DateTime,
    first: str,
    second: str,
    note: str = "",
    on: str | None = None,
    channel: str | None = None,
    new: bool = False,
) -> Introduced:
    """Introduce two people: a give logged to each, and the two linked.

    ``new``: a name close to an existing contact's is a new person, not a typo.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        at = parse_on(on, now, calendar_for(data.settings))
        chosen = resolve_channel(channel) if channel else DEFAULT_CHANNEL
        outcome = plan_introduction(data, first, second, at, now, note, chosen, new=new)
        _save(tx, outcome)
        a, b = (_name(logged) for logged in outcome.logged)
        tx.describe(f"introduced {a} ↔ {b}", "intro")
        progress = week_progress(tx, data, outcome.logged[0].action, now)
    return Introduced(outcome, progress)


def receive_introduction(
    store: Store,
    now: pendulum.DateTime,
    introducer: str,
    introduced: str,
    note: str = "",
    on: str | None = None,
    channel: str | None = None,
    new: bool = False,
) -> Introduced:
    """``introducer`` put you in touch with ``introduced``: help received, and the link.

    ``new``: a name close to an existing contact's is a new person, not a typo.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        request = log_request(data, now, RECEIVE, introducer, note, on, channel, new_contact=new)
        outcome = plan_received_introduction(data, request, introduced, now)
        _save(tx, outcome)
        names = {c.id: c.name for c in (*data.contacts, *outcome.new_contacts)}
        who = names.get(outcome.introduction.a_id, "someone")
        tx.describe(f"{_name(outcome.logged[0])} introduced you to {who}", "intro")
        progress = week_progress(tx, data, outcome.logged[0].action, now)
    return Introduced(outcome, progress)


def _name(logged: LogOutcome) -> str:
    return logged.contact.name if logged.contact else "no contact"


def _save(tx: Transaction, outcome: IntroOutcome) -> None:
    tx.save_many(outcome.new_contacts)
    for logged in outcome.logged:
        save_logged(tx, logged)
    tx.save(outcome.introduction)
