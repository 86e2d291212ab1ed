"""The netrack app: five screens over one data file that may change under it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from netrack import clock
from netrack.collector import collector_paused
from netrack.errors import NetrackError
from netrack.store import FileState, Store
from netrack.tui.people_commands import PeopleProvider
from netrack.tui.screens.contacts import ContactsScreen
from netrack.tui.screens.help import HelpScreen
from netrack.tui.screens.reciprocity import ReciprocityScreen
from netrack.tui.screens.review import ReviewScreen
from netrack.tui.screens.settings import SettingsScreen
from netrack.tui.screens.streaks import StreaksScreen
from netrack.tui.screens.today import TodayScreen
from netrack.tui.state import Snapshot, take_snapshot
from netrack.tui.widgets.people_table import PeopleTable

T = TypeVar("T")

# mode name, key, title, screen class
SCREENS = (
    ("today", "1", "Today", TodayScreen),
    ("contacts", "2", "Contacts", ContactsScreen),
    ("review", "3", "Review", ReviewScreen),
    ("streaks", "4", "Streaks", StreaksScreen),
    ("reciprocity", "5", "Reciprocity", ReciprocityScreen),
)
FILE_CHECK_SECONDS = 1.0


class NetrackApp(App[None]):
    """Reads the data file once, redraws from that snapshot, and re-reads it when it changes.

    Every change goes through a store transaction (locked, re-read, atomic), so a quick
    add made in another terminal is never overwritten; a timer notices such changes and
    reloads within a second or two.
    """

    TITLE = "netrack"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PeopleProvider}
    MODES = {name: screen for name, _, _, screen in SCREENS}
    DEFAULT_MODE = "today"
    BINDINGS = [
        *(
            Binding(key, f"switch_mode('{name}')", title, show=False)
            for name, key, title, _ in SCREENS
        ),
        Binding("question_mark", "help", "Help"),
        Binding("comma", "settings", "Settings", show=False),
        Binding("u", "undo", "Undo"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        store: Store,
        start_screen: str = "today",
        review_week: str | None = None,
        watch_file: bool = True,
        snapshot: Snapshot | None = None,
    ) -> None:
        """``snapshot``: the file as just read by the caller, so as not to read it twice."""
        # Starting up makes many objects that live as long as the app: the collector
        # waits until the first screen has been drawn, then leaves them alone.
        self._startup = contextlib.ExitStack()
        self._startup.enter_context(collector_paused())
        super().__init__()
        self.store = store
        self.start_screen = start_screen
        self.review_week = review_week
        self.watch_file = watch_file
        self._version = 0
        try:
            self.snapshot: Snapshot = snapshot or take_snapshot(store, self._version)
        except BaseException:
            self._startup.close()
            raise
        self.load_error: str | None = None
        self._unreadable: FileState | None = None  # the state of a file that failed to load

    def on_resize(self, event: events.Resize) -> None:
        # Rich's console asks the terminal for its size on every measurement (a table
        # measures each of its cells: 30,000 for 5,000 contacts); tell it instead.
        self.console.size = (event.size.width, event.size.height)

    def on_mount(self) -> None:
        self.call_after_refresh(self._startup.close)
        self.sub_title = str(self.store.path)
        if self.start_screen != self.DEFAULT_MODE:
            self.switch_mode(self.start_screen)
        if self.watch_file:
            self.set_interval(FILE_CHECK_SECONDS, self.check_file)

    def on_unmount(self) -> None:
        self._startup.close()  # if it ended before its first screen was drawn

    # Data ----------------------------------------------------------------------------

    def check_file(self) -> None:
        """Reload when the file changed (another process wrote) or the user's day turned."""
        try:
            state = self.store.file_state()
        except NetrackError:
            state = None
        analysis = self.snapshot.analysis
        new_day = analysis.calendar.day_of(clock.now()) != analysis.today
        # A file that could not be read is tried again only once it changes.
        changed = state != self.snapshot.file_state and state != self._unreadable
        if changed or new_day:
            self.reload_in_background(state)

    @work(thread=True, exclusive=True, group="reload")
    def reload_in_background(self, state: FileState | None = None) -> None:
        try:
            snapshot = take_snapshot(self.store, self._version + 1)
        except NetrackError as error:
            self._unreadable = state
            self.call_from_thread(self._show_load_error, str(error))
            return
        self._unreadable = None
        self.call_from_thread(self._use_snapshot, snapshot)

    def reload(self) -> None:
        """Read the file again now (after this app wrote it)."""
        try:
            self._use_snapshot(take_snapshot(self.store, self._version + 1))
        except NetrackError as error:
            self._show_load_error(str(error))

    def _use_snapshot(self, snapshot: Snapshot) -> None:
        if snapshot.version <= self.snapshot.version:
            return
        self._version = snapshot.version
        self.snapshot = snapshot
        self.load_error = None
        refresh = getattr(self.screen, "show_snapshot", None)
        if refresh is not None:
            refresh(snapshot)

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

    def attempt(
        self, operation: Callable[..., T], *args: Any, **kwargs: Any
    ) -> tuple[T | None, str | None]:
        """Run an operation (one store transaction): its result, or why it was refused."""
        try:
            result = operation(self.store, *args, **kwargs)
        except NetrackError as error:
            return None, str(error)
        self.reload()
        return result, None

    def change(self, operation: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run an operation; show why it was refused instead of crashing (then None)."""
        result, error = self.attempt(operation, *args, **kwargs)
        if error is not None:
            self.say(error, severity="error", timeout=8)
        return result

    # Actions -------------------------------------------------------------------------

    async def on_people_table_act(self, event: PeopleTable.Act) -> None:
        """A list asked to log with, plan or open a person: the same from every screen."""
        from netrack.tui.people_actions import act

        event.stop()
        await act(self, event)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(SCREENS))

    def action_triage(self) -> None:
        from netrack.tui.screens.triage import TriageScreen

        if not isinstance(self.screen, TriageScreen):
            self.push_screen(TriageScreen())

    def action_settings(self) -> None:
        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_undo(self) -> None:
        from netrack.operations.entries import undo_last
        from netrack.summaries import undo_line

        undo = self.change(undo_last)
        if undo is None:
            self.say("Nothing to undo.")
        else:
            self.say(undo_line(undo), title="Undone")

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for name, key, title, _ in SCREENS:
            yield SystemCommand(
                f"Go to {title}",
                f"Show the {title} screen (key {key})",
                lambda name=name: self.switch_mode(name),
            )
        yield SystemCommand("Help", "Every key, screen by screen (key ?)", self.action_help)
        yield SystemCommand(
            "Settings and habits", "Week start, targets, cadences (key ,)", self.action_settings
        )
        yield SystemCommand(
            "Undo", "Remove the most recently logged action (key u)", self.action_undo
        )
        yield SystemCommand(
            "Sort people into circles",
            "One person at a time: i inner, a active, w wider, n none, s skip",
            self.action_triage,
        )
        yield SystemCommand("Reload", "Read the data file again", self.reload)
        commands = getattr(screen, "palette_commands", None)
        if commands is not None:
            yield from commands()
