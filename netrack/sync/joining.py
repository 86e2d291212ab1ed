"""Joining a folder: the local records the folder does not hold as they are here."""

from __future__ import annotations

from collections.abc import Callable

from netrack.store import Transaction
from netrack.store.schema import HABITS, RECORD_TABLES
from netrack.sync import mapping
from netrack.sync.checks import pick, untouched_default
from netrack.sync.report import Change, Report


def local_differences(
    tx: Transaction, shared_table: Callable[[str], dict[str, mapping.Record]], report: Report
) -> list[Change]:
    """Every local record that the CRDT (``shared_table``: its records of a table, by
    id) does not hold as it is here, merged field by field with the CRDT's copy."""
    raw = tx.raw()
    shared_habit_names = {
        str(doc.get("name", "")).casefold() for doc in shared_table(HABITS).values()
    }
    changes: list[Change] = []
    for table in RECORD_TABLES:
        shared = shared_table(table)
        for doc in raw.get(table, {}).values():
            record_id = doc["id"]
            theirs = shared.get(record_id)
            if theirs is not None and table == HABITS and untouched_default(doc):
                continue  # filled in by a new data file, not by the user: theirs stands
            if theirs is None:
                name = str(doc.get("name", "")).casefold()
                if table == HABITS and name in shared_habit_names:
                    # The same habit made on each computer: theirs is kept.
                    tx.remove_synced(HABITS, [record_id])
                    report.kept_theirs.append(str(doc.get("name")))
                    continue
                changes.append(Change(table, record_id, None, doc, True))
            elif theirs != doc:
                merged = {**theirs, **pick(doc, mapping.joined(doc, theirs))}
                changes.append(Change(table, record_id, theirs, merged, True))
    return changes
