"""A netrack data file: reading it whole, and changing it in one step.

The commit protocol (every write, by every netrack process, follows it):

1. Take the exclusive lock beside the main file (``<name>.lock``, locking.py) and read
   the main file afresh; the changes are made in memory (transaction.py).
2. On leaving the block without an error: move the actions of years now past into
   the archive (archive.py), then keep the main file as it was in ``backups/`` (the
   first write of the day, a link where it can be; before a schema migration, and
   before actions first move into the archive). No copy, no write.
3. Write each changed archive year as a new year file under a new name
   (generations.py). Nothing names these files yet, so no reader opens them.
4. Replace the main file atomically (temporary file, fsync, rename, fsync of the
   folder), naming the new year files. This rename is the commit: before it every
   reader sees the old state whole, after it the new state whole, however many files
   changed. A write killed before it leaves only unnamed year files, never read.
5. Delete the year files that no commit names any more (best effort; ``netrack
   doctor --repair`` deletes any left over).

A quick add (logging one action) usually does none of this: it appends one line to the
journal beside the main file under the same exclusive lock (journal.py, quick.py), read
with a small index instead of the main file (quickindex.py). Every write of the main
file takes the journal's lines in and gives the main file a new journal token, which
makes those lines void, then deletes the journal; every such write also writes the index
anew.

Readers take the shared lock, read the main file and the journal's lines that apply to
it, then only the year files it names. Every write replaces the main file or appends to
the journal, so their identities (``file_state``) cover the archive too.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Collection, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from netrack import clock
from netrack.collector import collector_paused
from netrack.domain.models import Dataset, Settings
from netrack.errors import DataFileError
from netrack.store import archive, codec, journal, records, soundness, table_checks
from netrack.store.documents import Loaded, dataset_from_raw, parse_document
from netrack.store.files import check_writable, ensure_folder, read_bytes
from netrack.store.locking import exclusive_lock, shared_lock
from netrack.store.schema import ACTIONS, CHANGES, FOLLOWUPS, WEEK_NOTES, Raw

if TYPE_CHECKING:
    from netrack.domain.changes import Change  # (the change history's reads import it)
    from netrack.domain.tally import DayCounts
    from netrack.store.quick import QuickAdd
    from netrack.store.transaction import Transaction

# A read imports none of the write path (TinyDB among it): the methods that write do.


class FileState(NamedTuple):
    """What the data file looked like when read, to notice when it changes."""

    exists: bool
    inode: int = 0
    size: int = 0
    mtime_ns: int = 0
    journal_size: int = 0  # quick adds are appended to the journal (journal.py)
    journal_mtime_ns: int = 0


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
        """The file's identity now; it changes with every write.

        Every write replaces the main file (a new inode each time), so its identity
        covers the archive too; a quick add appends to the journal instead.
        """
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return FileState(exists=False)
        except OSError as error:
            raise DataFileError(self.path, f"cannot read it ({error.strerror})") from None
        try:
            js = os.stat(journal.journal_path(self.path))
        except OSError:
            return FileState(True, st.st_ino, st.st_size, st.st_mtime_ns)
        return FileState(True, st.st_ino, st.st_size, st.st_mtime_ns, js.st_size, js.st_mtime_ns)

    def read_raw(self) -> Raw:
        """The file's documents, checked, migrated in memory, with defaults for a new file
        (the ``actions`` table includes the archived ones)."""
        with collector_paused(), self._reading():
            return archive.with_archive(self._load().raw, self.path)

    def load(self) -> Dataset:
        """Everything in the file as domain values."""
        with collector_paused(), self._reading():
            data = dataset_from_raw(raw := self._load().raw, self.path)
            named = archive.manifest(raw, self.path)
            del raw  # a long history's peak memory: documents go once converted
            return _with_archived(data, named, self.path, archive.ARCHIVED_TABLES)

    def load_main(
        self,
        actions: bool = True,
        closed_followups: bool = True,
        only: Collection[str] | None = None,
        contacts_of: Collection[str] | None = None,
        actions_from: Callable[[Settings], date | None] | None = None,
        archived: Collection[str] = (),
        view_at: datetime | None = None,
        details: Collection[str] | None = None,
    ) -> tuple[Dataset, date | None]:
        """The main file alone, and the first day it holds every action, closed
        follow-up and week note from (None: it holds every one). For commands that show
        only recent actions (``log`` of a recent week), or none (``due``: no actions,
        and the open follow-ups alone unless it lists all). ``only``, ``contacts_of``,
        ``actions_from``: as in ``dataset_from_raw``. ``archived``: the tables to add
        from the archive's year files. ``view_at``: with no actions and the open
        follow-ups alone, or the actions from ``actions_from`` on, read through a long
        history's read view when it holds them (as ``load_recent``, and ``details``
        too); the first day is then None, or the first of the view's actions."""
        from netrack.store import readview  # not on a write's path (a quick add's)

        with collector_paused(), self._reading():
            asked = None
            recent = actions_from is not None if actions else not closed_followups
            if view_at is not None and recent and not archived:
                asked = readview.Asked(
                    view_at, only, closed_followups, (), contacts_of, details, actions_from
                )
                if (found := readview.read(self.path, asked)) is not None:
                    return found[0], found[1].until if actions else None
            raw = (loaded := self._load()).raw
            if asked and (made := readview.make(self.path, loaded.original, raw, asked)):
                return made[0], made[1].until if actions else None
            named = archive.manifest(raw, self.path)
            if archived and named.before is not None:
                years = archive.each_archived_table(named, self.path)
                raw = archive.combined(raw, ({t: y.get(t, {}) for t in archived} for _, y in years))
            data = dataset_from_raw(
                raw, self.path, actions, closed_followups, only, contacts_of, actions_from
            )
            return data, (None if named.before is None else date(named.before, 1, 1))

    def load_recent(
        self,
        only: Collection[str] | None = None,
        closed_followups: bool = True,
        summary: Collection[str] = ("days", "people"),
        contacts_of: Collection[str] | None = None,
        actions_from: Callable[[Settings], date | None] | None = None,
        view_at: datetime | None = None,
        details: Collection[str] | None = None,
        seen: Callable[[Loaded], object] = id,
    ) -> tuple[Dataset, DayCounts | None]:
        """The file with only its recent actions, and the archived ones summed up:
        much cheaper than ``load`` for a long history; enough for the week review of a
        recent week, balances, keep-in-touch and suggestions (``Analysis(data, now,
        earlier)``). None: nothing is archived. ``only``: the tables to convert (the
        others are left empty), for a command that shows a few of them; with
        ``closed_followups`` False, the open follow-ups alone. ``summary``: the parts of
        the archive's summary to read (store/daycounts.py): ``days`` (habits, streaks,
        totals), ``people`` (last touches, give and take per contact), ``touches`` (the
        last touches alone), ``weeks`` (store/weeksummary.py), ``balances`` (give and
        take alone: from a view, the rest not read). ``contacts_of``,
        ``actions_from``: as in ``dataset_from_raw``. ``view_at``: the moment a listing
        of every contact runs, read through a long history's view (store/readview.py).
        ``details``: the contact details used (None: all; from the view, others empty).
        ``seen``: given the main file as read, under the lock (weekbasis.py keeps of it)."""
        from netrack.store import readview

        with collector_paused(), self._reading():
            asked = None
            if view_at is not None:
                asked = readview.Asked(
                    view_at, only, closed_followups, summary, contacts_of, details, actions_from
                )
                if (found := readview.read(self.path, asked)) is not None:
                    return found
            raw = (loaded := self._load()).raw
            seen(loaded)
            if asked and (made := readview.make(self.path, loaded.original, raw, asked)):
                return made
            data = dataset_from_raw(
                raw, self.path, True, closed_followups, only, contacts_of, actions_from
            )
            named = archive.manifest(raw, self.path)
            if named.before is None:
                return data, None
            from netrack.store.daycounts import MEETINGS, PEOPLE, WEEKS, archived_day_counts

            # The archived meetings that opened a follow-up still open, if any.
            meetings = readview.open_followup_sources(raw)
            meetings -= {doc.get("id") for doc in raw.get(ACTIONS, {}).values()}
            parts = [PEOPLE if p == "balances" else p for p in summary if p != WEEKS]
            parts += [MEETINGS] if meetings else []
            day_start = data.settings.day_starts_at
            earlier = archived_day_counts(self.path, named, day_start, parts, meetings)
            if WEEKS in summary:
                from netrack.store.weeksummary import with_archived_weeks

                earlier = with_archived_weeks(earlier, self.path, named, data)
            return data, earlier if meetings else earlier._replace(meetings={})

    def changes(self) -> list[Change]:
        """The change history, oldest first (see store/history.py)."""
        from netrack.store import history

        with collector_paused(), self._reading():
            return [history.change_from_doc(doc) for doc in history.entries(self._load().raw)]

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """A read under the shared lock. When it ends well, a version of the file whose
        records it checked is noted as checked (soundness.py): a file that a read
        refuses gets no note, and nothing new beside it."""
        self._checked: bytes | None = None
        with shared_lock(self.path):
            yield
            if self._checked is not None:
                soundness.note_checked(self.path, self._checked)

    def _load(self, for_writing: bool = False) -> Loaded:
        """The main file with the journal's quick adds applied (journal.py).

        ``for_writing``: ``original`` is then the file as readers see it, journal
        included, for the copies kept in ``backups/``.
        """
        original = read_bytes(self.path)
        key = None if not original else soundness.key_of(original)
        checked = key is not None and soundness.was_checked(self.path, key)
        loaded = parse_document(original, self.path, checked)
        if key is not None and not checked:
            self._checked = key  # noted once the read is done (see _reading)
        entries = journal.entries_for(self.path, journal.token_of(loaded.raw))
        if not entries:
            return loaded
        journal.apply(loaded.raw, entries)
        if not for_writing:
            return loaded
        return loaded._replace(original=codec.encode(loaded.raw))

    # Writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, dry_run: bool = False) -> Iterator[Transaction]:
        """Change the file as one step; nothing is written if the block raises.

        ``dry_run``: the same work under the same lock, and nothing written at the end
        (so that a report of what a change would do is exactly what it does).
        """
        ensure_folder(self.path.parent)
        with exclusive_lock(self.path):
            tx, loaded = self._open()
            yield tx
            if not dry_run:
                self._finish(tx, loaded)

    @contextlib.contextmanager
    def quick_transaction(self) -> Iterator[Transaction | QuickAdd]:
        """A transaction for logging one action: a quick add (quick.py) that appends to
        the journal when the small index beside the file can answer it, else a full one."""
        from netrack.store import outbox
        from netrack.store.quick import open_quick

        ensure_folder(self.path.parent)
        with exclusive_lock(self.path):
            syncing = outbox.is_syncing(self.path)
            quick_add = open_quick(self.path, clock.now().date(), syncing, self._load_writing)
            if quick_add is None:
                tx, loaded = self._open()
                yield tx
                self._finish(tx, loaded)
                return
            yield quick_add
            if quick_add.full is not None and quick_add.loaded is not None:
                self._finish(quick_add.full, quick_add.loaded)
            else:
                self.unpublished |= quick_add.commit()

    def _load_writing(self) -> Loaded:
        with collector_paused():
            return self._load(for_writing=True)

    def _open(self) -> tuple[Transaction, Loaded]:
        from netrack.store import outbox
        from netrack.store.transaction import Transaction

        loaded = self._load_writing()
        syncing = outbox.is_syncing(self.path)
        return Transaction(loaded.raw, self.path, fresh=loaded.seeded, syncing=syncing), loaded

    def _finish(self, tx: Transaction, loaded: Loaded) -> None:
        """Write what ``tx`` changed (steps 2 to 5 of the commit protocol), then its hooks."""
        changes = tx.journal.committed(tx.main_raw(), clock.now())
        if changes is not None:
            tx.replace_table(CHANGES, changes)
        if tx.changed or loaded.migrated_from is not None or loaded.original is None:
            self.unpublished |= tx.write_outbox()
            with collector_paused():
                self._commit(tx, loaded)
        for hook in tx.commit_hooks:
            hook()

    def _commit(self, tx: Transaction, loaded: Loaded) -> None:
        from netrack.store import backups, quickindex

        check_writable(self.path)
        now = clock.now()
        today = now.date()
        main = tx.main_raw()
        archiving = tx.archive_old_records(
            archive.archive_limit(now.year, archive.clock_year(main) or _newest_year(main)),
            # A file of an earlier schema keeps closed follow-ups and notes of past years.
            sweep=loaded.migrated_from is not None,
        )
        # No copy, no write: a change that could not be undone from a backup waits
        # until the backups folder works again.
        made_backup = None
        try:
            if loaded.original:
                # The copy of the years' records from before their first file (the
                # pre-migration copy is that copy when a migration moves them).
                if archiving and loaded.migrated_from is None:
                    backups.keep_copy_before(self.path, loaded.original, now, "archive")
                if loaded.migrated_from is not None:
                    backups.keep_premigration_backup(
                        self.path, loaded.original, today, loaded.migrated_from
                    )
                made_backup = backups.keep_daily_backup(self.path, today, replacing=True)
        except DataFileError as error:
            raise backups.backup_failed(self.path, error) from None
        from netrack.store import generations  # a quick add writes the journal alone

        written = (tx.main_raw(), tx.manifest, dict(tx.changed_years()), now.year)
        try:
            manifest = generations.commit(self.path, *written, prune_after=False)
        finally:
            if made_backup is not None:
                backups.settle_daily_backup(self.path, made_backup)
        # Pruning reads which year files the copies name: the day's copy has its name now.
        if made_backup is not None or tx.changed_years():
            generations.prune(self.path, manifest)
        quickindex.write(self.path, tx.main_raw(), today)


def _newest_year(raw: Raw) -> int | None:
    """The year of the latest ``logged`` time among the main file's actions, if any."""
    latest = max(
        (str(doc.get("logged", ""))[:4] for doc in raw.get(ACTIONS, {}).values()), default=""
    )
    return int(latest) if latest.isdigit() else None


# Each archived table: the Dataset field it fills, and its converter in records.py
# (looked up on each call: tests watch them).
_ARCHIVED = {
    ACTIONS: ("actions", "action_from_doc"),
    FOLLOWUPS: ("followups", "followup_from_doc"),
    WEEK_NOTES: ("week_notes", "week_note_from_doc"),
}


def _with_archived(
    data: Dataset, named: archive.Manifest, path: Path, tables: Collection[str]
) -> Dataset:
    """``data`` (of the main file) with the records of ``tables`` in the year files
    ``named``. Each file is converted on its own, so that a damaged record is named in
    it, and its documents dropped before the next is read."""
    old: dict[str, list[Any]] = {table: [] for table in tables}
    for file, year in archive.each_archived_table(named, path):
        for table in tables:
            convert = getattr(records, _ARCHIVED[table][1])
            old[table] += table_checks.convert_table(year.get(table, {}), convert, table, file)
        del year
    joined = {
        _ARCHIVED[t][0]: archive.joined(old[t], getattr(data, _ARCHIVED[t][0])) for t in tables
    }
    return data._replace(
        actions=joined.get("actions", data.actions),
        followups=joined.get("followups", data.followups),
        week_notes=joined.get("week_notes", data.week_notes),
    )
