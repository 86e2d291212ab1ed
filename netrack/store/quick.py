"""A quick add that reads the small index and appends one line to the journal.

Logging one action (``operations.entries.log_action``) runs in a :class:`QuickAdd`
when the quick-add index (quickindex.py) is current, a write this year would archive
nothing and the journal is small. The day's first one keeps today's backup as it commits
(backups.py: the main file copied by the kernel, not parsed, and the journal; flushed
to the disk by a later write). It reads
the index and the journal instead of the main file, and commits by appending one line to
the journal (journal.py) under the exclusive lock; the main file is neither read nor written.

Whatever the index cannot answer (an action dated before the years the main file keeps,
a week older than the index's recent actions, a contact to change rather than add) turns
it into a full :class:`~netrack.store.transaction.Transaction` on the spot: the main file
is read under the same lock and what was saved so far is saved again there. The store
then commits that transaction as any other (which folds the journal in).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from netrack import clock
from netrack.domain.models import PLAN_OPEN, Action, Dataset, Record
from netrack.domain.text import could_name, fold
from netrack.errors import DataFileError
from netrack.store import history, journal, outbox
from netrack.store.backups import (
    backup_failed,
    daily_copy,
    daily_pruned_next,
    keep_daily_backup,
)
from netrack.store.documents import Loaded, actions_since, dataset_for_logging
from netrack.store.files import PRIVATE_FILE, check_writable
from netrack.store.quickindex import QuickIndex
from netrack.store.quickindex import read as read_index
from netrack.store.schema import ACTIONS, CONTACTS, FOLLOWUPS, PLANS
from netrack.store.transaction import SAVERS, Transaction

Doc = dict[str, Any]
# The tables a quick add may write to the journal.
_JOURNALED = (ACTIONS, CONTACTS, FOLLOWUPS, PLANS)


def open_quick(
    path: Path, today: date, syncing: bool, load_full: Callable[[], Loaded]
) -> QuickAdd | None:
    """A quick add on the data file ``path``, or None when it needs the full path.

    Call with the exclusive lock held. ``load_full`` reads the data file whole (for
    what the index cannot answer).
    """
    index = read_index(path)
    if index is None or index.steady_year != today.year or _open_to_others(path):
        return None  # (a file open to others: the full path writes it private again)
    lines = journal.read_lines(path, index.token)
    if lines.stale or lines.damaged or lines.size > journal.FOLD_BYTES:
        return None  # the full path folds the journal in (or names its damage)
    backup_due = None if daily_copy(path, today) else today
    if backup_due and daily_pruned_next(path) and not _year_files_all_named(path, index):
        return None
    return QuickAdd(path, index, lines.entries, syncing, load_full, backup_due)


def _open_to_others(path: Path) -> bool:
    try:
        return bool(stat.S_IMODE(os.stat(path).st_mode) & ~PRIVATE_FILE)
    except OSError:
        return True


def _year_files_all_named(path: Path, index: QuickIndex) -> bool:
    """Whether the main file names every year file in its archive folder.

    Else the oldest daily copy, which today's copy makes go, may be the last to name
    one: the full path keeps today's copy then, and deletes the year files no copy names
    any more (generations.prune).
    """
    from netrack.store import generations

    return set(generations.own_files(path)) <= index.named


class QuickAdd:
    """Logging one action from the index and the journal (see the module's docstring)."""

    def __init__(
        self,
        path: Path,
        index: QuickIndex,
        entries: list[Doc],
        syncing: bool,
        load_full: Callable[[], Loaded],
        backup_due: date | None = None,
    ) -> None:
        self._path = path
        self._backup_due = backup_due  # the day whose first write this is, if it is
        self._index = index
        self._tables = index.tables
        journal.apply(self._tables, entries, records_only=True)
        self._syncing = syncing
        self._load_full = load_full
        self._saved: list[Record] = []
        self._puts: list[list[Any]] = []
        self._notes: dict[tuple[str, str], Doc] = {}
        self.journal = history.Journal()
        self.commit_hooks: list[Callable[[], None]] = []
        self.fresh = False
        # Set once the index did not suffice: the transaction the store commits instead.
        self.full: Transaction | None = None
        self.loaded: Loaded | None = None

    def describe(self, summary: str, kind: str = "") -> None:
        self.journal.describe(summary, kind)
        if self.full is not None:
            self.full.describe(summary, kind)

    def data_for_logging(self, typed: str | None, contact_id: str | None = None) -> Dataset:
        """See ``Transaction.data_for_logging``: the contacts the typed name may mean or,
        when it means none, be a typo of, found from the index's folded names (not every
        contact, which the check against typos once read whole). They carry only the
        fields that find and tell them apart (a quick add changes no existing contact)."""
        if self.full is not None:
            return self.full.data_for_logging(typed, contact_id)
        everyone = self._index.contacts
        # Contacts added by the journal's quick adds come after the main file's.
        added = list(self._tables.get(CONTACTS, {}).values())
        if contact_id is not None:
            found = everyone.with_id(contact_id)
        else:
            key = fold(typed or "")
            found = everyone.matching(key) if key else []  # no name: no contact to find
            if not found and not any(could_name(key)(fold(doc["name"])) for doc in added):
                found = everyone.close_to(key)  # a new name: those it may be a typo of
        tables = {**self._tables, CONTACTS: _numbered([*found, *added])}
        return dataset_for_logging(tables, self._path, typed, contact_id)

    def actions_since(self, day: date) -> list[Action]:
        """See ``Transaction.actions_since``."""
        if self.full is None and date.fromordinal(day.toordinal() - 1) < self._index.recent_from:
            self._go_full()
        if self.full is not None:
            return self.full.actions_since(day)
        return actions_since(self._tables, self._path, day)

    def save(self, record: Record) -> None:
        """Insert the record, or replace the one with the same id."""
        if self.full is not None:
            self.full.save(record)
            return
        self._saved.append(record)
        table_name, to_doc = SAVERS[type(record)]
        doc = to_doc(record)
        if not self._fits(table_name, doc):
            self._go_full()
            return
        before = self._find(table_name, doc["id"])
        self.journal.will_change(table_name, doc["id"], lambda: before)
        self.journal.changed(table_name, doc["id"], doc)
        key = (table_name, doc["id"])
        if self._syncing and key not in self._notes:
            self._notes[key] = outbox.new_entry(table_name, doc["id"], before, True)
        put = [table_name, doc]
        journal.apply(self._tables, [{"put": [put]}], records_only=True)
        self._puts.append(put)

    def commit(self) -> bool:
        """Append this quick add to the journal; True when it left notes for the sync."""
        entry = self.journal.entry(clock.now())
        if not self._puts or entry is None:
            return False
        check_writable(self._path)
        if self._backup_due is not None:
            # The day's first write: the file as it is now, journal included (backups.py).
            try:
                keep_daily_backup(self._path, self._backup_due, replacing=False)
            except DataFileError as error:
                raise backup_failed(self._path, error) from None
        line = {
            "main": self._index.token,
            "put": self._puts,
            "change": entry,
            "outbox": list(self._notes.values()),
        }
        journal.append(self._path, line)
        return bool(self._notes)

    def _fits(self, table_name: str, doc: Doc) -> bool:
        """Whether the journal can hold this save (else the full path takes it)."""
        if table_name not in _JOURNALED:
            return False
        if table_name == ACTIONS:
            year = int(str(doc["at"])[:4])
            return year >= self._index.archive_from and self._find(ACTIONS, doc["id"]) is None
        known = self._find(table_name, doc["id"]) is not None
        if table_name == CONTACTS:  # the index holds a few fields of each: only new ones
            return not known
        # The index holds the open follow-ups and plan items whole; one it does not hold
        # is new only if it is open (a closed one may be an old one, changed).
        if table_name == FOLLOWUPS:
            closed = doc.get("closed")
            if isinstance(closed, str) and int(closed[:4]) < self._index.archive_from:
                return False  # closed in an archived year: it goes to that year's file
            return known or closed is None
        return known or (doc.get("status") or PLAN_OPEN) == PLAN_OPEN

    def _find(self, table_name: str, record_id: str) -> Doc | None:
        if table_name == CONTACTS and self._index.contacts.with_id(record_id):
            return self._index.contacts.with_id(record_id)[0]
        for doc in self._tables.get(table_name, {}).values():
            if doc["id"] == record_id:
                return dict(doc)
        return None

    def _go_full(self) -> None:
        loaded = self._load_full()
        tx = Transaction(loaded.raw, self._path, fresh=loaded.seeded, syncing=self._syncing)
        tx.describe(self.journal.summary, self.journal.kind)
        for record in self._saved:
            tx.save(record)
        self.full, self.loaded = tx, loaded


def _numbered(docs: list[Doc]) -> dict[str, Doc]:
    return {str(n): doc for n, doc in enumerate(docs, start=1)}
