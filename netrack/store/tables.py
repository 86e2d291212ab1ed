"""The tables of one data file and its archive years, held in memory for a transaction.

Every table lives in an in-memory TinyDB; no TinyDB instance outlives a transaction, so
none can hold a stale copy of the file. Actions live in the main file or, when older
than its ``archived_before`` year, in that year's archive file; each file is read only
when a change or a read needs it. ``store/transaction.py`` builds the user's changes on
these.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from netrack.domain.models import Dataset
from netrack.store import archive
from netrack.store.schema import ACTIONS, Raw

MAIN = None  # where a document lives: the main file, or the year of an archive file
Location = int | None
Doc = dict[str, Any]


class FileTables:
    """The main file's tables and those of the archive years read so far."""

    def __init__(self, raw: Raw, path: Path) -> None:
        self._path = path
        self._dbs: dict[Location, TinyDB] = {MAIN: _memory_db(raw)}
        self._originals: dict[int, bytes | None] = {}  # archive files as read
        self._archived_before = archive.archived_before(raw)
        self._all_archives_read = False
        self._changed: set[Location] = set()
        self._dataset: Dataset | None = None
        self._indexes: dict[tuple[Location, str], dict[str, int]] = {}

    # Where documents live ----------------------------------------------------------------

    def _location(self, doc: dict[str, Any]) -> Location:
        before = self._archived_before
        if before is None:
            return MAIN
        year = archive.year_of(doc)
        return year if year is not None and year < before else MAIN

    def _archive_years(self) -> list[int]:
        if self._archived_before is None:
            return []
        return sorted(set(archive.archived_years(self._path)) | {y for y in self._dbs if y})

    def _read_all_archives(self) -> bool:
        """Read every archive file; False when there is none."""
        years = self._archive_years()
        if not self._all_archives_read:
            for year in years:
                self._db(year)
            self._all_archives_read = True
        return bool(years)

    def _db(self, place: Location) -> TinyDB:
        db = self._dbs.get(place)
        if db is None:
            assert place is not None
            raw, original = archive.read_archive(self._path, place)
            self._originals[place] = original
            db = self._dbs[place] = _memory_db(raw or archive.new_archive())
        return db

    # Changing tables ---------------------------------------------------------------------

    def _put_many(self, table_name: str, docs: list[dict[str, Any]]) -> None:
        if table_name != ACTIONS:
            self._insert_or_replace(MAIN, table_name, docs)
            return
        by_place: dict[Location, list[dict[str, Any]]] = {}
        for doc in docs:
            by_place.setdefault(self._location(doc), []).append(doc)
        years = self._archive_years() if self._all_archives_read else []
        # Each action is kept in one place only. With every file read, copies elsewhere
        # are removed. Otherwise at least the main file's copy of an action that now
        # belongs in an archive year goes: reads prefer the main file's copy, so a stale
        # one there would hide the change (a stale archived copy is only a duplicate).
        for place, placed in by_place.items():
            ids = [doc["id"] for doc in placed]
            for other in (MAIN, *years):
                if other != place:
                    self._remove_many(other, ACTIONS, ids)
        for place, placed in by_place.items():
            self._insert_or_replace(place, ACTIONS, placed)

    def _insert_or_replace(
        self, place: Location, table_name: str, docs: list[dict[str, Any]]
    ) -> None:
        index = self._index(place, table_name)
        table = self._db(place).table(table_name)
        new_docs: dict[str, dict[str, Any]] = {}  # by id: a later copy of a record wins
        replacements: dict[str, dict[str, Any]] = {}
        for doc in docs:
            if doc["id"] in index:
                replacements[doc["id"]] = doc
            else:
                new_docs[doc["id"]] = doc
        if replacements:
            # One update for all of them: TinyDB copies the whole table on every update.
            table.update(
                lambda stored: _replace(stored, replacements[stored["id"]]),
                doc_ids=[index[record_id] for record_id in replacements],
            )
        inserted = table.insert_multiple(new_docs.values())
        for record_id, doc_id in zip(new_docs, inserted, strict=True):
            index[record_id] = doc_id
        self._touched(place)

    def _remove(self, place: Location, table_name: str, record_id: str) -> bool:
        return self._remove_many(place, table_name, [record_id]) > 0

    def _remove_many(self, place: Location, table_name: str, record_ids: list[str]) -> int:
        """Remove these records from one file (one pass over its table); how many were."""
        index = self._index(place, table_name)
        doc_ids = [index.pop(i) for i in record_ids if i in index]
        if doc_ids:
            self._db(place).table(table_name).remove(doc_ids=doc_ids)
            self._touched(place)
        return len(doc_ids)

    def _index(self, place: Location, table_name: str) -> dict[str, int]:
        """Record id to TinyDB document number, built once per table."""
        index = self._indexes.get((place, table_name))
        if index is None:
            docs = (self._db(place).storage.read() or {}).get(table_name, {})
            index = {doc["id"]: int(doc_id) for doc_id, doc in docs.items()}
            self._indexes[(place, table_name)] = index
        return index

    def _touched(self, place: Location) -> None:
        # The main file is written with every change: its new identity tells readers.
        self._changed.update((place, MAIN))
        self._dataset = None


def _memory_db(raw: Raw) -> TinyDB:
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(raw)
    return db


def _replace(stored: MutableMapping[str, Any], doc: dict[str, Any]) -> None:
    """Make ``stored`` equal to ``doc`` (TinyDB's update with a dict merges fields)."""
    stored.clear()
    stored.update(doc)
