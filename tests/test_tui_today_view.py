"""Today's first paint from the read view (store/readview.py, tui/state.py).

On a long history the app paints Today before reading the archive, from the read view
when it is current rather than from the main file's megabytes. These tests paint Today
both ways (the archive held back, so the first paint stays on screen) and ask for the
very same screen; and after each way the data can move on without the view (another
process's write, a quick add in the journal, an undo, a restore, a hand edit) they ask
that Today shows the data as it is now, never as the view last saw it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from textual.widgets import DataTable

import netrack.tui.state
from netrack.cli.main import main
from netrack.domain.getting_started import needs_guide
from netrack.domain.kinds import MEET
from netrack.domain.weeks import calendar_for
from netrack.store import Store, readview
from netrack.store.backups import daily_backup_path
from netrack.store.pastreads import read_with_past
from netrack.tui.screens.today import TodayScreen
from tests.conftest import FROZEN_NOW, run_netrack, time_at
from tests.history_support import copy_history
from tests.tui_support import make_app, screen_lines, table_rows, wait_until

SIZE = (150, 60)


@pytest.fixture
def history(several_years: Path, tmp_path: Path, monkeypatch, frozen) -> Path:
    monkeypatch.setattr(readview, "MIN_BYTES", 0)  # a view for this small history too
    return copy_history(several_years, tmp_path, monkeypatch)


class Watch:
    """Whether each read of the view found it current (``found``); the archive is held
    back until the app that asked for it has closed, so that Today's first paint stays
    on screen."""

    def __init__(self) -> None:
        self.found: list[bool] = []
        self.gate = threading.Event()

    def release(self) -> None:
        """Let the closed app's worker read the archive; hold the next app's."""
        self.gate.set()
        self.gate = threading.Event()


@pytest.fixture
def served(monkeypatch) -> Iterator[Watch]:
    watch = Watch()
    from_view = netrack.tui.state.today_from_view

    def watched(store: Store, now):
        result = from_view(store, now)
        watch.found.append(result is not None)
        return result

    def held(store: Store):
        gate = watch.gate
        assert gate.wait(60), "the app never closed"
        yield from read_with_past(store)

    monkeypatch.setattr(netrack.tui.state, "today_from_view", watched)
    monkeypatch.setattr(netrack.tui.state, "read_with_past", held)
    try:
        yield watch
    finally:
        watch.release()


async def _first_paint(path: Path, watch: Watch) -> tuple[list[str], list[list[str]]]:
    """Today as first painted: the screen's lines and the follow-ups' rows."""
    app = make_app(path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, TodayScreen)
            await wait_until(pilot, lambda: screen.shown_version == 0, "the first paint")
            # The lists on the right are drawn again once the screen is laid out.
            laid_out = lambda: screen._side_drawn_for == screen._side_room()  # noqa: E731
            await wait_until(pilot, laid_out, "the layout")
            await pilot.pause()
            assert app.snapshot.version == 0, "still the first snapshot"
            followups = table_rows(screen.query_one("#followups", DataTable))
            return screen_lines(app), followups
    finally:
        watch.release()


async def _painted_both_ways(path: Path, served: Watch, monkeypatch) -> list[str]:
    """Today painted with the view as it is now, then from the main file: the same
    screen (returned). Leaves the view as it found it."""
    served.found.clear()
    through_view, rows = await _first_paint(path, served)
    with monkeypatch.context() as inner:
        inner.setattr(readview, "MIN_BYTES", 1 << 40)  # no view is trusted: the main file
        from_main, main_rows = await _first_paint(path, served)
    assert through_view == from_main
    assert rows == main_rows
    return through_view


def _view_made() -> None:
    assert main(["next"]) == 0  # a read through the view makes it afresh when stale


def _open_meeting_followup(path: Path) -> tuple[str, str]:
    """A follow-up a meeting opened, still open: its id and its contact's name."""
    data = Store(path).load()
    followup = next(f for f in data.followups if f.is_open and f.source_kind == MEET)
    contact = data.contact(followup.contact_id)
    assert contact is not None
    return followup.id, contact.name


async def test_today_painted_from_the_view_is_what_the_main_file_paints(
    history: Path, served: Watch, monkeypatch, capsys
) -> None:
    _view_made()
    shown = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is True, "the first paint came from the view"
    text = "\n".join(shown)
    assert "This week" in text and "working out" in text


async def test_a_quick_add_in_the_journal_not_yet_folded_is_painted(
    history: Path, served: Watch, monkeypatch, capsys
) -> None:
    name = _open_meeting_followup(history)[1]
    assert main(["ask", name, "the day's first write, a copy"]) == 0  # closes nothing
    _view_made()
    # A give closes the person's open follow-up from a meeting: both in the journal.
    assert main(["give", name, "journaled thanks"]) == 0
    assert Path(f"{history}.journal").exists(), "the quick add waits in the journal"
    shown = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is True, "the journal's new lines were applied to the view"
    assert "journaled thanks" in "\n".join(shown)
    _, rows = await _first_paint(history, served)
    done = [row for row in rows if row[0] == "✓ done"]
    assert len(done) == 1 and name[:10] in done[0][1], "the follow-up it closed, done today"


async def test_a_write_by_another_process_is_painted_not_the_view(
    history: Path, served: Watch, monkeypatch, capsys
) -> None:
    _view_made()
    name = _open_meeting_followup(history)[1]
    renamed = run_netrack("contact", "edit", name, "--name", "Renamed Elsewhere", db=history)
    assert renamed.returncode == 0, renamed.stderr
    shown = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is False, "the view was made before the write: not trusted"
    assert "Renamed Elsewhere" in "\n".join(shown)
    _view_made()  # made again: trusted, with the new name
    shown = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is True
    assert "Renamed Elsewhere" in "\n".join(shown)


async def test_a_follow_up_done_today_is_painted_from_a_view_made_after_it(
    history: Path, served: Watch, monkeypatch, capsys
) -> None:
    owed = json.loads(_printed(["due", "--json"], capsys))
    done = run_netrack("done", owed[0]["id"][:8], db=history)
    assert done.returncode == 0, done.stderr
    _view_made()
    shown = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is True
    _, rows = await _first_paint(history, served)
    assert any(row[0] == "✓ done" for row in rows), "done today, from the view's closed ones"
    assert "✓ done" in "\n".join(shown)


async def test_an_undo_and_a_restore_are_painted_not_the_view(
    history: Path, served: Watch, monkeypatch, capsys
) -> None:
    assert main(["give", _open_meeting_followup(history)[1], "the day's first"]) == 0
    owed = json.loads(_printed(["due", "--json"], capsys))
    assert main(["done", owed[0]["id"][:8]]) == 0
    _view_made()
    before = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is True
    assert main(["undo"]) == 0
    undone = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is False, "made before the undo: not trusted"
    assert undone != before
    _view_made()
    copy = daily_backup_path(history, FROZEN_NOW.date())
    assert copy is not None and copy.exists()
    assert main(["restore", copy.name, "--yes"]) == 0
    restored = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is False, "made before the restore: not trusted"
    assert "the day's first" not in "\n".join(restored)


async def test_a_hand_edit_of_the_main_file_is_painted_not_the_view(
    history: Path, served: Watch, monkeypatch, capsys
) -> None:
    _view_made()
    name = _open_meeting_followup(history)[1]
    raw = json.loads(history.read_text("utf-8"))
    for doc in raw["contacts"].values():
        if doc["name"] == name:
            doc["name"] = name.upper()  # the same size, as an editor might leave it
    history.write_text(json.dumps(raw), "utf-8")
    shown = await _painted_both_ways(history, served, monkeypatch)
    assert served.found[0] is False
    assert name.upper() in "\n".join(shown)


async def test_the_start_guide_is_decided_from_every_action_not_the_views_weeks(
    tmp_path: Path, served: Watch, monkeypatch, frozen, capsys
) -> None:
    # The default targets and no close circle: the guide stays until actions fall in two
    # weeks. Those are months old, older than the view's weeks: it cannot tell.
    monkeypatch.setattr(readview, "MIN_BYTES", 0)
    path = tmp_path / "old.json"
    monkeypatch.setenv("NETRACK_DB", str(path))
    with time_at(pendulum.datetime(2026, 5, 4, 9, tz="Europe/Berlin")):
        assert main(["give", "Dana Lee", "in May"]) == 0
    with time_at(pendulum.datetime(2026, 5, 12, 9, tz="Europe/Berlin")):
        assert main(["give", "Dana Lee", "a week on"]) == 0
    _view_made()
    shown = await _painted_both_ways(path, served, monkeypatch)
    assert served.found[0] is True, "the view is current, but not enough for the guide"
    assert "in May" not in "\n".join(shown)  # this week's list holds none of them
    whole = Store(path).load()
    assert not needs_guide(whole, calendar_for(whole.settings)), "the guide is done"


def _printed(words: list[str], capsys) -> str:
    capsys.readouterr()
    assert main(words) == 0
    return capsys.readouterr().out
