"""The archived years summed up: what the read commands need of them, without their actions.

A long history's older years live in year files (store/archive.py); reading them all
costs more than any listing is worth. ``summed_up`` keeps of them what the week review,
the balances, the keep-in-touch lists and the suggestions use, and the store keeps that
summary beside the year files (store/daycounts.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from netrack.domain.kinds import GIVE_KINDS, MEET, TAKE_KINDS
from netrack.domain.models import Action
from netrack.domain.reciprocity import contact_balances, takes_since_last_give
from netrack.domain.tally import DayCounts, day_counts
from netrack.domain.weeks import Calendar


def summed_up(actions: Iterable[Action], calendar: Calendar, until: date) -> DayCounts:
    """``actions`` (all on days before ``until``) summed up for ``Analysis(earlier=...)``."""
    actions = list(actions)
    counts = day_counts(actions, calendar, until)
    balances = contact_balances(actions)
    day_of = calendar.day_of
    meetings = {a.id: (day_of(a.at), a.note) for a in actions if a.kind == MEET and a.followup_id}
    return counts._replace(
        balances=balances,
        takes_since_give=takes_since_last_give(actions, balances),
        meetings=meetings,
        totals={
            "gives": sum(1 for a in actions if a.kind in GIVE_KINDS),
            "takes": sum(1 for a in actions if a.kind in TAKE_KINDS),
        },
    )
