"""What each record in the data file may hold: one rule per field, for every way in.

The rules are the command line's: the same limits on names, notes and ids, times with
their offset, days between ``EARLIEST_YEAR`` and ``LATEST_YEAR``, and a contact's details
and the settings checked by their declared kinds (``domain/fields.py``), so a record
that passes is one netrack itself could have written. An import refuses a file with a
record that does not pass, naming the first; ``netrack doctor`` checks the data file
with the same rules, and its ``--repair`` mends each value as its rule says (or, where
nothing sensible can stand in, moves the record out, into the copy kept first).

Records are documents as the data file holds them (``store/records.py``). Fields this
version does not know are left alone: a newer netrack may have written them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from netrack.domain.habit_changes import HABIT_NAME_MAX
from netrack.domain.kinds import KIND_NAME_MAX
from netrack.domain.models import CONTACT_FIELDS, PLAN_OPEN, PLAN_STATUSES
from netrack.domain.settings import SETTINGS
from netrack.domain.text import FIELD_MAX, NAME_MAX, NOTE_MAX
from netrack.domain.value_rules import (
    OWN_ID,
    Rule,
    action_kind,
    day,
    flag,
    kinds_problem,
    link,
    links,
    moment,
    name,
    one_of,
    targets_problem,
    text,
    text_problem,
    week_label,
)


class Broken(NamedTuple):
    """A field of a record that breaks its rule."""

    field: str
    problem: str
    rule: Rule


def _registry(field: Any) -> Rule:
    kind = field.kind
    return Rule(
        lambda v: kind.stored_problem(v, field.noun),
        kind.mended,
        "keep what the command line would take from it (else clear it)",
    )


# The tables ------------------------------------------------------------------------------

NOTE = NOTE_MAX
RULES: Mapping[str, Mapping[str, Rule]] = {
    "contacts": {
        "id": OWN_ID,
        "name": name("its name", NAME_MAX),
        "created": moment("its creation time"),
        **{field.name: _registry(field) for field in CONTACT_FIELDS},
        "archived": flag("archived"),
        "updated": moment("its change time", required=False),
        "reminders_since": moment("the start of its reminders", required=False),
    },
    "actions": {
        "id": OWN_ID,
        "kind": action_kind("its kind"),
        "contact_id": link("its contact"),
        "at": moment("its time"),
        "logged": moment("its logging time"),
        "channel": text("its channel", KIND_NAME_MAX),
        "note": text("its note", NOTE),
        "personal": flag("personal", optional=True),
        "followup_id": link("the follow-up it opened"),
        "closed_followup_id": link("the follow-up it closed"),
    },
    "followups": {
        "id": OWN_ID,
        "contact_id": link("its contact", required=True),
        "text": text("its text", NOTE),
        "due": day("its due date"),
        "created": moment("its creation time"),
        "source_action_id": link("the action that opened it"),
        "closed": moment("its closing time", required=False),
        "closed_by_action_id": link("the action that closed it"),
    },
    "habits": {
        "id": OWN_ID,
        "name": name("its name", HABIT_NAME_MAX),
        "kinds": Rule(kinds_problem),
        "targets": Rule(targets_problem),
        "created": day("its creation day"),
    },
    "week_notes": {
        "id": OWN_ID,
        "week": week_label("its week"),
        "reflection": text("its reflection", NOTE),
        "focus": text("its focus", NOTE),
        "skipped": flag("skipped"),
        "skip_reason": text("its reason", NOTE),
        "updated": moment("its change time", required=False),
    },
    "introductions": {
        "id": OWN_ID,
        "a_id": link("the person introduced", required=True),
        "b_id": link("the other person"),
        "by_id": link("who introduced"),
        "at": moment("its time"),
        "logged": moment("its logging time"),
        "note": text("its note", NOTE),
        "action_ids": links("its actions"),
    },
    "events": {
        "id": OWN_ID,
        "name": name("its name", NAME_MAX),
        "on": day("its day"),
        "created": moment("its creation time"),
        **{f: text(f"its {f.replace('_', ' ')}", FIELD_MAX) for f in ("where", "goal")},
        **{f: text(f"its {f.replace('_', ' ')}", NOTE) for f in ("to_meet", "questions", "notes")},
        "intro": text("its intro", FIELD_MAX),
        "know": links("the people going"),
        "met": links("the people met"),
        "action_ids": links("its actions"),
        "updated": moment("its change time", required=False),
    },
    "plans": {
        "id": OWN_ID,
        "contact_id": link("its contact", required=True),
        "week": week_label("its week"),
        "created": moment("its creation time"),
        "kind": action_kind("its kind", optional=True),
        "note": text("its note", NOTE),
        "status": one_of("its status", PLAN_STATUSES, PLAN_OPEN),
        "action_id": link("the action that checked it off"),
        "carried_from": link("the item it carries on"),
        "updated": moment("its change time", required=False),
    },
}
_SETTINGS = {entry.key: entry for entry in SETTINGS}


def broken_fields(table: str, doc: Mapping[str, Any]) -> list[Broken]:
    """Every field of ``doc`` (a record of ``table``) that breaks its rule, in order."""
    if table == "settings":
        return _broken_setting(doc)
    found = []
    for field, rule in RULES.get(table, {}).items():
        problem = rule.problem(doc.get(field))
        if problem is not None:
            found.append(Broken(field, problem, rule))
    return found


def record_problem(table: str, doc: Mapping[str, Any]) -> str | None:
    """Why ``doc`` (a record of ``table``) is not one netrack could have written, or None."""
    broken = broken_fields(table, doc)
    return broken[0].problem if broken else None


def _broken_setting(doc: Mapping[str, Any]) -> list[Broken]:
    key = doc.get("key")
    entry = _SETTINGS.get(key) if isinstance(key, str) else None
    if entry is None:
        # A setting this version does not know (a newer netrack's) is left as it is.
        problem = text_problem(key, "its key", 100, empty_ok=False)
        return [Broken("key", problem, Rule(lambda v: problem))] if problem else []
    found = []
    if doc.get("id") != f"setting:{key}":
        wanted = f"setting:{key}"
        found.append(
            Broken(
                "id",
                f"its id is not {wanted!r}",
                Rule(lambda v: None, lambda v: wanted, f"set it to {wanted!r}"),
            )
        )
    value_problem = entry.kind.stored_problem(doc.get("value"), entry.key)
    if value_problem is not None or "value" not in doc:
        # The setting falls back to its default when its document goes.
        found.append(Broken("value", value_problem or "it has no value", Rule(lambda v: None)))
    return found
