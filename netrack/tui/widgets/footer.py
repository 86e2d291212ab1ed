"""The keys at the foot of every screen, laid out again only when they change, and
never shown cut in two."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    """Textual's footer, which makes its keys anew whenever the focus moves (three times
    before a screen's first paint, and on every tab or click after). Here it does so only
    when the keys it would show differ from those it shows.

    Keys that do not fit the width are clipped by Textual wherever the edge falls ("h
    Hi"); here a key that does not fit whole is left out (its space kept, so the wheel
    still scrolls to it): ``?`` lists every key. The keys are fitted after every layout
    of the screen (new keys placed, a resize, a sideways scroll), so however late a busy
    machine places them, none stays cut.
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

    def on_mount(self) -> None:
        # Published after each layout of the screen but its very first (on_resize's).
        self.screen.screen_layout_refresh_signal.subscribe(self, self._laid_out)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _laid_out(self, _screen: Screen) -> None:
        self._fit()

    def _fit(self) -> None:
        """Hide the keys that an edge (or the palette's key, docked right) cuts.

        Where each key falls comes from the footer's arrangement of its keys, which, unlike
        their places on screen, also holds the keys hidden (Textual places no hidden widget).
        """
        viewport = self.scrollable_content_region.size
        if not viewport:  # not laid out yet: its layout fits the keys
            return
        right = viewport.width
        spans = []
        for place in self.arrange(viewport).placements:
            x = place.region.x + place.offset.x
            if place.widget.has_class("-command-palette"):  # docked: it does not scroll
                right = min(right, x)
            else:
                spans.append((place.widget, x - self.scroll_offset.x, place.region.width))
        for key, x, width in spans:
            whole = 0 <= x and x + width <= right
            if key.visible != whole:  # each change lays the screen out again
                key.visible = whole
