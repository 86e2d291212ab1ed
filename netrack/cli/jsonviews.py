"""The JSON shapes printed by ``--json`` (documented in the README; keep them stable)."""

from __future__ import annotations

from typing import Any

from netrack.domain.models import Action, Contact, FollowUp
from netrack.domain.weeks import Calendar


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
    return {
        "id": contact.id,
        "name": contact.name,
        "company": contact.company,
        "role": contact.role,
        "met_how": contact.met_how,
        "tags": list(contact.tags),
        "circle": contact.circle,
        "cadence_days": contact.cadence_days,
        "email": contact.email,
        "url": contact.url,
        "notes": contact.notes,
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
