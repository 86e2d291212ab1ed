"""This computer's merged CRDT state beside the data file: saved whole, and kept small."""

from __future__ import annotations

from pathlib import Path

from netrack.store.outbox import sync_state_folder
from netrack.sync import mapping
from netrack.sync.replica import GROUPS, Replica


def _write(replica: Replica, group: str, record_id: str, text: str) -> None:
    records = mapping.records_of(replica.doc(group), group)
    mapping.write_record(records, record_id, {"id": record_id, "note": text})
    replica.touched(group)


def _state_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in (folder / GROUPS).iterdir())


def test_a_run_saves_its_groups_in_one_file_and_they_read_back(tmp_path) -> None:
    data = tmp_path / "netrack.json"
    replica = Replica.empty(sync_state_folder(data))
    for n in range(5):
        _write(replica, f"actions/2026-0{n + 1}", f"a{n}", f"note {n}")
    replica.save()
    assert len(list((sync_state_folder(data) / GROUPS).iterdir())) == 1

    again = Replica.load(data)
    for n in range(5):
        group = f"actions/2026-0{n + 1}"
        records = mapping.records_of(again.doc(group), group)
        assert mapping.read_record(records, f"a{n}") == {"id": f"a{n}", "note": f"note {n}"}


def test_the_state_does_not_pile_up_old_copies_of_groups_saved_again(tmp_path) -> None:
    """Each run saves a large group again with a small new one: the files holding the
    large group's old copies are folded away, not kept for the small groups in them."""
    data = tmp_path / "netrack.json"
    folder = sync_state_folder(data)
    replica = Replica.empty(folder)
    for n in range(200):
        _write(replica, "contacts/2026-11", f"c{n}", "someone we met at the conference " * 3)
    replica.save()
    for run in range(30):
        _write(replica, "contacts/2026-11", "c0", f"edited in run {run}")
        _write(replica, f"actions/2020-{run % 12 + 1:02d}/{run}", f"a{run}", "small")
        replica.save()
    live = sum(len(replica.doc(group).get_update()) for group in replica.groups())
    assert _state_bytes(folder) <= 2 * live
    again = Replica.load(data)
    for run in range(30):
        group = f"actions/2020-{run % 12 + 1:02d}/{run}"
        assert mapping.read_record(mapping.records_of(again.doc(group), group), f"a{run}")
