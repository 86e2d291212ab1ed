"""The read view's sections (store/viewfile.py): a listing decodes only the parts of the
view it shows, prints what the whole file gives, and a damaged section it reads makes
the view again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netrack.cli.main import main
from netrack.store import readview, viewfile
from tests import test_read_view
from tests.history_support import printed, printed_without

# A copy of the demo history of several years for each test (with the threshold of a
# long history lowered): test_read_view.py's.
history = test_read_view.history


def _sections_read(monkeypatch, words: list[str], capsys) -> tuple[str, set[str]]:
    """What ``netrack WORDS`` prints from a current view, and the sections it decoded."""
    printed(words, capsys)  # the view made, if it was not yet
    seen: set[str] = set()
    decode = viewfile.Sections.__getitem__

    def watched(self, name: str):
        seen.add(name)
        return decode(self, name)

    monkeypatch.setattr(viewfile.Sections, "__getitem__", watched)
    try:
        return printed(words, capsys), seen
    finally:
        monkeypatch.setattr(viewfile.Sections, "__getitem__", decode)


def test_each_listing_decodes_only_the_details_and_sums_it_shows(
    history: Path, capsys, monkeypatch
) -> None:
    shown, seen = _sections_read(monkeypatch, ["cold"], capsys)
    assert shown == printed_without(readview, ["cold"], capsys, monkeypatch)
    assert {"contacts:name", "contacts:circle", "contacts:cadence_days", "last_touch"} <= seen
    assert not seen & {"contacts:company", "contacts:notes", "contacts:email", "balances"}
    shown, seen = _sections_read(monkeypatch, ["balance"], capsys)
    assert shown == printed_without(readview, ["balance"], capsys, monkeypatch)
    assert {"contacts:name", "balances"} <= seen
    assert not seen & {"contacts:company", "contacts:circle", "contacts:tags"}
    assert not seen & {"last_touch", "takes"}, "give and take alone"
    shown, seen = _sections_read(monkeypatch, ["contacts"], capsys)
    assert shown == printed_without(readview, ["contacts"], capsys, monkeypatch)
    assert "contacts:company" in seen and "balances" not in seen
    assert "contacts:notes" not in seen
    shown, seen = _sections_read(monkeypatch, ["next", "--json", "--limit", "500"], capsys)
    assert shown == printed_without(
        readview, ["next", "--json", "--limit", "500"], capsys, monkeypatch
    )
    assert {"contacts:birthday", "contacts:dates", "balances", "takes", "last_touch"} <= seen
    assert "contacts:notes" not in seen


def test_a_name_fitting_several_is_described_as_from_the_whole_file(
    history: Path, capsys, monkeypatch
) -> None:
    """``balance --contact`` reads no details but those that tell two people apart."""
    names = [c["contact"] for c in json.loads(printed(["balance", "--json"], capsys))["contacts"]]
    first = names[0].split()[0]
    assert sum(name.startswith(first + " ") for name in names) > 1, "a first name shared"
    errors = []
    for with_view in (True, False):
        monkeypatch.setattr(readview, "MIN_BYTES", 0 if with_view else 1 << 60)
        capsys.readouterr()
        assert main(["balance", "--contact", first]) == 2
        errors.append(capsys.readouterr().err)
    assert errors[0] == errors[1]
    assert "matches" in errors[0] and "(" in errors[0], "each candidate described"


def test_a_damaged_section_is_caught_when_read_and_the_view_made_again(
    history: Path, capsys, monkeypatch
) -> None:
    whole = printed_without(readview, ["cold"], capsys, monkeypatch)
    assert printed(["cold"], capsys) == whole
    view = readview.view_path(history)
    made = view.read_bytes()
    sections = viewfile.decoded(made, readview.FORMAT)
    assert sections is not None
    start, size, _ = sections._index["contacts:name"]
    head = made[: made.index(b"\n")]
    body = len(head) + 1 + int(head.split()[5])  # after the head line and the index
    at = body + start + size // 2
    view.write_bytes(made[:at] + bytes([made[at] ^ 0x01]) + made[at + 1 :])
    assert printed(["cold"], capsys) == whole, "the names read from the main file"
    assert view.read_bytes() == made, "and the view made again"


def test_contacts_converted_column_by_column_are_those_converted_one_by_one(
    history: Path,
) -> None:
    from netrack.store import Store, records
    from netrack.store.contact_docs import ROW_KEYS

    docs = list(Store(history).read_raw()["contacts"].values())
    docs[0] = {**docs[0], "tags": ["b", "a"], "cadence_days": 9, "updated": None}
    columns = [[doc.get(key) for doc in docs] for key in ROW_KEYS]
    assert records.contacts_from_columns(None)(columns) == [
        records.contact_from_doc(doc) for doc in docs
    ]
    read = frozenset(("id", "name", "created", "archived", "reminders_since", "circle"))
    unread = [
        values if key in read else None for key, values in zip(ROW_KEYS, columns, strict=True)
    ]
    converted = records.contacts_from_columns(read)(unread)
    assert converted == [
        records.contact_from_row([doc.get(key) if key in read else None for key in ROW_KEYS])
        for doc in docs
    ]
    assert [c.circle for c in converted] == [doc.get("circle") for doc in docs]
    assert not any(c.company or c.email or c.tags for c in converted), "left empty"
    columns[ROW_KEYS.index("name")][1] = 5
    with pytest.raises(TypeError):
        records.contacts_from_columns(None)(columns)


def test_no_dates_stored_in_any_form_are_no_dates_by_every_converter(history: Path) -> None:
    from netrack.domain.dates import parse_yearly
    from netrack.store import Store, records
    from netrack.store.contact_docs import ROW_KEYS

    doc = next(iter(Store(history).read_raw()["contacts"].values()))
    docs = [{**doc, "dates": {}}, {**doc, "dates": None}, {**doc, "dates": {"met": "05-01"}}]
    docs.append({k: v for k, v in doc.items() if k != "dates"})
    columns = [[d.get(key) for d in docs] for key in ROW_KEYS]
    one_by_one = [records.contact_from_doc(d) for d in docs]
    assert [c.dates for c in one_by_one] == [(), (), (("met", parse_yearly("05-01")),), ()]
    assert records.contacts_from_columns(None)(columns) == one_by_one
    assert [records.contact_from_row([d.get(k) for k in ROW_KEYS]) for d in docs] == one_by_one
    with pytest.raises(AttributeError):  # a damaged value is still refused
        records.contact_from_doc({**doc, "dates": "05-01"})


def _listings(capsys, monkeypatch) -> dict[str, str]:
    """cold, contacts and balance as printed from the whole file, each checked to be what
    the view prints (made again or caught up as it must be)."""
    shown = {}
    for words in (["cold", "--json"], ["contacts"], ["balance", "--json"]):
        whole = printed_without(readview, words, capsys, monkeypatch)
        assert printed(words, capsys) == whole, words
        shown[words[0]] = whole
    return shown


def _coldest(shown: dict[str, str]) -> str:
    return json.loads(shown["cold"])[0]["contact"]


def test_a_restore_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    before = _listings(capsys, monkeypatch)
    coldest = _coldest(before)
    assert main(["give", coldest, "the day's first write: a copy kept in backups"]) == 0
    assert main(["contact", "edit", coldest, "--company", "Restored Away Ltd"]) == 0
    changed = _listings(capsys, monkeypatch)
    assert _coldest(changed) != coldest and "Restored Away Ltd" in changed["contacts"]
    backups = json.loads(printed(["restore", "--json"], capsys))
    assert main(["restore", backups[-1]["name"], "--yes"]) == 0
    assert _listings(capsys, monkeypatch) == before


def test_what_a_sync_brings_in_is_seen_at_once(
    history: Path, tmp_path: Path, capsys, monkeypatch, frozen
) -> None:
    from netrack.store import Store
    from tests.sync_support import Computer, computer, settle

    before = _listings(capsys, monkeypatch)
    coldest = _coldest(before)
    here = Computer("here", Store(history), tmp_path / "Sync" / "netrack", frozen)
    there = computer(tmp_path / "elsewhere", "there", frozen)
    here.init()
    there.init()
    settle([here, there])
    assert _listings(capsys, monkeypatch) == before, "the same data, synced"
    there.log("give", coldest, "logged on the other computer")
    settle([here, there])
    after = _listings(capsys, monkeypatch)
    assert _coldest(after) != coldest
    assert coldest not in {s["contact"] for s in json.loads(after["cold"])}


def test_the_main_file_is_checked_a_piece_at_a_time_as_read_whole(
    history: Path, tmp_path: Path
) -> None:
    import zlib

    data = history.read_bytes()
    assert len(data) > 1 << 20, "longer than one piece"
    assert viewfile.size_and_crc(history) == (len(data), zlib.crc32(data))
    assert viewfile.size_and_crc(tmp_path / "missing.json") is None
    assert viewfile.size_and_crc(tmp_path) is None  # a folder
    with viewfile.opened(tmp_path, readview.FORMAT) as sections:
        assert sections is None
