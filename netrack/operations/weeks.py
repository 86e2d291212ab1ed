"""Week notes: reflections, next week's focus, and skipped (holiday) weeks."""

from __future__ import annotations

from typing import Any

import pendulum

from netrack.domain.ids import new_id
from netrack.domain.models import WeekNote
from netrack.domain.text import check_text
from netrack.domain.weeks import Week, calendar_for
from netrack.domain.when import parse_week
from netrack.store import Store

REFLECTION_MAX = 20_000
REASON_MAX = 500


def update_week_note(
    store: Store, now: pendulum.DateTime, week: Week | str | None, **change: Any
) -> WeekNote:
    """Change fields of a week's note (creating it).

    ``week`` is a Week, or what the user typed for one (None for this week).
    """
    for name in ("reflection", "focus"):
        if name in change:
            check_text(change[name], name, REFLECTION_MAX)
    if "skip_reason" in change:
        check_text(change["skip_reason"], "reason", REASON_MAX)
    with store.transaction() as tx:
        data = tx.data_without_actions()
        if isinstance(week, Week):
            label = week.label
        else:
            calendar = calendar_for(data.settings)
            label = parse_week(week, calendar, now).label
        note = next((n for n in data.week_notes if n.week == label), None)
        note = note or tx.archived_week_note(label)
        if note is None:
            note = WeekNote(id=new_id(), week=label)
        note = note._replace(**change, updated=now)
        tx.save(note)
        tx.describe(_note_summary(label, change), "note")
    return note


def set_skipped(
    store: Store, now: pendulum.DateTime, week: Week | str | None, skipped: bool, reason: str = ""
) -> WeekNote:
    """Mark a week as a holiday (or not): a skipped week neither counts nor breaks streaks."""
    change: dict[str, Any] = {"skipped": skipped}
    if skipped:
        change["skip_reason"] = reason
    return update_week_note(store, now, week, **change)


def _note_summary(week: str, change: dict[str, Any]) -> str:
    """``saved the reflection of 2026-W47`` and the like, for the history."""
    if "skipped" in change:
        return f"{'skipped' if change['skipped'] else 'unskipped'} week {week}"
    what = " and ".join(name for name in ("reflection", "focus") if name in change) or "note"
    return f"saved the {what} of {week}"
