"""The read view beside a long history (store/readview.py): the listings of every contact
(cold, contacts, balance, next) and of a recent week (log, plan) read it instead of the
main file, print exactly what the whole file gives, and never trust it once the data it
was made from has changed.

The demo history here is far smaller than the view's threshold: the tests lower the
threshold, so that the view is used, and raise it, to print the same listing read whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pendulum
import pytest

from netrack.cli.main import main
from netrack.domain.weeks import calendar_for
from netrack.store import Store, archive, daycounts, readview, records
from netrack.store import store as store_module
from tests.conftest import FROZEN_NOW, run_netrack, time_at
from tests.history_support import copy_history, printed, printed_without

LISTINGS = [
    ["cold"],
    ["cold", "--json"],
    ["contacts"],
    ["balance"],
    ["balance", "--json"],
    ["next"],
    ["next", "--json", "--limit", "1000"],
    ["due"],
    ["due", "--json"],
    ["log"],  # a recent week's actions (the view made by the listings above)
    ["log", "--json"],
    ["plan"],
    ["plan", "--json"],
]


@pytest.fixture
def history(several_years: Path, tmp_path: Path, monkeypatch, frozen) -> Iterator[Path]:
    monkeypatch.setattr(readview, "MIN_BYTES", 0)
    yield copy_history(several_years, tmp_path, monkeypatch)


def _current(path: Path) -> bool:
    """Whether the view beside ``path`` would be trusted now."""
    store = Store(path)
    with store._reading():
        asked = readview.Asked(pendulum.now(), ("contacts", "actions"), True, ("people",))
        found = readview.read(path, asked)
    return found is not None


def _agree(capsys, monkeypatch, listings: list[list[str]] = LISTINGS) -> dict[str, str]:
    """Each listing printed through the view (made afresh if stale, then read back) is
    exactly the listing printed from the whole file; returns them by command."""
    shown = {}
    for words in listings:
        whole = printed_without(readview, words, capsys, monkeypatch)
        assert printed(words, capsys) == whole, words
        assert printed(words, capsys) == whole, words  # read back from the view just made
        shown[" ".join(words)] = whole
    return shown


def test_every_listing_prints_through_the_view_what_the_whole_file_gives(
    history: Path, capsys, monkeypatch
) -> None:
    assert not readview.view_path(history).exists()
    shown = _agree(capsys, monkeypatch)
    assert readview.view_path(history).exists()
    assert _current(history)
    assert json.loads(shown["cold --json"]), "people are going cold"
    assert json.loads(shown["balance --json"])["contacts"]
    assert json.loads(shown["next --json --limit 1000"])
    assert json.loads(shown["due --json"]), "follow-ups are open"


def test_a_current_view_spares_the_main_file_the_archive_and_the_older_actions(
    history: Path, capsys, monkeypatch
) -> None:
    _agree(capsys, monkeypatch)
    calendar = calendar_for(Store(history).load_main(actions=False)[0].settings)
    first = readview.first_loaded_day(calendar.day_of(FROZEN_NOW), calendar)
    decoded, years, from_docs, actions = [], [], [], []

    def no_main_file(*args, **kwargs):
        decoded.append(args)
        raise AssertionError("the main file was decoded")

    def year_read(file, *args, **kwargs):
        years.append(file)
        raise AssertionError("a year file was read")

    monkeypatch.setattr(store_module, "parse_document", no_main_file)
    monkeypatch.setattr(archive, "read_year", year_read)
    monkeypatch.setattr(daycounts, "read_year", year_read)
    contact_from_doc, action_from_doc = records.contact_from_doc, records.action_from_doc

    def contact_watched(doc: dict):
        from_docs.append(doc)
        return contact_from_doc(doc)

    def action_watched(doc: dict):
        actions.append(doc)
        return action_from_doc(doc)

    monkeypatch.setattr(records, "contact_from_doc", contact_watched)
    monkeypatch.setattr(records, "action_from_doc", action_watched)
    for words in LISTINGS:
        assert printed(words, capsys)
    assert not decoded and not years and not from_docs
    assert actions, "the last weeks' actions are loaded one by one"
    day_before = (first - timedelta(days=1)).isoformat()
    assert all(doc["at"][:10] >= day_before for doc in actions)


def _coldest(capsys, monkeypatch) -> str:
    coldest = json.loads(printed_without(readview, ["cold", "--json"], capsys, monkeypatch))[0]
    return coldest["contact"]


def test_a_quick_add_in_the_journal_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch)
    coldest = _coldest(capsys, monkeypatch)
    assert main(["give", coldest, "sent the deck"]) == 0  # the day's first write: a copy
    assert main(["give", coldest, "and the notes"]) == 0
    assert Path(f"{history}.journal").exists(), "the quick add waits in the journal"
    assert not _current(history)
    shown = _agree(capsys, monkeypatch)
    assert coldest not in {s["contact"] for s in json.loads(shown["cold --json"])}


def test_an_undo_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    coldest = _coldest(capsys, monkeypatch)
    assert main(["give", coldest, "sent the deck"]) == 0
    assert main(["contact", "edit", coldest, "--company", "Elsewhere"]) == 0
    _agree(capsys, monkeypatch)
    assert main(["undo"]) == 0
    assert main(["undo"]) == 0
    assert not _current(history)
    shown = _agree(capsys, monkeypatch)
    assert coldest == json.loads(shown["cold --json"])[0]["contact"]


def test_a_follow_up_closed_by_another_process_leaves_due_at_once(
    history: Path, capsys, monkeypatch
) -> None:
    owed = json.loads(_agree(capsys, monkeypatch)["due --json"])
    assert _current(history)
    done = run_netrack("done", owed[0]["id"][:8], db=history)
    assert done.returncode == 0, done.stderr
    after = json.loads(_agree(capsys, monkeypatch)["due --json"])
    assert [f["id"] for f in after] == [f["id"] for f in owed[1:]]


def test_a_write_by_another_process_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch)
    coldest = _coldest(capsys, monkeypatch)
    done = run_netrack("contact", "edit", coldest, "--name", "Renamed Elsewhere", db=history)
    assert done.returncode == 0, done.stderr
    assert not _current(history)
    shown = _agree(capsys, monkeypatch)
    assert "Renamed Elsewhere" in shown["cold"] and coldest not in shown["contacts"]


def test_a_hand_edit_of_the_main_file_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch)
    coldest = _coldest(capsys, monkeypatch)
    raw = json.loads(history.read_text("utf-8"))
    for doc in raw["contacts"].values():
        if doc["name"] == coldest:
            doc["name"] = coldest.upper()  # the same size, as an editor might leave it
    history.write_text(json.dumps(raw), "utf-8")
    assert not _current(history)
    shown = _agree(capsys, monkeypatch)
    assert coldest.upper() in shown["contacts"]


def test_a_year_file_changed_by_hand_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    shown = _agree(capsys, monkeypatch, [["balance", "--json"]])
    named = archive.manifest(Store(history).read_raw(), history)
    year = min(named.files)
    file = named.path(history, year)
    content = json.loads(file.read_text("utf-8"))
    content["actions"] = {}  # that year's actions gone
    file.write_text(json.dumps(content), "utf-8")
    assert not _current(history)
    after = _agree(capsys, monkeypatch, [["balance", "--json"]])
    assert after != shown


def test_a_view_made_on_a_later_day_is_not_trusted_on_an_earlier_one(
    history: Path, capsys, monkeypatch
) -> None:
    _agree(capsys, monkeypatch)
    with time_at(FROZEN_NOW.subtract(weeks=9)):
        assert not _current(history)
        _agree(capsys, monkeypatch)
    assert _current(history), "made on an earlier day, it still holds every week needed"
    _agree(capsys, monkeypatch)


def test_a_damaged_view_is_made_again(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch)
    view = readview.view_path(history)
    view.write_bytes(view.read_bytes()[:1000])
    assert not _current(history)
    _agree(capsys, monkeypatch)
    assert _current(history)


def test_a_small_file_keeps_no_view(tmp_path: Path, monkeypatch, frozen, capsys) -> None:
    path = tmp_path / "netrack.json"
    monkeypatch.setenv("NETRACK_DB", str(path))
    assert main(["give", "Dana Lee", "sent the deck"]) == 0
    for words in LISTINGS:
        printed(words, capsys)
    assert not readview.view_path(path).exists()


def test_a_view_of_an_earlier_format_or_with_a_byte_changed_is_made_again(
    history: Path, capsys, monkeypatch
) -> None:
    _agree(capsys, monkeypatch)
    view = readview.view_path(history)
    made = view.read_bytes()
    middle = len(made) // 2
    view.write_bytes(made[:middle] + bytes([made[middle] ^ 0x01]) + made[middle + 1 :])
    assert not _current(history), "a changed byte is caught before the view is decoded"
    _agree(capsys, monkeypatch)
    assert _current(history)
    view.write_bytes(b'{"key": [1]}')  # what format 1 kept: JSON
    assert not _current(history)
    _agree(capsys, monkeypatch)
    assert view.read_bytes().startswith(b"netrack read view %d " % readview.FORMAT)


def _quick_adds_then_agree(history: Path, capsys, monkeypatch, *adds: list[str]) -> dict[str, str]:
    """The listings after the quick adds ``adds``, which must wait in the journal."""
    for words in adds:
        assert main(words) == 0, words
    assert Path(f"{history}.journal").exists(), "the quick adds wait in the journal"
    return _agree(capsys, monkeypatch)


def test_quick_adds_are_applied_to_the_view_without_making_it_again(
    history: Path, capsys, monkeypatch
) -> None:
    coldest = _coldest(capsys, monkeypatch)
    assert main(["give", coldest, "the day's first write"]) == 0  # may rewrite the main file
    _agree(capsys, monkeypatch)
    view = readview.view_path(history)
    made = view.read_bytes()
    remade = []
    keep = readview._keep
    monkeypatch.setattr(readview, "_keep", lambda *a: remade.append(a) or keep(*a))
    shown = _quick_adds_then_agree(
        history,
        capsys,
        monkeypatch,
        ["give", coldest, "sent the deck"],
        ["reach", "Quentin Newcomer", "said hello", "--new", "--due", "friday"],
        ["meet", coldest, "coffee", "--due", "tomorrow"],
    )
    assert not remade and view.read_bytes() == made, "the view was caught up, not made again"
    assert _current(history)
    assert coldest not in {s["contact"] for s in json.loads(shown["cold --json"])}
    assert "Quentin Newcomer" in shown["contacts"]
    assert "Quentin Newcomer" in {f["contact"] for f in json.loads(shown["due --json"])}


def test_a_journal_action_among_the_summed_up_weeks_makes_the_view_again(
    history: Path, capsys, monkeypatch
) -> None:
    """A quick add logs this week or the last (store/quick.py): a journal line with an
    action older than the view's loaded weeks (written by hand here) cannot be added to
    its sums, and the view is made again from the main file with the journal."""
    coldest = _coldest(capsys, monkeypatch)
    assert main(["give", coldest, "the day's first write"]) == 0
    _quick_adds_then_agree(history, capsys, monkeypatch, ["give", coldest, "sent the deck"])
    view = readview.view_path(history)
    made = view.read_bytes()
    journal = Path(f"{history}.journal")
    line = json.loads(journal.read_bytes().splitlines()[-1])
    (action,) = [doc for table, doc in line["put"] if table == "actions"]
    action["id"] = "0" * 32
    action["at"] = FROZEN_NOW.subtract(weeks=40).isoformat()
    line["put"] = [["actions", action]]
    with journal.open("a", encoding="utf-8") as file:
        file.write(json.dumps(line) + "\n")
    shown = _agree(capsys, monkeypatch, [["balance", "--json"], ["contacts"]])
    assert view.read_bytes() != made, "its sums would be wrong: made again"
    assert json.loads(shown["balance --json"])["contacts"]


def test_a_journal_cut_short_or_replaced_is_not_applied(history: Path, capsys, monkeypatch) -> None:
    coldest = _coldest(capsys, monkeypatch)
    assert main(["give", coldest, "the day's first write"]) == 0
    _quick_adds_then_agree(history, capsys, monkeypatch, ["give", coldest, "sent the deck"])
    journal = Path(f"{history}.journal")
    lines = journal.read_bytes()
    assert main(["give", coldest, "and the notes"]) == 0
    whole = journal.read_bytes()
    journal.write_bytes(whole[:-5])  # the last line cut short by a crash: it never counted
    assert not _current(history), "a line cut short: read the whole file, which skips it"
    _agree(capsys, monkeypatch)
    journal.write_bytes(lines.replace(b"sent the deck", b"sent the list"))  # the same size
    assert not _current(history), "another journal than the one the view applied"
    shown = _agree(capsys, monkeypatch)
    assert shown == _agree(capsys, monkeypatch)
