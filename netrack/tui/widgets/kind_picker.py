"""Picking the kind of action: one line, one key per kind, arrows to move."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive
from textual.widget import Widget

from netrack.tui.keys import KeysAreBindings


class KindPicker(KeysAreBindings, Widget, can_focus=True):
    """``r reach-out  g give  f follow-up ...`` with the chosen kind highlighted."""

    BINDINGS = [
        Binding("left", "move(-1)", "Previous kind", show=False),
        Binding("right", "move(1)", "Next kind", show=False),
    ]
    DEFAULT_CSS = """
    KindPicker {
        height: 1;
        width: 1fr;
    }
    """

    kind: reactive[str] = reactive("")

    def __init__(self, kinds: Sequence[tuple[str, str]], **kwargs) -> None:
        """``kinds`` are (kind, key) pairs; the key may be empty."""
        super().__init__(**kwargs)
        self.kinds = list(kinds)
        self.kind = self.kinds[0][0]

    def render(self) -> Text:
        text = Text()
        for kind, key in self.kinds:
            chosen = kind == self.kind
            style = "reverse bold" if chosen else ""
            text.append(" ")
            if key:
                text.append(key, "bold underline" if not chosen else style)
                text.append(" ", style)
            text.append(kind, style)
            text.append(" ")
        return text

    def action_move(self, step: int) -> None:
        names = [kind for kind, _ in self.kinds]
        index = names.index(self.kind) if self.kind in names else 0
        self.kind = names[(index + step) % len(names)]

    def set_kinds(self, kinds: Sequence[tuple[str, str]]) -> None:
        """Offer these kinds (the user's own may come and go with their habits)."""
        self.kinds = list(kinds)
        if not any(kind == self.kind for kind, _ in self.kinds):
            self.kind = self.kinds[0][0]
        self.refresh()

    def choose(self, kind: str) -> None:
        if any(kind == name for name, _ in self.kinds):
            self.kind = kind
