"""The app's screens built ahead, while the user pauses, so that a key shows one at once.

Building a screen (its widgets, their styles, a first screenful of its lists) is most of
what its first visit costs: 0.2-0.7 s of processor time at 100,000 actions, against
0.05-0.1 s to show one already built. Once the whole history is in, the app builds the
screens not yet visited one at a time, each only when no key has come for a while and
no dialog is open, so that what the user types is never kept waiting behind one. A long
list on a screen built ahead holds its first screenful until it is shown
(``widgets/tables.py``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from netrack.collector import settle
from netrack.tui.textual_private import build_mode_screen, mode_screen_built

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp
    from netrack.tui.keys import KeyRouter

QUIET_S = 0.5  # no key for this long: the user is reading, not typing
BETWEEN_S = 0.05  # after each screen built, so that keys and repaints come first


class ScreensAhead:
    """Builds the app's mode screens ahead, from ``start`` on, unless not ``enabled``."""

    def __init__(
        self, app: NetrackApp, modes: Sequence[str], keys: KeyRouter, enabled: bool = True
    ) -> None:
        self.app = app
        self.modes = list(modes)
        self.keys = keys  # every key typed goes through it
        self.enabled = enabled

    def start(self) -> None:
        """Begin building (once the whole history is in and the user pauses)."""
        if self.enabled:
            self.app.set_timer(QUIET_S, self._build_next)

    def waiting(self) -> list[str]:
        """The modes whose screen is not built yet."""
        return [mode for mode in self.modes if not mode_screen_built(self.app, mode)]

    def _build_next(self) -> None:
        app = self.app
        waiting = self.waiting()
        if not waiting or not app.is_running:
            return
        typing = time.monotonic() - self.keys.last_key < QUIET_S
        if typing or not app.whole_history() or len(app.screen_stack) > 1:
            app.set_timer(QUIET_S, self._build_next)  # a dialog open, or the history not in
            return
        if len(waiting) == 1:
            # Sort what the history and the screens made into the oldest generation now,
            # in this pause: else a full collection (0.1 s at 20,000 actions) falls on
            # one of the next keys, whose screen is then late.
            settle()
        build_mode_screen(app, waiting[0])
        app.set_timer(BETWEEN_S, self._build_next)
