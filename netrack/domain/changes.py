"""The change history as values: what each change touched, and how to say it in a line."""

from __future__ import annotations

from datetime import datetime

from netrack.domain.valuetype import Value

ADDED, CHANGED, REMOVED = "added", "changed", "removed"
LOG = "log"  # the kind of change that logs one action (a quick add)


class Touched(Value):
    """One record a change touched: its table, its id, and what happened to it."""

    table: str
    record_id: str
    what: str  # ADDED, CHANGED or REMOVED
    nouns: tuple[str, str]  # what one record of its table is called, and several


class Change(Value):
    """One entry of the change history."""

    id: str
    at: datetime
    summary: str
    kind: str
    touched: tuple[Touched, ...]
    undone: datetime | None = None
    imported: bool = False  # brought in by an import; undone with it, never alone
    replaced: str | None = None  # a restore: the kept copy of the file it replaced

    @property
    def undoable(self) -> bool:
        return self.undone is None and not self.imported


def touched_phrase(change: Change) -> str:
    """``1 action added, 1 contact added`` — what a change touched, counted."""
    counts: dict[tuple[tuple[str, str], str], int] = {}
    for item in change.touched:
        key = (item.nouns, item.what)
        counts[key] = counts.get(key, 0) + 1
    parts = []
    for ((one, many), what), n in counts.items():
        parts.append(f"{n} {one if n == 1 else many} {what}")
    return ", ".join(parts)


class Undone(Value):
    """What ``netrack undo`` took back."""

    change: Change
    line: str  # ``undid: removed habit Give first (13-week streak kept)``
    just_logged: bool  # the change was logging one action (a quick add)
    kept: tuple[str, ...] = ()  # records kept, and why ("contact Mei Chen (edited since)")


class UndoPreview(Value):
    """What ``netrack undo`` would take back next, for a question before doing it."""

    change: Change
    just_logged: bool  # the change is logging one action (a quick add): no need to ask
    kept: tuple[str, ...] = ()  # records it would keep, and why
    refused: str | None = None  # why it would change nothing (what undo would say)


def undo_line(summary: str, notes: list[str], kept: tuple[str, ...]) -> str:
    """``undid: <summary> (notes); kept contact Mei Chen (edited since)``."""
    line = f"undid: {summary}"
    if notes:
        line += f" ({'; '.join(notes)})"
    if kept:
        line += f"; kept {', '.join(kept)}"
    return line
