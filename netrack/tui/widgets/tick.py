"""A checkbox whose box is empty when it is off."""

from __future__ import annotations

from typing import Any

from textual.widgets import Checkbox


class Tick(Checkbox):
    """A checkbox showing its mark only when on.

    Textual's checkbox draws an ``X`` in both states and tells them apart by colour
    alone, which on many terminals reads as ticked when it is not.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._show_mark()

    def watch_value(self) -> None:
        super().watch_value()
        self._show_mark()

    def _show_mark(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
