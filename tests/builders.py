"""Small builders for domain values in tests."""

from __future__ import annotations

import itertools
from datetime import date

import pendulum

from netrack.domain.habits import default_habits
from netrack.domain.models import (
    Action,
    Contact,
    Dataset,
    FollowUp,
    Habit,
    PlanItem,
    Settings,
    TargetChange,
)

_ids = itertools.count(1)
TZ = "Europe/Berlin"


def moment(text: str, tz: str = TZ) -> pendulum.DateTime:
    """``"2026-11-16 10:00"`` in the given zone."""
    return pendulum.parse(text, tz=tz)


def contact(
    name: str,
    circle: str | None = "active",
    created: str = "2026-01-05 09:00",
    cadence_days: int | None = None,
    archived: bool = False,
) -> Contact:
    return Contact(
        id=f"c-{name}",
        name=name,
        created=moment(created),
        circle=circle,
        cadence_days=cadence_days,
        archived=archived,
    )


def action(
    kind: str,
    when: str,
    who: str | None = "Dana",
    channel: str = "other",
    personal: bool | None = None,
) -> Action:
    at = moment(when)
    return Action(
        id=f"a{next(_ids)}",
        kind=kind,
        contact_id=f"c-{who}" if who else None,
        at=at,
        logged=at,
        channel=channel,
        personal=personal,
    )


def followup(
    who: str,
    due: str,
    created: str,
    closed: str | None = None,
    text: str | None = None,
    source: Action | None = None,
    source_kind: str | None = "meet",
) -> FollowUp:
    """A follow-up; by default one a meeting opened (``source_kind=None``: a promise)."""
    return FollowUp(
        id=f"f{next(_ids)}",
        contact_id=f"c-{who}",
        text=text or f"owed to {who}",
        due=date.fromisoformat(due),
        created=moment(created),
        source_action_id=source.id if source else None,
        closed=moment(closed) if closed else None,
        source_kind=source_kind,
    )


def plan(
    who: str,
    week: str = "2026-W47",
    kind: str | None = None,
    status: str = "open",
    created: str = "2026-11-16 08:00",
) -> PlanItem:
    return PlanItem(
        id=f"p{next(_ids)}",
        contact_id=f"c-{who}",
        week=week,
        created=moment(created),
        kind=kind,
        status=status,
    )


def habit(name: str, kinds: tuple[str, ...], *targets: tuple[str, int]) -> Habit:
    changes = tuple(TargetChange(date.fromisoformat(since), n) for since, n in targets)
    return Habit(id=f"h-{name}", name=name, kinds=kinds, targets=changes, created=changes[0].since)


def dataset(**parts) -> Dataset:
    parts.setdefault("habits", tuple(default_habits(date(2026, 1, 5))))
    parts.setdefault("settings", Settings())
    return Dataset(**{k: tuple(v) if isinstance(v, list) else v for k, v in parts.items()})
