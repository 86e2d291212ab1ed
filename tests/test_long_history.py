"""Years of history cost nothing: what a quick add and the read commands read and convert.

Not timed (``make bench`` measures the time): these tests watch which files a command
opens and which records it turns into domain values, on a history of many years, and
that what it shows is still right.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack.cli.main import main
from netrack.domain.touch import last_touches
from netrack.store import Store, archive, journal
from tests.history_support import copy_history, watch_conversions, write_demo_history

# Paths opened while a test listens (an audit hook cannot be removed, so it is added once
# per process and only records while ``_opened`` is a list).
_opened: list[str] | None = None


def _on_audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(str(args[0] if not isinstance(args[0], bytes) else args[0].decode()))


sys.addaudithook(_on_audit)


@pytest.fixture(scope="module")
def long_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 actions over 24 years (8 archive years), 2,000 contacts, 1,900 closed
    follow-ups; the same property holds at any size (make bench uses 100,000)."""
    return write_demo_history(tmp_path_factory.mktemp("history"), 20_000, 2_000)


@pytest.fixture
def history(long_history: Path, tmp_path: Path, monkeypatch) -> Path:
    """A copy of the long history for one test, with its archive beside it."""
    return copy_history(long_history, tmp_path, monkeypatch)


@pytest.fixture
def converted_followups(monkeypatch) -> Iterator[list[dict]]:
    """Every follow-up document turned into a FollowUp while the test runs."""
    yield watch_conversions(monkeypatch, "followup_from_doc")


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _opened
    _opened = []
    try:
        yield _opened
    finally:
        _opened = None


def _a_person_with_closed_followups(path: Path) -> str:
    data = Store(path).load()
    closed = {f.contact_id for f in data.followups if f.closed is not None}
    open_ = {f.contact_id for f in data.followups if f.closed is None}
    person = next(c for c in data.contacts if c.id in closed and c.id not in open_)
    return person.name


def test_the_history_has_what_the_quick_add_must_leave_alone(history: Path, frozen) -> None:
    data = Store(history).load()
    assert len(list(archive.archive_folder(history).glob("*.json"))) >= 8
    assert sum(f.closed is not None for f in data.followups) > 1_000
    assert len(data.week_notes) > 100


def test_a_quick_add_reads_no_archive_file_and_converts_no_closed_followup(
    history: Path, frozen, capsys, opened: list[str], converted_followups: list[dict]
) -> None:
    name = _a_person_with_closed_followups(history)
    opened.clear()
    converted_followups.clear()
    assert main(["give", name, "sent the hiring deck"]) == 0
    assert capsys.readouterr().out.startswith(f"logged give → {name} · ")
    folder = str(archive.archive_folder(history))
    assert str(history) in opened  # the main file was read (the hook sees it)
    assert [p for p in opened if p.startswith(folder)] == []
    assert [d["id"] for d in converted_followups if d.get("closed") is not None] == []
    logged = Store(history).load()
    assert logged.actions[-1].note == "sent the hiring deck"


@pytest.mark.parametrize(
    "words", [["done", "{open}", "--no-log"], ["config", "week-start", "sunday"]]
)
def test_a_full_write_reads_no_archive_file_and_finds_few_closed_followups_or_notes(
    history: Path, frozen, capsys, opened: list[str], converted_followups: list[dict], words
) -> None:
    """Closed follow-ups and notes of past years live in the archive (schema 6): a
    full write neither reads a year file nor finds them in the main file."""
    data = Store(history).load()
    first_kept = archive.archived_before(json.loads(history.read_bytes()))
    assert first_kept is not None
    open_id = next(f.id for f in data.followups if f.closed is None)
    opened.clear()
    converted_followups.clear()
    assert main([w.format(open=open_id) for w in words]) == 0
    assert [p for p in opened if p.startswith(str(archive.archive_folder(history)))] == []
    old = [d for d in converted_followups if (d.get("closed") or "9")[:4] < str(first_kept)]
    assert old == []
    raw = json.loads(history.read_bytes())
    assert all((d["closed"] or "9") >= str(first_kept) for d in raw["followups"].values())
    assert all(d.get("skipped") or d["week"] >= str(first_kept) for d in raw["week_notes"].values())
    assert len(Store(history).load().followups) == len(data.followups)


def test_a_quick_add_after_the_days_first_write_neither_reads_nor_rewrites_the_main_file(
    history: Path, frozen, capsys, opened: list[str]
) -> None:
    """The day's first write keeps a copy and writes the quick-add index; later quick adds
    read that index and append to the journal: the main file is not opened at all."""
    name = _a_person_with_closed_followups(history)
    assert main(["give", name, "the first of the day"]) == 0
    before = history.stat()
    opened.clear()
    assert main(["give", name, "sent the hiring deck"]) == 0
    first, second = capsys.readouterr().out.splitlines()
    counted = int(first.rsplit(" ", 1)[1].split("/")[0])
    # The journal's week counts the earlier quick add and this one, as the main file would.
    assert second == f"logged give → {name} · Thu 19 Nov · gives this week {counted + 1}/3"
    assert str(history) not in opened, "the main file was opened"
    assert str(journal.journal_path(history)) in opened
    folder = str(archive.archive_folder(history))
    assert [p for p in opened if p.startswith(folder)] == []
    after = history.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    ), "the main file was rewritten"
    notes = [a.note for a in Store(history).load().actions[-2:]]
    assert notes == ["the first of the day", "sent the hiring deck"]


def test_a_meeting_still_closes_the_open_followup_it_owes(
    history: Path, frozen, capsys, converted_followups: list[dict]
) -> None:
    data = Store(history).load()
    meetings = [f for f in data.followups if f.closed is None and f.source_kind == "meet"]
    person = data.contact(meetings[0].contact_id)
    assert person is not None
    owed = min((f for f in meetings if f.contact_id == person.id), key=lambda f: (f.created, f.due))
    converted_followups.clear()
    assert main(["reach-out", person.name, "checked in"]) == 0
    assert [d["id"] for d in converted_followups if d.get("closed") is not None] == []
    after = {f.id: f for f in Store(history).load().followups}
    assert after[owed.id].closed is not None
    assert "closed follow-up" in capsys.readouterr().out


def test_a_new_name_close_to_a_contact_is_still_questioned(history: Path, frozen, capsys) -> None:
    contacts = Store(history).load().contacts
    name = next(c.name for c in contacts if len(c.name) > 8 and c.name[-1] != c.name[-2])
    typo = name[:-2] + name[-1] + name[-2]  # the last two letters swapped
    assert main(["give", typo, "hello"]) == 2
    assert f"did you mean {name}?" in capsys.readouterr().err


@pytest.fixture
def converted_contacts(monkeypatch) -> Iterator[list[dict]]:
    """The contacts turned into Contacts while the test runs."""
    yield watch_conversions(monkeypatch, "contact_from_doc")


def test_a_typo_and_a_new_name_are_answered_from_the_index_alone(
    history: Path, frozen, capsys, opened: list[str], converted_contacts: list[dict]
) -> None:
    """The check against typos compares the index's folded names, and makes contacts of
    the few close ones only: not the main file, not 2,000 contacts."""
    contacts = Store(history).load().contacts
    name = next(c.name for c in contacts if len(c.name) > 8 and c.name[-1] != c.name[-2])
    typo = name[:-2] + name[-1] + name[-2]
    assert main(["give", name, "the first of the day"]) == 0
    capsys.readouterr()
    opened.clear()
    converted_contacts.clear()
    assert main(["give", typo, "hello"]) == 2
    assert capsys.readouterr().err == (
        f"netrack: did you mean {name}? (add --new to create {typo})\n"
    )
    assert str(history) not in opened, "the main file was opened"
    assert name in [doc["name"] for doc in converted_contacts] and len(converted_contacts) < 10
    converted_contacts.clear()
    assert main(["give", "Quillon Zwyrtek", "hello"]) == 0
    assert capsys.readouterr().out.startswith("new contact: Quillon Zwyrtek\n")
    assert str(history) not in opened, "the main file was opened"
    assert converted_contacts == []
    assert main(["give", typo, "hello", "--new"]) == 0
    assert capsys.readouterr().out.startswith(f"new contact: {typo}\n")
    names = [c.name for c in Store(history).load().contacts]
    assert names[-2:] == ["Quillon Zwyrtek", typo]


# Read commands read only what they show ------------------------------------------------


@pytest.mark.parametrize(
    "words",
    [
        ["due"],  # with --all it lists the follow-ups closed years ago, from the archive
        ["log"],
        ["contacts"],
        ["cold"],
        ["balance"],
        ["next"],
        ["week", "--json"],
        ["plan"],
    ],
)
def test_read_commands_of_recent_things_open_no_archive_file(
    history: Path, frozen, capsys, opened: list[str], words: list[str]
) -> None:
    assert main(words) == 0  # the day counts beside the archive are made once
    opened.clear()
    assert main(words) == 0
    assert capsys.readouterr().out
    folder = archive.archive_folder(history)
    summaries = ("counts.json", "people.json", "meetings.json", "weeks.json")
    summary = {str(folder / name) for name in summaries}
    # Nothing of the archive but the summaries of its years (store/daycounts.py,
    # store/weeksummary.py).
    assert {p for p in opened if p.startswith(str(folder)) and p.endswith(".json")} <= summary


@pytest.mark.parametrize(
    ("words", "followups"),
    [
        (["cold"], "none"),
        (["contacts"], "none"),
        (["balance"], "none"),
        (["plan"], "none"),
        (["next"], "open"),
    ],
)
def test_read_commands_convert_no_followup_they_do_not_show(
    history: Path,
    frozen,
    capsys,
    converted_followups: list[dict],
    words: list[str],
    followups: str,
) -> None:
    assert main(words) == 0
    assert capsys.readouterr().out
    if followups == "none":
        assert converted_followups == []
    else:  # follow-ups due are suggested; closed ones never are
        assert converted_followups
        assert [d["id"] for d in converted_followups if d.get("closed") is not None] == []


def test_due_lists_the_open_followups_and_with_all_the_closed_ones_too(
    history: Path, frozen, capsys
) -> None:
    data = Store(history).load()
    open_ = [f for f in data.followups if f.closed is None]
    assert main(["due", "--json"]) == 0
    assert {f["id"] for f in json.loads(capsys.readouterr().out)} == {f.id for f in open_}
    assert main(["due", "--all", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == len(data.followups)


def test_log_of_an_archived_week_still_lists_its_actions(history: Path, frozen, capsys) -> None:
    data = Store(history).load()
    old = data.actions[0]
    assert old.at.year < frozen.year - 1  # in a year file
    assert main(["log", "--week", old.at.date().isoformat(), "--json"]) == 0
    assert old.id in {a["id"] for a in json.loads(capsys.readouterr().out)}


def test_contacts_last_touched_years_ago_show_how_long_ago(history: Path, frozen, capsys) -> None:
    data = Store(history).load()
    touches = last_touches(data.actions)
    old = min(
        (c for c in data.contacts if c.id in touches and not c.archived),
        key=lambda c: touches[c.id].at,
    )
    assert touches[old.id].at.year < frozen.year - 1  # known only from the archive
    assert main(["contacts", "--json"]) == 0
    listed = {c["id"]: c for c in json.loads(capsys.readouterr().out)}
    assert listed[old.id]["last_touch"] == touches[old.id].at.isoformat()
    assert main(["contacts"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith(old.name))
    years = frozen.year - touches[old.id].at.year
    assert "y ago" in line or "years ago" in line, (line, years)


# The app paints Today before it reads the archive ---------------------------------------


async def test_the_app_paints_today_first_and_the_other_screens_once_the_archive_is_in(
    history: Path, frozen, monkeypatch
) -> None:
    import threading

    from textual.widgets import DataTable

    import netrack.tui.state
    from tests.tui_support import make_app, table_rows, wait_until

    # What the app keeps of the archived years is held back until the test lets it in
    # (the archive's sums come first).
    let_in = threading.Event()
    read_past = netrack.tui.state.read_with_past

    def held_back(store: Store):
        reads = read_past(store)
        yield next(reads)
        assert let_in.wait(60), "the test never let the history in"
        yield from reads

    monkeypatch.setattr(netrack.tui.state, "read_with_past", held_back)
    data = Store(history).load()
    this_week = [a for a in data.actions if a.at.date() >= frozen.start_of("week").date()]
    active = sum(1 for c in data.contacts if not c.archived)

    app = make_app(history)
    async with app.run_test(size=(140, 40)) as pilot:
        week = app.screen.query_one("#week-actions", DataTable)
        await wait_until(pilot, lambda: week.row_count == len(this_week), "this week's actions")
        assert not app.whole_history()
        # Suggestions (who is owed a give too) come from the archive's summary, read
        # before the archived years themselves.
        suggested = app.screen.query_one("#suggestions", DataTable)
        await wait_until(
            pilot, lambda: app.snapshot.counted and suggested.row_count > 1, "suggestions"
        )
        first = table_rows(suggested)
        assert len(first) > 1 and first[0][0] != "—"
        cold = table_rows(app.screen.query_one("#cold", DataTable))
        assert cold and cold[0][0] != "—"  # keep-in-touch knows the archived touches
        await pilot.press("2")
        contacts = app.screen.query_one("#contacts", DataTable)
        await wait_until(pilot, lambda: app.screen.query_one("#contacts").parent, "Contacts")
        assert contacts.row_count == 0 and contacts.parent is not None
        assert any(child.loading for child in app.screen.children)
        let_in.set()
        await wait_until(pilot, app.whole_history, "the whole history")
        await wait_until(pilot, lambda: contacts.row_count == active, "every contact")
        assert not any(child.loading for child in app.screen.children)
        await pilot.press("1")
        suggested = app.screen.query_one("#suggestions", DataTable)
        assert table_rows(suggested) == first, "the whole history suggests the same people"
