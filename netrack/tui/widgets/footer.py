"""The keys at the foot of every screen, laid out again only when they change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer, which makes its keys anew whenever the focus moves (three times
    before a screen's first paint, and on every tab or click after). Here it does so only
    when the keys it would show differ from those it shows."""

    _shown: Hashable = None
    _keys_known = False  # Textual tells the footer once the screen's keys are known

    def _keys(self) -> Hashable:
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        )

    def bindings_changed(self, screen: Screen) -> None:
        self._keys_known = True
        if self._shown is not None and screen is self.screen and self._keys() == self._shown:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._keys_known:  # else Textual's compose shows nothing yet
            self._shown = self._keys()
        yield from super().compose()
