"""What lies beside a data file: permissions wider than the owner's, and leftovers.

Leftovers are temporary files of writes that never finished (a killed writer).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from netrack.store import archive
from netrack.store.backups import BACKUP_FOLDER, all_backups, backup_folder
from netrack.store.files import PRIVATE_DIR, PRIVATE_FILE, lock_path_for
from netrack.store.journal import journal_path
from netrack.store.quickindex import index_path
from netrack.store.readview import view_path
from netrack.store.soundness import note_path
from netrack.store.weekview import basis_path
from netrack.store.weekview import view_path as week_view_path


class Loosened(NamedTuple):
    """A file or folder that others may read: where, its mode, the mode it should have."""

    path: Path
    what: str
    mode: int
    wanted: int


def loosened_permissions(path: Path) -> list[Loosened]:
    """The data folder, file, lock, backups folder and backups that others may open.

    The data folder counts only when it is netrack's own (the default one): a folder the
    user chose with --db, such as their home, is theirs to open as they like.
    """
    from netrack.paths import default_data_dir

    items = [
        *(
            [(path.parent, "data folder", PRIVATE_DIR)]
            if _same(path.parent, default_data_dir())
            else []
        ),
        (path, "data file", PRIVATE_FILE),
        (lock_path_for(path), "lock file", PRIVATE_FILE),
        (journal_path(path), "journal of quick adds", PRIVATE_FILE),
        (index_path(path), "quick-add index", PRIVATE_FILE),
        (note_path(path), "note of the checked file", PRIVATE_FILE),
        (view_path(path), "read view", PRIVATE_FILE),
        (week_view_path(path), "week view", PRIVATE_FILE),
        (basis_path(path), "week basis", PRIVATE_FILE),
        (backup_folder(path), "backups folder", PRIVATE_DIR),
        *((backup.path, "backup", PRIVATE_FILE) for backup in all_backups(path)),
        *_archive_items(path),
    ]
    found = []
    for item, what, wanted in items:
        try:
            mode = stat.S_IMODE(os.stat(item).st_mode)
        except OSError:
            continue
        if mode & 0o077:
            if wanted == PRIVATE_FILE and not mode & stat.S_IWUSR:
                wanted = PRIVATE_FILE & ~stat.S_IWUSR  # made read-only on purpose: it stays so
            found.append(Loosened(item, what, mode, wanted))
    return found


def _archive_items(path: Path) -> list[tuple[Path, str, int]]:
    """The archive folders (the current one and netrack's earlier one) and what they hold."""
    items = []
    for folder in (archive.archive_folder(path), archive.legacy_folder(path)):
        if not folder.is_dir():
            continue
        items.append((folder, "archive folder", PRIVATE_DIR))
        for inner in (folder, folder / BACKUP_FOLDER):
            try:
                entries = list(os.scandir(inner))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.name == BACKUP_FOLDER:
                    items.append((Path(entry.path), "archive backups folder", PRIVATE_DIR))
                elif entry.is_file(follow_symlinks=False):
                    items.append((Path(entry.path), "archive file", PRIVATE_FILE))
    return items


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def stale_temp_files(path: Path, only_dead_writers: bool) -> list[Path]:
    """Temporary files of unfinished writes beside the data file, its backups and archive.

    A writer names its temporary file after its process id. With ``only_dead_writers``,
    files of a process still running (perhaps writing right now) are left out; without
    it, every one is returned (for use while holding the lock, when no write is running).
    """
    own = re.compile(rf"^\.{re.escape(path.name)}\.(\d+)\.tmp$")
    any_json = re.compile(r"^\.[^/]*\.json\.(\d+)\.tmp$")
    found = []
    for folder, pattern in (
        (path.parent, own),
        (backup_folder(path), _backup_temp(path)),
        (archive.archive_folder(path), any_json),
        (archive.legacy_folder(path), any_json),
        (archive.legacy_folder(path) / BACKUP_FOLDER, any_json),
    ):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        for name in names:
            match = pattern.match(name)
            if match and not (only_dead_writers and _running(int(match[len(match.groups())]))):
                found.append(folder / name)
    return found


def _backup_temp(path: Path) -> re.Pattern[str]:
    """Temporary files of this data file's backups (named from its full name or stem)."""
    names = "|".join(re.escape(name) for name in {path.name, path.stem})
    return re.compile(rf"^\.(?:{names})-[^/]*\.json\.(\d+)\.tmp$")


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True
