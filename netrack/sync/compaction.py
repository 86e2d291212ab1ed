"""Folding one device's files into a snapshot, so that the folder stays small."""

from __future__ import annotations

from pycrdt import get_state, merge_updates

from netrack.sync import packets, vectors
from netrack.sync.layout import SNAPSHOT, UPDATE, FolderFile
from netrack.sync.packets import Part

COMPACT_AFTER_FILES = 32  # own update files since the last snapshot


def fold(files: list[FolderFile], base: int) -> tuple[int, list[Part], list[FolderFile]] | None:
    """The snapshot of a device's files since its snapshot number ``base``.

    Returns its number, its parts and the files it replaces; None when there are not
    yet enough files, or one is missing or unreadable (then they are left as they are).
    """
    files = sorted(files, key=lambda f: (f.seq, f.kind))
    updates = [f for f in files if f.kind == UPDATE and f.seq > base]
    if len(updates) < COMPACT_AFTER_FILES:
        return None
    snapshot = next((f for f in files if f.kind == SNAPSHOT and f.seq == base), None)
    chain = ([snapshot] if snapshot else []) + updates
    seqs = [f.seq for f in updates]
    if seqs != list(range(base + 1, base + 1 + len(seqs))):
        return None  # a gap
    merged: dict[str, list[bytes]] = {}
    needs: dict[str, dict[int, int]] = {}
    for file in chain:
        packet = packets.read(file.path)
        if packet is None:
            return None
        for part in packet.parts:
            merged.setdefault(part.group, []).append(part.update)
            group_needs = needs.setdefault(part.group, {})
            for client, clock in part.needs.items():
                group_needs[client] = max(group_needs.get(client, 0), clock)
    parts = []
    for group, group_updates in sorted(merged.items()):
        update = merge_updates(*group_updates) if len(group_updates) > 1 else group_updates[0]
        # The snapshot holds this device's writers from their first change on: it needs
        # only what other writers had made.
        writers = vectors.decode(get_state(update))
        own_needs = {c: n for c, n in needs[group].items() if c not in writers}
        parts.append(Part(group, update, own_needs))
    return seqs[-1], parts, chain
