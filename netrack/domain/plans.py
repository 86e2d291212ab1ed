"""The weekly plan: whom to get in touch with this week, and what to do for them.

A plan item names a person, an intended kind (or any kind) and a note, for one week.
Logging an action of that kind with that person in that week checks it off; undoing the
action opens it again. An item of a week that is over and still open was missed; it can
be carried over to the next week (a new item that remembers where it came from) or
dropped deliberately. Dropped items do not count as planned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from netrack.domain.ids import new_id
from netrack.domain.models import PLAN_DONE, PLAN_DROPPED, PLAN_OPEN, Action, Contact, PlanItem
from netrack.domain.text import check_note
from netrack.domain.valuetype import Value
from netrack.domain.weeks import Calendar, Week
from netrack.errors import UsageError, quoted

ANY_KIND = "any"  # how an item without a kind is shown and typed


def kind_label(kind: str | None) -> str:
    """``give``, or ``any`` for an item that any kind of action checks off."""
    return kind or ANY_KIND


def covers(item: PlanItem, kind: str) -> bool:
    """True when an action of ``kind`` does what ``item`` planned."""
    return item.kind is None or item.kind == kind


def week_items(plans: Iterable[PlanItem], week: Week) -> list[PlanItem]:
    """The items planned for ``week``, in the order they were added.

    Items added in the same instant keep their order in the file, where a newer record
    always comes later.
    """
    return sorted((p for p in plans if p.week == week.label), key=lambda p: p.created)


def item_checked_by(
    plans: Iterable[PlanItem], action: Action, calendar: Calendar
) -> PlanItem | None:
    """The open item that logging ``action`` checks off, if any.

    The item must name the action's person and the week the action counts for; one for
    the action's kind wins over one for any kind, and the older of two equal ones wins.
    """
    if action.contact_id is None:
        return None
    label = calendar.week_of(action.at).label
    found = [
        p
        for p in plans
        if p.status == PLAN_OPEN
        and p.contact_id == action.contact_id
        and p.week == label
        and covers(p, action.kind)
    ]
    return min(found, key=lambda p: (p.kind is None, p.created, p.id), default=None)


def check_off(item: PlanItem, action: Action, now: datetime) -> PlanItem:
    return item._replace(status=PLAN_DONE, action_id=action.id, updated=now)


def uncheck(plans: Iterable[PlanItem], action_id: str, now: datetime) -> list[PlanItem]:
    """The items ``action_id`` checked off, open again (its action is being undone)."""
    return [
        p._replace(status=PLAN_OPEN, action_id=None, updated=now)
        for p in plans
        if p.action_id == action_id and p.status == PLAN_DONE
    ]


def new_item(
    plans: Iterable[PlanItem],
    contact: Contact,
    kind: str | None,
    note: str,
    week: Week,
    now: datetime,
    make_id: Callable[[], str] = new_id,
    carried_from: str | None = None,
) -> PlanItem:
    """A new open item; refused when the person is already planned for that kind."""
    for item in plans:
        if (
            item.week == week.label
            and item.contact_id == contact.id
            and item.status == PLAN_OPEN
            and (item.kind is None or kind is None or item.kind == kind)
        ):
            raise UsageError(
                f"{quoted(contact.name)} is already in the plan for {week.label} "
                f"({kind_label(item.kind)}{': ' + item.note if item.note else ''})"
            )
    return PlanItem(
        id=make_id(),
        contact_id=contact.id,
        week=week.label,
        created=now,
        kind=kind,
        note=check_note(note).strip(),
        carried_from=carried_from,
        updated=now,
    )


def drop(item: PlanItem, now: datetime) -> PlanItem:
    if item.status == PLAN_DONE:
        raise UsageError("that plan item is already done; undo its action to open it again")
    if item.status == PLAN_DROPPED:
        raise UsageError("that plan item was already dropped")
    return item._replace(status=PLAN_DROPPED, updated=now)


def carried_over(plans: Iterable[PlanItem]) -> set[str]:
    """Ids of items that a later item continues."""
    return {p.carried_from for p in plans if p.carried_from is not None}


def left_open(plans: Iterable[PlanItem], week: Week) -> list[PlanItem]:
    """Items of ``week`` still open and not yet carried over: what to carry or drop."""
    plans = list(plans)
    carried = carried_over(plans)
    return [p for p in week_items(plans, week) if p.status == PLAN_OPEN and p.id not in carried]


class PlanKept(Value):
    """How a week's plan went: done of planned (dropped items are not planned)."""

    planned: int
    done: int
    dropped: int

    @property
    def share(self) -> float | None:
        return self.done / self.planned if self.planned else None


def plan_kept(plans: Iterable[PlanItem], week: Week) -> PlanKept:
    """How ``week``'s plan went (so far, for a week in progress)."""
    items = week_items(plans, week)
    dropped = sum(1 for p in items if p.status == PLAN_DROPPED)
    done = sum(1 for p in items if p.status == PLAN_DONE)
    return PlanKept(len(items) - dropped, done, dropped)


def kept_by_week(plans: Iterable[PlanItem], last: Week, weeks: int) -> list[tuple[Week, PlanKept]]:
    """Plan kept for each of the ``weeks`` weeks ending with ``last``, oldest first."""
    plans = list(plans)
    return [
        (week, plan_kept(plans, week))
        for week in (last.shifted(-n) for n in range(weeks - 1, -1, -1))
    ]
