"""One note per week across computers: the sync run's part of ``domain.week_note_fold``."""

from __future__ import annotations

from netrack.domain.week_note_fold import folds
from netrack.sync.mapping import Record

Write = tuple[str, Record, Record | None]  # id, as it is, as it becomes (None: removed)


def note_folds(notes: dict[str, Record]) -> tuple[list[Write], list[str]]:
    """The writes that leave one note per week in ``notes`` (the CRDT's, by id), and
    the weeks they fold."""
    writes: list[Write] = []
    weeks: list[str] = []
    for fold in folds(notes.values()):
        kept = fold.kept["id"]
        writes.append((kept, notes[kept], fold.kept))
        writes += [(gone, notes[gone], None) for gone in fold.gone]
        weeks.append(fold.week)
    return writes, weeks
