"""One note per week: notes of one week written apart (on two computers) become one.

netrack keeps one note per week, but two computers that both write the first note of a
week before they see each other's each make their own. When they meet, the notes of the
week are folded into one, the same way on every computer so that all end alike:

- the note kept is the one with the smallest id (a choice no later edit changes);
- each text (reflection, focus, skip reason) keeps what every note said: the distinct
  texts that are not blank, oldest note first, a blank line between them;
- the week counts as skipped when any note skipped it;
- any other field takes the value of the newest note that has one.

Documents are plain dicts in the data file's layout (fields this version does not know
included); nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

Doc = Mapping[str, Any]

TEXTS = ("reflection", "focus", "skip_reason")
TEXT_SEPARATOR = "\n\n"


class Fold(NamedTuple):
    """One week's notes made one: the note as it becomes, and the notes that go."""

    week: str
    kept: dict[str, Any]
    gone: tuple[str, ...]  # ids


def folds(notes: Iterable[Doc]) -> list[Fold]:
    """What to do for each week that has more than one note (by week)."""
    by_week: dict[str, list[Doc]] = {}
    for note in notes:
        week = note.get("week")
        if isinstance(week, str) and isinstance(note.get("id"), str):
            by_week.setdefault(week, []).append(note)
    return [_fold(week, docs) for week, docs in sorted(by_week.items()) if len(docs) > 1]


def _fold(week: str, notes: list[Doc]) -> Fold:
    oldest_first = sorted(notes, key=lambda doc: (_stamp(doc.get("updated")), doc["id"]))
    keeper = min(notes, key=lambda doc: doc["id"])
    kept: dict[str, Any] = {}
    for doc in oldest_first:  # newer values overwrite older ones
        for name, value in doc.items():
            if value is not None or name not in kept:
                kept[name] = value
    for name in TEXTS:
        texts: list[str] = []
        for doc in oldest_first:
            text = doc.get(name)
            if isinstance(text, str) and text.strip() and text not in texts:
                texts.append(text)
        if texts or name in kept:
            kept[name] = TEXT_SEPARATOR.join(texts)
    kept["skipped"] = any(doc.get("skipped") is True for doc in notes)
    stamps = [doc.get("updated") for doc in notes if isinstance(doc.get("updated"), str)]
    kept["updated"] = max(stamps, key=_stamp) if stamps else None
    kept["id"], kept["week"] = keeper["id"], week
    ordered = {name: kept[name] for name in keeper if name in kept}
    ordered.update((name, kept[name]) for name in sorted(kept) if name not in ordered)
    gone = tuple(sorted(doc["id"] for doc in notes if doc["id"] != keeper["id"]))
    return Fold(week, ordered, gone)


def _stamp(value: Any) -> str:
    """A note's ``updated`` for ordering: the same text orders the same on every computer."""
    return value if isinstance(value, str) else ""
