"""The change history: each transaction records what it touched, so any change can be undone.

For every record a transaction saves or deletes, its :class:`Journal` keeps the record as
it was before (the whole document, or None when it is new) and a fingerprint of it after
(None when it was deleted): enough to put it back, and to notice that it was changed
since, while a large import stays small. On commit the transaction becomes one entry of
the ``changes`` table in the main data file::

    {"id": "...", "at": "2026-11-19T15:30:00+01:00", "summary": "logged give → Dana Lee",
     "kind": "log", "undone": null,
     "touched": [{"table": "actions", "id": "...", "before": null, "after": "3f9c..."}]}

The table keeps the newest ``HISTORY_LIMIT`` entries in the order they were made, which
is the order undo takes them back in, whatever the clock said when each was made.
Entries brought in by an import (``imported``: the id of the import's own entry) are
listed but never undone one by one: undoing the import takes them away with it.

``netrack restore`` replaces the whole file, so its entry (kind ``restore``) touches no
record one by one: it names the copy of the replaced file kept in ``backups/``
(``replaced``), which undoing the restore puts back.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from netrack.domain.changes import ADDED, CHANGED, REMOVED, Change, Touched
from netrack.domain.ids import new_id
from netrack.store.schema import (
    CHANGES,
    NOUNS,
    RECORD_TABLES,
    Raw,
)

try:  # the hash alone, without hashlib's OpenSSL start-up (a quick add pays for every import)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - other Python implementations
    from hashlib import blake2b

HISTORY_LIMIT = 200
RESTORE = "restore"  # the kind of the entry a restore adds
# A change that adds more records than this to one table (an import) keeps their ids and
# one fingerprint of them all, not one each: undo then tells only that some changed.
ADDED_ONE_BY_ONE = 50

Doc = dict[str, Any]
Key = tuple[str, str]  # (table, record id)


def fingerprint(doc: Doc | None) -> str | None:
    """A short hash of a document's content (None for no document)."""
    if doc is None:
        return None
    text = json.dumps(doc, sort_keys=True, ensure_ascii=True, separators=(",", ":"), default=str)
    return blake2b(text.encode("ascii"), digest_size=8).hexdigest()


def group_fingerprint(docs: Iterable[Doc | None]) -> str:
    """One short hash of several documents' contents, in order (a missing one counts)."""
    digest = blake2b(digest_size=8)
    for doc in docs:
        digest.update((fingerprint(doc) or "-").encode("ascii"))
    return digest.hexdigest()


class Journal:
    """What one transaction touched: each record's first before-image and latest content."""

    def __init__(self) -> None:
        self.id = new_id()
        self.summary = ""
        self.kind = ""
        self.recording = True
        self._before: dict[Key, Doc | None] = {}
        self._after: dict[Key, Doc | None] = {}
        self._places: dict[Key, int] = {}  # where a deleted record was in its table
        self._imported: list[Doc] = []
        self._adopted: list[Doc] | None = None

    def describe(self, summary: str, kind: str = "") -> None:
        self.summary = summary
        self.kind = kind or self.kind

    def will_change(self, table: str, record_id: str, current: Callable[[], Doc | None]) -> None:
        """Note the record as it is now, before its first change in this transaction."""
        key = (table, record_id)
        if self.recording and key not in self._before:
            found = current()
            self._before[key] = None if found is None else copy.deepcopy(dict(found))

    def changed(
        self, table: str, record_id: str, doc: Doc | None, place: int | None = None
    ) -> None:
        """The record's content now (None: deleted, from document number ``place``)."""
        if self.recording:
            self._after[(table, record_id)] = doc
            if place is not None:
                self._places.setdefault((table, record_id), place)

    def bring(self, entries: Iterable[Doc], fresh: bool = False) -> None:
        """History entries of an imported file, merged into this file's on commit.

        Into a new file (``fresh``) they become its history as they are, and this
        transaction (a restore) is not recorded: the file is as the backup was, and so
        is what undo takes back.
        """
        if fresh:
            self._adopted = list(entries)
            self.recording = False
        else:
            self._imported.extend(entries)

    def touched(self) -> list[Doc]:
        """Each record whose content differs from before, with its before and after.

        Many records added to one table become one item: their ids, and one
        fingerprint of them all (``group_fingerprint``).
        """
        found = []
        added: dict[str, list[tuple[str, Doc]]] = {}
        for (table, record_id), after in self._after.items():
            if after is not None and self._before.get((table, record_id)) is None:
                added.setdefault(table, []).append((record_id, after))
        grouped = {table for table, docs in added.items() if len(docs) > ADDED_ONE_BY_ONE}
        for table in grouped:
            ids = [record_id for record_id, _ in added[table]]
            found.append(
                {
                    "table": table,
                    "ids": ids,
                    "after": group_fingerprint(doc for _, doc in added[table]),
                }
            )
        for key, after in self._after.items():
            if key[0] in grouped and after is not None and self._before.get(key) is None:
                continue
            before = self._before.get(key)
            if before == after:
                continue
            table, record_id = key
            item: Doc = {
                "table": table,
                "id": record_id,
                "before": before,
                "after": fingerprint(after),
            }
            if after is None and key in self._places:
                item["place"] = self._places[key]  # so that undo puts it back where it was
            found.append(item)
        return found

    def entry(self, at: datetime) -> Doc | None:
        """The history entry this transaction makes; None when it changed nothing."""
        touched = self.touched()
        if not self.recording or not touched:
            return None
        return {
            "id": self.id,
            "at": at.isoformat(),
            "summary": self.summary or _counted(touched),
            "kind": self.kind,
            "touched": touched,
            "undone": None,
        }

    def committed(self, raw: Raw, at: datetime) -> dict[str, Doc] | None:
        """The history table of ``raw`` (the main file) with this transaction's entry and
        any imported ones added; None when it stays as it is."""
        if self._adopted is not None:
            return table_of(unique(valid_entries(self._adopted)))
        entry = self.entry(at)
        if entry is None:
            return None
        present = entries(raw)
        if self._imported:
            known = {e["id"] for e in present}
            brought = [
                {**e, "imported": self.id}
                for e in unique(valid_entries(self._imported))
                if e["id"] not in known
            ]
            # Within the bound, this file's own changes (which undo can take back one by
            # one) come first: only the newest of the brought ones that fit are kept.
            room = max(HISTORY_LIMIT - len(present) - 1, 0)
            brought = sorted(brought, key=lambda e: _moment(e["at"]))[len(brought) - room :]
            present = interleave(present, brought)
        return table_of([*present, entry])


def _counted(touched: list[Doc]) -> str:
    """``changed 2 contacts, 1 action``: the summary of a change nobody named."""
    counts: dict[str, int] = {}
    for item in touched:
        counts[item["table"]] = counts.get(item["table"], 0) + 1
    parts = []
    for table, n in counts.items():
        one, many = NOUNS[table]
        parts.append(f"{n} {one if n == 1 else many}")
    return "changed " + ", ".join(parts)


# The table ----------------------------------------------------------------------------------


def entries(raw: Raw) -> list[Doc]:
    """The well-formed history entries of ``raw``, oldest first (in the order made)."""
    table = raw.get(CHANGES)
    if not isinstance(table, dict):
        return []
    ordered = sorted(table.items(), key=lambda item: entry_order(item[0]))
    return unique(valid_entries(doc for _, doc in ordered))


def table_of(docs: list[Doc]) -> dict[str, Doc]:
    """The history table keeping ``docs`` (oldest first), the newest ``HISTORY_LIMIT``."""
    kept = docs[-HISTORY_LIMIT:]
    return {str(n): doc for n, doc in enumerate(kept, start=1)}


def valid_entries(docs: Iterable[Any]) -> list[Doc]:
    return [doc for doc in docs if entry_problem(doc) is None]


def unique(docs: list[Doc]) -> list[Doc]:
    """The first entry of each id."""
    seen: set[str] = set()
    kept = []
    for doc in docs:
        if doc["id"] not in seen:
            seen.add(doc["id"])
            kept.append(doc)
    return kept


def entry_problem(doc: Any) -> str | None:
    """Why ``doc`` is not a usable history entry, or None."""
    if not isinstance(doc, dict):
        return "is not an object"
    for name in ("id", "at", "summary"):
        if not isinstance(doc.get(name), str):
            return f"has no text {name!r}"
    try:
        datetime.fromisoformat(doc["at"])
        if doc.get("undone") is not None:
            datetime.fromisoformat(doc["undone"])
    except (TypeError, ValueError):
        return "has a damaged time"
    if not isinstance(doc.get("kind", ""), str | None):
        return "has a damaged field"
    touched = doc.get("touched")
    if doc.get("kind") == RESTORE:
        replaced = doc.get("replaced")
        if touched != [] or not isinstance(replaced, str) or not _plain_name(replaced):
            return "names no copy of the file it replaced"
        return None
    if not isinstance(touched, list) or not touched:
        return "lists nothing it touched"
    for item in touched:
        if isinstance(item, dict) and "ids" in item:
            ids = item["ids"]
            if not (
                item.get("table") in RECORD_TABLES
                and isinstance(ids, list)
                and all(isinstance(i, str) for i in ids)
                and isinstance(item.get("after"), str)
            ):
                return "lists a damaged record"
            continue
        if not (
            isinstance(item, dict)
            and item.get("table") in RECORD_TABLES
            and isinstance(item.get("id"), str)
            and isinstance(item.get("before"), dict | None)
            and isinstance(item.get("after"), str | None)
            and (item.get("before") is not None or item.get("after") is not None)
            and type(item.get("place", 0)) is int
        ):
            return "lists a damaged record"
    return None


def _plain_name(name: str) -> bool:
    """True for a file name alone (no folder, nothing that leaves the backups folder)."""
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name


def with_restore(raw: Raw, backup_name: str, replaced: str, at: datetime) -> None:
    """Add to ``raw`` (a file a restore is writing) the entry that says so."""
    entry: Doc = {
        "id": new_id(),
        "at": at.isoformat(),
        "summary": f"restored {backup_name}",
        "kind": RESTORE,
        "touched": [],
        "undone": None,
        "replaced": replaced,
    }
    raw[CHANGES] = table_of([*entries(raw), entry])


def interleave(own: list[Doc], brought: list[Doc]) -> list[Doc]:
    """Entries of another file merged into this file's, by time, each side in its order."""
    brought = sorted(brought, key=lambda e: _moment(e["at"]))
    merged: list[Doc] = []
    i = j = 0
    while i < len(own) and j < len(brought):
        if _moment(own[i]["at"]) <= _moment(brought[j]["at"]):
            merged.append(own[i])
            i += 1
        else:
            merged.append(brought[j])
            j += 1
    return [*merged, *own[i:], *brought[j:]]


def _moment(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def entry_order(key: str) -> tuple[int, int | str]:
    """Sorts the keys of the history table: by number, as TinyDB numbers documents."""
    return (0, int(key)) if key.isdecimal() and key.isascii() else (1, key)


def change_from_doc(doc: Doc) -> Change:
    """A well-formed entry (see ``entries``) as a domain value."""
    undone = doc.get("undone")
    return Change(
        id=doc["id"],
        at=datetime.fromisoformat(doc["at"]),
        summary=doc["summary"],
        kind=doc.get("kind") or "",
        touched=tuple(
            Touched(item["table"], record_id, what, NOUNS[item["table"]])
            for item in doc["touched"]
            for record_id, what in _each(item)
        ),
        undone=datetime.fromisoformat(undone) if undone else None,
        imported=bool(doc.get("imported")),
        replaced=doc.get("replaced") if doc.get("kind") == RESTORE else None,
    )


def _each(item: Doc) -> list[tuple[str, str]]:
    """Each record of a touched item (one, or a group added), with what happened to it."""
    if "ids" in item:
        return [(record_id, ADDED) for record_id in item["ids"]]
    what = ADDED if item["before"] is None else REMOVED if item["after"] is None else CHANGED
    return [(item["id"], what)]


def undoable(raw: Raw) -> Doc | None:
    """The entry ``netrack undo`` takes back next: the newest not yet undone, not imported."""
    for doc in reversed(entries(raw)):
        if doc.get("undone") is None and not doc.get("imported"):
            return doc
    return None


def removed_record(raw: Raw, table: str, wanted: Callable[[Doc], bool]) -> Doc | None:
    """The record of ``table`` that the newest change still in force removed and that
    ``wanted`` picks, as it was before (None: none)."""
    for doc in reversed(entries(raw)):
        if doc.get("undone") is not None:
            continue
        for item in doc["touched"]:
            before = item.get("before")
            if item["table"] != table or item.get("after") is not None or before is None:
                continue
            if wanted(before):
                return dict(before)
    return None


def find_entry(raw: Raw, change_id: str) -> Doc | None:
    """The entry with this id, or with a unique prefix of it (at least four characters)."""
    key = change_id.strip().casefold()
    if len(key) < 4:
        return None
    found = [doc for doc in entries(raw) if doc["id"].startswith(key)]
    return found[0] if len(found) == 1 else None


def with_undone(raw: Raw, change_id: str, when: datetime) -> dict[str, Doc]:
    """The history table with an entry marked undone, without the entries an undone
    import had brought."""
    kept = []
    for doc in entries(raw):
        if doc.get("imported") == change_id:
            continue
        if doc["id"] == change_id:
            doc = {**doc, "undone": when.isoformat()}
        kept.append(doc)
    return table_of(kept)
