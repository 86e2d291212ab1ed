"""Planning whom to get in touch with: adding, dropping and carrying over plan items."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import pendulum

from netrack.domain.contacts import find_or_add, matching_contacts, resolve_existing
from netrack.domain.habits import habit_kinds
from netrack.domain.ids import find_by_id_prefix, looks_like_id
from netrack.domain.kinds import close_kind, resolve_kind
from netrack.domain.models import PLAN_OPEN, Contact, Dataset, PlanItem
from netrack.domain.plans import ANY_KIND, drop, kind_label, left_open, new_item
from netrack.domain.weeks import Calendar, Week, calendar_for
from netrack.domain.when import parse_week
from netrack.errors import UsageError, quoted
from netrack.store import Store

PLAN = "plan"  # the kind of change, in the history


class Planned(NamedTuple):
    """A plan item and its person (``new_contact``: the name was new and added)."""

    item: PlanItem
    contact: Contact
    new_contact: bool = False


def plan_kind(text: str | None, data: Dataset) -> str | None:
    """The kind the user typed for a plan item; None (any kind) for nothing or ``any``."""
    if text is None or not text.strip() or text.strip().casefold() == ANY_KIND:
        return None
    return resolve_kind(text, habit_kinds(data.habits))


def kind_and_note(
    words: Sequence[str], data: Dataset, note_only: int = 0
) -> tuple[str | None, str]:
    """Words typed after a name: a kind (or ``any``) if the first one names one, then a note.

    A first word close to a kind's name (``gve``) is refused with the kind it resembles;
    any other word starts the note. The last ``note_only`` words (typed after ``--``) are
    the note whatever they are.
    """
    if len(words) > note_only:
        first = words[0]
        try:
            return plan_kind(first, data), " ".join(words[1:])
        except UsageError:
            resembled = close_kind(first, habit_kinds(data.habits))
            if resembled is not None:
                raise UsageError(
                    f"unknown kind {quoted(first)}: did you mean {resembled}? "
                    f"(for a note that starts with {quoted(first)}, put the note after --)"
                ) from None
    return None, " ".join(words)


def plan_week(text: str | Week | None, calendar: Calendar, now: pendulum.DateTime) -> Week:
    """The week a plan is for: this one unless told; a week that is over is refused."""
    week = text if isinstance(text, Week) else parse_week(text, calendar, now)
    if week < calendar.week_of(now):
        raise UsageError(f"week {week.label} is over; plan this week or a later one")
    return week


def add_to_plan(
    store: Store,
    now: pendulum.DateTime,
    contact: str | None,
    kind: str | None = None,
    note: str = "",
    week: str | Week | None = None,
    contact_id: str | None = None,
    words: Sequence[str] | None = None,
    new: bool = False,
    note_only: int = 0,
) -> Planned:
    """Plan to get in touch with someone (a new name becomes a contact, as when logging).

    ``contact_id`` names a contact picked from a list instead of ``contact`` typed;
    ``new``: a typed name close to an existing contact's is a new person, not a typo.
    ``words``, instead of ``kind`` and ``note``: the rest of a command line, an optional
    kind and then the note (its last ``note_only`` words are the note whatever they are).
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = calendar_for(data.settings)
        target = plan_week(week, calendar, now)
        if words is not None:
            chosen_kind, note = kind_and_note(words, data, note_only)
        else:
            chosen_kind = plan_kind(kind, data)
        if contact_id is not None:
            person = data.contact(contact_id)
            if person is None:
                raise UsageError("that contact no longer exists")
            is_new = False
        else:
            person, is_new = find_or_add(data, contact or "", now, new=new)
            if is_new:
                tx.save(person)
        if person.archived:
            raise UsageError(
                f"{quoted(person.name)} is archived; 'netrack contact unarchive' brings them back"
            )
        item = new_item(data.plans, person, chosen_kind, note, target, now)
        tx.save(item)
        tx.describe(f"planned {kind_label(item.kind)} → {person.name} for {item.week}", PLAN)
    return Planned(item, person, is_new)


def drop_from_plan(
    store: Store, now: pendulum.DateTime, target: str, week: str | Week | None = None
) -> Planned:
    """Drop a plan item named by id (prefix), or a person's open item of the week."""
    with store.transaction() as tx:
        data = tx.data_without_actions()
        item = _named_item(data, target, week, now)
        dropped = drop(item, now)
        tx.save(dropped)
        contact = data.contact(item.contact_id)
        assert contact is not None
        tx.describe(
            f"dropped {kind_label(item.kind)} → {contact.name} from the plan for {item.week}", PLAN
        )
    return Planned(dropped, contact)


def carry_over(
    store: Store,
    now: pendulum.DateTime,
    to_week: str | Week | None = None,
    chosen: Iterable[str] | None = None,
) -> list[Planned]:
    """Continue the week before's open items in ``to_week`` (default: this week).

    ``chosen``: which of them, each an item id (or prefix) or a person's name; all when
    None. Each new item remembers the one it continues, so it is offered only once.
    """
    with store.transaction() as tx:
        data = tx.data_without_actions()
        calendar = calendar_for(data.settings)
        target = plan_week(to_week, calendar, now)
        waiting = left_open(data.plans, target.shifted(-1))
        if chosen is not None:
            waiting = [_among(waiting, text, data, target.shifted(-1)) for text in chosen]
        plans = list(data.plans)
        carried = []
        for item in dict.fromkeys(waiting):
            contact = data.contact(item.contact_id)
            assert contact is not None
            new = new_item(plans, contact, item.kind, item.note, target, now, carried_from=item.id)
            plans.append(new)
            carried.append(Planned(new, contact))
        tx.save_many(p.item for p in carried)
        if carried:
            names = ", ".join(p.contact.name for p in carried)
            tx.describe(f"carried over to {target.label}: {names}", PLAN)
    return carried


def _among(items: list[PlanItem], text: str, data: Dataset, week: Week) -> PlanItem:
    """The item of ``items`` that ``text`` names: its id (or a prefix), or its person."""
    for item in items:
        if item.id == text:
            return item
    found = find_by_id_prefix(items, text, "plan item")
    if found is not None:
        return found
    _refuse_unknown_id(data, text)
    return _persons_item(items, resolve_existing(data.contacts, text), week)


def _named_item(
    data: Dataset, target: str, week: str | Week | None, now: pendulum.DateTime
) -> PlanItem:
    found = find_by_id_prefix(data.plans, target, "plan item")
    if found is not None:
        return found
    _refuse_unknown_id(data, target)
    calendar = calendar_for(data.settings)
    wanted = week if isinstance(week, Week) else parse_week(week, calendar, now)
    open_items = [p for p in data.plans if p.week == wanted.label and p.status == PLAN_OPEN]
    return _persons_item(open_items, resolve_existing(data.contacts, target), wanted)


def _refuse_unknown_id(data: Dataset, target: str) -> None:
    """An id that names no plan item, and no person either, is refused as an id."""
    if looks_like_id(target) and not matching_contacts(data.contacts, target):
        raise UsageError(
            f"no plan item id starts with {quoted(target)} and no contact matches it; "
            "'netrack plan' lists the items with their ids"
        )


def _persons_item(items: list[PlanItem], person: Contact, week: Week) -> PlanItem:
    """``person``'s one item among ``items`` (open items of ``week``)."""
    mine = [p for p in items if p.contact_id == person.id]
    if not mine:
        raise UsageError(
            f"{quoted(person.name)} has no open item in the plan for {week.label}; "
            f"see 'netrack plan --week {week.label}'"
        )
    if len(mine) > 1:
        listed = "; ".join(f"{p.id[:8]} {kind_label(p.kind)}" for p in mine)
        raise UsageError(
            f"{quoted(person.name)} has {len(mine)} open items ({listed}); give the id"
        )
    return mine[0]
