"""The only code that touches TinyDB.

Reads parse the whole file afresh (it is replaced atomically, so a reader always sees a
complete file). Every change is a :class:`Transaction`: lock, re-read, change in memory
through TinyDB, then write a temporary file, fsync and rename it over the data file.
No TinyDB instance outlives a transaction, so none can hold a stale copy of the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from netrack import clock
from netrack.domain.habits import default_habits
from netrack.domain.models import Action, Contact, Dataset, FollowUp, Habit, Settings, WeekNote
from netrack.errors import DataFileError
from netrack.store import codec, records, schema
from netrack.store.backups import keep_daily_backup, keep_premigration_backup
from netrack.store.files import ensure_folder, exclusive_lock, read_bytes, write_atomic
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

Record = Contact | Action | FollowUp | Habit | WeekNote
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
    """One netrack data file."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    # Reading ----------------------------------------------------------------------------

    def file_state(self) -> FileState:
        """The file's identity now; it changes with every write (a new inode each time)."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return FileState(exists=False)
        except OSError as error:
            raise DataFileError(self.path, f"cannot read it ({error.strerror})") from None
        return FileState(True, st.st_ino, st.st_size, st.st_mtime_ns)

    def read_raw(self) -> Raw:
        """The file's documents, checked, migrated in memory, with defaults for a new file."""
        return self._load().raw

    def load(self) -> Dataset:
        """Everything in the file as domain values."""
        return dataset_from_raw(self.read_raw(), self.path)

    def _load(self) -> _Loaded:
        return parse_document(read_bytes(self.path), self.path)

    # Writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Change the file as one step; nothing is written if the block raises."""
        ensure_folder(self.path.parent)
        with exclusive_lock(self.path):
            loaded = self._load()
            tx = Transaction(loaded.raw, self.path, fresh=loaded.seeded)
            yield tx
            if tx.changed or loaded.migrated_from is not None or loaded.original is None:
                self._commit(tx.raw(), loaded)

    def _commit(self, raw: Raw, loaded: _Loaded) -> None:
        if loaded.original:
            # No copy, no write: a change that could not be undone from a backup waits
            # until the backups folder works again.
            today = clock.now().date()
            try:
                if loaded.migrated_from is not None:
                    keep_premigration_backup(
                        self.path, loaded.original, today, loaded.migrated_from
                    )
                keep_daily_backup(self.path, loaded.original, today)
            except DataFileError as error:
                raise DataFileError(
                    self.path, f"cannot keep a backup copy at {error.path}: {error.problem}"
                ) from None
        write_atomic(self.path, codec.encode(raw))


class Transaction:
    """Changes to the data file made while its lock is held."""

    def __init__(self, raw: Raw, path: Path, fresh: bool = False) -> None:
        self._db = TinyDB(storage=MemoryStorage)
        self._db.storage.write(raw)
        self._path = path
        # True when the file held no netrack data before this transaction: what it holds
        # now (the default habits) was filled in by this transaction, not by the user.
        self.fresh = fresh
        self.changed = False
        self._dataset: Dataset | None = None
        self._indexes: dict[str, dict[str, int]] = {}

    def raw(self) -> Raw:
        return self._db.storage.read() or {}

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
        return dataset_from_raw(self.raw(), self._path, with_actions=False)

    def actions_since(self, day: date) -> list[Action]:
        """Actions on or after ``day`` (and a day either side); cheaper than ``data``."""
        return actions_since(self.raw(), self._path, day)

    def save(self, record: Record) -> None:
        """Insert the record, or replace the one with the same id."""
        table_name, to_doc = _SAVERS[type(record)]
        self._put(table_name, to_doc(record))

    def save_many(self, records_: Iterable[Record]) -> int:
        """``save`` for many records at once (one pass per table); returns how many."""
        by_table: dict[str, list[dict[str, Any]]] = {}
        for record in records_:
            table_name, to_doc = _SAVERS[type(record)]
            by_table.setdefault(table_name, []).append(to_doc(record))
        for table_name, docs in by_table.items():
            self._put_many(table_name, docs)
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
        self._put_many(table_name, docs)
        return len(docs)

    def delete(self, record: Record) -> bool:
        """Remove the record with this one's id; False when there was none."""
        table_name, _ = _SAVERS[type(record)]
        doc_id = self._index(table_name).pop(record.id, None)
        if doc_id is None:
            return False
        self._db.table(table_name).remove(doc_ids=[doc_id])
        self._touched()
        return True

    def set_setting(self, key: str, value: object) -> None:
        self._put(SETTINGS, records.setting_doc(key, value))

    def _put_many(self, table_name: str, docs: list[dict[str, Any]]) -> None:
        index = self._index(table_name)
        table = self._db.table(table_name)
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
        self._touched()

    def _put(self, table_name: str, doc: dict[str, Any]) -> None:
        table = self._db.table(table_name)
        index = self._index(table_name)
        doc_id = index.get(doc["id"])
        if doc_id is None:
            index[doc["id"]] = table.insert(doc)
        else:
            table.update(lambda stored: _replace(stored, doc), doc_ids=[doc_id])
        self._touched()

    def _index(self, table_name: str) -> dict[str, int]:
        """Record id to TinyDB document number, built once per table."""
        index = self._indexes.get(table_name)
        if index is None:
            docs = self.raw().get(table_name, {})
            index = {doc["id"]: int(doc_id) for doc_id, doc in docs.items()}
            self._indexes[table_name] = index
        return index

    def _touched(self) -> None:
        self.changed = True
        self._dataset = None


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
