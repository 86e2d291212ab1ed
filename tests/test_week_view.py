"""The week view beside a long history (store/weekview.py): ``netrack week`` and ``week
--json`` print from it exactly what the data gives, and never once the data, the day or
the week asked for is another than it was made for.

The demo history here is far smaller than the view's threshold: the tests lower the
threshold, so that the view is used, and raise it, to print the review from the data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from netrack.cli.commands import weekly
from netrack.cli.main import main
from netrack.store import Store, archive, weekview
from netrack.store import store as store_module
from tests.conftest import FROZEN_NOW, run_netrack, time_at
from tests.history_support import copy_history, printed, printed_without

WEEKS = [
    [],  # this week
    ["--week", "last"],
    ["--week", "2026-W53"],  # a week to come, and a year's 53rd
    ["--week", "2020-W53"],  # a 53rd week before the history began
    ["--week", "2024-12-18"],  # archived (by a day in it): read from the year files
]
FORMS = [["week", *w] for w in WEEKS] + [["week", "--json", *w] for w in WEEKS]


@pytest.fixture
def history(several_years: Path, tmp_path: Path, monkeypatch, frozen) -> Iterator[Path]:
    monkeypatch.setattr(weekview, "MIN_BYTES", 0)
    yield copy_history(several_years, tmp_path, monkeypatch)


def _kept(path: Path, form: str, week: str) -> bool:
    """Whether the view beside ``path`` would print the review of ``week`` now."""
    view = weekview.WeekView(path)
    if view.calendar is None:
        return False
    return view.get(form, week, view.calendar.day_of(pendulum.now())) is not None


def _agree(capsys, monkeypatch, forms: list[list[str]] = FORMS) -> dict[str, str]:
    """Each review printed through the view (kept afresh if stale, then printed from it)
    is exactly the review worked out from the data; returns them by command."""
    shown = {}
    for words in forms:
        whole = printed_without(weekview, words, capsys, monkeypatch)
        assert printed(words, capsys) == whole, words
        assert printed(words, capsys) == whole, words  # printed from the view just kept
        shown[" ".join(words)] = whole
    return shown


def _this_week(capsys) -> dict:
    return json.loads(printed(["week", "--json"], capsys))


def test_every_week_prints_through_the_view_what_the_data_gives(
    history: Path, capsys, monkeypatch
) -> None:
    assert not weekview.view_path(history).exists()
    shown = _agree(capsys, monkeypatch)
    assert weekview.view_path(history).exists()
    assert json.loads(shown["week --json"])["cold"], "people are going cold"
    labels = {json.loads(shown[" ".join(["week", "--json", *w])])["week"] for w in WEEKS}
    assert {"2026-W47", "2026-W46", "2026-W53", "2020-W53", "2024-W51"} <= labels
    assert "Week 2020-W53" in shown["week --week 2020-W53"]
    archived = json.loads(shown["week --json --week 2024-12-18"])
    assert any(h["count"] for h in archived["habits"]) and not archived["is_current"]


def test_a_week_starting_on_sunday_prints_through_the_view_what_the_data_gives(
    history: Path, capsys, monkeypatch
) -> None:
    monday = json.loads(_agree(capsys, monkeypatch, [["week", "--json"]])["week --json"])
    assert main(["config", "week-start", "sunday"]) == 0
    shown = _agree(capsys, monkeypatch)
    sunday = json.loads(shown["week --json"])
    assert sunday["start"] == "2026-11-15" != monday["start"]


def test_a_current_view_spares_the_main_file_and_the_archive(
    history: Path, capsys, monkeypatch
) -> None:
    shown = _agree(capsys, monkeypatch)

    def refused(*args, **kwargs):
        raise AssertionError("the data was read")

    monkeypatch.setattr(store_module, "parse_document", refused)
    monkeypatch.setattr(archive, "read_year", refused)
    monkeypatch.setattr(weekly, "_week_analysis", refused)
    for words in FORMS[-weekview.MAX_ENTRIES :]:  # the view keeps the last few asked for
        assert printed(words, capsys) == shown[" ".join(words)]


def test_a_quick_add_in_the_journal_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    coldest = json.loads(_agree(capsys, monkeypatch)["week --json"])["cold"][0]["contact"]
    assert main(["give", coldest, "sent the deck"]) == 0  # the day's first write: a copy
    before = json.loads(_agree(capsys, monkeypatch, [["week", "--json"]])["week --json"])
    main_file = history.read_bytes()
    assert main(["give", coldest, "and the notes"]) == 0
    assert history.read_bytes() == main_file, "the quick add waits in the journal"
    assert not _kept(history, "json", "2026-W47")
    after = json.loads(_agree(capsys, monkeypatch, [["week", "--json"]])["week --json"])
    assert coldest not in {s["contact"] for s in after["cold"]}
    assert after["reciprocity"]["gives"] == before["reciprocity"]["gives"] + 1


def test_a_write_by_another_process_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch)
    done = run_netrack("reflect", "a week of coffee chats", db=history)
    assert done.returncode == 0, done.stderr
    assert not _kept(history, "text", "2026-W47")
    assert "a week of coffee chats" in _agree(capsys, monkeypatch)["week"]


def test_a_write_while_the_review_is_worked_out_is_not_kept(
    history: Path, capsys, monkeypatch
) -> None:
    review_text = weekly._review_text

    def with_a_write_meanwhile(*args, **kwargs):
        done = run_netrack("reflect", "written meanwhile", db=history)
        assert done.returncode == 0, done.stderr
        return review_text(*args, **kwargs)

    monkeypatch.setattr(weekly, "_review_text", with_a_write_meanwhile)
    assert "written meanwhile" not in printed(["week"], capsys)  # read before the write
    monkeypatch.setattr(weekly, "_review_text", review_text)
    assert not _kept(history, "text", "2026-W47")
    assert "written meanwhile" in _agree(capsys, monkeypatch, [["week"]])["week"]


def test_an_undo_and_a_restore_are_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    before = _agree(capsys, monkeypatch, [["week"]])["week"]
    assert main(["reflect", "undone soon"]) == 0
    assert "undone soon" in _agree(capsys, monkeypatch, [["week"]])["week"]
    assert main(["undo"]) == 0
    assert _agree(capsys, monkeypatch, [["week"]])["week"] == before
    assert main(["reflect", "restored away"]) == 0
    assert "restored away" in _agree(capsys, monkeypatch, [["week"]])["week"]
    backups = json.loads(printed(["restore", "--json"], capsys))
    assert main(["restore", backups[-1]["name"], "--yes"]) == 0
    assert "restored away" not in _agree(capsys, monkeypatch, [["week"]])["week"]


def test_a_hand_edit_of_the_main_file_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    coldest = json.loads(_agree(capsys, monkeypatch)["week --json"])["cold"][0]["contact"]
    raw = json.loads(history.read_text("utf-8"))
    for doc in raw["contacts"].values():
        if doc["name"] == coldest:
            doc["name"] = coldest.upper()  # the same size, as an editor might leave it
    history.write_text(json.dumps(raw), "utf-8")
    assert not _kept(history, "json", "2026-W47")
    after = json.loads(_agree(capsys, monkeypatch)["week --json"])
    assert after["cold"][0]["contact"] == coldest.upper()


def test_a_year_file_changed_by_hand_is_seen_at_once(history: Path, capsys, monkeypatch) -> None:
    words = ["week", "--json", "--week", "2024-12-18"]
    shown = _agree(capsys, monkeypatch, [words])
    named = archive.manifest(Store(history).read_raw(), history)
    file = named.path(history, 2024)
    content = json.loads(file.read_text("utf-8"))
    content["actions"] = {}  # that year's actions gone
    file.write_text(json.dumps(content), "utf-8")
    assert not _kept(history, "json", "2024-W51")
    after = _agree(capsys, monkeypatch, [words])
    assert after != shown


def test_the_next_day_the_review_is_worked_out_again(history: Path, capsys, monkeypatch) -> None:
    today = json.loads(_agree(capsys, monkeypatch)["week --json"])
    with time_at(FROZEN_NOW.add(days=1)):
        assert not _kept(history, "json", "2026-W47")
        tomorrow = json.loads(_agree(capsys, monkeypatch)["week --json"])
        assert tomorrow["days_left"] == today["days_left"] - 1
    # Back to the first day: its review is worked out again too (a clock put back).
    assert json.loads(_agree(capsys, monkeypatch, [["week", "--json"]])["week --json"]) == today


def test_the_day_start_decides_the_day(history: Path, capsys, monkeypatch) -> None:
    assert main(["config", "day-starts-at", "4"]) == 0
    _agree(capsys, monkeypatch, [["week", "--json"]])
    # 02:00 on the Monday after counts for the Sunday before, the week asked for.
    with time_at(pendulum.datetime(2026, 11, 23, 2, tz=FROZEN_NOW.timezone)):
        late = json.loads(_agree(capsys, monkeypatch, [["week", "--json"]])["week --json"])
        assert (late["week"], late["days_left"]) == ("2026-W47", 1)


def test_a_damaged_view_is_made_again(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch, [["week", "--json"]])
    view = weekview.view_path(history)
    kept = view.read_bytes()
    view.write_bytes(kept[:1000])
    assert not _kept(history, "json", "2026-W47")
    # One letter of a review changed: marshal would read it, its CRC-32 does not fit.
    at = kept.rindex(b'"contact"') + 2
    view.write_bytes(kept[:at] + b"C" + kept[at + 1 :])
    assert not _kept(history, "json", "2026-W47")
    _agree(capsys, monkeypatch, [["week", "--json"]])
    assert _kept(history, "json", "2026-W47")


def test_a_small_file_keeps_no_view(tmp_path: Path, monkeypatch, frozen, capsys) -> None:
    path = tmp_path / "netrack.json"
    monkeypatch.setenv("NETRACK_DB", str(path))
    assert main(["give", "Dana Lee", "sent the deck"]) == 0
    printed(["week"], capsys)
    printed(["week", "--json"], capsys)
    assert not weekview.view_path(path).exists()
