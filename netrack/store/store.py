"""The only code that touches TinyDB.

Reads parse the whole file afresh (it is replaced atomically, so a reader always sees a
complete file). Every change is a :class:`Transaction`: lock, re-read, change in memory
through TinyDB, then write a temporary file, fsync and rename it over the data file.
No TinyDB instance outlives a transaction, so none can hold a stale copy of the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from netrack import clock
from netrack.collector import collector_paused
from netrack.domain.habits import default_habits
from netrack.domain.models import Action, Contact, Dataset, FollowUp, Habit, Settings, WeekNote
from netrack.domain.tally import DayCounts
from netrack.errors import DataFileError
from netrack.store import archive, codec, outbox, records, schema
from netrack.store.backups import keep_daily_backup, keep_premigration_backup
from netrack.store.files import (
    ensure_folder,
    exclusive_lock,
    read_bytes,
    shared_lock,
    write_atomic,
)
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    FOLLOWUPS,
    HABITS,
    RECORD_TABLES,
    REVIEWS,
    SETTINGS,
    Raw,
)
from netrack.store.schema import (
    SYNC_OUTBOX as OUTBOX,
)

Record = Contact | Action | FollowUp | Habit | WeekNote
Doc = dict[str, Any]
_SAVERS: dict[type, tuple[str, Any]] = {
    Contact: (CONTACTS, records.contact_to_doc),
    Action: (ACTIONS, records.action_to_doc),
    FollowUp: (FOLLOWUPS, records.followup_to_doc),
    Habit: (HABITS, records.habit_to_doc),
    WeekNote: (REVIEWS, records.note_to_doc),
}


class FileState(NamedTuple):
    """What the data file looked like when read, to notice when it changes."""

    exists: bool
    inode: int = 0
    size: int = 0
    mtime_ns: int = 0


class _Loaded(NamedTuple):
    raw: Raw
    original: bytes | None
    migrated_from: int | None
    seeded: bool = False  # the file held no netrack data; defaults were just filled in


class Store:
    """One netrack data file (and the archive of its older actions beside it)."""

    def __init__(self, path: Path | str) -> None:
        path = Path(path)
        # A data file that is a link (into a synced folder, say) is used where it really
        # is: replacing the link itself would cut it off from the real file, and the
        # lock, the backups and the archive must sit beside the real file.
        self.path = path.resolve() if path.is_symlink() else path
        # True once a transaction of this process noted changes for the sync folder
        # (netrack.sync publishes them; see store/outbox.py).
        self.unpublished = False

    # Reading ----------------------------------------------------------------------------

    def file_state(self) -> FileState:
        """The file's identity now; it changes with every write (a new inode each time).

        Every write replaces the main file, so its identity covers the archive too.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return FileState(exists=False)
        except OSError as error:
            raise DataFileError(self.path, f"cannot read it ({error.strerror})") from None
        return FileState(True, st.st_ino, st.st_size, st.st_mtime_ns)

    def read_raw(self) -> Raw:
        """The file's documents, checked, migrated in memory, with defaults for a new file.

        The ``actions`` table includes the archived ones.
        """
        with collector_paused(), shared_lock(self.path):
            return archive.with_archive(self._load().raw, self.path)

    def load(self) -> Dataset:
        """Everything in the file as domain values."""
        with collector_paused(), shared_lock(self.path):
            raw = self._load().raw
            data = dataset_from_raw(raw, self.path)
            archived = archive.archived_tables(raw, self.path)
            if not archived:
                return data
            # Each file converted on its own, so that a damaged record is named in it.
            convert = records.convert_table
            old = [
                action
                for file, docs in archived
                for action in convert(docs, records.action_from_doc, ACTIONS, file)
            ]
            actions = archive.without_repeats(old, list(data.actions), _action_id)
            return data._replace(actions=tuple(actions))

    def load_recent(self) -> tuple[Dataset, DayCounts | None]:
        """The file with only its recent actions, and the archived ones summed up by day.

        Much cheaper than ``load`` for a long history; enough for the week review of a
        recent week (``Analysis(data, now, earlier)``). None: nothing is archived.
        """
        with collector_paused(), shared_lock(self.path):
            raw = self._load().raw
            data = dataset_from_raw(raw, self.path)
            before = archive.archived_before(raw)
            if before is None:
                return data, None
            day_start = data.settings.day_starts_at
            return data, archive.archived_day_counts(self.path, day_start, before)

    def _load(self) -> _Loaded:
        return parse_document(read_bytes(self.path), self.path)

    # Writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Change the file as one step; nothing is written if the block raises."""
        ensure_folder(self.path.parent)
        with exclusive_lock(self.path):
            with collector_paused():
                loaded = self._load()
            tx = Transaction(
                loaded.raw, self.path, fresh=loaded.seeded, syncing=outbox.is_syncing(self.path)
            )
            yield tx
            if tx.changed or loaded.migrated_from is not None or loaded.original is None:
                self.unpublished |= tx.write_outbox()
                with collector_paused():
                    self._commit(tx, loaded)
            for hook in tx.commit_hooks:
                hook()

    def _commit(self, tx: Transaction, loaded: _Loaded) -> None:
        today = clock.now().date()
        tx.archive_old_actions(today.year)
        archives = [
            (archive.archive_path(self.path, year), raw, original)
            for year, raw, original in tx.changed_archives()
        ]
        # No copy, no write: a change that could not be undone from a backup waits
        # until the backups folder works again. Every copy is made before any write.
        try:
            if loaded.original:
                if loaded.migrated_from is not None:
                    keep_premigration_backup(
                        self.path, loaded.original, today, loaded.migrated_from
                    )
                keep_daily_backup(self.path, loaded.original, today)
            for file, _, original in archives:
                if original:
                    keep_daily_backup(file, original, today)
        except DataFileError as error:
            raise DataFileError(
                self.path, f"cannot keep a backup copy at {error.path}: {error.problem}"
            ) from None
        writes = [*archives, (self.path, tx.main_raw(), loaded.original)]
        if len(writes) == 1:
            write_atomic(self.path, codec.encode(writes[0][1]))
            return
        # Several files change at once (actions moving between years). A crash (or a
        # full disk) between two renames must never leave an action in no file, so
        # first every file takes what it gains while keeping what it loses, and only
        # then do the files that lose actions let them go. In between, an action may
        # be in two files, which reads list once.
        second_round = []
        for file, raw, original in writes:
            ensure_folder(file.parent)
            leaving = _actions_leaving(original, raw)
            write_atomic(file, codec.encode(_with_actions(raw, leaving) if leaving else raw))
            if leaving:
                second_round.append((file, raw))
        for file, raw in second_round:
            write_atomic(file, codec.encode(raw))


def _actions_leaving(original: bytes | None, raw: Raw) -> list[dict[str, Any]]:
    """The actions of the file as it was (``original``) that ``raw`` no longer holds."""
    if not original or not original.strip():
        return []
    before = codec.decode(original).get(ACTIONS, {})
    staying = {doc.get("id") for doc in raw.get(ACTIONS, {}).values()}
    return [doc for doc in before.values() if doc.get("id") not in staying]


def _with_actions(raw: Raw, extra: list[dict[str, Any]]) -> Raw:
    """``raw`` with ``extra`` action documents added after its own."""
    actions = dict(raw.get(ACTIONS, {}))
    next_key = max((int(key) for key in actions), default=0) + 1
    for offset, doc in enumerate(extra):
        actions[str(next_key + offset)] = doc
    return {**raw, ACTIONS: actions}


MAIN = None  # where a document lives: the main file, or the year of an archive file
Location = int | None


class Transaction:
    """Changes to the data file made while its lock is held.

    Actions live in the main file or, when older than its ``archived_before`` year, in
    that year's archive file; each file is read only when a change or a read needs it.
    """

    def __init__(self, raw: Raw, path: Path, fresh: bool = False, syncing: bool = False) -> None:
        self._path = path
        self._dbs: dict[Location, TinyDB] = {MAIN: _memory_db(raw)}
        self._originals: dict[int, bytes | None] = {}  # archive files as read
        self._archived_before = archive.archived_before(raw)
        self._all_archives_read = False
        # True when the file held no netrack data before this transaction: what it holds
        # now (the default habits) was filled in by this transaction, not by the user.
        self.fresh = fresh
        self._changed: set[Location] = set()
        self._dataset: Dataset | None = None
        self._indexes: dict[tuple[Location, str], dict[str, int]] = {}
        # With sync on: each record saved or deleted, and how it was before (see outbox.py).
        self._sync_changes: dict[tuple[str, str], tuple[Doc | None, bool]] | None = (
            {} if syncing else None
        )
        self.commit_hooks: list[Callable[[], None]] = []  # run after the write, still locked

    @property
    def changed(self) -> bool:
        return bool(self._changed)

    def raw(self) -> Raw:
        """Every table as it is inside this transaction, archived actions included."""
        main = self.main_raw()
        if not self._read_all_archives():
            return main
        archived = [
            (self._dbs[year].storage.read() or {}).get(ACTIONS, {})
            for year in sorted(y for y in self._dbs if y is not MAIN)
        ]
        return archive.combined(main, archived)

    def main_raw(self) -> Raw:
        """The main file's tables as they are inside this transaction."""
        return self._dbs[MAIN].storage.read() or {}

    @property
    def data(self) -> Dataset:
        """The file's contents as they are inside this transaction."""
        if self._dataset is None:
            self._dataset = dataset_from_raw(self.raw(), self._path)
        return self._dataset

    def data_without_actions(self) -> Dataset:
        """Everything but the actions, which a long history makes costly to convert."""
        if self._dataset is not None:
            return self._dataset._replace(actions=())
        return dataset_from_raw(self.main_raw(), self._path, with_actions=False)

    def actions_since(self, day: date) -> list[Action]:
        """Actions on or after ``day`` (and a day either side); cheaper than ``data``."""
        found = actions_since(self.main_raw(), self._path, day)
        first_year = date.fromordinal(day.toordinal() - 1).year
        for year in self._archive_years():
            if year >= first_year:
                found += actions_since(self._db(year).storage.read() or {}, self._path, day)
        return found

    def save(self, record: Record) -> None:
        """Insert the record, or replace the one with the same id."""
        table_name, to_doc = _SAVERS[type(record)]
        self._put_noted(table_name, [to_doc(record)])

    def save_many(self, records_: Iterable[Record]) -> int:
        """``save`` for many records at once (one pass per table); returns how many."""
        by_table: dict[str, list[dict[str, Any]]] = {}
        for record in records_:
            table_name, to_doc = _SAVERS[type(record)]
            by_table.setdefault(table_name, []).append(to_doc(record))
        for table_name, docs in by_table.items():
            self._put_noted(table_name, docs)
        return sum(len(docs) for docs in by_table.values())

    def put_raw_many(self, table_name: str, docs: Iterable[dict[str, Any]]) -> int:
        """Insert documents as they are, or replace those with the same ``id``.

        For restoring a backup, whose documents may carry fields this version does not
        know: they are kept as they are. Returns how many documents were written.
        """
        if table_name not in RECORD_TABLES:
            raise ValueError(f"not a table of records: {table_name!r}")
        docs = [dict(doc) for doc in docs]
        for doc in docs:
            if not isinstance(doc.get("id"), str):
                raise ValueError(f"a document of {table_name!r} has no text 'id'")
        if table_name == ACTIONS:
            # A backup's copy of an action may be dated otherwise than ours, so belong
            # in another file: every file is read so that no copy is left behind.
            self._read_all_archives()
        self._put_noted(table_name, docs)
        return len(docs)

    def delete(self, record: Record) -> bool:
        """Remove the record with this one's id; False when there was none."""
        table_name, to_doc = _SAVERS[type(record)]
        places: list[Location] = [MAIN]
        if table_name == ACTIONS:
            home = self._location(to_doc(record))
            places = [home] if home is MAIN else [home, MAIN]
            if self._archive_years():
                places += [p for p in (MAIN, *self._archive_years()) if p not in places]
        self._note_changes(table_name, [record.id])
        # Every place is tried (not just until the first hit): a write interrupted
        # between two files can leave an action in both.
        removed = [self._remove(place, table_name, record.id) for place in places]
        return any(removed)

    def set_setting(self, key: str, value: object) -> None:
        self._put_noted(SETTINGS, [records.setting_doc(key, value)])

    def archive_old_actions(self, this_year: int) -> None:
        """Move the actions of years now old enough from the main file to the archive."""
        limit = this_year - archive.ARCHIVE_AFTER_YEARS + 1
        if self._archived_before is not None and self._archived_before >= limit:
            return
        main = self._dbs[MAIN]
        old: dict[int, list[dict[str, Any]]] = {}
        for doc in (main.storage.read() or {}).get(ACTIONS, {}).values():
            year = archive.year_of(doc)
            if year is not None and year < limit:
                old.setdefault(year, []).append(doc)
        if not old and self._archived_before is None:
            return  # nothing to archive yet: the file keeps its version-1 shape
        self._archived_before = limit
        for year, docs in old.items():
            self._remove_many(MAIN, ACTIONS, [doc["id"] for doc in docs])
            self._insert_or_replace(year, ACTIONS, docs)
        raw = main.storage.read() or {}
        archive.set_archived_before(raw, limit)
        main.storage.write(raw)
        self._touched(MAIN)

    def changed_archives(self) -> list[tuple[int, Raw, bytes | None]]:
        """Each changed archive file: its year, its tables now, and its bytes as read."""
        return [
            (year, self._dbs[year].storage.read() or {}, self._originals.get(year))
            for year in sorted(y for y in self._changed if y is not MAIN)
        ]

    # The sync outbox (see store/outbox.py and netrack.sync) -------------------------------

    def _put_noted(self, table_name: str, docs: list[Doc]) -> None:
        self._note_changes(table_name, [doc["id"] for doc in docs])
        self._put_many(table_name, docs)

    def _note_changes(self, table_name: str, record_ids: list[str]) -> None:
        """Remember how these records are before this transaction first changes them."""
        notes = self._sync_changes
        if notes is None or table_name not in RECORD_TABLES:
            return
        for record_id in record_ids:
            if (table_name, record_id) not in notes:
                notes[(table_name, record_id)] = self._before(table_name, record_id)

    def _before(self, table_name: str, record_id: str) -> tuple[Doc | None, bool]:
        """The record as it is now (None: there is none) and whether that is certain."""
        places: list[Location] = [MAIN]
        if table_name == ACTIONS:
            places += sorted(p for p in self._dbs if p is not MAIN)
        for place in places:
            doc_id = self._index(place, table_name).get(record_id)
            if doc_id is not None:
                return dict(self._db(place).storage.read()[table_name][str(doc_id)]), True
        # An action may sit in a year file not read: then nobody knows how it was.
        unread = table_name == ACTIONS and bool(self._archive_years())
        return None, not (unread and not self._all_archives_read)

    def write_outbox(self) -> bool:
        """Add this transaction's changes to the outbox; True when it noted any."""
        if not self._sync_changes:
            return False
        waiting = self._index(MAIN, OUTBOX)
        entries = [
            outbox.new_entry(table_name, record_id, before, known)
            for (table_name, record_id), (before, known) in self._sync_changes.items()
            if outbox.entry_id(table_name, record_id) not in waiting  # keep the first before
        ]
        self._insert_or_replace(MAIN, OUTBOX, entries)
        self._sync_changes = {}
        return True

    def outbox(self) -> list[Doc]:
        """The records changed here since they were last published (for netrack.sync)."""
        return list(self.main_raw().get(OUTBOX, {}).values())

    def clear_outbox(self, entry_ids: Iterable[str]) -> None:
        self._remove_many(MAIN, OUTBOX, list(entry_ids))

    def find_raw(self, table_name: str, record_id: str) -> Doc | None:
        """One record's document as it is in this transaction (None: there is none)."""
        before, known = self._before(table_name, record_id)
        if before is None and not known:
            self._read_all_archives()
            before, known = self._before(table_name, record_id)
        return before

    def put_synced(self, table_name: str, docs: list[Doc]) -> None:
        """Write documents that came from the sync folder (they are not published again)."""
        self._put_many(table_name, [dict(doc) for doc in docs])

    def remove_synced(self, table_name: str, record_ids: list[str]) -> None:
        """Remove records another computer deleted (they are not published again)."""
        places = [MAIN, *self._archive_years()] if table_name == ACTIONS else [MAIN]
        for place in places:
            self._remove_many(place, table_name, record_ids)

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


def _action_id(action: Action) -> str:
    return action.id


def _memory_db(raw: Raw) -> TinyDB:
    db = TinyDB(storage=MemoryStorage)
    db.storage.write(raw)
    return db


def _replace(stored: dict[str, Any], doc: dict[str, Any]) -> None:
    """Make ``stored`` equal to ``doc`` (TinyDB's update with a dict merges fields)."""
    stored.clear()
    stored.update(doc)


def parse_document(original: bytes | None, path: Path) -> _Loaded:
    """The documents in ``original`` (the bytes of ``path``; None if it does not exist).

    Checked, migrated in memory, and seeded with the defaults when the file is new.
    """
    raw = {} if original is None else decode_file(original, path)
    raw = schema.check_shape(raw, path)
    version = schema.schema_version(raw)
    raw, migrated = schema.migrate(raw)
    if version is None:
        _seed_new_file(raw, clock.now().date())
    return _Loaded(raw, original, version if migrated else None, seeded=version is None)


def decode_file(original: bytes, path: Path) -> Any:
    """The JSON document in the bytes of the existing file ``path``, unchecked."""
    if not original.strip():
        # netrack never writes an empty file (writes are atomic), so this one was
        # truncated or damaged by something else: refuse it rather than start afresh.
        raise DataFileError(
            path,
            "it is empty (truncated?); 'netrack restore' lists backups, "
            "or delete the file to start afresh",
        )
    try:
        return codec.decode(original)
    except codec.DecodeError as error:
        raise DataFileError(path, str(error)) from None


def dataset_from_bytes(data: bytes, path: Path) -> Dataset:
    """Everything in ``data`` (the bytes of a data file at ``path``) as domain values."""
    return dataset_from_raw(parse_document(data, path).raw, path)


def _seed_new_file(raw: Raw, today: date) -> None:
    schema.set_schema_version(raw)
    raw[HABITS] = {
        str(n): records.habit_to_doc(habit)
        for n, habit in enumerate(default_habits(today), start=1)
    }


def dataset_from_raw(raw: Raw, path: Path, with_actions: bool = True) -> Dataset:
    """Every table of ``raw`` as domain values (optionally leaving out the actions)."""
    convert = records.convert_table
    actions = raw.get(ACTIONS, {}) if with_actions else {}
    return Dataset(
        contacts=tuple(convert(raw.get(CONTACTS, {}), records.contact_from_doc, CONTACTS, path)),
        actions=tuple(convert(actions, records.action_from_doc, ACTIONS, path)),
        followups=tuple(
            convert(raw.get(FOLLOWUPS, {}), records.followup_from_doc, FOLLOWUPS, path)
        ),
        habits=tuple(convert(raw.get(HABITS, {}), records.habit_from_doc, HABITS, path)),
        notes=tuple(convert(raw.get(REVIEWS, {}), records.note_from_doc, REVIEWS, path)),
        settings=settings_from_raw(raw, path),
    )


def settings_from_raw(raw: Raw, path: Path) -> Settings:
    try:
        return records.settings_from_docs(raw.get(SETTINGS, {}).values())
    except (KeyError, TypeError, ValueError) as error:
        raise DataFileError(path, f"a setting is damaged ({error})") from None


def actions_since(raw: Raw, path: Path, day: date) -> list[Action]:
    """Actions whose timestamp falls on or after the day before ``day``.

    Filters on the ISO text first so that a long history is not converted in full.
    """
    floor = date.fromordinal(day.toordinal() - 1).isoformat()
    docs = {k: d for k, d in raw.get(ACTIONS, {}).items() if str(d.get("at", ""))[:10] >= floor}
    return records.convert_table(docs, records.action_from_doc, ACTIONS, path)
