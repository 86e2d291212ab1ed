"""Copies of the data file kept beside it, in ``backups/``.

- Before the first write of each day, the file as it was is copied to
  ``backups/<name>-YYYYMMDD.json`` (``netrack.json-20261119.json``); the last seven of
  these daily copies are kept.
- Before a schema migration: ``backups/<name>-YYYYMMDD-before-vN.json`` (kept for good).
- Before a write moves a year's actions into the archive (once a year):
  ``backups/<name>-YYYYMMDD-HHMMSS-before-archive.json``, kept for good: the backup of
  each year file's first generation.
- Before ``netrack restore`` or ``netrack doctor --repair`` replaces the file:
  ``backups/<name>-YYYYMMDD-HHMMSS-before-restore.json`` (or ``-before-repair``), kept
  for good.

Copies are named from the data file's full name, so two data files that share a stem
in one folder (``work.json``, ``work.personal``) never share copies. netrack named them
from the stem before (``netrack-20261119.json``); such copies still count as those of
the ``.json`` file of that stem.

Every copy is private (0600) and written atomically, like the data file itself.
A copy never overwrites another one. The year files a copy names are kept as long as
the copy (generations.py), so each copy stands for the whole history of its day.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from netrack.domain.patterns import LazyPattern
from netrack.errors import DataFileError
from netrack.store.files import ensure_folder, read_bytes, write_atomic

DAILY_KEPT = 7
BACKUP_FOLDER = "backups"

DAILY = "daily"
BEFORE_MIGRATION = "before migration"
BEFORE_RESTORE = "before restore"
BEFORE_REPAIR = "before repair"
BEFORE_ARCHIVE = "before archive"

# <stem>-YYYYMMDD[-HHMMSS][-before-...][-N].json
_NAME = LazyPattern(
    r"^(?P<day>\d{8})(?:-(?P<time>\d{6}))?"
    r"(?:-before-(?P<before>v\d+|restore|repair|archive))?(?:-(?P<copy>\d+))?\.json$",
    re.ASCII,
)


class Backup(NamedTuple):
    """One copy of the data file in its backups folder."""

    path: Path
    day: date
    kind: str  # DAILY, BEFORE_MIGRATION, BEFORE_RESTORE, BEFORE_REPAIR or BEFORE_ARCHIVE

    @property
    def name(self) -> str:
        return self.path.name


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_FOLDER


def daily_backup_path(path: Path, day: date) -> Path:
    return backup_folder(path) / f"{path.name}-{day:%Y%m%d}.json"


def premigration_backup_path(path: Path, day: date, from_version: int) -> Path:
    return backup_folder(path) / f"{path.name}-{day:%Y%m%d}-before-v{from_version + 1}.json"


def keep_daily_backup(path: Path, original: bytes, day: date) -> Path | None:
    """Copy ``original`` (the file before today's first write) unless today has a copy."""
    target = daily_backup_path(path, day)
    if target.exists():
        return None
    ensure_folder(target.parent)
    write_atomic(target, original)
    _prune_daily(path)
    return target


def keep_premigration_backup(path: Path, original: bytes, day: date, from_version: int) -> Path:
    """Copy the file as it was before a migration; these copies are never pruned."""
    return _keep(premigration_backup_path(path, day, from_version), original)


def keep_copy_before(path: Path, original: bytes, moment: datetime, why: str) -> Path:
    """Copy the file before ``why`` ("restore", "repair", "archive") changes it; never pruned."""
    name = f"{path.name}-{moment:%Y%m%d-%H%M%S}-before-{why}.json"
    return _keep(backup_folder(path) / name, original)


def _keep(target: Path, original: bytes) -> Path:
    """Write ``original`` to ``target``, or beside it as ``-2``, ``-3``... if it is taken."""
    ensure_folder(target.parent)
    candidate, number = target, 1
    while os.path.lexists(candidate):
        with contextlib.suppress(DataFileError):  # not a regular file: taken all the same
            if read_bytes(candidate) == original:
                return candidate
        number += 1
        candidate = target.with_name(f"{target.stem}-{number}.json")
    write_atomic(candidate, original)
    return candidate


_ANY_BACKUP = LazyPattern(r"-\d{8}(?:-\d{6})?(?:-before-[a-z0-9]+)?(?:-\d+)?\.json$", re.ASCII)


def looks_like_backup(name: str) -> bool:
    """True for a name netrack gives its copies (of any data file)."""
    return _ANY_BACKUP.search(name) is not None


def parse_backup_name(path: Path, name: str) -> Backup | None:
    """The backup of data file ``path`` called ``name``, or None if it is not one."""
    prefixes = [f"{path.name}-"]
    if path.suffix == ".json":
        prefixes.append(f"{path.stem}-")  # named from the stem by earlier versions
    prefix = next((p for p in prefixes if name.startswith(p)), None)
    if prefix is None:
        return None
    match = _NAME.match(name[len(prefix) :])
    if match is None:
        return None
    try:
        day = date(int(match["day"][:4]), int(match["day"][4:6]), int(match["day"][6:]))
    except ValueError:
        return None
    before = match["before"]
    if before is None:
        if match["time"] or match["copy"]:
            return None
        kind = DAILY
    elif before.startswith("v"):
        kind = BEFORE_MIGRATION
    else:
        kind = {"restore": BEFORE_RESTORE, "repair": BEFORE_REPAIR}.get(before, BEFORE_ARCHIVE)
    return Backup(backup_folder(path) / name, day, kind)


def all_backups(path: Path) -> list[Backup]:
    """Every copy of this data file, oldest first (by day, then by when it was written)."""
    folder = backup_folder(path)
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = []
    for entry in entries:
        backup = parse_backup_name(path, entry.name)
        if backup is None:
            continue
        try:
            if entry.is_file():
                found.append((backup.day, entry.stat().st_mtime_ns, entry.name, backup))
        except FileNotFoundError:
            continue  # pruned meanwhile
    return [backup for *_, backup in sorted(found)]


def daily_backups(path: Path) -> list[Path]:
    """This data file's daily copies, oldest first."""
    return sorted(b.path for b in all_backups(path) if b.kind == DAILY)


def _prune_daily(path: Path) -> None:
    for old in daily_backups(path)[:-DAILY_KEPT]:
        old.unlink(missing_ok=True)
