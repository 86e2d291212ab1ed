"""This computer's merged CRDT state, kept beside the data file under its lock.

``replica.json`` names, for each group of records (see ``mapping``), the file in
``groups/`` that holds its document and the document's state vector, and records which
of each device's files are taken in, the number of this device's next file, and the
CRDT client id this computer writes as. Saving writes the changed groups under new
names, then replaces ``replica.json`` in one rename, then removes the files it no longer
names: a crash leaves the old state or the new one, whole. Only the groups a run needs
are read, so taking in a day's changes costs the same with one year of history or ten.

The state can always be built again from the folder (every device's files, this one's
included); the data file's outbox holds what is not published yet.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
from pathlib import Path
from typing import Any

from pycrdt import Doc

from netrack.errors import SyncError
from netrack.store.outbox import sync_state_folder
from netrack.sync import vectors
from netrack.sync.layout import ensure_private_folder, write_private
from netrack.sync.vectors import Vector

MANIFEST = "replica.json"
GROUPS = "groups"
FORMAT = 1


class Replica:
    """The CRDT documents of every group, read on first use."""

    def __init__(self, folder: Path, manifest: dict[str, Any]) -> None:
        self.folder = folder
        self.client: int = manifest["client"]
        self.included: dict[str, int] = manifest["included"]
        self.next_seq: int = manifest["next_seq"]
        self.snapshot_seq: int = manifest.get("snapshot_seq", 0)
        # False until this computer's records were merged with the folder's (a join).
        self.joined: bool = manifest.get("joined", False)
        # False until the week notes were checked for weeks with two notes (a state
        # saved by a netrack that did not fold them may hold some).
        self.notes_folded: bool = manifest.get("notes_folded", False)
        self._groups: dict[str, dict[str, Any]] = manifest["groups"]
        self._docs: dict[str, Doc] = {}
        self._changed: set[str] = set()

    @classmethod
    def load(cls, data_path: Path) -> Replica:
        """The state beside ``data_path``; a new, empty one when there is none."""
        folder = sync_state_folder(data_path)
        try:
            manifest = json.loads((folder / MANIFEST).read_bytes())
            if manifest.get("format") != FORMAT:
                raise ValueError(f"unknown format {manifest.get('format')!r}")
            for group in manifest["groups"].values():
                group["vector"] = {int(c): int(n) for c, n in group["vector"].items()}
        except FileNotFoundError:
            return cls.empty(folder)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise SyncError(
                f"this computer's sync state in {folder} is damaged ({error}); "
                "'netrack sync --rebuild' builds it again from the folder"
            ) from None
        return cls(folder, manifest)

    @classmethod
    def empty(cls, folder: Path) -> Replica:
        """A state that knows nothing yet, writing as a new CRDT client."""
        manifest = {"client": new_client_id(), "included": {}, "next_seq": 1, "groups": {}}
        replica = cls(folder, manifest)
        replica._changed.add("")  # saved even when nothing else changes
        return replica

    # Reading --------------------------------------------------------------------------

    def groups(self) -> list[str]:
        return sorted(set(self._groups) | set(self._docs))

    def doc(self, group: str) -> Doc:
        """The group's document (empty for a group nobody wrote yet)."""
        doc = self._docs.get(group)
        if doc is None:
            doc = Doc(client_id=self.client)
            entry = self._groups.get(group)
            if entry is not None:
                path = self.folder / GROUPS / entry["file"]
                try:
                    doc.apply_update(_read_part(path, entry.get("offset"), entry.get("size")))
                except (OSError, ValueError) as error:
                    raise SyncError(
                        f"cannot read the sync state file {path} ({error}); "
                        "'netrack sync --rebuild' builds it again from the folder"
                    ) from None
            self._docs[group] = doc
        return doc

    def vector(self, group: str) -> Vector:
        """What the group's document knows, without reading it when it is not loaded."""
        doc = self._docs.get(group)
        if doc is not None:
            return vectors.decode(doc.get_state())
        entry = self._groups.get(group)
        return dict(entry["vector"]) if entry else {}

    # Writing --------------------------------------------------------------------------

    def touched(self, group: str) -> None:
        self._changed.add(group)

    def new_client(self) -> None:
        """Write as a new CRDT client from now on (this computer's past is uncertain)."""
        self.client = new_client_id()
        for group, doc in list(self._docs.items()):
            fresh: Doc = Doc(client_id=self.client)
            fresh.apply_update(doc.get_update())
            self._docs[group] = fresh
        self._changed.add("")

    def as_new_device(self) -> None:
        """Go on as another device: a new writer whose files are numbered from 1 again."""
        self.new_client()
        self.next_seq = 1
        self.snapshot_seq = 0

    def save(self) -> None:
        """Write the changed groups and the manifest (see the module's docstring).

        The changed groups go into one file, so that a run costs two writes and two
        flushes to disk however many groups it touched. A file most of whose groups
        have been saved again since has its remaining groups copied into the new one
        (as bytes, without reading them as documents), so the old files do not pile up.
        """
        groups_folder = self.folder / GROUPS
        ensure_private_folder(groups_folder)
        states = {
            group: self._docs[group].get_update()
            for group in sorted(self._changed - {""})
            if group in self._docs
        }
        if states:
            moved = self._from_sparse_files(set(states))
            blob = b"".join([*states.values(), *moved.values()])
            name = f"pack-{hashlib.sha256(blob).hexdigest()[:16]}.ydocs"
            write_private(groups_folder / name, blob)
            offset = 0
            for group, state in [*states.items(), *moved.items()]:
                vector = self._groups[group]["vector"] if group in moved else None
                self._groups[group] = {"file": name, "offset": offset, "size": len(state)}
                if vector is not None:
                    self._groups[group]["vector"] = vector
                offset += len(state)
        for group in states:
            self._groups[group]["vector"] = vectors.decode(self._docs[group].get_state())
        manifest = {
            "format": FORMAT,
            "client": self.client,
            "included": self.included,
            "next_seq": self.next_seq,
            "snapshot_seq": self.snapshot_seq,
            "joined": self.joined,
            "notes_folded": self.notes_folded,
            "groups": {
                group: {
                    **{k: v for k, v in entry.items() if k != "vector"},
                    "vector": {str(c): n for c, n in entry["vector"].items()},
                }
                for group, entry in sorted(self._groups.items())
            },
        }
        write_private(self.folder / MANIFEST, json.dumps(manifest, indent=0).encode())
        self._changed.clear()
        named = {entry["file"] for entry in self._groups.values()}
        with contextlib.suppress(OSError):
            for name in os.listdir(groups_folder):
                if name not in named:
                    with contextlib.suppress(OSError):
                        os.unlink(groups_folder / name)

    def _from_sparse_files(self, saving: set[str]) -> dict[str, bytes]:
        """The groups (and their bytes) left in files that would be mostly dead after
        ``saving`` is saved elsewhere: they move into the new file."""
        live: dict[str, list[str]] = {}
        for group, entry in self._groups.items():
            if group not in saving:
                live.setdefault(entry["file"], []).append(group)
        moved: dict[str, bytes] = {}
        for name, groups in sorted(live.items()):
            path = self.folder / GROUPS / name
            try:
                size = path.stat().st_size
                parts = [self._groups[g] for g in groups]
                if 2 * sum(p.get("size") or size for p in parts) >= size:
                    continue  # mostly alive: kept as it is
                for group, part in zip(groups, parts, strict=True):
                    moved[group] = _read_part(path, part.get("offset"), part.get("size"))
            except (OSError, ValueError):
                continue  # read (and reported) when its group is needed
        return moved


def _read_part(path: Path, offset: int | None, size: int | None) -> bytes:
    """A group's state: the whole file, or its slice of a file many groups share."""
    with open(path, "rb") as handle:
        if offset is None:
            return handle.read()
        handle.seek(offset)
        data = handle.read(size)
    if size is not None and len(data) != size:
        raise ValueError("the file is shorter than its manifest says")
    return data


def new_client_id() -> int:
    # Yjs clients in other languages expect ids that fit in 32 bits.
    return random.SystemRandom().randrange(1, 2**32)
