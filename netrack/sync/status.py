"""What ``netrack sync status`` and ``doctor`` tell about syncing, read without the engine.

Everything here comes from small files (this computer's identity, the last run's probe,
the state's manifest) and the folder's listing and file headers: no CRDT is loaded.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netrack.errors import SyncError
from netrack.store.outbox import sync_state_folder
from netrack.sync import packets, probe
from netrack.sync.layout import Identity, Listing, list_folder, read_identity, read_left_mark

MANIFEST = "replica.json"  # as in replica (not imported: it imports the engine)


@dataclass(frozen=True)
class DeviceStatus:
    device: str
    name: str
    this_computer: bool
    last_published: str | None  # ISO time of its newest file
    files: int  # files of it in the folder
    newest: int  # the number of its newest file
    taken_in: int  # the number of its last file this computer has taken in
    left: str | None = None  # when it left the folder ('netrack sync leave' there)

    @property
    def waiting(self) -> int:
        """Files of this device not taken in yet (still arriving, or waiting on others)."""
        return max(0, self.newest - self.taken_in)


@dataclass
class SyncStatus:
    identity: Identity
    reachable: bool
    problem: str | None
    last_sync: str | None
    last_error: str | None
    devices: list[DeviceStatus] = field(default_factory=list)
    unknown_files: list[str] = field(default_factory=list)
    arriving_files: list[str] = field(default_factory=list)

    def as_json(self, outbox: int) -> dict[str, Any]:
        return {
            "folder": self.identity.folder,
            "device": self.identity.device,
            "name": self.identity.name,
            "joined": self.identity.joined,
            "reachable": self.reachable,
            "problem": self.problem,
            "last_sync": self.last_sync,
            "last_error": self.last_error,
            "waiting_to_publish": outbox,
            "devices": [
                {
                    "device": d.device,
                    "name": d.name,
                    "this_computer": d.this_computer,
                    "last_published": d.last_published,
                    "files": d.files,
                    "taken_in": d.taken_in,
                    "newest": d.newest,
                    "waiting": d.waiting,
                    "left": d.left,
                }
                for d in self.devices
            ],
            "unknown_files": self.unknown_files,
        }


def read_status(data_path: Path) -> SyncStatus | None:
    """How syncing stands for the data file (None: it does not sync)."""
    identity = read_identity(data_path)
    if identity is None:
        return None
    seen = probe.read_probe(data_path)
    status = SyncStatus(identity, True, None, seen.get("synced_at"), seen.get("error"))
    try:
        listing = list_folder(identity.folder_path)
    except SyncError as error:
        status.reachable = False
        status.problem = error.problem
        return status
    included = _included(data_path)
    status.devices = _devices(listing, identity, included)
    folder = identity.folder_path
    status.unknown_files = [str(path.relative_to(folder)) for path in listing.unknown]
    status.arriving_files = [str(path.relative_to(folder)) for path in listing.arriving]
    return status


def _included(data_path: Path) -> dict[str, int]:
    try:
        manifest = json.loads((sync_state_folder(data_path) / MANIFEST).read_bytes())
        return {str(k): int(v) for k, v in manifest["included"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _devices(listing: Listing, identity: Identity, included: dict[str, int]) -> list[DeviceStatus]:
    found = []
    for device, files in sorted(listing.devices.items()):
        if not files:
            continue
        newest = max(files, key=lambda f: (f.seq, f.kind == "snapshot"))
        header = packets.read_header(newest.path) or {}
        published = header.get("at")
        if not isinstance(published, str):
            published = _mtime(newest.path)
        found.append(
            DeviceStatus(
                device=device,
                name=str(header.get("name") or "?"),
                this_computer=device == identity.device,
                last_published=published,
                files=len(files),
                newest=newest.seq,
                taken_in=included.get(device, 0),
                left=_left(listing, device),
            )
        )
    found.sort(key=lambda d: (not d.this_computer, d.name, d.device))
    return found


def _left(listing: Listing, device: str) -> str | None:
    mark = listing.left.get(device)
    if mark is None:
        return None
    return read_left_mark(mark).get("at") or _mtime(mark)


def _mtime(path: Path) -> str | None:
    from datetime import datetime

    try:
        return datetime.fromtimestamp(os.stat(path).st_mtime).astimezone().isoformat()
    except OSError:
        return None
