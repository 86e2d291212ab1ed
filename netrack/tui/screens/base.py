"""What every netrack screen has: a header, a footer, and drawing from the app's snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, getters, on
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header

from netrack.collector import collector_paused
from netrack.tui.state import Snapshot
from netrack.tui.textual_private import mark_screen_styled, screen_styled_at, stylesheet_version
from netrack.tui.widgets.tables import resume_filling

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp


class DataScreen(Screen[None]):
    """A screen drawn from the app's current snapshot.

    The app calls ``show_snapshot`` on the visible screen when the data changes; a
    screen coming back into view redraws itself if it missed a change meanwhile.
    """

    if TYPE_CHECKING:
        # ``self.app`` is always the NetrackApp; declared for the type checker only, as
        # the app imports the screens (Textual's own ``app`` runs).
        app = getters.app(NetrackApp)

    shown_version = -1
    _resumed = False  # shown once already
    NARROW_BELOW = 110  # columns; narrower terminals stack side-by-side panels
    # Whether the screen draws from the archived years. The app paints Today from the
    # main file first and reads what it keeps of the archive after (``Snapshot.
    # complete``); until that is in, a screen that needs it shows a loading indicator
    # instead of numbers that leave the archive out.
    WHOLE_HISTORY = True

    def __init__(self) -> None:
        super().__init__()
        # Textual restyles every widget of every open screen when a mode's screen is
        # first shown, unless the screen says it has seen the app's latest stylesheet
        # (0.1-0.2 s per first visit, more with each screen built). A screen made once
        # the stylesheet is up to date has: its widgets are styled as they mount. The
        # first screen is made before the theme's colours are in, and is restyled.
        app = self.app
        if app.css_refreshed == stylesheet_version(app):
            mark_screen_styled(self, app.css_refreshed)

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW_BELOW, "narrow")

    @on(events.Resize)
    def _laid_out_already(self, event: events.Resize) -> None:
        # Laid out at this size already: Textual's handler would lay the whole screen
        # out again. A screen is told its size once it is first laid out, and twice
        # more as the app starts (its first size, then the terminal's: the same), each
        # a layout and a repaint before Today's first paint was done.
        if event.size == self.outer_size:  # as last laid out (``size`` is the app's)
            event.prevent_default()  # the screens' own handlers still run

    def on_mount(self) -> None:
        # Textual calls on_mount of every class that defines one, and a subclass's own
        # on_mount calls this one too: draw once (a long history makes drawing costly).
        if self.app.snapshot.version != self.shown_version:
            self.show_snapshot(self.app.snapshot)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual restyles every widget of a screen each time it is shown (its handler
        # runs after this one, with this event). The first time, they were styled as
        # they mounted, with the stylesheet as it is now: again cost Today 0.02 s.
        if not self._resumed and screen_styled_at(self) == stylesheet_version(self.app):
            event.refresh_styles = False
        self._resumed = True
        if self.app.snapshot.version != self.shown_version:
            self.show_snapshot(self.app.snapshot)
        for table in self.query(DataTable):
            resume_filling(table)  # a long list left half filled when it was hidden

    def show_snapshot(self, snapshot: Snapshot) -> None:
        waiting = self.WHOLE_HISTORY and not snapshot.complete
        for child in self.children:
            if not isinstance(child, Header | Footer):
                child.loading = waiting
        if waiting:
            return  # drawn when the past is in (the app shows it then)
        self.shown_version = snapshot.version
        # Thousands of rows: 0.1 s less for 5,000 contacts. Not frozen: widgets that a
        # later draw replaces must stay collectable.
        with collector_paused(freeze=False):
            self.draw(snapshot)

    def draw(self, snapshot: Snapshot) -> None:
        """Fill the widgets from ``snapshot``."""
        raise NotImplementedError


def screen_keys(screen_class: type) -> list[tuple[type, Binding]]:
    """The keys a screen defines, and those of its lists (``HELP_EXTRA``), with their owner.

    The help screen and the command palette list these, so a key added to a screen shows
    up in both.
    """
    owners = [screen_class, *getattr(screen_class, "HELP_EXTRA", ())]
    return [
        (owner, binding)
        for owner in owners
        for binding in vars(owner).get("BINDINGS", [])
        if isinstance(binding, Binding) and binding.key != "escape"
    ]
