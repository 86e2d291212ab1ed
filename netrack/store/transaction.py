"""Changes to a data file (and its archive) gathered in memory while its lock is held.

A :class:`Transaction` is opened by ``Store.transaction()``, which writes what it gathered
when the block ends (the commit protocol in store.py). Its tables live in memory, one
TinyDB per file (placement.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from netrack.domain.models import (
    Action,
    Contact,
    Dataset,
    Event,
    FollowUp,
    Habit,
    Introduction,
    PlanItem,
    Record,
    WeekNote,
)
from netrack.store import archive, history, outbox, records
from netrack.store.archive import ARCHIVED_TABLES
from netrack.store.documents import actions_since, dataset_for_logging, dataset_from_raw
from netrack.store.placement import MAIN, FileTables, Location
from netrack.store.schema import (
    ACTIONS,
    CONTACTS,
    EVENTS,
    FOLLOWUPS,
    HABITS,
    INTRODUCTIONS,
    PLANS,
    RECORD_TABLES,
    SETTINGS,
    SYNC_OUTBOX,
    WEEK_NOTES,
    Raw,
)

Doc = dict[str, Any]
SAVERS: dict[type, tuple[str, Any]] = {
    Contact: (CONTACTS, records.contact_to_doc),
    Action: (ACTIONS, records.action_to_doc),
    FollowUp: (FOLLOWUPS, records.followup_to_doc),
    Habit: (HABITS, records.habit_to_doc),
    WeekNote: (WEEK_NOTES, records.week_note_to_doc),
    Introduction: (INTRODUCTIONS, records.introduction_to_doc),
    Event: (EVENTS, records.event_to_doc),
    PlanItem: (PLANS, records.plan_to_doc),
}


class Transaction(FileTables):
    """Changes to the data file made while its lock is held.

    Actions live in the main file or, when older than its ``archived_before`` year, in
    that year's archive file; each file is read only when a change or a read needs it.
    Each change is noted for the change history (``journal``) and, with sync on, for
    the sync outbox.
    """

    def __init__(self, raw: Raw, path: Path, fresh: bool = False, syncing: bool = False) -> None:
        super().__init__(raw, path)
        # True when the file held no netrack data before this transaction: what it holds
        # now (the default habits) was filled in by this transaction, not by the user.
        self.fresh = fresh
        self._dataset: Dataset | None = None
        # With sync on: each record saved or deleted, and how it was before (see outbox.py).
        self._sync_changes: dict[tuple[str, str], tuple[Doc | None, bool]] | None = (
            {} if syncing else None
        )
        self.commit_hooks: list[Callable[[], None]] = []  # run after the write, still locked
        self.journal = history.Journal()  # what it touched, for the change history

    def describe(self, summary: str, kind: str = "") -> None:
        """Name this change in one line for the history (``logged give → Dana Lee``).

        ``kind`` says what sort of change it is (``log`` for one logged action).
        """
        self.journal.describe(summary, kind)

    def raw(self) -> Raw:
        """Every table as it is inside this transaction, archived actions included."""
        main = self.main_raw()
        if not self._read_all_archives():
            return main
        archived = [
            self._dbs[year].storage.read() or {}
            for year in sorted(y for y in self._dbs if y is not MAIN)
        ]
        return archive.combined(main, archived)

    @property
    def data(self) -> Dataset:
        """The file's contents as they are inside this transaction."""
        if self._dataset is None:
            self._dataset = dataset_from_raw(self.raw(), self._path)
        return self._dataset

    def data_without_actions(self, archived: bool = False) -> Dataset:
        """Everything but the actions, which a long history makes costly to convert.

        Without ``archived``, only the main file's follow-ups and week notes: the open
        ones and those of recent years. With it, every year file is read for the rest.
        """
        if self._dataset is not None:
            return self._dataset._replace(actions=())
        raw = self.raw() if archived else self.main_raw()
        return dataset_from_raw(raw, self._path, with_actions=False)

    def data_for_logging(self, typed: str | None, contact_id: str | None = None) -> Dataset:
        """What logging one action for ``typed`` (or ``contact_id``) needs; see
        ``documents.dataset_for_logging``."""
        return dataset_for_logging(self.main_raw(), self._path, typed, contact_id)

    def archived_week_note(self, week: str) -> WeekNote | None:
        """The note of the week labelled ``week`` when it lives in a year file."""
        year = archive.year_of({"week": week}, WEEK_NOTES)
        before = self._archived_before
        if year is None or before is None or year >= before:
            return None
        for doc in (self._db(year).storage.read() or {}).get(WEEK_NOTES, {}).values():
            if doc.get("week") == week:
                return records.week_note_from_doc(doc)
        return None

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
        table_name, to_doc = SAVERS[type(record)]
        self._put_noted(table_name, [to_doc(record)])

    def save_many(self, records_: Iterable[Record]) -> int:
        """``save`` for many records at once (one pass per table); returns how many."""
        by_table: dict[str, list[dict[str, Any]]] = {}
        for record in records_:
            table_name, to_doc = SAVERS[type(record)]
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
        if table_name in ARCHIVED_TABLES:
            # A backup's copy of a record may be dated otherwise than ours, so belong
            # in another file: every file is read so that no copy is left behind.
            self._read_all_archives()
        self._put_noted(table_name, docs)
        return len(docs)

    def delete(self, record: Record) -> bool:
        """Remove the record with this one's id; False when there was none."""
        table_name, to_doc = SAVERS[type(record)]
        places: list[Location] = [MAIN]
        if table_name in ARCHIVED_TABLES:
            home = self._location(table_name, to_doc(record))
            places = [home] if home is MAIN else [home, MAIN]
            if self._archive_years():
                places += [p for p in (MAIN, *self._archive_years()) if p not in places]
        return self._delete_from(places, table_name, [record.id]) > 0

    def delete_raw(self, table_name: str, record_ids: list[str]) -> int:
        """Remove the records with these ids from wherever they live; how many there were."""
        everywhere: list[Location] = [MAIN]
        if table_name in ARCHIVED_TABLES and self._read_all_archives():
            everywhere += self._archive_years()
        return self._delete_from(everywhere, table_name, record_ids)

    def _delete_from(self, places: list[Location], table_name: str, record_ids: list[str]) -> int:
        self._note_changes(table_name, record_ids)
        index = self._index(MAIN, table_name)
        numbers = {record_id: index.get(record_id) for record_id in record_ids}
        for record_id in record_ids:
            self.journal.will_change(
                table_name, record_id, partial(self.find_raw, table_name, record_id)
            )
        # Every place is tried (not just until the first hit): a file written before
        # generations may hold an action twice (a write interrupted between two files).
        gone = {i for i in record_ids if any(i in self._index(p, table_name) for p in places)}
        for place in places:
            self._remove_many(place, table_name, record_ids)
        for record_id in gone:
            self.journal.changed(table_name, record_id, None, numbers[record_id])
        return len(gone)

    def put_back(self, table_name: str, doc: Doc, number: int) -> None:
        """Insert a deleted record again as document ``number`` (where it was, so that a
        table listed in file order, such as the habits, keeps its order) when it is free."""
        self._put_noted(table_name, [doc])
        index = self._index(MAIN, table_name)
        now = index.get(doc["id"])
        raw = self.main_raw()
        table = raw.get(table_name, {})
        if now is None or str(number) in table or table_name == ACTIONS:
            return
        table[str(number)] = table.pop(str(now))
        raw[table_name] = dict(sorted(table.items(), key=lambda item: int(item[0])))
        self._dbs[MAIN].storage.write(raw)
        index[doc["id"]] = number

    def set_setting(self, key: str, value: object) -> None:
        self._put_noted(SETTINGS, [records.setting_doc(key, value)])

    # The sync outbox (see store/outbox.py and netrack.sync) -------------------------------

    def _put_noted(self, table_name: str, docs: list[Doc]) -> None:
        self._note_changes(table_name, [doc["id"] for doc in docs])
        for doc in docs:
            # As it is before: looked for where this version of it lives (a new action's
            # own year), not in every year file.
            current = partial(self.find_raw, table_name, doc["id"], doc)
            self.journal.will_change(table_name, doc["id"], current)
            self.journal.changed(table_name, doc["id"], doc)
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
        if table_name in ARCHIVED_TABLES:
            places += sorted(p for p in self._dbs if p is not MAIN)
        for place in places:
            doc_id = self._index(place, table_name).get(record_id)
            if doc_id is not None:
                stored = (self._db(place).storage.read() or {})[table_name][str(doc_id)]
                return dict(stored), True
        # A record may sit in a year file not read: then nobody knows how it was.
        unread = table_name in ARCHIVED_TABLES and bool(self._archive_years())
        return None, not (unread and not self._all_archives_read)

    def write_outbox(self) -> bool:
        """Add this transaction's changes to the outbox; True when it noted any."""
        if not self._sync_changes:
            return False
        waiting = self._index(MAIN, SYNC_OUTBOX)
        entries = [
            outbox.new_entry(table_name, record_id, before, known)
            for (table_name, record_id), (before, known) in self._sync_changes.items()
            if outbox.entry_id(table_name, record_id) not in waiting  # keep the first before
        ]
        self._insert_or_replace(MAIN, SYNC_OUTBOX, entries)
        self._sync_changes = {}
        return True

    def outbox(self) -> list[Doc]:
        """The records changed here since they were last published (for netrack.sync)."""
        return list(self.main_raw().get(SYNC_OUTBOX, {}).values())

    def clear_outbox(self, entry_ids: Iterable[str]) -> None:
        self._remove_many(MAIN, SYNC_OUTBOX, list(entry_ids))

    def find_action(self, action_id: str | None) -> Action | None:
        """The action with this id, wherever it lives; None when there is none."""
        doc = self.find_raw(ACTIONS, action_id) if action_id else None
        return None if doc is None else records.action_from_doc(doc)

    def replace_table(self, table_name: str, docs: dict[str, Doc]) -> None:
        """Keep ``docs`` as the main file's table ``table_name`` (the change history)."""
        raw = self.main_raw()
        raw[table_name] = docs
        self._dbs[MAIN].storage.write(raw)
        self._indexes.pop((MAIN, table_name), None)
        self._touched(MAIN)

    def find_raw(self, table_name: str, record_id: str, near: Doc | None = None) -> Doc | None:
        """One record's document as it is in this transaction (None: there is none).

        ``near``: a version of the record (from another computer, say); an action is
        then looked for where that version would live, not in every year file.
        """
        before, known = self._before(table_name, record_id)
        if before is None and not known:
            if near is not None:
                self._db(self._location(table_name, near))  # that year's file, if any
                return self._before(table_name, record_id)[0]
            self._read_all_archives()
            before, known = self._before(table_name, record_id)
        return before

    def put_synced(self, table_name: str, docs: list[Doc]) -> None:
        """Write documents that came from the sync folder (they are not published again)."""
        self._put_many(table_name, [dict(doc) for doc in docs])

    def remove_synced(self, table_name: str, record_ids: list[str]) -> None:
        """Remove records another computer deleted (they are not published again)."""
        places = [MAIN, *self._archive_years()] if table_name in ARCHIVED_TABLES else [MAIN]
        for place in places:
            self._remove_many(place, table_name, record_ids)

    def _forget_views(self) -> None:
        self._dataset = None
