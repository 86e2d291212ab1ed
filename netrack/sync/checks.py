"""Checks and shapes of the records a sync run writes to the data file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from netrack.domain.habits import default_habits
from netrack.errors import DataFileError
from netrack.store import schema
from netrack.store.documents import dataset_from_raw
from netrack.store.records import habit_to_doc
from netrack.store.schema import RECORD_TABLES


def untouched_default(doc: dict) -> bool:
    """True for one of the habits every new data file starts with, as it was made."""
    try:
        since = date.fromisoformat(str(doc.get("created")))
    except ValueError:
        return False
    return any(
        habit_to_doc(habit) == doc for habit in default_habits(since) if habit.id == doc["id"]
    )


def pick(doc: dict, names: set[str]) -> dict:
    return {name: doc[name] for name in names}


def in_order(shared: dict, local: dict | None) -> dict:
    """``shared`` with its fields in the local record's order, the others after, sorted."""
    if not local:
        return {name: shared[name] for name in sorted(shared)}
    order = list(local)
    ordered = {name: shared[name] for name in order if name in shared}
    ordered.update((name, shared[name]) for name in sorted(shared) if name not in ordered)
    return ordered


def usable(table: str, docs: list[dict], refused: list[str]) -> list[dict]:
    """The documents this version of netrack can keep; the others are named in ``refused``.

    All are checked at once with the store's own rules; only when one fails is each
    checked on its own, to find it.
    """
    if table not in RECORD_TABLES:
        return [doc for doc in docs if isinstance(doc.get("id"), str)]  # a newer netrack's
    if problem_of(table, docs) is None:
        return docs
    kept = []
    for doc in docs:
        problem = problem_of(table, [doc])
        if problem is None:
            kept.append(doc)
        else:
            refused.append(f"{table}/{doc.get('id')}: {problem}")
    return kept


def problem_of(table: str, docs: list[dict]) -> str | None:
    if any(not isinstance(doc.get("id"), str) for doc in docs):
        return "it has no id"
    try:
        raw = schema.check_shape({table: {str(n): d for n, d in enumerate(docs, 1)}}, Path(table))
        dataset_from_raw(raw, Path(table))
    except DataFileError as error:
        return error.problem
    return None
