"""Taking back one entry of the change history inside a transaction.

Each record the change touched gets its before-image back: a record it created is
removed, one it changed or deleted is put back as it was. Nothing is changed when a
record was changed since (its fingerprint is not the one the entry recorded) or when
putting it back would leave a link pointing at nothing, with one exception: a contact
the change created along the way (by a quick add) and that was edited or used since is
kept while the rest of the change goes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NamedTuple

from netrack.store import history, redoing
from netrack.store.history_checks import image_problem
from netrack.store.schema import (
    ACTIONS,
    CHANGES,
    CONTACTS,
    FOLLOWUPS,
    HABITS,
    LINKS,
    NOUNS,
    SETTINGS,
    WEEK_NOTES,
    Raw,
)
from netrack.store.transaction import Transaction

Doc = dict[str, Any]


class UndoPlan(NamedTuple):
    """What undoing one history entry puts back, removes and keeps, or why it cannot."""

    entry: Doc
    restore: list[tuple[str, Doc, int | None]]  # (table, document as it was, its place)
    remove: list[tuple[str, str]]  # (table, record id) of records the change created
    kept: list[str]  # records kept although the change created them, and why
    conflicts: list[str]  # why the change cannot be undone (empty: it can)


def plan_undo(tx: Transaction, entry: Doc) -> UndoPlan:
    """What undoing ``entry`` would do to the data as it is inside ``tx``."""
    restore: list[tuple[str, Doc, int | None]] = []
    remove: list[tuple[str, str]] = []
    kept: list[str] = []
    conflicts: list[str] = []
    # A contact created along the way, by a change that was about something else (a
    # quick add, a promise), is kept when it was edited or used since.
    incidental = any(item["table"] != CONTACTS for item in entry["touched"])
    damaged = image_problem(entry)
    if damaged is not None:  # putting it back would leave the file unreadable
        conflicts.append(f"its history entry {damaged} ('netrack doctor --repair' removes it)")
        return UndoPlan(entry, restore, remove, kept, conflicts)
    for item in entry["touched"]:
        if "ids" in item:  # many records added at once
            _plan_group(tx, item, remove, conflicts)
            continue
        table, record_id, before = item["table"], item["id"], item["before"]
        current = tx.find_raw(table, record_id)
        if history.fingerprint(current) != item["after"]:
            if incidental and before is None and table == CONTACTS and current is not None:
                kept.append(f"{label(table, current)} (edited since)")
            else:
                shown = label(table, current or before)
                conflicts.append(f"{shown} was {'deleted' if current is None else 'changed'} since")
        elif before is None:
            if current is not None:
                remove.append((table, record_id))
        else:
            restore.append((table, before, item.get("place")))
    if not conflicts:
        _check_links(tx, restore, remove, kept if incidental else None, conflicts)
    return UndoPlan(entry, restore, remove, kept, conflicts)


def _plan_group(
    tx: Transaction, item: Doc, remove: list[tuple[str, str]], conflicts: list[str]
) -> None:
    table, ids = item["table"], item["ids"]
    if history.group_fingerprint(tx.find_raw(table, i) for i in ids) != item["after"]:
        conflicts.append(f"some of the {len(ids)} {NOUNS[table][1]} it added were changed since")
    else:
        remove.extend((table, record_id) for record_id in ids)


def _check_links(
    tx: Transaction,
    restore: list[tuple[str, Doc, int | None]],
    remove: list[tuple[str, str]],
    kept: list[str] | None,
    conflicts: list[str],
) -> None:
    """Keep links whole: nothing left pointing at a removed record, nor a restored one
    pointing at a record that is gone. A created contact in use is kept when ``kept``
    is given (the change created it along the way), else it stops the undo."""
    restored = {(table, doc["id"]): doc for table, doc, _ in restore}
    removed = set(remove)
    links = [link for link in LINKS if link[2] in {table for table, _ in remove}]
    users: dict[tuple[str, str], tuple[str, Doc]] = {}  # a removed record: one that uses it
    if links:
        raw = tx.raw()
        for source, field, target in links:  # one pass over each table that links
            for doc in _after_undo(raw, source, restored, removed):
                for value in _named(doc, field):
                    if (target, value) in removed:
                        users.setdefault((target, value), (source, doc))
    for (table, record_id), user in users.items():
        named = label(table, tx.find_raw(table, record_id))
        if table == CONTACTS and kept is not None:
            remove.remove((table, record_id))
            removed.discard((table, record_id))
            kept.append(f"{named} (used since)")
        else:
            conflicts.append(f"{named} is used by {label(*user)}")
    for table, doc, _ in restore:
        for source, field, target in LINKS:
            for value in _named(doc, field) if source == table else []:
                if (target, value) in restored:
                    continue
                if (target, value) in removed or tx.find_raw(target, value) is None:
                    conflicts.append(
                        f"{label(table, doc)} points at a "
                        f"{label(target, None)} that no longer exists"
                    )


def _named(doc: Doc, field: str) -> list[str]:
    """The record ids ``doc`` names in ``field`` (one, several, or none)."""
    value = doc.get(field)
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return [value] if isinstance(value, str) else []


def _after_undo(
    raw: Raw, table: str, restored: dict[tuple[str, str], Doc], removed: set[tuple[str, str]]
) -> list[Doc]:
    """The documents of ``table`` as they would be after the undo."""
    docs = []
    for doc in (raw.get(table) or {}).values():
        key = (table, doc.get("id"))
        if key in removed:
            continue
        docs.append(restored.get(key, doc))  # type: ignore[arg-type]
    return docs


def apply_undo(tx: Transaction, plan: UndoPlan, when: datetime) -> None:
    """Carry out ``plan`` (which must have no conflicts) and mark its entry undone."""
    assert not plan.conflicts
    tx.journal.recording = False  # an undo is not a change to undo in turn
    replaced = redoing.replaced_by_undo(tx, plan.remove, plan.restore)  # for a redo
    by_table: dict[str, list[str]] = {}
    for table, record_id in plan.remove:
        by_table.setdefault(table, []).append(record_id)
    for table, record_ids in by_table.items():
        tx.delete_raw(table, record_ids)
    put: dict[str, list[Doc]] = {}
    for table, doc, place in plan.restore:
        if place is None:
            put.setdefault(table, []).append(doc)
        else:
            tx.put_back(table, doc, place)
    for table, docs in put.items():
        tx.put_raw_many(table, docs)
    entry_id = plan.entry["id"]
    brought = [e for e in history.entries(tx.main_raw()) if e.get("imported") == entry_id]
    changes = history.with_undone(tx.main_raw(), entry_id, when)
    tx.replace_table(CHANGES, redoing.with_redo(changes, entry_id, replaced, brought))


def label(table: str, doc: Doc | None) -> str:
    """A few words naming a record for a message (``contact Dana Lee``)."""
    noun = NOUNS[table][0]
    if doc is None:
        return noun
    if table in (CONTACTS, HABITS):
        return f"{noun} {doc.get('name', '?')}"
    if table == ACTIONS:
        return f"{doc.get('kind', '?')} of {str(doc.get('at', ''))[:10]}"
    if table == FOLLOWUPS:
        return f"follow-up “{str(doc.get('text', ''))[:40]}”"
    if table == WEEK_NOTES:
        return f"note of {doc.get('week', '?')}"
    if table == SETTINGS:
        return f"setting {doc.get('key', '?')}"
    return noun
