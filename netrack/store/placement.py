"""Where a transaction's documents live: the main file's tables and each year file's.

Every table is an in-memory TinyDB, one per file; no TinyDB instance outlives a
transaction, so none can hold a stale copy of a file. Actions, closed follow-ups and
week notes live in the main file or, when they belong to a year before its
``archived_before`` year, in that year's file (archive.py); the other tables live in the
main file. Each year file is read only when a change or a read needs it. The store
writes what changed (``changed_years``, ``main_raw``) by the commit protocol of store.py.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from netrack.store import archive
from netrack.store.archive import ARCHIVED_TABLES
from netrack.store.schema import Raw

MAIN = None  # where a document lives: the main file, or the year of a year file
Location = int | None


class FileTables:
    """The tables of a data file and of the year files read so far, changed in memory."""

    def __init__(self, raw: Raw, path: Path) -> None:
        self._path = path
        self._dbs: dict[Location, TinyDB] = {MAIN: _memory_db(raw)}
        self._manifest = archive.manifest(raw, path)
        self._archived_before = self._manifest.before
        self._all_archives_read = False
        self._changed: set[Location] = set()
        self._indexes: dict[tuple[Location, str], dict[str, int]] = {}

    @property
    def changed(self) -> bool:
        return bool(self._changed)

    def main_raw(self) -> Raw:
        """The main file's tables as they are inside this transaction."""
        return self._dbs[MAIN].storage.read() or {}

    def archive_old_records(self, limit: int, sweep: bool = False) -> bool:
        """Keep what belongs to ``limit`` and later years in the main file, archive the rest.

        Years moved into the archive by an earlier write whose clock ran ahead come
        back to the main file. ``sweep``: look through the main file even when the
        archive's first year stays (a file of an earlier schema keeps its closed
        follow-ups and week notes there). True when records moved into the archive.
        """
        before = self._archived_before
        if before is not None and before > limit:
            self._bring_back(limit)
            return False
        if before is not None and before == limit and not sweep:
            return False
        main = self._dbs[MAIN].storage.read() or {}
        old: dict[tuple[int, str], list[dict[str, Any]]] = {}
        for table in ARCHIVED_TABLES:
            for doc in main.get(table, {}).values():
                year = archive.year_of(doc, table)
                if year is not None and year < limit:
                    old.setdefault((year, table), []).append(doc)
        if not old and before in (None, limit):
            return False  # nothing to archive: the file keeps its shape
        self._archived_before = limit
        for (year, table), docs in old.items():
            self._remove_many(MAIN, table, [doc["id"] for doc in docs])
            self._insert_or_replace(year, table, docs)
        self._touched(MAIN)
        return bool(old)

    def _bring_back(self, limit: int) -> None:
        """Move the archived years from ``limit`` on back into the main file."""
        years = [year for year in self._archive_years() if year >= limit]
        self._archived_before = limit
        for year in years:
            tables = self._db(year).storage.read() or {}
            for table in ARCHIVED_TABLES:
                docs = list(tables.get(table, {}).values())
                self._remove_many(year, table, [doc["id"] for doc in docs])
                self._insert_or_replace(MAIN, table, docs)
        self._touched(MAIN)

    def changed_years(self) -> list[tuple[int, Raw]]:
        """Each archived year this transaction changed, with its tables now."""
        return [
            (year, self._dbs[year].storage.read() or {})
            for year in sorted(y for y in self._changed if y is not MAIN)
        ]

    @property
    def manifest(self) -> archive.Manifest:
        """The year files the main file names, with the archive's first year as it is now."""
        return self._manifest._replace(before=self._archived_before)

    # Where documents live ----------------------------------------------------------------

    def _location(self, table_name: str, doc: dict[str, Any]) -> Location:
        before = self._archived_before
        if before is None:
            return MAIN
        year = archive.year_of(doc, table_name)
        return year if year is not None and year < before else MAIN

    def _archive_years(self) -> list[int]:
        if self._archived_before is None:
            return []
        opened = {year for year in self._dbs if year is not MAIN}
        return sorted(set(self._manifest.files) | opened)

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
            if place in self._manifest.files:
                raw = archive.read_year(self._manifest.path(self._path, place))
            else:
                raw = archive.new_year_file()
            db = self._dbs[place] = _memory_db(raw)
        return db

    # Changing tables ---------------------------------------------------------------------

    def _put_many(self, table_name: str, docs: list[dict[str, Any]]) -> None:
        if table_name not in ARCHIVED_TABLES:
            self._insert_or_replace(MAIN, table_name, docs)
            return
        by_place: dict[Location, list[dict[str, Any]]] = {}
        for doc in docs:
            by_place.setdefault(self._location(table_name, doc), []).append(doc)
        years = sorted(year for year in self._dbs if year is not MAIN)
        # Each record is kept in one place only: copies in every file read so far are
        # removed. At least the main file's copy of a record that now belongs in an
        # archive year goes: reads prefer the main file's copy, so a stale one there
        # would hide the change (a stale copy in a year not read is only a duplicate,
        # which reads leave out and doctor removes).
        for place, placed in by_place.items():
            ids = [doc["id"] for doc in placed]
            for other in (MAIN, *years):
                if other != place:
                    self._remove_many(other, table_name, ids)
        for place, placed in by_place.items():
            self._insert_or_replace(place, table_name, placed)

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
        self._forget_views()

    def _forget_views(self) -> None:
        """Called on every change: a subclass drops what it computed from the tables."""


def _memory_db(raw: Raw) -> TinyDB:
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(raw)
    return db


def _replace(stored: MutableMapping[str, Any], doc: dict[str, Any]) -> None:
    """Make ``stored`` equal to ``doc`` (TinyDB's update with a dict merges fields)."""
    stored.clear()
    stored.update(doc)
