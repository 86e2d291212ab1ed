"""Where sync keeps things, and the names it gives them.

On this computer, beside the data file ``netrack.json``: ``netrack.json-sync/`` holds
``device.json`` (who this computer is and which folder it syncs through) and the merged
CRDT state (see ``replica``). In the shared folder, each device writes only under
``devices/<device-id>/``: ``00000007.update`` holds its seventh batch of changes,
``00000042.snapshot`` everything it ever published up to its 42nd. A file is written
under a temporary name and renamed when complete, and never changed after that.
Everything is readable only by the user (folders 0700, files 0600).
"""

from __future__ import annotations

import json
import os
import re
import socket
from dataclasses import asdict, dataclass, field
from pathlib import Path

from netrack.errors import SyncError
from netrack.store.files import PRIVATE_DIR, ensure_folder, replace_privately
from netrack.store.outbox import DEVICE_FILE, sync_state_folder

DEVICES = "devices"
UPDATE = "update"
SNAPSHOT = "snapshot"
LEFT = "left"  # written once by a device that left the folder: when, and its name
IDENTITY_FORMAT = 1

_FILE_NAME = re.compile(r"^(\d{8})\.(update|snapshot)$")
_DEVICE_ID = re.compile(r"^[0-9a-f]{16}$")
# Names that sync tools (Syncthing, Dropbox, iCloud Drive, Nextcloud, Resilio) and our
# own writer give to a file that is still arriving: skipped quietly until it is renamed.
_ARRIVING = re.compile(
    r"(^\.syncthing\.|^~syncthing~|^\.~|^~\$|\.icloud$|\.part$|\.partial$|\.tmp$"
    r"|\.!sync$|\.crdownload$|^\.dropbox)"
)


@dataclass(frozen=True)
class Identity:
    """This computer as a member of one sync folder."""

    device: str
    folder: str
    name: str  # the computer's host name, shown to the other devices
    data_file: str  # the data file this state belongs to (a copy elsewhere is noticed)
    joined: str

    @property
    def folder_path(self) -> Path:
        return Path(self.folder)


@dataclass(frozen=True)
class FolderFile:
    """One complete-looking file a device published (its content is checked on reading)."""

    device: str
    seq: int
    kind: str  # UPDATE or SNAPSHOT
    path: Path


@dataclass
class Listing:
    """What the folder holds: each device's files, and names that are not ours."""

    devices: dict[str, list[FolderFile]]
    unknown: list[Path]
    arriving: list[Path]
    left: dict[str, Path] = field(default_factory=dict)  # devices that left: their mark


def new_device_id() -> str:
    return os.urandom(8).hex()


def host_name() -> str:
    return socket.gethostname() or "this computer"


def identity_path(data_path: Path) -> Path:
    return sync_state_folder(data_path) / DEVICE_FILE


def read_identity(data_path: Path) -> Identity | None:
    """This computer's sync identity for the data file, or None when it does not sync."""
    file = identity_path(data_path)
    try:
        document = json.loads(file.read_bytes())
        return Identity(**{k: document[k] for k in Identity.__dataclass_fields__})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SyncError(
            f"cannot read {file} ({error}); 'netrack sync leave' then "
            "'netrack sync init FOLDER' sets this computer up again"
        ) from None


def write_identity(data_path: Path, identity: Identity) -> None:
    ensure_private_folder(sync_state_folder(data_path))
    document = {"format": IDENTITY_FORMAT, **asdict(identity)}
    write_private(identity_path(data_path), json.dumps(document, indent=1).encode())


def device_folder(folder: Path, device: str) -> Path:
    return folder / DEVICES / device


def file_name(seq: int, kind: str) -> str:
    return f"{seq:08d}.{kind}"


def list_folder(folder: Path) -> Listing:
    """Every device's published files, oldest first; a SyncError if the folder is gone."""
    listing = Listing({}, [], [])
    devices = folder / DEVICES
    try:
        names = sorted(os.listdir(devices))
    except FileNotFoundError:
        if folder.is_dir():
            return listing  # nobody has published yet
        raise SyncError(f"the sync folder {folder} is missing (not mounted?)") from None
    except OSError as error:
        raise SyncError(f"cannot read the sync folder {folder} ({error.strerror})") from None
    for device in names:
        path = devices / device
        if not _DEVICE_ID.match(device) or not path.is_dir():
            _sort_stranger(path, listing)
            continue
        files = listing.devices.setdefault(device, [])
        try:
            entries = sorted(os.listdir(path))
        except OSError:
            continue  # unreadable for now: tried again next time
        for name in entries:
            match = _FILE_NAME.match(name)
            if name == LEFT:
                listing.left[device] = path / name
            elif match is None:
                _sort_stranger(path / name, listing)
            else:
                files.append(FolderFile(device, int(match[1]), match[2], path / name))
    return listing


def _sort_stranger(path: Path, listing: Listing) -> None:
    (listing.arriving if _ARRIVING.search(path.name) else listing.unknown).append(path)


def ensure_private_folder(folder: Path) -> None:
    """Create ``folder`` 0700 (and its missing parents); an existing one is left as it is."""
    try:
        ensure_folder(folder)
    except Exception as error:
        raise SyncError(f"cannot create the folder {folder} ({error})") from None
    if not folder.is_dir():
        raise SyncError(f"{folder} is not a folder")


def make_private(folder: Path) -> None:
    """Make a folder netrack created readable only by the user."""
    try:
        os.chmod(folder, PRIVATE_DIR)
    except OSError as error:
        raise SyncError(f"cannot protect the folder {folder} ({error.strerror})") from None


def write_private(path: Path, data: bytes) -> None:
    """Write a complete file readable only by the user, under a temporary name first."""
    try:
        replace_privately(path, data)
    except OSError as error:
        raise SyncError(f"cannot write {path} ({error.strerror})") from None


def write_left_mark(identity: Identity, at: str) -> None:
    """Tell the other devices that this one left the folder (it publishes no more)."""
    folder = device_folder(identity.folder_path, identity.device)
    ensure_private_folder(folder)
    mark = {"device": identity.device, "name": identity.name, "at": at}
    write_private(folder / LEFT, json.dumps(mark, indent=1).encode())


def read_left_mark(path: Path) -> dict[str, str]:
    """What a device's left mark says ({} when it cannot be read, or is still arriving)."""
    try:
        mark = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(mark, dict):
        return {}
    return {k: v for k, v in mark.items() if isinstance(k, str) and isinstance(v, str)}
