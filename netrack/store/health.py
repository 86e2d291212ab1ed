"""How healthy a data file is, for ``netrack doctor``, and what a repair would change.

This reads the raw documents rather than domain values, so it can describe a file that
the store refuses to load. Problems come in two sorts:

- The file as a whole cannot be used (not JSON, not the right shape, written by a
  newer netrack). Nothing can be repaired; a backup has to be restored.
- Single records are wrong (record_checks.py). A repair fixes them without losing
  anything logged.

Permissions wider than the owner's, and temporary files left by a writer that was
killed, are reported as well (surroundings.py).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import NamedTuple

from netrack import clock
from netrack.errors import DataFileError
from netrack.store import codec, history, journal, locking, schema
from netrack.store.archive import Manifest
from netrack.store.archive_health import (
    archived_too_soon,
    parse_file,
    view,
    with_years_put_back,
)
from netrack.store.backups import Backup, all_backups, backup_folder
from netrack.store.files import read_bytes, read_only_mode
from netrack.store.generations import unclaimed
from netrack.store.journal_checks import journal_problems
from netrack.store.locking import Holder, lock_holders
from netrack.store.record_checks import Problem, examine_records, table_docs
from netrack.store.schema import (
    CONTACTS,
    FOLLOWUPS,
    META,
    RECORD_TABLES,
    Raw,
)
from netrack.store.surroundings import Loosened, loosened_permissions, stale_temp_files


class Health(NamedTuple):
    """Everything ``netrack doctor`` reports about one data file."""

    path: Path
    exists: bool
    size: int
    unreadable: str | None  # why the file as a whole cannot be used, if it cannot
    schema_version: int | None  # as the file declares it, even when it cannot be used
    counts: dict[str, int]  # the whole history: the main file and its usable year files
    archived_contacts: int
    open_followups: int
    archive_problems: list[Problem]  # year files the main file names that cannot be used
    record_problems: list[Problem]
    unclaimed: list[Path]  # year files that no commit names (left by interrupted writes)
    loosened: list[Loosened]
    stale_temp_files: list[Path]
    backups: list[Backup]
    lock_holders: list[Holder] | None  # who is writing right now; None: nobody
    changes: int = 0  # entries in the change history
    read_only: int | None = None  # the data file's mode, when netrack may not replace it
    journal_problems: list[Problem] = []

    @property
    def problems(self) -> list[Problem]:
        """Every problem, in the order the report shows them."""
        found = []
        if self.unreadable is not None:
            found.append(Problem(f"the file cannot be used: {self.unreadable}", None))
        found.extend(self.archive_problems)
        found.extend(self.journal_problems)
        found.extend(self.record_problems)
        for file in self.unclaimed:
            found.append(
                Problem(
                    f"archive file {file} is named by no commit (left by a write that did "
                    "not finish, or no longer needed); netrack does not read it",
                    "delete it",
                )
            )
        for item in self.loosened:
            found.append(
                Problem(
                    f"{item.what} {item.path} is open to other users (mode {item.mode:04o})",
                    f"set mode {item.wanted:04o}",
                )
            )
        folder = backup_folder(self.path)
        if folder.exists() and not folder.is_dir():
            found.append(
                Problem(f"{folder} is not a folder, so netrack cannot keep backups there", None)
            )
        for temp in self.stale_temp_files:
            found.append(Problem(f"temporary file {temp} was left by a killed writer", "delete it"))
        stuck = [h for h in self.lock_holders or () if held_for(h) > locking.LOCK_TIMEOUT_SECONDS]
        for holder in stuck:
            found.append(
                Problem(
                    f"{describe_holder(holder)} has held the lock for {held_for(holder):.0f} s, "
                    "so every change waits; if it hangs, end it",
                    None,
                )
            )
        return found

    @property
    def healthy(self) -> bool:
        return not self.problems

    @property
    def too_new(self) -> bool:
        """Written by a newer netrack: upgrading, not restoring, is the way out."""
        return self.schema_version is not None and self.schema_version > schema.SCHEMA_VERSION


def check(path: Path) -> Health:
    """Examine the data file at ``path`` and everything beside it. Changes nothing."""
    unreadable = None
    try:
        data = read_bytes(path)
    except DataFileError as error:  # not a regular file, or not readable at all
        data, unreadable = None, error.problem
    raw: Raw = {}
    version = None
    archive_problems: list[Problem] = []
    record_problems: list[Problem] = []
    unclaimed: list[Path] = []
    if data is not None:
        try:
            raw = parse_file(journal.folded(data, path) or data, path)  # quick adds too
            version = schema.schema_version(raw)
            raw, _ = schema.migrate(raw)  # as netrack reads it (tables renamed since)
            seen = view(raw, path)
        except DataFileError as error:
            unreadable = error.problem
            version = _declared_version(data)
        else:
            archive_problems = [year.as_problem for year in seen.damaged]
            archive_problems += archived_too_soon(raw, seen.named, clock.now().year)
            archive_problems += seen.repeat_problems
            unclaimed = unclaimed_files(path, seen.named)
            # The records as a repair finds them: damaged years put back first, so that
            # links into them are not reported as broken.
            put_back = with_years_put_back(raw, path, seen.damaged)
            if put_back is not None:
                seen = view(put_back[0], path, put_back[1])
            raw = seen.raw
            record_problems, _ = examine_records(raw)
    counts = {table: len(raw.get(table, {})) for table in RECORD_TABLES}
    return Health(
        path=path,
        exists=data is not None or unreadable is not None,
        size=len(data or b""),
        unreadable=unreadable,
        schema_version=version,
        counts=counts,
        archived_contacts=sum(
            1 for doc in table_docs(raw, CONTACTS) if isinstance(doc, dict) and doc.get("archived")
        ),
        open_followups=sum(
            1
            for doc in table_docs(raw, FOLLOWUPS)
            if isinstance(doc, dict) and not doc.get("closed")
        ),
        archive_problems=archive_problems,
        record_problems=record_problems,
        unclaimed=unclaimed,
        loosened=loosened_permissions(path),
        stale_temp_files=stale_temp_files(path, only_dead_writers=True),
        backups=all_backups(path),
        lock_holders=lock_holders(path),
        changes=len(history.entries(raw)),
        read_only=_read_only(path),
        journal_problems=journal_problems(path),
    )


def _read_only(path: Path) -> int | None:
    try:
        return read_only_mode(path)
    except OSError:  # unreadable: reported as such
        return None


def held_for(holder: Holder) -> float:
    """Seconds since ``holder`` took the lock (0 when it did not say)."""
    return 0.0 if holder.since is None else max(0.0, time.monotonic() - holder.since)


def describe_holder(holder: Holder) -> str:
    if not holder.pid:
        return "another process"
    return f"process {holder.pid}" + (f" ({holder.command})" if holder.command else "")


def unclaimed_files(path: Path, named: Manifest) -> list[Path]:
    """Year files no commit names; those of netrack's earlier folder too, unless another
    data file with the same stem may be using that folder."""
    return unclaimed(path, named, include_legacy=not _stem_shared(path))


def _stem_shared(path: Path) -> bool:
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return True
    return any(
        Path(entry.name).stem == path.stem and entry.name != path.name and entry.is_file()
        for entry in entries
    )


def _declared_version(data: bytes) -> int | None:
    """The schema version a file that cannot be used says it has, if it says one."""
    try:
        raw = codec.decode(data)
    except codec.DecodeError:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get(META), dict):
        return None
    if not all(isinstance(doc, dict) for doc in raw[META].values()):
        return None
    return schema.schema_version(raw)
