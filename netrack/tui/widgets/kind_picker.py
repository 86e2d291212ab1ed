"""Picking the kind of action: one key per kind, arrows to move; the kinds go on to a
second line when they do not fit on one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
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
        height: auto;
        width: 1fr;
    }
    """

    kind: reactive[str] = reactive("")

    def __init__(self, kinds: Sequence[tuple[str, str]], **kwargs) -> None:
        """``kinds`` are (kind, key) pairs; the key may be empty."""
        super().__init__(**kwargs)
        self.kinds = list(kinds)
        self.kind = self.kinds[0][0]

    def _piece(self, kind: str, key: str) -> Text:
        """`` g give `` with the key underlined, or highlighted when chosen."""
        chosen = kind == self.kind
        style = "reverse bold" if chosen else ""
        text = Text(" ")
        if key:
            text.append(key, "bold underline" if not chosen else style)
            text.append(" ", style)
        text.append(kind, style)
        text.append(" ")
        return text

    def _lines(self, width: int) -> list[Text]:
        """The kinds in lines of at most ``width`` cells, never one split in two."""
        lines = [Text()]
        for kind, key in self.kinds:
            piece = self._piece(kind, key)
            # The piece's trailing blank may fall off the end of a line.
            if lines[-1].cell_len and lines[-1].cell_len + piece.cell_len - 1 > width:
                lines.append(Text())
            lines[-1].append_text(piece)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_size.width or 1_000))

    def action_move(self, step: int) -> None:
        names = [kind for kind, _ in self.kinds]
        index = names.index(self.kind) if self.kind in names else 0
        self.kind = names[(index + step) % len(names)]

    def set_kinds(self, kinds: Sequence[tuple[str, str]]) -> None:
        """Offer these kinds (the user's own may come and go with their habits)."""
        self.kinds = list(kinds)
        if not any(kind == self.kind for kind, _ in self.kinds):
            self.kind = self.kinds[0][0]
        self.refresh(layout=True)  # the kinds may now take another line

    def choose(self, kind: str) -> None:
        if any(kind == name for name, _ in self.kinds):
            self.kind = kind
