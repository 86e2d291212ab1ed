"""Year files as generations: writing a new one, and which old ones are still needed.

A year file is never changed in place. Changing a year writes its next generation
(``2019.4.json`` after ``2019.3.json``) under a name no file has, and the main file's
commit then names it (see archive.py). A generation is still needed while a commit names
it: the main file (its current year files and the ones they replaced) or a backup of
the main file in ``backups/`` (restoring that backup brings those year files back).
Every other generation in the archive folder is either left by a write that never
committed or no longer named by anything; ``prune`` deletes them after a commit, and
``netrack doctor`` reports any that are left (``--repair`` deletes them).

Only the data file's own archive folder (``<name>-archive``) is pruned. Year files from
before generations (``<stem>-archive/YYYY.json``) are never deleted by a write: another
data file with the same stem may have shared that folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path

from netrack.errors import DataFileError
from netrack.store import codec, journal
from netrack.store.archive import (
    Manifest,
    archive_folder,
    holds_records,
    legacy_folder,
    manifest,
    parse_name,
    set_manifest,
)
from netrack.store.backups import all_backups, waiting_copies
from netrack.store.files import ensure_folder, read_bytes, write_atomic
from netrack.store.schema import Raw


def new_generation(path: Path, year: int) -> str:
    """The name of the next generation of ``year``: above every file of that year."""
    folder = archive_folder(path)
    highest = 0
    for name in _names_in(folder):
        parsed = parse_name(name)
        if parsed is not None and parsed[1] == year:
            highest = max(highest, parsed[2])
    return f"{folder.name}/{year:04d}.{highest + 1}.json"


def write_generation(path: Path, name: str, data: bytes) -> None:
    """Write a year file's bytes under the new name ``name`` (private, atomic, synced)."""
    file = path.parent / name
    ensure_folder(file.parent)
    write_atomic(file, data)


def commit(
    path: Path,
    main: Raw,
    named: Manifest,
    changed: Mapping[int, Raw],
    clock_year: int | None,
    prune_after: bool = True,
) -> Manifest:
    """Steps 3 to 5 of the commit protocol (store.py): year files, main file, pruning.

    ``named`` is the manifest before this change (with the archive's first year as it is
    now), ``changed`` the tables of each year that changed. ``main`` gets the new
    manifest and replaces the main file; returns the new manifest.
    """
    written: dict[int, str | None] = {}
    for year, raw in sorted(changed.items()):
        if not holds_records(raw):
            written[year] = None  # the year has no records left: it is named no more
            continue
        name = new_generation(path, year)
        write_generation(path, name, codec.encode(raw))
        written[year] = name
    new = named.after(written)
    set_manifest(main, new, clock_year)
    journal.seal(main)  # the journal's lines are in ``main``: they apply no more
    write_atomic(path, codec.encode(main))  # the commit
    journal.discard(path)
    if prune_after:
        prune(path, new)
    return new


def own_files(path: Path) -> list[str]:
    """Every year file in the data file's own archive folder (names as manifests give them)."""
    return [name for name in _names_in(archive_folder(path)) if parse_name(name)]


def legacy_files(path: Path) -> list[str]:
    """Every year file in the folder netrack used before generations."""
    return [name for name in _names_in(legacy_folder(path)) if parse_name(name)]


def _names_in(folder: Path) -> list[str]:
    try:
        entries = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    except OSError as error:
        raise DataFileError(folder, f"cannot read the folder ({error.strerror})") from None
    return sorted(f"{folder.name}/{entry}" for entry in entries)


def named_by_backups(path: Path) -> set[str] | None:
    """Every year file some backup of the main file names; None if one cannot be read.

    A backup that is not a usable data file names nothing (it cannot be restored). A
    copy still waiting for its name (a link left by a stopped write) counts too.
    """
    names: set[str] = set()
    for copy in [backup.path for backup in all_backups(path)] + waiting_copies(path):
        try:
            data = read_bytes(copy)
        except DataFileError:
            return None
        if data is None:
            continue  # pruned meanwhile
        try:
            raw = codec.decode(data)
            if isinstance(raw, dict):
                names |= manifest(raw, path).named()
        except (codec.DecodeError, DataFileError, AttributeError, TypeError):
            continue
    return names


def unclaimed(path: Path, current: Manifest, include_legacy: bool) -> list[Path]:
    """Year files that neither the main file (``current``) nor any backup names.

    Files from before generations count only with ``include_legacy``.
    """
    candidates = set(own_files(path)) - current.named()
    if include_legacy:
        candidates |= set(legacy_files(path)) - current.named()
    if not candidates:
        return []
    by_backups = named_by_backups(path)
    if by_backups is None:
        return []
    return [path.parent / name for name in sorted(candidates - by_backups)]


def prune(path: Path, current: Manifest) -> None:
    """Delete the generations no commit names any more (after a commit; best effort)."""
    with contextlib.suppress(DataFileError):
        for file in unclaimed(path, current, include_legacy=False):
            with contextlib.suppress(OSError):
                os.unlink(file)
