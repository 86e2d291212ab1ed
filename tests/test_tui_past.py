"""The app keeps the archived years as their sums and an index, and reads the rest on demand.

Not timed (``make bench`` measures memory and speed): these tests check that once the
archive is in, the app holds no archived action, and that what every screen shows of
the past is still what the whole history says: the note search on Contacts, a contact's
timeline (read from the year files when the contact is picked), the counts a merge and
the triage show, and the review of a week in the archived years.
"""

from __future__ import annotations

import io
from pathlib import Path

import pendulum
import pytest
from rich.console import Console, RenderableType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Input, Static

from netrack.domain.analysis import Analysis
from netrack.domain.contact_query import ContactQuery, action_notes, matches
from netrack.domain.models import Action, Dataset
from netrack.domain.review import week_review
from netrack.store import Store, archive
from netrack.store.pastreads import load_with_past
from netrack.tui.screens.review import ReviewScreen
from netrack.tui.widgets.contact_story import TIMELINE_SHOWN, contact_story
from netrack.tui.widgets.forms import MergeForm
from netrack.tui.widgets.tables import fill_now
from tests.history_support import copy_history, write_demo_history
from tests.tui_support import make_app, screen_text, wait_until


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6,000 actions over three years: the oldest in the archive, the rest in the file."""
    path = write_demo_history(tmp_path_factory.mktemp("history"), 6_000, 300)
    assert archive.archive_folder(path).is_dir()
    return path


@pytest.fixture
def history(written: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_history(written, tmp_path, monkeypatch)


def _plain(renderable: RenderableType) -> str:
    console = Console(width=90, file=io.StringIO(), record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def _split(path: Path) -> tuple[Dataset, Dataset, list[Action]]:
    """The whole history, the main file alone, and the archived actions."""
    whole = Store(path).load()
    main, _ = Store(path).load_main()
    kept = {a.id for a in main.actions}
    return whole, main, [a for a in whole.actions if a.id not in kept]


async def _past_in(app, pilot) -> None:
    await wait_until(pilot, app.whole_history, "the archive")


async def test_once_the_archive_is_in_the_app_holds_none_of_its_actions(
    history: Path, frozen
) -> None:
    whole, main, archived = _split(history)
    assert archived and len(whole.actions) == len(main.actions) + len(archived)
    app = make_app(history)
    async with app.run_test(size=(140, 40)) as pilot:
        await _past_in(app, pilot)
        held = {a.id for a in app.snapshot.data.actions}
        assert held == {a.id for a in main.actions}
        assert not held & {a.id for a in archived}
        # ... but every archived follow-up and week note, and each contact's count.
        assert {f.id for f in app.snapshot.data.followups} == {f.id for f in whole.followups}
        assert {n.id for n in app.snapshot.data.week_notes} == {n.id for n in whole.week_notes}
        for contact in whole.contacts[:50]:
            expected = sum(1 for a in archived if a.contact_id == contact.id)
            assert app.snapshot.past.count(contact.id) == expected


def test_the_index_of_the_past_agrees_with_the_year_files(history: Path) -> None:
    _, _, archived = _split(history)
    _, earlier, index = load_with_past(Store(history))
    assert earlier is not None
    assert sum(index.counts.values()) == sum(1 for a in archived if a.contact_id)
    assert index.notes == action_notes(archived)
    for contact_id, years in list(index.years.items())[:40]:
        assert set(years) == {a.at.year for a in archived if a.contact_id == contact_id}
    named = archive.manifest(Store(history).read_raw(), history)
    assert [year for year, _ in index.files] == sorted(named.files)


async def test_note_search_finds_contacts_by_what_only_the_archive_holds(
    history: Path, frozen
) -> None:
    whole, main, archived = _split(history)
    every_note, recent_notes = action_notes(whole.actions), action_notes(main.actions)
    active = [c for c in whole.contacts if not c.archived]

    def found(word: str, notes: dict[str, str]) -> set[str]:
        query = ContactQuery.typed(word)
        return {c.id for c in active if matches(c, query, None, lambda: notes)}

    # A word of an archived note that finds more people than the main file's notes do.
    words = (w for a in archived for w in a.note.casefold().split() if len(w) > 3)
    word = next(w for w in words if found(w, every_note) != found(w, recent_notes))
    expected = found(word, every_note)
    app = make_app(history, start_screen="contacts")
    async with app.run_test(size=(140, 40)) as pilot:
        await _past_in(app, pilot)
        app.screen.query_one("#contact-filter", Input).value = word
        table = app.screen.query_one("#contacts", DataTable)
        await wait_until(pilot, lambda: table.row_count == len(expected), "the search")
        fill_now(table)
        assert {key.value for key in table.rows} == expected


async def test_a_contacts_timeline_reaches_into_the_archive_once_picked(
    history: Path, frozen
) -> None:
    whole, main, archived = _split(history)
    recent = {
        c: sum(1 for a in main.actions if a.contact_id == c)
        for c in {a.contact_id for a in archived}
    }
    contact_id = max(
        (c for c, n in recent.items() if c and n < TIMELINE_SHOWN // 2),
        key=lambda c: sum(1 for a in archived if a.contact_id == c),
    )
    contact = next(c for c in whole.contacts if c.id == contact_id)
    expected = _plain(contact_story(contact, Analysis(whole, pendulum.now())))
    app = make_app(history, start_screen="contacts")
    async with app.run_test(size=(140, 40)) as pilot:
        await _past_in(app, pilot)
        app.screen._select(contact.id)
        detail = app.screen.query_one("#detail", Static)
        await wait_until(
            pilot, lambda: "being read" not in _plain(detail.content), "the archived timeline"
        )
        assert _plain(detail.content) == expected
        total = sum(1 for a in whole.actions if a.contact_id == contact.id)
        assert f"Timeline ({total})" in expected
        # The merge form counts the archived actions too.
        await pilot.press("M")
        await wait_until(pilot, lambda: isinstance(app.screen, MergeForm), "the merge form")
        assert app.screen.actions == total


async def test_the_review_of_an_archived_week_is_the_whole_historys(history: Path, frozen) -> None:
    whole = Analysis(Store(history).load(), pendulum.now())
    _, earlier = Store(history).load_recent()
    assert earlier is not None
    week = whole.calendar.week_of_day(earlier.until).shifted(-30)
    app = make_app(history, start_screen="review", review_week=week.label)
    async with app.run_test(size=(140, 60)) as pilot:
        await _past_in(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        body = screen.query_one("#review", VerticalScroll)
        await wait_until(pilot, lambda: not body.loading and screen.week == week, "the review")
        await pilot.pause()
        review = week_review(whole, week)
        assert review.reach_outs or review.reciprocity.gives  # a week with something in it
        assert screen.query_one("#review-people", Static).content == screen._people(review)
        reciprocity = screen.query_one("#review-reciprocity", Static).content
        assert reciprocity == screen._reciprocity(review)
        assert week.label in screen_text(app)
