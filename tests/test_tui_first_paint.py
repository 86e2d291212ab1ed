"""Today is painted from the main file alone; the archived years come in after.

Not timed (``make bench`` measures how soon Today is painted): these tests hold the
reading of the archive back, look at what Today shows meanwhile (placeholders where a
number needs the archive), switch screens while it is read, and watch which files the
first paint opens.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from textual.widgets import DataTable

import netrack.tui.state
from netrack.domain.analysis import Analysis
from netrack.domain.suggestions import suggestions
from netrack.store import Store, archive
from netrack.store.daycounts import FILES
from netrack.store.pastreads import read_with_past
from netrack.tui.screens.today import WORKING_OUT
from netrack.tui.widgets.habit_bars import STREAK_TO_COME
from tests.history_support import copy_history, write_demo_history
from tests.tui_support import make_app, screen_lines, table_rows, wait_until

# Paths opened while a test listens (an audit hook cannot be removed: it is added once
# per process and records only while ``_opened`` is a list).
_opened: list[str] | None = None


def _on_audit(event: str, args: tuple) -> None:
    if _opened is not None and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(str(args[0] if not isinstance(args[0], bytes) else args[0].decode()))


sys.addaudithook(_on_audit)
_read_whole = Store.load  # as it is, before a test holds it back


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6,000 actions over three years: the oldest in the archive, the rest in the file."""
    path = write_demo_history(tmp_path_factory.mktemp("history"), 6_000, 300)
    assert archive.archive_folder(path).is_dir()
    return path


@pytest.fixture
def history(written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_history(written, tmp_path, monkeypatch)


@pytest.fixture
def held(monkeypatch) -> Iterator[threading.Event]:
    """The archive (its summary and its years) is read only once the event is set."""
    let_in = threading.Event()
    load, load_recent = Store.load, Store.load_recent

    def whole(self: Store, *args, **kwargs):
        assert let_in.wait(60), "the test never let the archive in"
        return load(self, *args, **kwargs)

    def recent(self: Store, *args, **kwargs):
        if kwargs.get("summary", ("days",)):  # the first paint reads no summary
            assert let_in.wait(60), "the test never let the archive in"
        return load_recent(self, *args, **kwargs)

    def with_past(store: Store):
        assert let_in.wait(60), "the test never let the archive in"
        yield from read_with_past(store)

    monkeypatch.setattr(Store, "load", whole)
    monkeypatch.setattr(Store, "load_recent", recent)
    monkeypatch.setattr(netrack.tui.state, "read_with_past", with_past)
    try:
        yield let_in
    finally:
        let_in.set()  # never leave a worker waiting


def _waiting(table: DataTable) -> bool:
    rows = table_rows(table)
    return rows == [[WORKING_OUT, "", ""]]


def _expected(path: Path) -> Analysis:
    """What the whole history says, read as a read command would."""
    return Analysis(_read_whole(Store(path)), pendulum.now())


async def test_today_shows_placeholders_until_the_archive_is_counted_then_its_numbers(
    history: Path, frozen, held: threading.Event
) -> None:
    whole = _expected(history)
    this_week = whole.week_actions(whole.current_week)
    app = make_app(history)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.screen
        week = screen.query_one("#week-actions", DataTable)
        suggested = screen.query_one("#suggestions", DataTable)
        cold = screen.query_one("#cold", DataTable)
        # Painted at once: this week, the plan, the follow-ups, the bars' counts.
        await wait_until(pilot, lambda: week.row_count == len(this_week), "this week")
        assert _waiting(suggested) and _waiting(cold)
        # The bars are made with the screen (painted with it) and drawn again in place.
        first_bars = list(screen.query(".habit-bar"))
        assert len(first_bars) == len(whole.data.habits)
        bars = [line for line in screen_lines(app) if STREAK_TO_COME.strip() in line]
        assert len(bars) == len(whole.data.habits) // 2 + len(whole.data.habits) % 2
        for record in whole.habit_records():
            latest = record.latest
            assert latest is not None
            assert any(f"{latest.count}/{latest.target}" in line for line in bars)

        held.set()
        await wait_until(pilot, lambda: not _waiting(suggested), "the suggestions")
        await wait_until(pilot, lambda: not _waiting(cold), "the keep-in-touch list")
        names = [row[0] for row in table_rows(suggested)]
        assert names == [s.contact.name for s in suggestions(whole)][: len(names)]
        coldest = [t.contact.name for t in whole.going_cold()]
        assert [row[0] for row in table_rows(cold)][:5] == coldest[:5]
        await wait_until(
            pilot, lambda: STREAK_TO_COME.strip() not in "\n".join(screen_lines(app)), "streaks"
        )
        assert list(screen.query(".habit-bar")) == first_bars
        shown = "\n".join(screen_lines(app))
        for record in whole.habit_records():
            if record.current_streak:
                assert f"streak {record.current_streak}" in shown
        assert week.row_count == len(this_week)


async def test_switching_screens_while_the_archive_is_read_shows_each_once_it_is_in(
    history: Path, frozen, held: threading.Event
) -> None:
    active = sum(1 for c in _expected(history).data.contacts if not c.archived)
    app = make_app(history)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("2")
        await wait_until(pilot, lambda: app.current_mode == "contacts", "Contacts")
        contacts = app.screen.query_one("#contacts", DataTable)
        assert contacts.row_count == 0
        assert any(child.loading for child in app.screen.children)
        await pilot.press("3")
        await pilot.press("1")
        suggested = app.screen.query_one("#suggestions", DataTable)
        assert _waiting(suggested)
        held.set()  # the archive arrives while Today is shown, then Contacts is opened
        await pilot.press("2")
        await wait_until(pilot, app.whole_history, "the whole history")
        await wait_until(pilot, lambda: contacts.row_count == active, "every contact")
        assert not any(child.loading for child in app.screen.children)
        await pilot.press("1")
        await wait_until(pilot, lambda: not _waiting(suggested), "the suggestions")
        assert STREAK_TO_COME.strip() not in "\n".join(screen_lines(app))
        assert app.is_running


async def test_the_first_paint_opens_no_archive_year_file(
    history: Path, frozen, held: threading.Event
) -> None:
    global _opened
    folder = archive.archive_folder(history)
    _opened = []
    try:
        app = make_app(history)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            opened = [Path(p) for p in _opened]
            week = app.screen.query_one("#week-actions", DataTable)
            assert week.row_count > 0  # painted, from the main file
            held.set()
            await wait_until(pilot, app.whole_history, "the whole history")
    finally:
        seen, _opened = _opened, None
    assert history in opened
    summaries = set(FILES.values())
    years = [p for p in opened if p.parent == folder and p.name not in summaries]
    assert years == [], "the first paint read archived years"
    # The hook sees them once they are read (after the paint): it would catch them.
    assert any(Path(p).parent == folder and Path(p).name not in summaries for p in seen)


async def test_the_stylesheet_is_parsed_once_at_start_and_again_on_a_theme_change(
    history: Path, frozen, monkeypatch
) -> None:
    # Textual counts setting the theme at start as a change and would parse every source
    # afresh before the first screen; the app's stylesheet already has those variables.
    from textual.css.stylesheet import Stylesheet

    reparsed: list[int] = []
    reparse = Stylesheet.reparse

    def counted(sheet: Stylesheet) -> None:
        reparsed.append(1)
        reparse(sheet)

    monkeypatch.setattr(Stylesheet, "reparse", counted)
    app = make_app(history)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#week-actions", DataTable).row_count > 0
        assert reparsed == [], "the stylesheet was parsed afresh before the first paint"
        dark = app.screen.styles.background
        app.theme = "textual-light"
        await pilot.pause()
        assert reparsed, "a theme change did not parse the stylesheet with its colours"
        assert app.screen.styles.background != dark, "the theme's colours were not applied"


async def test_a_habit_added_or_removed_meanwhile_gets_its_bar_or_loses_it(
    history: Path, frozen
) -> None:
    # Bars made ready for the habits known at start; another process adds one later.
    from netrack.operations.habits import add_habit, remove_habit

    habits = len(_expected(history).data.habits)
    app = make_app(history)
    async with app.run_test(size=(140, 40)) as pilot:
        await wait_until(pilot, app.whole_history, "the whole history")
        add_habit(Store(history), pendulum.now(), "Posts written", "post", "2")
        app.reload()
        await wait_until(
            pilot, lambda: len(app.screen.query(".habit-bar")) == habits + 1, "the new bar"
        )
        await wait_until(
            pilot, lambda: "Posts written" in "\n".join(screen_lines(app)), "the new habit"
        )
        remove_habit(Store(history), "Posts written")
        app.reload()
        await wait_until(
            pilot, lambda: "Posts written" not in "\n".join(screen_lines(app)), "its removal"
        )
        assert len(app.screen.query(".habit-bar")) == habits


async def test_today_is_laid_out_with_its_tables_sized_and_not_again_for_the_same_size(
    history: Path, frozen, held: threading.Event, monkeypatch
) -> None:
    # Each layout of Today measures and repaints every widget on it. A DataTable works
    # out its size only once idle: laid out empty first, the screen was laid out again
    # for the rows; and the terminal's size, told twice more as the app starts, laid
    # it out twice more unchanged.
    from textual.screen import Screen

    from netrack.tui.screens.today import TodayScreen

    layouts: list[dict[str, int]] = []  # the tables' heights as each layout begins
    refresh_layout = Screen._refresh_layout

    def counted(screen: Screen, size=None, scroll: bool = False) -> None:
        if isinstance(screen, TodayScreen) and not scroll:
            tables = screen.query(DataTable)
            layouts.append({str(t.id): t.virtual_size.height for t in tables if t.row_count})
        refresh_layout(screen, size, scroll)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    app = make_app(history)
    async with app.run_test(size=(160, 50)) as pilot:
        week = app.screen.query_one("#week-actions", DataTable)
        await wait_until(pilot, lambda: week.row_count > 0, "this week")
        await pilot.pause()
        first = layouts[0]
        assert first, "Today was laid out before its tables were filled"
        for table in app.screen.query(DataTable):
            if table.row_count:  # a row each, and the header
                assert first[str(table.id)] == table.row_count + 1, table.id
        held.set()  # the lists drawn whole: a resize redraws those it must
        await wait_until(pilot, app.whole_history, "the whole history")
        before = -1
        while len(layouts) != before:  # until nothing is left to lay out
            before = len(layouts)
            await pilot.pause(0.3)
        await pilot.resize_terminal(160, 50)  # the same size: nothing to lay out
        await pilot.pause(0.3)
        assert len(layouts) == before
        await pilot.resize_terminal(100, 40)  # a new size is laid out, narrow
        await wait_until(pilot, lambda: app.screen.has_class("narrow"), "narrowed")
        assert len(layouts) > before
        assert week.size.width <= 100


_PAINT_THEN_LIST_MODULES = """
import asyncio, sys
from netrack.store import Store
from netrack.tui.app import NetrackApp

async def main(path):
    app = NetrackApp(Store(path), watch_file=False, build_ahead=False)
    async with app.run_test(size=(160, 50)):
        painted = asyncio.get_running_loop().create_future()
        app.screen.call_after_refresh(lambda: painted.set_result(None))
        await painted
        print(" ".join(sorted(sys.modules)))
        app.exit()

asyncio.run(main(sys.argv[1]))
"""


def test_the_first_paint_imports_no_write_side(history: Path) -> None:
    # Logging, ticking a follow-up done or dropping a plan item import the operations
    # (and with them TinyDB, the transaction, the quick index) when first used.
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", _PAINT_THEN_LIST_MODULES, str(history)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modules = set(done.stdout.split())
    assert "netrack.tui.screens.today" in modules, "the app did not paint Today"
    loaded = sorted(
        m
        for m in modules
        if m == "tinydb" or m.startswith(("netrack.operations", "netrack.store.transaction"))
    )
    assert loaded == [], loaded
