"""What ``doctor`` checks in the change history (store/history.py), and its repair."""

from __future__ import annotations

from typing import Any, NamedTuple

from netrack.store import table_checks
from netrack.store.history import (
    HISTORY_LIMIT,
    entries,
    entry_order,
    entry_problem,
    table_of,
    unique,
    valid_entries,
)
from netrack.store.schema import CHANGES, NOUNS, Raw

Doc = dict[str, Any]


class HistoryProblem(NamedTuple):
    text: str
    fix: str


def problems(raw: Raw) -> list[HistoryProblem]:
    """What is wrong with the history table of ``raw`` (a repair rewrites it)."""
    table = raw.get(CHANGES)
    if table is None:
        return []
    if not isinstance(table, dict):
        return [HistoryProblem("the change history is not a table", "start a new history")]
    found = []
    ordered = sorted(table.items(), key=lambda item: entry_order(item[0]))
    for key, doc in ordered:
        problem = entry_problem(doc)
        if problem is None:
            problem = image_problem(doc)
        if problem is not None:
            found.append(
                HistoryProblem(f"change history entry {key} {problem}", "remove the entry")
            )
    usable = [doc for doc in valid_entries(doc for _, doc in ordered) if not image_problem(doc)]
    repeats = len(usable) - len(unique(usable))
    if repeats:
        found.append(
            HistoryProblem(
                f"{repeats} change history entries repeat an id", "keep the first of each"
            )
        )
    if len(unique(usable)) > HISTORY_LIMIT:
        found.append(
            HistoryProblem(
                f"the change history holds {len(unique(usable))} entries, over its bound of "
                f"{HISTORY_LIMIT}",
                f"keep the newest {HISTORY_LIMIT}",
            )
        )
    return found


def repair(raw: Raw) -> None:
    """Rewrite the history of ``raw`` keeping its usable entries, within the bound."""
    if CHANGES in raw:
        raw[CHANGES] = table_of([doc for doc in entries(raw) if image_problem(doc) is None])


def image_problem(entry: Doc) -> str | None:
    """Why a record as it was, which the entry keeps for undo to put back, is not one
    the store would take (None: each is sound). Undo refuses such an entry."""
    for item in entry["touched"]:
        before = item.get("before")
        if before is None:
            continue
        noun = NOUNS[item["table"]][0]
        if before.get("id") != item["id"]:
            return f"holds a copy of a {noun} under another id"
        problem = table_checks.doc_problem(item["table"], before)
        if problem is not None:
            return f"holds a damaged copy of a {noun} ({problem})"
    return None
