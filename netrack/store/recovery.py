"""Putting a backup or a year file back, and repairing a damaged file.

These are the only writes that do not go through a :class:`~netrack.store.Transaction`,
because the file they replace may be one the store refuses to read. They follow the
same commit protocol (store.py): the same lock, a copy of the main file as it was kept
in ``backups/`` first, new year files under new names, and the main file replaced
atomically last. A backup of the main file names the year files of its day, which are
kept as long as it is (generations.py), so putting it back brings the whole history
back as it was.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from netrack.domain.models import Dataset
from netrack.errors import DataFileError
from netrack.store import (
    archive,
    archive_health,
    codec,
    generations,
    health,
    history,
    journal,
    outbox,
    schema,
)
from netrack.store.backups import UNFLUSHED, backup_folder, keep_copy_before
from netrack.store.documents import dataset_from_raw, parse_document
from netrack.store.files import check_writable, ensure_folder, read_bytes, write_atomic
from netrack.store.journal_checks import repair_journal
from netrack.store.locking import exclusive_lock
from netrack.store.record_checks import Problem, examine_records
from netrack.store.schema import ACTIONS, FOLLOWUPS, Raw
from netrack.store.surroundings import loosened_permissions, stale_temp_files


class Summary(NamedTuple):
    """What a readable data file (or backup) holds, its archived years included."""

    contacts: int
    actions: int
    followups: int


def read_backup(backup: Path, data_file: Path) -> tuple[bytes, Dataset]:
    """The bytes of ``backup`` (of ``data_file``) and the whole history they hold, the
    lines of the journal beside it written in.

    The year files the backup names are read too (beside ``data_file``). A
    DataFileError says why it cannot be used (missing, empty, damaged, newer schema, a
    year file missing...).
    """
    data = read_bytes(backup)
    if data is None:
        raise DataFileError(backup, "no such file")
    data = journal.folded(data, backup) or data  # a daily copy's journal (backups.py)
    raw = parse_document(data, backup).raw
    named = archive.manifest(raw, data_file)
    if named.before is not None and not _beside(backup, data_file):
        raise DataFileError(
            backup,
            "it has archive files of its own; bring it in with 'netrack import' instead",
        )
    try:
        raw = archive.with_archive(raw, data_file)
    except DataFileError as error:
        raise DataFileError(backup, f"archive file {error.path}: {error.problem}") from None
    return data, dataset_from_raw(raw, backup)


def _beside(backup: Path, data_file: Path) -> bool:
    """True for a backup kept with ``data_file``: in its folder, its backups folder, or
    waiting there unflushed (the day's copy a quick add made)."""
    folder = backup.resolve().parent
    kept = backup_folder(data_file).resolve()
    return folder in (data_file.resolve().parent, kept) or folder.parent == kept / UNFLUSHED


def summarize(dataset: Dataset) -> Summary:
    return Summary(len(dataset.contacts), len(dataset.actions), len(dataset.followups))


class Restored(NamedTuple):
    kept: Path | None  # the copy of the replaced file, if there was one


def restore(path: Path, backup: Path, moment: datetime) -> Restored:
    """Replace the data file at ``path`` by ``backup``, keeping a copy of it first.

    The backup (and every year file it names) is checked in full before anything is
    touched, and its records are written as they were checked. The data file itself
    need not be readable. When a file was replaced, the backup's change history gains
    an entry saying so, which ``undo`` takes back by putting the kept copy back.
    """
    if backup.resolve() == path.resolve():
        raise DataFileError(path, "a file cannot be restored over itself")
    data, _ = read_backup(backup, path)
    ensure_folder(path.parent)
    with exclusive_lock(path):
        check_writable(path)
        current = journal.folded(read_bytes(path), path)  # the quick adds count too
        kept = None
        if current is not None and current != data:
            kept = keep_copy_before(path, current, moment, "restore")
            raw = codec.decode(data)  # parsed and checked whole by read_backup
            history.with_restore(raw, backup.name, kept.name, moment)
            _note_for_sync(path, raw, current, data)
            journal.seal(raw)
            data = codec.encode(raw)
        write_atomic(path, data)
        journal.discard(path)
    return Restored(kept)


def undo_restore(path: Path, entry_id: str, replaced: str, moment: datetime) -> bool:
    """Put back the file a restore replaced (its copy ``replaced`` in ``backups/``).

    Only while that restore is the newest change still to undo; False (nothing
    changed) when another change came since. The copy is checked in full first, and
    the file it replaces is kept as a copy too.
    """
    copy = backup_folder(path) / replaced
    data, _ = read_backup(copy, path)
    with exclusive_lock(path):
        check_writable(path)
        current = journal.folded(read_bytes(path), path)
        newest = history.undoable(parse_document(current, path).raw)
        if newest is None or newest["id"] != entry_id:
            return False
        if current is not None and current != data:
            keep_copy_before(path, current, moment, "undo")
            if outbox.is_syncing(path):
                raw = codec.decode(data)  # parsed and checked whole by read_backup
                _note_for_sync(path, raw, current, data)
                data = codec.encode(raw)
        write_atomic(path, data)
        journal.discard(path)
    return True


def _note_for_sync(path: Path, raw: Raw, replaced: bytes, data: bytes) -> None:
    """With sync on, note in ``raw`` (``data`` decoded, about to replace the file's bytes
    ``replaced``) each record that changes, so that the other computers see it too."""
    if not outbox.is_syncing(path):
        return
    old = _records(replaced, path)
    waiting = [] if old is None else old.get(outbox.OUTBOX, {}).values()
    new = _records(data, path)
    raw[outbox.OUTBOX] = outbox.after_replacement(waiting, old, new or {})


def _records(data: bytes, path: Path) -> Raw | None:
    """Every table of the file ``data`` of ``path`` (migrated), its archived actions
    included; None when it cannot be read."""
    try:
        return archive.with_archive(parse_document(data, path).raw, path)
    except DataFileError:
        return None


class EarlierYear(NamedTuple):
    """A year file that a year can be put back to: the one before its last change."""

    year: int
    name: str  # as the main file names it, relative to its folder
    path: Path
    summary: Summary | None  # None: it cannot be read
    problem: str | None


def earlier_years(path: Path) -> list[EarlierYear]:
    """Each archived year's file from before its last change, that ``restore`` can put back."""
    try:
        raw = archive_health.parse_file(read_bytes(path) or b"{}", path)
        named = archive.manifest(raw, path)
    except DataFileError:
        return []
    found = []
    for year, name in sorted(named.previous.items()):
        file = path.parent / name
        try:
            tables = archive.read_year(file)
        except DataFileError as error:
            found.append(EarlierYear(year, name, file, None, error.problem))
        else:
            counts = Summary(0, len(tables.get(ACTIONS, {})), len(tables.get(FOLLOWUPS, {})))
            found.append(EarlierYear(year, name, file, counts, None))
    return found


def restore_year(path: Path, earlier: EarlierYear, moment: datetime) -> Restored:
    """Name ``earlier`` as its year's file again; the file it replaces becomes the earlier one.

    Like a restore, it is an entry of the change history that undo takes back.
    """
    archive.read_year(earlier.path)  # checked before anything is touched
    with exclusive_lock(path):
        check_writable(path)
        original = journal.folded(read_bytes(path), path)
        if original is None:
            raise DataFileError(path, "no such file")
        raw = archive_health.parse_file(original, path)
        named = archive.manifest(raw, path)
        if named.previous.get(earlier.year) != earlier.name:
            raise DataFileError(path, f"{earlier.name} is no longer the earlier year file")
        current = named.files.get(earlier.year)
        files = {**named.files, earlier.year: earlier.name}
        previous = dict(named.previous)
        if current is None:
            del previous[earlier.year]
        else:
            previous[earlier.year] = current
        kept = keep_copy_before(path, original, moment, "restore")
        archive.set_manifest(raw, named._replace(files=files, previous=previous), None)
        history.with_restore(
            raw, f"archive year {earlier.year} from {earlier.name}", kept.name, moment
        )
        if outbox.is_syncing(path):
            replaced = {} if current is None else archive.read_year(path.parent / current)
            waiting = raw.get(outbox.OUTBOX, {}).values()
            putting = archive.read_year(earlier.path)
            raw[outbox.OUTBOX] = outbox.after_replacement(
                waiting,
                {table: replaced.get(table, {}) for table in archive.ARCHIVED_TABLES},
                {table: putting.get(table, {}) for table in archive.ARCHIVED_TABLES},
            )
        journal.seal(raw)
        write_atomic(path, codec.encode(raw))
        journal.discard(path)
    return Restored(kept)


class Repaired(NamedTuple):
    fixed: list[Problem]
    kept: Path | None  # the copy written before the file's contents were changed
    unusable: str | None  # why the file as a whole could not be repaired


def repair(path: Path, moment: datetime) -> Repaired:
    """Fix what ``netrack doctor`` can fix, under the lock; a copy is kept first.

    A file that cannot be used as a whole keeps its contents exactly; its permissions
    and leftover files are still put right.
    """
    fixed: list[Problem] = []
    kept = None
    unusable = None
    if path.parent.is_dir():
        with exclusive_lock(path):
            try:
                fixed += repair_journal(path, moment)
                original = journal.folded(read_bytes(path), path)
                if original is not None:
                    found, kept = _repair_contents(path, original, moment)
                    fixed += found
            except DataFileError as error:
                unusable = error.problem
            else:
                fixed += _delete_unclaimed(path)
            # Holding the lock, no write is under way: every temporary file is stale.
            for temp in stale_temp_files(path, only_dead_writers=False):
                with contextlib.suppress(FileNotFoundError):
                    temp.unlink()
                fixed.append(Problem(f"temporary file {temp} was left behind", "delete it"))
    for item in loosened_permissions(path):
        try:
            os.chmod(item.path, item.wanted)
        except OSError as error:
            raise DataFileError(
                path, f"cannot change the mode of {item.path} ({error.strerror})"
            ) from None
        fixed.append(
            Problem(
                f"{item.what} {item.path} was mode {item.mode:04o}", f"set mode {item.wanted:04o}"
            )
        )
    return Repaired(fixed, kept, unusable)


def _delete_unclaimed(path: Path) -> list[Problem]:
    """Delete the year files no commit names (the main file must be usable)."""
    try:
        raw = archive_health.parse_file(read_bytes(path) or b"", path)
        files = health.unclaimed_files(path, archive.manifest(raw, path))
    except DataFileError:
        return []
    deleted = []
    for file in files:
        with contextlib.suppress(FileNotFoundError):
            file.unlink()
        deleted.append(Problem(f"archive file {file} was named by no commit", "delete it"))
    return deleted


def _repair_contents(
    path: Path, original: bytes, moment: datetime
) -> tuple[list[Problem], Path | None]:
    """Put back damaged year files and fix the records, as one commit; what was fixed."""
    raw, _ = schema.migrate(archive_health.parse_file(original, path))
    seen = archive_health.view(raw, path)
    fixed = [year.as_problem for year in seen.damaged] + seen.repeat_problems
    put_back = archive_health.with_years_put_back(raw, path, seen.damaged)
    new_years: dict[int, Raw] = {}
    if put_back is not None:
        raw, new_years = put_back
        seen = archive_health.view(raw, path, new_years)
    problems, repaired = examine_records(seen.raw)
    fixed += problems
    too_soon = archive_health.archived_too_soon(raw, seen.named, moment.year)
    fixed += too_soon
    if not fixed:
        return [], None
    check_writable(path)
    kept = keep_copy_before(path, original, moment, "repair")
    clock_year = archive.clock_year(raw)
    named = seen.named
    keep_from = None
    if too_soon:
        keep_from = archive.archive_limit(moment.year, clock_year)
        named = named._replace(before=keep_from)
    main, changed = archive_health.split(repaired, seen, set(new_years), keep_from)
    generations.commit(path, main, named, changed, clock_year)
    return fixed, kept
