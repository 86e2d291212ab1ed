"""The keys at the foot of every screen, laid out again only when they change, and
never shown cut in two."""

from __future__ import annotations

from collections.abc import Hashable
from functools import partial

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter

# New keys are laid out some refreshes after they are made: look again until they are.
FIT_TRIES = 40
FIT_AGAIN_SECONDS = 0.05


class Footer(TextualFooter):
    """Textual's footer, which makes its keys anew whenever the focus moves (three times
    before a screen's first paint, and on every tab or click after). Here it does so only
    when the keys it would show differ from those it shows.

    Keys that do not fit the width are clipped by Textual wherever the edge falls ("h
    Hi"); here a key that does not fit whole is left out (its space kept, so the wheel
    still scrolls to it): ``?`` lists every key.
    """

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
        self.call_after_refresh(self._fit)  # once the new keys are laid out

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def watch_scroll_x(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_x(old_value, new_value)
        self.call_after_refresh(self._fit)

    def _fit(self, tries: int = 0) -> None:
        """Hide the keys that an edge (or the palette's key, docked right) cuts."""
        palette = [key for key in self.children if key.has_class("-command-palette")]
        keys = [key for key in self.children if key not in palette]
        if keys and not any(key.region for key in keys):  # not laid out yet
            if tries < FIT_TRIES:
                self.set_timer(FIT_AGAIN_SECONDS, partial(self._fit, tries + 1))
            return
        left = self.content_region.x
        right = min([self.content_region.right, *(key.region.x for key in palette if key.region)])
        for key in keys:
            key.visible = left <= key.region.x and key.region.right <= right
