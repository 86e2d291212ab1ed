"""Putting a backup back, and repairing a damaged file.

These are the only writes that do not go through a :class:`~netrack.store.Transaction`,
because the file they replace may be one the store refuses to read. They take the same
lock, keep a copy of what they replace in ``backups/`` first, and write atomically.
"""

from __future__ import annotations

import contextlib
import os
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from netrack.domain.models import Dataset
from netrack.errors import DataFileError
from netrack.store import codec, health
from netrack.store.archive import archive_path
from netrack.store.backups import keep_copy_before
from netrack.store.documents import dataset_from_bytes
from netrack.store.files import ensure_folder, exclusive_lock, read_bytes, write_atomic
from netrack.store.record_checks import Problem, examine_records
from netrack.store.schema import Raw
from netrack.store.surroundings import loosened_permissions, stale_temp_files


class Summary(NamedTuple):
    """What a readable data file (or backup) holds."""

    contacts: int
    actions: int
    followups: int


def read_backup(backup: Path) -> tuple[bytes, Dataset]:
    """The bytes of ``backup`` and what they hold, if netrack can use them.

    A DataFileError says why not (missing, empty, damaged, newer schema...).
    """
    data = read_bytes(backup)
    if data is None:
        raise DataFileError(backup, "no such file")
    return data, dataset_from_bytes(data, backup)


def summarize(dataset: Dataset) -> Summary:
    return Summary(len(dataset.contacts), len(dataset.actions), len(dataset.followups))


class Restored(NamedTuple):
    kept: Path | None  # the copy of the replaced file, if there was one


def restore(path: Path, backup: Path, moment: datetime) -> Restored:
    """Replace the data file at ``path`` by ``backup``, keeping a copy of it first.

    The backup is checked in full before anything is touched, and the bytes checked are
    the bytes written. The data file itself need not be readable.
    """
    if backup.resolve() == path.resolve():
        raise DataFileError(path, "a file cannot be restored over itself")
    data, _ = read_backup(backup)
    ensure_folder(path.parent)
    with exclusive_lock(path):
        current = read_bytes(path)
        kept = None
        if current is not None and current != data:
            kept = keep_copy_before(path, current, moment, "restore")
        write_atomic(path, data)
    return Restored(kept)


def _write_archive(path: Path, repaired: Raw, originals: dict[int, bytes], moment: datetime) -> Raw:
    """Write the archive files of the repaired whole (each copied first, if it changes).

    Returns what goes into the main file.
    """
    main, archives = health.split_archive(repaired, path)
    for year, raw in archives.items():
        file = archive_path(path, year)
        data = codec.encode(raw)
        original = originals.get(year)
        if original is not None and codec.decode(original) == raw:
            continue
        if original is not None:
            keep_copy_before(file, original, moment, "repair")
        write_atomic(file, data)
    return main


class Repaired(NamedTuple):
    fixed: list[Problem]
    kept: Path | None  # the copy written before the file's contents were changed
    unusable: str | None  # why the file as a whole could not be repaired


def repair(path: Path, moment: datetime) -> Repaired:
    """Fix what ``netrack doctor`` can fix, under the lock; a copy is kept first.

    A file that cannot be used as a whole keeps its contents exactly; its permissions
    and leftover temporary files are still put right.
    """
    fixed: list[Problem] = []
    kept = None
    unusable = None
    if path.parent.is_dir():
        with exclusive_lock(path):
            original = read_bytes(path)
            if original is not None:
                try:
                    raw = health.parse_file(original, path)
                    raw, archived = health.with_archive(raw, path)
                except DataFileError as error:
                    unusable = error.problem
                else:
                    problems, repaired = examine_records(raw)
                    if problems:
                        kept = keep_copy_before(path, original, moment, "repair")
                        if archived:
                            repaired = _write_archive(path, repaired, archived, moment)
                        write_atomic(path, codec.encode(repaired))
                        fixed.extend(problems)
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
