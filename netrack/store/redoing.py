"""Redo: putting back what an undo took back, as long as nothing was written since.

A history entry keeps only fingerprints of the records after its change, which is
enough to undo it but not to do it again. So the undo keeps, in the entry it marks
undone, what it replaced (``redo``): each record as it was just before the undo (None:
the undo put back a record the change had deleted), with a fingerprint of what the
undo left in its place; the entries an undone import took away with it; its place
among the undos (``seq``: redo takes the latest first); and the id of the history's
newest entry then (``top``).

Redo is refused once the history has a newer entry than ``top`` (a change made since
the undo, here or by another process: redoing over it could undo it in turn), or when a
record is no longer as the undo left it. The next undo drops what such a change made
stale, so a new change after an undo clears what could be redone.
"""

from __future__ import annotations

import copy
from typing import Any, NamedTuple

from netrack.store import history, table_checks
from netrack.store.schema import CHANGES, RECORD_TABLES, Raw
from netrack.store.transaction import Transaction

Doc = dict[str, Any]
REDO = "redo"  # the field of a history entry that keeps what its undo replaced


class RedoPlan(NamedTuple):
    """The entry to do again, and why it cannot be (empty: it can)."""

    entry: Doc
    conflicts: list[str]


def replaced_by_undo(
    tx: Transaction, remove: list[tuple[str, str]], restore: list[tuple[str, Doc, int | None]]
) -> list[Doc]:
    """Each record an undo is about to remove or put back, as it is now (before it)."""
    records = []
    for table, record_id in remove:
        current = copy.deepcopy(tx.find_raw(table, record_id))
        records.append({"table": table, "id": record_id, "doc": current, "left": None})
    for table, doc, _ in restore:
        current = copy.deepcopy(tx.find_raw(table, doc["id"]))
        left = history.fingerprint(doc)
        records.append({"table": table, "id": doc["id"], "doc": current, "left": left})
    return records


def with_redo(
    table: dict[str, Doc], entry_id: str, records: list[Doc], brought: list[Doc]
) -> dict[str, Doc]:
    """The history ``table`` just after undoing ``entry_id``, keeping what it replaced.

    What earlier undos kept is dropped when a change was made after them (their ``top``
    is no longer the newest entry): those can never be redone.
    """
    docs = list(table.values())
    top = docs[-1]["id"] if docs else None
    kept = []
    for doc in docs:
        redo = doc.get(REDO)
        if redo is not None and (not isinstance(redo, dict) or redo.get("top") != top):
            doc = {key: value for key, value in doc.items() if key != REDO}
        kept.append(doc)
    seq = 1 + max((_seq(doc) for doc in kept), default=0)
    keeping = {"seq": seq, "top": top, "records": records, "brought": brought}
    found = [{**doc, REDO: keeping} if doc["id"] == entry_id else doc for doc in kept]
    return history.table_of(found)


def _seq(doc: Doc) -> int:
    redo = doc.get(REDO)
    seq = redo.get("seq") if isinstance(redo, dict) else None
    return seq if type(seq) is int else 0


def redoable(raw: Raw) -> Doc | None:
    """The entry whose undo redo takes back next: the latest undo kept (None: none)."""
    found = [
        doc
        for doc in history.entries(raw)
        if doc.get("undone") is not None and _seq(doc) > 0 and _well_formed(doc[REDO])
    ]
    return max(found, key=_seq) if found else None


def _well_formed(redo: Doc) -> bool:
    records = redo.get("records")
    return (
        isinstance(records, list)
        and isinstance(redo.get("brought", []), list)
        and all(
            isinstance(item, dict)
            and isinstance(item.get("table"), str)
            and isinstance(item.get("id"), str)
            and isinstance(item.get("doc"), dict | None)
            for item in records
        )
    )


def plan_redo(tx: Transaction, entry: Doc) -> RedoPlan:
    """Whether the undo of ``entry`` can be taken back in the data as it is in ``tx``."""
    redo = entry[REDO]
    newest = history.entries(tx.main_raw())[-1]
    if newest["id"] != redo.get("top"):
        return RedoPlan(entry, [f"“{newest['summary']}” was made after the undo"])
    conflicts = []
    for item in redo["records"]:
        doc = item["doc"]
        damaged = doc is not None and (
            doc.get("id") != item["id"] or table_checks.doc_problem(item["table"], doc)
        )
        if item["table"] not in RECORD_TABLES or damaged:  # the file was edited by hand
            conflicts.append(f"the copy of a {item['table']} record it keeps is damaged")
            continue
        current = tx.find_raw(item["table"], item["id"])
        if history.fingerprint(current) != item.get("left"):
            shown = _label(item["table"], current or item["doc"])
            conflicts.append(f"{shown} was {'deleted' if current is None else 'changed'} since")
    return RedoPlan(entry, conflicts)


def apply_redo(tx: Transaction, plan: RedoPlan) -> None:
    """Carry out ``plan`` (which must have no conflicts): each record as the undo found
    it, the entry in force again with the entries an undone import had brought."""
    assert not plan.conflicts
    tx.journal.recording = False  # the entry itself is in force again: not a new change
    redo = plan.entry[REDO]
    gone: dict[str, list[str]] = {}
    back: dict[str, list[Doc]] = {}
    for item in redo["records"]:
        if item["doc"] is None:
            gone.setdefault(item["table"], []).append(item["id"])
        else:
            back.setdefault(item["table"], []).append(item["doc"])
    for table, record_ids in gone.items():
        tx.delete_raw(table, record_ids)
    for table, docs in back.items():
        tx.put_raw_many(table, docs)
    entry_id = plan.entry["id"]
    docs = [
        {key: value for key, value in doc.items() if key != REDO} | {"undone": None}
        if doc["id"] == entry_id
        else doc
        for doc in history.entries(tx.main_raw())
    ]
    brought = history.valid_entries(redo.get("brought", []))
    tx.replace_table(CHANGES, history.table_of(history.interleave(docs, brought)))


def _label(table: str, doc: Doc | None) -> str:
    from netrack.store.undoing import label  # undoing imports this module

    return label(table, doc)
