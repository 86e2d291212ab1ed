"""Copies of the data file kept beside it, in ``backups/``.

Before the first write of each day the file as it was is copied to
``backups/<name>-YYYYMMDD.json`` (the last seven are kept), and before a schema
migration to ``backups/<name>-YYYYMMDD-before-vN.json`` (kept for good).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from netrack.store.files import ensure_folder, write_atomic

DAILY_KEPT = 7
BACKUP_FOLDER = "backups"


def backup_folder(path: Path) -> Path:
    return path.parent / BACKUP_FOLDER


def daily_backup_path(path: Path, day: date) -> Path:
    return backup_folder(path) / f"{path.stem}-{day:%Y%m%d}.json"


def premigration_backup_path(path: Path, day: date, from_version: int) -> Path:
    return backup_folder(path) / f"{path.stem}-{day:%Y%m%d}-before-v{from_version + 1}.json"


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
    target = premigration_backup_path(path, day, from_version)
    ensure_folder(target.parent)
    write_atomic(target, original)
    return target


def daily_backups(path: Path) -> list[Path]:
    """This data file's daily copies, oldest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    prefix = f"{path.stem}-"
    found = []
    for entry in os.scandir(folder):
        stamp = entry.name[len(prefix) : -len(".json")]
        if entry.name.startswith(prefix) and entry.name.endswith(".json") and _is_stamp(stamp):
            found.append(Path(entry.path))
    return sorted(found)


def all_backups(path: Path) -> list[Path]:
    """Every copy of this data file, daily and pre-migration, oldest first."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return []
    prefix = f"{path.stem}-"
    return sorted(
        p for p in folder.iterdir() if p.name.startswith(prefix) and p.name.endswith(".json")
    )


def _prune_daily(path: Path) -> None:
    for old in daily_backups(path)[:-DAILY_KEPT]:
        old.unlink(missing_ok=True)


def _is_stamp(text: str) -> bool:
    return len(text) == 8 and text.isdigit()
