"""The only code that touches TinyDB.

Reads parse the whole file afresh (it is replaced atomically, so a reader always sees a
complete file). Every change is a :class:`Transaction`: lock, re-read, change in memory
through TinyDB, then write a temporary file, fsync and rename it over the data file.
No TinyDB instance outlives a transaction, so none can hold a stale copy of the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from netrack import clock
from netrack.collector import collector_paused
from netrack.domain.models import Action, Dataset
from netrack.domain.tally import DayCounts
from netrack.errors import DataFileError
from netrack.store import archive, codec, outbox, records
from netrack.store.backups import keep_daily_backup, keep_premigration_backup
from netrack.store.documents import Loaded, dataset_from_raw, parse_document
from netrack.store.files import (
    ensure_folder,
    exclusive_lock,
    read_bytes,
    shared_lock,
    write_atomic,
)
from netrack.store.schema import ACTIONS, Raw
from netrack.store.transaction import Transaction


class FileState(NamedTuple):
    """What the data file looked like when read, to notice when it changes."""

    exists: bool
    inode: int = 0
    size: int = 0
    mtime_ns: int = 0


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

    def _load(self) -> Loaded:
        return parse_document(read_bytes(self.path), self.path)

    # Writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Change the file as one step; nothing is written if the block raises."""
        ensure_folder(self.path.parent)
        with exclusive_lock(self.path):
            with collector_paused():
                loaded = self._load()
            syncing = outbox.is_syncing(self.path)
            tx = Transaction(loaded.raw, self.path, fresh=loaded.seeded, syncing=syncing)
            yield tx
            if tx.changed or loaded.migrated_from is not None or loaded.original is None:
                self.unpublished |= tx.write_outbox()
                with collector_paused():
                    self._commit(tx, loaded)
            for hook in tx.commit_hooks:
                hook()

    def _commit(self, tx: Transaction, loaded: Loaded) -> None:
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


def _action_id(action: Action) -> str:
    return action.id
