"""Give and take: overall, week by week, and per contact."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from netrack.domain.kinds import GIVE_KINDS, RECEIVE, TAKE_KINDS
from netrack.domain.models import Action
from netrack.domain.tally import WeekTally
from netrack.domain.valuetype import Value
from netrack.domain.weeks import Week

TREND_WEEKS = 12


class Balance(Value):
    """Gives against takes (asks and help received)."""

    gives: int
    takes: int

    @property
    def balance(self) -> int:
        return self.gives - self.takes

    @property
    def give_share(self) -> float | None:
        """Gives as a share of all give-and-take; None when there was none."""
        total = self.gives + self.takes
        return self.gives / total if total else None


class WeekBalance(Value):
    week: Week
    balance: Balance


class ContactBalance(Value):
    """One contact's give and take, and the flags that call for attention."""

    contact_id: str
    gives: int
    takes: int
    received: int
    last_give: datetime | None
    last_take: datetime | None

    @property
    def balance(self) -> int:
        return self.gives - self.takes

    @property
    def ask_only(self) -> bool:
        """You have only ever taken from this person."""
        return self.takes > 0 and self.gives == 0

    @property
    def owe(self) -> bool:
        """They have helped you more often than you helped them."""
        return self.received > self.gives


def week_balance(tally: WeekTally, week: Week) -> Balance:
    index = tally.calendar.week_index(week.start)
    return Balance(tally.count(index, GIVE_KINDS), tally.count(index, TAKE_KINDS))


def trend(tally: WeekTally, last: Week, weeks: int = TREND_WEEKS) -> list[WeekBalance]:
    """Give and take for each of the ``weeks`` weeks ending with ``last``, oldest first."""
    return [
        WeekBalance(week, week_balance(tally, week))
        for week in (last.shifted(-offset) for offset in range(weeks - 1, -1, -1))
    ]


def all_time(tally: WeekTally, upto: Week | None = None) -> Balance:
    """Every give and take up to the end of ``upto`` (or ever)."""
    limit = None if upto is None else tally.calendar.week_index(upto.start)
    gives = takes = 0
    for index, counter in tally.by_week.items():
        if limit is not None and index > limit:
            continue
        gives += sum(counter[k] for k in GIVE_KINDS)
        takes += sum(counter[k] for k in TAKE_KINDS)
    return Balance(gives, takes)


def contact_balances(actions: Iterable[Action]) -> dict[str, ContactBalance]:
    """Give and take per contact id, for every contact with any."""
    gives: dict[str, int] = {}
    takes: dict[str, int] = {}
    received: dict[str, int] = {}
    last_give: dict[str, datetime] = {}
    last_take: dict[str, datetime] = {}
    for action in actions:
        cid = action.contact_id
        if cid is None:
            continue
        if action.kind in GIVE_KINDS:
            gives[cid] = gives.get(cid, 0) + 1
            if cid not in last_give or action.at > last_give[cid]:
                last_give[cid] = action.at
        elif action.kind in TAKE_KINDS:
            takes[cid] = takes.get(cid, 0) + 1
            if action.kind == RECEIVE:
                received[cid] = received.get(cid, 0) + 1
            if cid not in last_take or action.at > last_take[cid]:
                last_take[cid] = action.at
    return {
        cid: ContactBalance(
            cid,
            gives.get(cid, 0),
            takes.get(cid, 0),
            received.get(cid, 0),
            last_give.get(cid),
            last_take.get(cid),
        )
        for cid in gives.keys() | takes.keys()
    }


class TakesSinceGive(Value):
    """What one contact gave you since your last give to them (or ever, without one)."""

    asks: int
    received: int


def takes_since_last_give(
    actions: Iterable[Action], balances: Mapping[str, ContactBalance]
) -> dict[str, TakesSinceGive]:
    """Asks and help received per contact id after their last give in ``balances``.

    ``balances`` are those of the same ``actions`` (``contact_balances``).
    """
    counts: dict[str, TakesSinceGive] = {}
    for action in actions:
        cid = action.contact_id
        if cid is None or action.kind not in TAKE_KINDS:
            continue
        balance = balances.get(cid)
        given = balance.last_give if balance is not None else None
        if given is not None and action.at <= given:
            continue
        asks, received = counts.get(cid, (0, 0))
        if action.kind == RECEIVE:
            received += 1
        else:
            asks += 1
        counts[cid] = TakesSinceGive(asks, received)
    return counts


def combined_balances(
    earlier: Mapping[str, ContactBalance], later: Mapping[str, ContactBalance]
) -> dict[str, ContactBalance]:
    """The give and take of two spans of time, ``earlier`` wholly before ``later``."""
    combined = dict(earlier)
    for cid, new in later.items():
        old = combined.get(cid)
        if old is None:
            combined[cid] = new
            continue
        combined[cid] = ContactBalance(
            cid,
            old.gives + new.gives,
            old.takes + new.takes,
            old.received + new.received,
            new.last_give or old.last_give,
            new.last_take or old.last_take,
        )
    return combined


def combined_takes_since(
    earlier: Mapping[str, TakesSinceGive],
    later: Mapping[str, TakesSinceGive],
    later_balances: Mapping[str, ContactBalance],
) -> dict[str, TakesSinceGive]:
    """Takes since the last give over two spans, ``earlier`` wholly before ``later``.

    A give in the later span makes the earlier takes count no more.
    """
    combined = {
        cid: takes
        for cid, takes in earlier.items()
        if (b := later_balances.get(cid)) is None or b.last_give is None
    }
    for cid, takes in later.items():
        old = combined.get(cid)
        combined[cid] = (
            takes
            if old is None
            else TakesSinceGive(old.asks + takes.asks, old.received + takes.received)
        )
    return combined
