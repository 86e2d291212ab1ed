"""The JSON shapes printed by ``--json`` (documented in docs/json.md; keep them stable).

They are spelled out here rather than taken from the store's documents, even where the
two agree today, so that a change to the file format never changes what scripts read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from netrack.domain.models import CONTACT_FIELDS, Action, Contact, FollowUp, PlanItem
from netrack.domain.plans import kind_label
from netrack.domain.weeks import Calendar

if TYPE_CHECKING:
    from netrack.domain.analysis import Analysis
    from netrack.domain.events import EventStanding
    from netrack.domain.introductions import IntroLine
    from netrack.domain.keepintouch import TouchStatus
    from netrack.domain.reciprocity import Balance, ContactBalance
    from netrack.domain.review import WeekReview
    from netrack.domain.suggestions import Suggestion


def action_json(action: Action, contact: Contact | None, calendar: Calendar) -> dict[str, Any]:
    day = calendar.day_of(action.at)
    return {
        "id": action.id,
        "kind": action.kind,
        "contact": contact.name if contact else None,
        "contact_id": action.contact_id,
        "at": action.at.isoformat(),
        "day": day.isoformat(),
        "week": calendar.week_of_day(day).label,
        "channel": action.channel,
        "note": action.note,
        "personal": action.personal,
        "followup_id": action.followup_id,
        "closed_followup_id": action.closed_followup_id,
        "logged": action.logged.isoformat(),
    }


def contact_json(contact: Contact) -> dict[str, Any]:
    """A contact with every detail its model declares, under the detail's name."""
    return {
        "id": contact.id,
        "name": contact.name,
        **{f.name: f.kind.to_json(getattr(contact, f.name)) for f in CONTACT_FIELDS},
        "archived": contact.archived,
        "created": contact.created.isoformat(),
    }


def followup_json(followup: FollowUp, contact: Contact | None) -> dict[str, Any]:
    return {
        "id": followup.id,
        "contact": contact.name if contact else None,
        "contact_id": followup.contact_id,
        "text": followup.text,
        "due": followup.due.isoformat(),
        "created": followup.created.isoformat(),
        "closed": followup.closed.isoformat() if followup.closed else None,
    }


def review_json(review: WeekReview, analysis: Analysis) -> dict[str, Any]:
    """The ``netrack week --json`` document."""
    week = review.week
    habits = []
    for record in review.habits:
        this_week = record.week(week, analysis.tally_from(week))
        habits.append(
            {
                "name": record.habit.name,
                "kinds": list(record.habit.kinds),
                "target": this_week.target,
                "count": this_week.count,
                "status": this_week.status,
                "streak": {"current": record.current_streak, "best": record.best_streak},
                "strength": round(record.strength, 4),
            }
        )
    followups = review.followups
    return {
        "week": week.label,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "is_current": review.is_current,
        "days_left": review.days_left,
        "skipped": review.skipped,
        "skip_reason": review.note.skip_reason if review.note else "",
        "habits": habits,
        "reciprocity": {
            **balance_json(review.reciprocity),
            "trend": [{"week": wb.week.label, **balance_json(wb.balance)} for wb in review.trend],
            "all_time": balance_json(review.all_time),
        },
        "followups": {
            "opened": followups.opened,
            "on_time": followups.on_time,
            "late": followups.late,
            "on_time_rate": _rounded(followups.on_time_rate),
            "overdue": [
                followup_json(f, analysis.contacts_by_id.get(f.contact_id))
                for f in followups.overdue
            ],
        },
        "new_contacts": [{"id": c.id, "name": c.name} for c in review.new_contacts],
        "cold": cold_json(review.cold),
        "channels": review.channels,
        "reach_outs": review.reach_outs,
        "personal_share": _rounded(review.personal_share),
        "plan": {
            "planned": review.plan_kept.planned,
            "done": review.plan_kept.done,
            "dropped": review.plan_kept.dropped,
            "kept_share": _rounded(review.plan_kept.share),
            "trend": [
                {"week": week.label, "planned": kept.planned, "done": kept.done}
                for week, kept in review.plan
            ],
        },
        "introductions": review.introductions,
        "events": [
            {
                "id": e.event.id,
                "name": e.event.name,
                "on": e.event.on.isoformat(),
                "met": [c.name for c in e.met],
                "followups": {"opened": len(e.followups), "kept": e.kept},
            }
            for e in review.events
        ],
        "reflection": review.note.reflection if review.note else "",
        "focus": review.note.focus if review.note else "",
    }


def balance_json(balance: Balance) -> dict[str, Any]:
    return {
        "gives": balance.gives,
        "takes": balance.takes,
        "balance": balance.balance,
        "give_share": _rounded(balance.give_share),
    }


def cold_json(cold: Sequence[TouchStatus]) -> list[dict[str, Any]]:
    """Each of ``cold`` as ``touch_json`` writes it (those kept written already by the
    week basis, store/weekbasis.py, as they were)."""
    kept = getattr(cold, "json_rows", None)
    if kept is not None:
        return list(kept(touch_json))
    return [touch_json(status) for status in cold]


def touch_json(status: TouchStatus) -> dict[str, Any]:
    return {
        "contact": status.contact.name,
        "contact_id": status.contact.id,
        "circle": status.contact.circle,
        "days_since": status.days_since,
        "cadence": status.cadence,
        "last_touch": status.last_touch.isoformat() if status.last_touch else None,
        "status": status.status,
    }


def contact_balance_json(balance: ContactBalance, contact: Contact | None) -> dict[str, Any]:
    return {
        "contact": contact.name if contact else None,
        "contact_id": balance.contact_id,
        "gives": balance.gives,
        "takes": balance.takes,
        "balance": balance.balance,
        "last_give": balance.last_give.isoformat() if balance.last_give else None,
        "last_take": balance.last_take.isoformat() if balance.last_take else None,
        "ask_only": balance.ask_only,
        "owe": balance.owe,
    }


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def introduction_json(line: IntroLine, name_of: Callable[[str | None], str]) -> dict[str, Any]:
    """One introduction as it concerns one contact (in ``contact show --json``)."""
    intro = line.introduction
    return {
        "id": intro.id,
        "role": line.role,
        "with": name_of(line.other_id) if line.other_id else None,
        "with_id": line.other_id,
        "on": intro.at.date().isoformat(),
        "at": intro.at.isoformat(),
        "note": intro.note,
    }


def event_json(standing: EventStanding) -> dict[str, Any]:
    """The ``events --json`` and ``event show --json`` document of one event."""
    event = standing.event
    return {
        "id": event.id,
        "name": event.name,
        "on": event.on.isoformat(),
        "where": event.where,
        "goal": event.goal,
        "know": [c.name for c in standing.know],
        "to_meet": event.to_meet,
        "intro": event.intro,
        "questions": event.questions,
        "notes": event.notes,
        "to_prepare": list(standing.to_prepare),
        "met": [c.name for c in standing.met],
        "followups": {"opened": len(standing.followups), "kept": standing.kept},
        "open_followups": [
            followup_json(f, next((c for c in standing.met if c.id == f.contact_id), None))
            for f in standing.open_followups
        ],
        "created": event.created.isoformat(),
        "updated": event.updated.isoformat() if event.updated else None,
    }


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    """One entry of ``netrack next --json``."""
    return {
        "contact": suggestion.contact.name,
        "contact_id": suggestion.contact.id,
        "kind": suggestion.kind,
        "reason": suggestion.reason,
        "why": suggestion.why,
        "score": suggestion.score,
        "followup_id": suggestion.followup_id,
    }


def plan_item_json(
    item: PlanItem, contact: Contact | None, done_by: Action | None
) -> dict[str, Any]:
    """One entry of ``netrack plan --json``; ``done_by`` is the action that checked it off."""
    return {
        "id": item.id,
        "contact": contact.name if contact else None,
        "contact_id": item.contact_id,
        "kind": kind_label(item.kind),
        "note": item.note,
        "week": item.week,
        "status": item.status,
        "action_id": item.action_id,
        "done_at": done_by.at.isoformat() if done_by else None,
        "carried_from": item.carried_from,
        "created": item.created.isoformat(),
    }
