"""What every netrack screen has: a header, a footer, and drawing from the app's snapshot."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import getters
from textual.app import SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

from netrack.collector import collector_paused
from netrack.tui.state import Snapshot

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
    NARROW_BELOW = 110  # columns; narrower terminals stack side-by-side panels

    def on_resize(self) -> None:
        self.set_class(self.size.width < self.NARROW_BELOW, "narrow")

    def on_mount(self) -> None:
        # Textual calls on_mount of every class that defines one, and a subclass's own
        # on_mount calls this one too: draw once (a long history makes drawing costly).
        if self.app.snapshot.version != self.shown_version:
            self.show_snapshot(self.app.snapshot)

    def on_screen_resume(self) -> None:
        if self.app.snapshot.version != self.shown_version:
            self.show_snapshot(self.app.snapshot)

    def show_snapshot(self, snapshot: Snapshot) -> None:
        self.shown_version = snapshot.version
        # Thousands of rows: 0.1 s less for 5,000 contacts. Not frozen: widgets that a
        # later draw replaces must stay collectable.
        with collector_paused(freeze=False):
            self.draw(snapshot)

    def draw(self, snapshot: Snapshot) -> None:
        """Fill the widgets from ``snapshot``."""
        raise NotImplementedError

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every key of this screen (and of its lists) as a command-palette entry."""
        owners: list[tuple[Widget, type]] = [(self, type(self))]
        for widget_class in getattr(self, "HELP_EXTRA", ()):
            owners.extend((widget, widget_class) for widget in self.query(widget_class))
        for owner, owner_class in owners:
            for binding in vars(owner_class).get("BINDINGS", []):
                if not isinstance(binding, Binding) or binding.key == "escape":
                    continue
                title = binding.tooltip or binding.description
                key = self.app.get_key_display(binding)
                yield SystemCommand(
                    title[:1].upper() + title[1:],
                    f"{self.title} · key {key}",
                    partial(owner.run_action, binding.action),
                )
