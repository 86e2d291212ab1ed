"""Keys taken in the order they were typed.

Textual hands each key to the focused widget's message queue; a key the widget does not
use itself bubbles up through its parents' queues, and only then does the app look up
its binding, against whatever has focus by that time. Keys that arrive together (typed
while the app was busy) can so overtake one another: typed quickly, the ``u`` of a name
that followed ``g`` (which moves the focus to the name field) reached the app's undo.

On netrack's own screens the app therefore takes such keys itself as they arrive: a
character typed into a text field goes into it at once, Enter in a form submits it at
once, and a key bound on the focus chain runs its action at once. Each key so sees the
focus that the keys before it left. Widgets with key handling of their own (a text
area, an open drop-down) are left to Textual.
"""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Button, Checkbox, DataTable, Input

from netrack.tui.screens.base import DataScreen


class SubmitsOnEnter:
    """Mixed into a form whose text fields submit it on Enter (taken at once too)."""

    def submit(self) -> None:
        raise NotImplementedError


class KeysAreBindings:
    """Mixed into a widget that handles keys by bindings alone, so they are taken at once."""


# Widgets whose keys are all bindings (or, for a one-line input, text to insert).
_TAKEN_FROM = (Input, Button, Checkbox, DataTable, KeysAreBindings)


async def take_key(app: App[Any], screen: Screen[Any], event: events.Key) -> bool:
    """Handle ``event`` now if it belongs to a text field or a binding; True when done."""
    focused = screen.focused
    if focused is not None and not isinstance(focused, _TAKEN_FROM):
        return False
    if isinstance(focused, Input):
        if event.is_printable and event.character:
            selection = focused.selection
            if selection.is_empty:
                focused.insert_text_at_cursor(event.character)
            else:
                focused.replace(event.character, *selection)
            return True
        if event.key == "enter":
            form = next((n for n in focused.ancestors if isinstance(n, SubmitsOnEnter)), None)
            if form is not None:
                form.submit()
                return True
    active = screen.active_bindings.get(event.key)
    if active is None or active.binding.priority or not active.enabled:
        return False  # Textual's own path: priority bindings first, then the widget
    return await app.run_action(active.binding.action, active.node)


class KeyRouter:
    """Where each key typed goes: taken at once on netrack's screens (``take_key``), and
    held while a dialog (or screen) that a key opened is opening.

    A dialog (the contact form after ``n``, say) asks for the focus on its first field
    with a callback queued behind the keys typed meanwhile; until it runs, the dialog's
    first container has the focus, and a name typed right behind ``n`` was lost. The
    keys that come after such a key are held, in order, until the dialog has mounted
    and its focus callback has run, then replayed.
    """

    WAIT = 1.0  # seconds a dialog may take to mount before the keys go on anyway

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: list[events.Key] = []
        self.holding = False
        self.since = 0.0
        self.last_key = 0.0  # when the latest key came (time.monotonic)

    async def take(self, event: events.Key) -> bool:
        """Hold ``event`` or handle it now; False leaves it to Textual."""
        self.last_key = time.monotonic()
        if self.holding:
            self.held.append(event)  # replayed in turn
            return True
        screen = self.app.screen
        if isinstance(screen, DataScreen) and await take_key(self.app, screen, event):
            if self.app.screen is not screen:
                self.start()  # it opened a dialog
            return True
        return False

    def start(self) -> None:
        """A key just opened a dialog: hold the keys behind it."""
        if not self.holding:
            self.holding = True
            self.since = time.monotonic()
            self.app.call_later(self._wait_for_mount)

    def _wait_for_mount(self) -> None:
        if not self.app.screen.is_mounted and time.monotonic() - self.since < self.WAIT:
            self.app.set_timer(0.01, self._wait_for_mount)
            return
        # Mounted: the dialog has queued its focus callback; replay behind it.
        self.app.call_later(self._replay)

    async def _replay(self) -> None:
        held, self.held, self.holding = self.held, [], False
        for event in held:  # a key that opens another dialog holds the rest again
            await self.app.on_event(event)
