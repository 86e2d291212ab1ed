"""Cheap checks that decide whether a command needs a sync run at all.

A run imports the CRDT engine (about 0.1 s), so commands first ask this module, which
reads two small files and stats a few folders: has another device published since the
last run (a device's folder changes whenever a file arrives in it), and has the data
file changed since the last run (a change may wait in the outbox).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from netrack.store.files import replace_privately
from netrack.store.outbox import DEVICE_FILE, sync_state_folder

PROBE = "probe.json"
DEVICES = "devices"  # as in layout (not imported: layout costs more to import)


def _probe_path(data_path: Path) -> Path:
    return sync_state_folder(data_path) / PROBE


def read_probe(data_path: Path) -> dict[str, Any]:
    try:
        document = json.loads(_probe_path(data_path).read_bytes())
    except (OSError, ValueError):
        return {}
    return document if isinstance(document, dict) else {}


def _identity(data_path: Path) -> dict[str, Any] | None:
    try:
        document = json.loads((sync_state_folder(data_path) / DEVICE_FILE).read_bytes())
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def folder_marks(folder: Path, own_device: str) -> dict[str, int] | None:
    """Each other device's folder with the time it last changed; None if unreachable."""
    devices = folder / DEVICES
    try:
        names = os.listdir(devices)
    except FileNotFoundError:
        return {} if folder.is_dir() else None
    except OSError:
        return None
    marks = {}
    for name in names:
        if name == own_device:
            continue
        with contextlib.suppress(OSError):
            marks[name] = os.stat(devices / name).st_mtime_ns
    return marks


def data_mark(data_path: Path) -> list[int]:
    try:
        st = os.stat(data_path)
    except OSError:
        return []
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def news(data_path: Path) -> bool:
    """True when another device may have published since the last sync run here."""
    identity = _identity(data_path)
    if identity is None:
        return False
    marks = folder_marks(Path(identity.get("folder", "")), str(identity.get("device")))
    if marks is None:
        return False  # the folder is not there now: nothing to take in
    return marks != read_probe(data_path).get("folder")


def changed_since_sync(data_path: Path) -> bool:
    """True when the data file was written after the last sync run (by anything)."""
    return data_mark(data_path) != read_probe(data_path).get("data")


def record(
    data_path: Path,
    marks_before: dict[str, int] | None,
    synced_at: str,
    error: str | None = None,
) -> None:
    """Remember how the folder and the data file looked after a sync run.

    ``marks_before`` are the folder's marks taken before the run read the folder, so
    that a file arriving during the run is noticed next time.
    """
    previous = read_probe(data_path)
    failed = error is not None
    document = {
        "folder": previous.get("folder") if failed or marks_before is None else marks_before,
        "data": previous.get("data") if failed else data_mark(data_path),
        "synced_at": synced_at if error is None else previous.get("synced_at"),
        "tried_at": synced_at,
        "error": error,
    }
    with contextlib.suppress(OSError):
        replace_privately(_probe_path(data_path), json.dumps(document).encode())
