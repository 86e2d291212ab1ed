"""The week basis (store/weekbasis.py): after a quick add, ``netrack week`` and ``week
--json`` print from the records the last review read, cut down, with the journal's new
lines applied, exactly what the data gives; and from the data whenever the basis does
not fit it (another write, another day or week, a line it cannot take in).

The demo history here is far smaller than the threshold of a long history: the tests
lower it (weekview.MIN_BYTES), so that the basis is kept and used, and raise it, to
print the review from the data alone.
"""

from __future__ import annotations

import json
from pathlib import Path

from netrack.cli.commands import weekly
from netrack.cli.main import main
from netrack.store import journal, weekbasis, weekview
from netrack.store import store as store_module
from tests import test_week_view
from tests.conftest import FROZEN_NOW, run_netrack, time_at
from tests.history_support import printed, printed_without, watch_conversions

FORMS = [
    ["week"],
    ["week", "--json"],
    ["week", "--week", "last"],
    ["week", "--json", "--week", "last"],
]


# A copy of the demo history of several years for each test (with the threshold of a
# long history lowered): test_week_view.py's.
history = test_week_view.history


def _agree(capsys, monkeypatch, forms: list[list[str]] = FORMS) -> dict[str, str]:
    """Each review printed now (through the basis, if it fits) is exactly the review
    worked out from the data alone; returns them by command."""
    shown = {}
    for words in forms:
        whole = printed_without(weekview, words, capsys, monkeypatch)
        assert printed(words, capsys) == whole, words
        shown[" ".join(words)] = whole
    return shown


def _printed_from_basis(words: list[str], capsys, monkeypatch) -> str:
    """What ``netrack WORDS`` prints, which must come from the basis: neither the main
    file nor the review kept last is read."""

    def refused(*args, **kwargs):
        raise AssertionError("the data was read")

    with monkeypatch.context() as patched:
        patched.setattr(store_module, "parse_document", refused)
        patched.setattr(weekly, "_week_analysis", refused)
        return printed(words, capsys)


def _forget_reviews(path: Path) -> None:
    """Drop the reviews kept (the week view), so that the next ``week`` works one out."""
    weekview.view_path(path).unlink(missing_ok=True)


def _cold(capsys) -> list[str]:
    return [s["contact"] for s in json.loads(printed(["week", "--json"], capsys))["cold"]]


def test_after_quick_adds_the_review_comes_from_the_basis_as_the_data_gives_it(
    history: Path, capsys, monkeypatch
) -> None:
    before = _agree(capsys, monkeypatch)
    assert weekbasis.basis_path(history).exists()
    coldest = json.loads(before["week --json"])["cold"][0]["contact"]
    assert main(["give", coldest, "sent the deck"]) == 0  # the day's first write: a copy
    _agree(capsys, monkeypatch)
    main_file = history.read_bytes()
    assert main(["give", coldest, "and the notes", "--due", "fri"]) == 0  # opens a follow-up
    assert main(["reach", "Newly Met Person", "hello", "--new"]) == 0  # a new contact
    assert history.read_bytes() == main_file, "the quick adds wait in the journal"
    for words in FORMS[:2]:  # (this week's: another week's is worked out from the data)
        from_basis = _printed_from_basis(words, capsys, monkeypatch)
        _forget_reviews(history)
        assert from_basis == printed_without(weekview, words, capsys, monkeypatch), words
    after = json.loads(printed(["week", "--json"], capsys))
    assert coldest not in {s["contact"] for s in after["cold"]}
    assert {"Newly Met Person"} <= {c["name"] for c in after["new_contacts"]}
    gives = json.loads(before["week --json"])["reciprocity"]["gives"]
    assert after["reciprocity"]["gives"] == gives + 2


def test_after_a_quick_add_only_the_contacts_the_review_shows_again_are_converted(
    history: Path, capsys, monkeypatch
) -> None:
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0  # the day's first write
    _agree(capsys, monkeypatch)
    assert main(["give", _cold(capsys)[0], "and the notes"]) == 0
    _forget_reviews(history)
    converted = watch_conversions(monkeypatch, "contact_from_doc")
    shown = json.loads(_printed_from_basis(["week", "--json"], capsys, monkeypatch))
    assert len(shown["cold"]) > 100
    # The contact touched, those the follow-ups still open and the plan name: not the
    # hundreds going cold, each written as the basis keeps them.
    assert 0 < len(converted) < 60, len(converted)
    _forget_reviews(history)
    converted.clear()
    _printed_from_basis(["week"], capsys, monkeypatch)
    assert len(converted) < 60 + 5  # and the five going cold the text shows


def test_a_quick_add_closing_a_follow_up_is_taken_in(history: Path, capsys, monkeypatch) -> None:
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0  # the day's first write
    _agree(capsys, monkeypatch)
    overdue = json.loads(printed(["week", "--json"], capsys))["followups"]["overdue"]
    assert overdue, "the demo history owes follow-ups"
    owed = overdue[0]["contact"]
    main_file = history.read_bytes()
    assert main(["follow-up", owed, "as promised"]) == 0
    assert history.read_bytes() == main_file, "the quick add waits in the journal"
    _forget_reviews(history)
    text = _printed_from_basis(["week", "--json"], capsys, monkeypatch)
    _forget_reviews(history)
    assert text == printed_without(weekview, ["week", "--json"], capsys, monkeypatch)
    assert json.loads(text)["followups"]["overdue"] != overdue


def test_a_quick_add_dated_before_the_weeks_it_holds_is_read_from_the_data(
    history: Path, capsys, monkeypatch
) -> None:
    _agree(capsys, monkeypatch)
    warm = _cold(capsys)[-1]
    assert main(["give", warm, "long ago", "--on", "2026-06-01"]) == 0  # months back
    _forget_reviews(history)
    _agree(capsys, monkeypatch)


def test_a_follow_up_owed_by_someone_not_going_cold_is_taken_in(
    history: Path, capsys, monkeypatch
) -> None:
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0  # the day's first write
    _agree(capsys, monkeypatch)
    cold = set(_cold(capsys))
    contacts = json.loads(printed(["contacts", "--json"], capsys))
    warm = next(c for c in contacts if c["name"] not in cold)
    opened = json.loads(printed(["week", "--json"], capsys))["followups"]["opened"]
    assert main(["give", warm["name"], "a follow-up owed", "--due", "tomorrow"]) == 0
    _forget_reviews(history)
    text = _printed_from_basis(["week", "--json"], capsys, monkeypatch)
    _forget_reviews(history)
    assert text == printed_without(weekview, ["week", "--json"], capsys, monkeypatch)
    assert json.loads(text)["followups"]["opened"] == opened + 1


def test_a_write_by_another_process_an_undo_and_a_hand_edit_of_the_journal_are_seen(
    history: Path, capsys, monkeypatch
) -> None:
    _agree(capsys, monkeypatch)
    done = run_netrack("reflect", "written by another", db=history)
    assert done.returncode == 0, done.stderr
    assert "written by another" in _agree(capsys, monkeypatch, [["week"]])["week"]
    coldest = _cold(capsys)[0]
    assert main(["give", coldest, "logged"]) == 0
    _agree(capsys, monkeypatch)
    assert main(["undo"]) == 0
    assert coldest in _cold(capsys)
    _agree(capsys, monkeypatch)
    assert main(["give", coldest, "logged again"]) == 0
    _agree(capsys, monkeypatch)
    # The journal's line taken out by hand: the basis was made with it, and does not fit.
    file = journal.journal_path(history)
    assert file.exists()
    file.write_bytes(b"")
    _forget_reviews(history)
    shown = json.loads(_agree(capsys, monkeypatch)["week --json"])
    assert coldest in {s["contact"] for s in shown["cold"]}


def test_the_next_day_and_another_week_start_are_read_from_the_data(
    history: Path, capsys, monkeypatch
) -> None:
    _agree(capsys, monkeypatch)
    with time_at(FROZEN_NOW.add(days=1)):
        _forget_reviews(history)
        _agree(capsys, monkeypatch)
    assert main(["config", "week-start", "sunday"]) == 0
    _agree(capsys, monkeypatch)
    assert main(["give", _cold(capsys)[0], "on a sunday week"]) == 0
    _agree(capsys, monkeypatch)


def test_a_damaged_basis_is_made_again(history: Path, capsys, monkeypatch) -> None:
    _agree(capsys, monkeypatch, [["week", "--json"]])
    basis = weekbasis.basis_path(history)
    basis.write_bytes(basis.read_bytes()[:5000])
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0
    _forget_reviews(history)
    _agree(capsys, monkeypatch, [["week", "--json"]])
    assert main(["give", _cold(capsys)[0], "and more"]) == 0
    _forget_reviews(history)
    _printed_from_basis(["week", "--json"], capsys, monkeypatch)  # made again, and used


def test_a_small_file_keeps_no_basis(tmp_path: Path, monkeypatch, frozen, capsys) -> None:
    path = tmp_path / "netrack.json"
    monkeypatch.setenv("NETRACK_DB", str(path))
    assert main(["give", "Dana Lee", "sent the deck"]) == 0
    printed(["week", "--json"], capsys)
    assert not weekbasis.basis_path(path).exists()


def test_another_netrack_prints_the_review_afresh_not_as_the_old_one_wrote_it(
    history: Path, capsys, monkeypatch
) -> None:
    # The view and the basis keep text as printed: after an upgrade, neither is used.
    import netrack
    from netrack.store import codestamp

    assert main(["give", "Dana Lee", "sent the deck", "--new"]) == 0
    _agree(capsys, monkeypatch, [["week", "--json"]])  # the basis made for this data
    assert main(["give", "Dana Lee", "and the notes"]) == 0  # waits in the journal
    assert test_week_view._kept(history, "json", "2026-W47") is False
    worked_out = []
    analysis = weekly._week_analysis

    def counted(*args, **kwargs):
        worked_out.append(args)
        return analysis(*args, **kwargs)

    monkeypatch.setattr(weekly, "_week_analysis", counted)
    monkeypatch.setattr(netrack, "__version__", "99.0.0")
    codestamp.code_stamp.cache_clear()
    try:
        assert "Dana Lee" in printed(["week", "--json"], capsys)
        assert worked_out, "the basis another netrack wrote was used"
        assert test_week_view._kept(history, "json", "2026-W47")
        monkeypatch.setattr(netrack, "__version__", "99.0.1")
        codestamp.code_stamp.cache_clear()
        assert not test_week_view._kept(history, "json", "2026-W47")
    finally:
        monkeypatch.undo()
        codestamp.code_stamp.cache_clear()


def test_a_contact_still_cold_after_a_quick_add_moves_to_its_place_among_those_kept(
    history: Path, capsys, monkeypatch
) -> None:
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0  # the day's first write
    _agree(capsys, monkeypatch)
    rows = json.loads(printed(["week", "--json"], capsys))["cold"]
    # The coldest whose cadence a touch ten days ago (a quick add still: this week or
    # last) leaves overdue: less cold, so further down the list, not last.
    first, moved = next((n, s) for n, s in enumerate(rows) if s["cadence"] < 10)
    on = FROZEN_NOW.subtract(days=10).date().isoformat()
    assert moved["last_touch"] is None or moved["last_touch"] < on
    main_file = history.read_bytes()
    assert main(["give", moved["contact"], "caught up", "--on", on]) == 0
    assert history.read_bytes() == main_file, "the quick add waits in the journal"
    for words in FORMS[:2]:
        _forget_reviews(history)
        from_basis = _printed_from_basis(words, capsys, monkeypatch)
        _forget_reviews(history)
        assert from_basis == printed_without(weekview, words, capsys, monkeypatch), words
    after = [s["contact_id"] for s in json.loads(from_basis)["cold"]]
    assert len(after) == len(rows)
    assert first < after.index(moved["contact_id"]) < len(after) - 1


def test_a_reflection_written_like_the_list_going_cold_is_printed_as_typed(
    history: Path, capsys, monkeypatch
) -> None:
    # The rows the basis keeps are set in the place of the list "cold" of the rest of the
    # review: text a person wrote that looks like it, or like what stands for it there,
    # stays where it is.
    stand_in = weekly._COLD_ROWS
    typed = f'"cold": [],\n  "cold": "{stand_in}",\n{stand_in}'
    assert main(["reflect", typed, "--focus", stand_in]) == 0
    _agree(capsys, monkeypatch)
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0
    _forget_reviews(history)
    shown = _printed_from_basis(["week", "--json"], capsys, monkeypatch)
    _forget_reviews(history)
    assert shown == printed_without(weekview, ["week", "--json"], capsys, monkeypatch)
    review = json.loads(shown)
    assert (review["reflection"], review["focus"]) == (typed, stand_in)
    assert len(review["cold"]) > 100


def test_a_section_of_the_basis_found_damaged_late_is_not_trusted(
    history: Path, capsys, monkeypatch
) -> None:
    assert main(["give", _cold(capsys)[0], "sent the deck"]) == 0  # the day's first write
    _agree(capsys, monkeypatch)
    assert main(["give", _cold(capsys)[0], "and the notes"]) == 0
    # One letter changed among the rows of week --json the basis keeps (a section read
    # only as the rows are written, after the review was worked out from the basis).
    basis = weekbasis.basis_path(history)
    data = bytearray(basis.read_bytes())
    at = data.index(b'"contact_id": "') + 1
    data[at] ^= 0x20
    basis.write_bytes(bytes(data))
    _forget_reviews(history)
    # The text shows no row of week --json: it comes from the basis still.
    text = _printed_from_basis(["week"], capsys, monkeypatch)
    _forget_reviews(history)
    assert text == printed_without(weekview, ["week"], capsys, monkeypatch)
    with monkeypatch.context() as patched:
        patched.setattr(weekbasis, "make", lambda *args, **kwargs: None)  # left as it is
        _forget_reviews(history)
        assert printed(["week", "--json"], capsys) == printed_without(
            weekview, ["week", "--json"], capsys, monkeypatch
        )
    assert bytes(data) == basis.read_bytes(), "the damaged basis was read, not made again"
