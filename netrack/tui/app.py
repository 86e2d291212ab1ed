"""The netrack app: six screens over one data file that may change under it."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterable
from functools import partial
from typing import TypeVar

from textual import events, on
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import get_current_worker

from netrack import clock
from netrack.collector import collector_paused
from netrack.domain.models import Dataset
from netrack.errors import NetrackError
from netrack.store import FileState, Store
from netrack.tui.ahead import ScreensAhead
from netrack.tui.keys import KeyRouter
from netrack.tui.less_redrawing import LessRedrawing
from netrack.tui.modes import SCREENS, mode_factories, mode_screens, screen_class
from netrack.tui.palette import palette_commands
from netrack.tui.people_commands import PeopleProvider
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import FileRead, Snapshot, read_in_turn, read_in_worker, take_snapshot
from netrack.tui.syncing import Syncing
from netrack.tui.undo import UndoActions, UndoKeeper
from netrack.tui.widgets.people_table import PeopleTable
from netrack.tui.writes import (
    HELD_ELSEWHERE,
    Change,
    Job,
    WriteCrashed,
    WriteQueue,
    WriteRefused,
    WritesMade,
    held_elsewhere,
)

T = TypeVar("T")

FILE_CHECK_SECONDS = 1.0
SLOW_WRITE_SECONDS = 1.5  # a change not made by then is waiting for another process


class NetrackApp(UndoActions, Syncing, LessRedrawing):
    """Reads the data file once, redraws from that snapshot, and re-reads it when it changes.

    Every change goes through ``write`` (the one write path): an operation's store
    transaction (locked, re-read, atomic) run in a worker thread, so a quick add made in
    another terminal is never overwritten and the app never freezes waiting for it. A
    timer notices changes made elsewhere and reloads, also off the UI thread.
    """

    TITLE = "netrack"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PeopleProvider}
    MODES = mode_factories()
    DEFAULT_MODE = "today"
    BINDINGS = [
        *(
            Binding(key, f"switch_mode('{name}')", title, show=False)
            for name, key, title, _ in SCREENS
        ),
        Binding("question_mark", "help", "Help"),
        Binding("comma", "settings", "Settings", show=False),
        Binding("u", "undo", "Undo", tooltip="Undo the newest change (asks unless just logged)"),
        Binding("U", "redo", "Redo", tooltip="Redo what the latest undo took back"),
        Binding("h", "history", "History", tooltip="Every change, newest first (u undoes any)"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        start_screen: str = "today",
        review_week: str | None = None,
        watch_file: bool = True,
        snapshot: Snapshot | None = None,
        build_ahead: bool = True,
    ) -> None:
        """``snapshot``: the file as just read by the caller, so as not to read it twice."""
        # Starting up makes many objects that live as long as the app: the collector
        # waits until the first screen has been drawn, then leaves them alone.
        self._startup = contextlib.ExitStack()
        self._startup.enter_context(collector_paused())
        super().__init__()
        self.store = store
        # Known before the first screen is made: set once mounted, the header laid
        # itself out again after Today's first paint.
        self.sub_title = str(store.path)
        self.start_screen = start_screen
        self.review_week = review_week
        self.watch_file = watch_file
        self._versions = itertools.count(1)  # each read's number; the latest one is shown
        try:
            # The main file only: Today is painted from it, and the archived years are
            # read in a worker after the first paint (``on_mount``).
            self.snapshot: Snapshot = snapshot or take_snapshot(
                store, 0, recent=True, counted=False
            )
        except BaseException:
            self._startup.close()
            raise
        self.load_error: str | None = None
        self._unreadable: FileState | None = None  # the state of a file that failed to load
        self._writes = WriteQueue(self)
        self._writes_pending = 0
        self._slow_write: Timer | None = None
        self._quit_when_written = False
        self.undoing = UndoKeeper(self)
        self._keys = KeyRouter(self)
        self.screens_ahead = ScreensAhead(self, [n for n, *_ in SCREENS], self._keys, build_ahead)

    def format_title(self, title: str, sub_title: str) -> Content:
        """``netrack · Today — netrack.json``, the file's name dimmed; the dash ends the
        title's piece, so the words keep their spaces when read piece by piece."""
        if not sub_title:
            return Content(title)
        return Content.assemble(f"{title} — ", Content(sub_title).stylize("dim"))

    async def on_event(self, event: events.Event) -> None:
        # Keys are taken as they arrive, or held while a dialog opens (netrack.tui.keys).
        if (
            isinstance(event, events.Key)
            and not event.is_forwarded
            and await self._keys.take(event)
        ):
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self.call_after_refresh(self._startup.close)
        if not self.snapshot.complete:
            self.call_after_refresh(self._read_the_past)
        if self.start_screen != self.DEFAULT_MODE:
            self.switch_mode(self.start_screen)
        if self.watch_file:
            self.set_interval(FILE_CHECK_SECONDS, self.check_file)
        self.screens_ahead.start()

    def on_unmount(self) -> None:
        self._startup.close()  # if it ended before its first screen was drawn

    # Data ----------------------------------------------------------------------------

    def check_file(self) -> None:
        """Reload when the file changed (another process wrote) or the user's day turned.

        With sync on, also take in what other computers published meanwhile.
        """
        if self._writes_pending:
            return  # the write path reads the file once its changes are made
        self.check_for_news()
        try:
            state = self.store.file_state()
        except NetrackError:
            state = None
        analysis = self.snapshot.analysis
        new_day = analysis.calendar.day_of(clock.now()) != analysis.today
        # A file that could not be read is tried again only once it changes.
        changed = state != self.snapshot.file_state and state != self._unreadable
        if changed or new_day:
            self.reload(state)

    def whole_history(self) -> bool:
        """True once the past is in as the app keeps it (``Snapshot.complete``): every
        screen can be drawn."""
        return self.snapshot.complete

    def reload(self, state: FileState | None = None) -> None:
        """Read the file again, off the UI thread, and redraw when it has been read."""
        self.run_worker(partial(self._reload, state), thread=True, exclusive=True, group="reload")

    def _read_the_past(self) -> None:
        """Once Today is painted, off the UI thread: the archive's sums (Today's streaks,
        keep-in-touch, suggestions), then the rest the screens need (``complete``)."""

        def in_turn() -> None:
            with contextlib.closing(read_in_turn(self.store, self._versions)) as reads:
                for snapshot, error in reads:
                    if get_current_worker().is_cancelled:
                        return  # a later read replaces it
                    with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
                        self.post_message(FileRead(snapshot, error, None))

        self.run_worker(in_turn, thread=True, exclusive=True, group="reload")

    def _reload(self, state: FileState | None) -> None:
        snapshot, error = self.read_snapshot()
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
            self.post_message(FileRead(snapshot, error, state))

    def read_snapshot(self) -> tuple[Snapshot | None, str]:
        """The file as read now, or why it could not be read (any thread)."""
        return read_in_worker(self.store, next(self._versions), recent=False)

    def read_whole(self) -> Dataset:
        """Every record, archived actions too (any thread): for an old week's review."""
        return self.store.load()

    @on(FileRead)
    def _file_read(self, message: FileRead) -> None:
        if message.snapshot is None:
            self._unreadable = message.state
            self._show_load_error(message.error)
        else:
            self._unreadable = None
            self._use_snapshot(message.snapshot)

    def _use_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.version <= self.snapshot.version:
            return  # a later read has been shown already
        self.snapshot = snapshot
        self.load_error = None
        screen = self._visible_screen()
        if isinstance(screen, DataScreen):
            screen.show_snapshot(snapshot)

    def _visible_screen(self) -> Screen[object] | None:
        """The screen on top, or None once the app is closing (its screens are gone)."""
        if not self.is_running:  # shutting down: its screens' widgets are being removed
            return None
        try:
            return self.screen
        except ScreenStackError:
            return None

    def _show_load_error(self, message: str) -> None:
        if message != self.load_error:
            self.load_error = message
            self.say(message, title="Data file", severity="error", timeout=30)

    def say(
        self,
        message: str,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float = 5,
    ) -> None:
        """A notification whose text is shown as is (it may hold names and notes)."""
        self.notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    # The write path ------------------------------------------------------------------

    def write(
        self,
        change: Change[T],
        done: Callable[[T], str | None] | None = None,
        refused: Callable[[NetrackError], None] | None = None,
        title: str = "",
        reads_only: bool = False,
    ) -> None:
        """Make ``change`` off the UI thread, after the changes asked for before it.

        Once it is made and the file read again (the screen redrawn), ``done`` runs on
        the UI thread with what the operation returned; the line it returns, if any, is
        shown as a notification titled ``title``. A change refused (bad input, a data
        file that cannot be used, a lock held too long) calls ``refused`` with the error
        (its text says why; a ``DidYouMean`` also names the contact meant), or shows
        the reason as an error when there is no ``refused``. A ``reads_only`` change
        only looks at the file (the history, say), in turn; no re-read follows it.
        """
        self._writes_pending += 1
        if self._writes_pending == 1:
            self._slow_write = self.set_timer(SLOW_WRITE_SECONDS, self._still_writing)
        self._writes.put(Job(change, done, refused, title, reads_only))

    @property
    def writing(self) -> bool:
        """True while a change the user asked for is not yet made and shown."""
        return self._writes_pending > 0

    @on(WritesMade)
    def _writes_made(self, message: WritesMade) -> None:
        if self._visible_screen() is None:  # closing: the changes are made, nothing to show
            self._writes_ended(len(message.finished))
            return
        if message.snapshot is not None:
            self._unreadable = None
            self._use_snapshot(message.snapshot)
        elif message.error:
            self._show_load_error(message.error)
        for finished in message.finished:
            self.undoing.note_result(finished.result)
            job = finished.job
            line = job.done(finished.result) if job.done is not None else None
            if line:
                self.say(line, title=job.title)
        self._writes_ended(len(message.finished))
        if self.store.unpublished:
            self.sync_soon()  # publish what was just written

    @on(WriteRefused)
    def _write_refused(self, message: WriteRefused) -> None:
        job = message.job
        if self._visible_screen() is None:
            pass  # closing: nowhere to say it
        elif job.refused is not None:
            job.refused(message.error)
        else:
            self.say(str(message.error), title=job.title, severity="error", timeout=8)
        self._writes_ended(1)

    @on(WriteCrashed)
    def _write_crashed(self, message: WriteCrashed) -> None:
        self._writes_ended(1)
        raise message.error

    def _writes_ended(self, count: int) -> None:
        self._writes_pending -= count
        if self._writes_pending:
            return
        if self._slow_write is not None:
            self._slow_write.stop()
            self._slow_write = None
        self.sub_title = str(self.store.path)
        if self._quit_when_written:
            self.exit()

    def _still_writing(self) -> None:
        self._slow_write = None
        if self._writes_pending:
            self.sub_title = f"{self.store.path} · saving…"
        if self._writes_pending and held_elsewhere(self.store.path):
            self.say(HELD_ELSEWHERE, title="Saving…")

    async def action_quit(self) -> None:
        if self.writing:
            self._quit_when_written = True
            self.say("Saving your change first; netrack closes once it is written.")
            return
        self.exit()

    # Actions -------------------------------------------------------------------------

    async def on_people_table_act(self, event: PeopleTable.Act) -> None:
        """A list asked to log with, plan or open a person: the same from every screen."""
        from netrack.tui.people_actions import act

        event.stop()
        await act(self, event)

    def action_help(self) -> None:
        self._open_once("help:HelpScreen", mode_screens())

    def action_triage(self) -> None:
        self._open_once("triage:TriageScreen")

    def action_settings(self) -> None:
        self._open_once("settings:SettingsScreen")

    def action_history(self) -> None:
        self._open_once("history:HistoryScreen")

    def _open_once(self, where: str, *args: object) -> None:
        """Show the screen ``module:Class`` (imported now) unless it is on top already."""
        screen = screen_class(where)
        if not isinstance(self.screen, screen):
            self.push_screen(screen(*args))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette_commands(self, mode_screens())
