"""An input for a contact's name that completes from existing names as you type."""

from __future__ import annotations

from dataclasses import dataclass

from textual.suggester import Suggester
from textual.widgets import Input

from netrack.domain.completion import completion_order
from netrack.domain.text import fold, name_order

# Between what is typed and a name it does not begin: "alice → [Alice] Smith".
OFFER_MARK = " → "


@dataclass(frozen=True)
class Offer:
    """The name offered for ``typed``, and the text shown for it in the field."""

    typed: str
    name: str

    @property
    def shown(self) -> str:
        """The name itself when it begins with what is typed (the field shows the rest
        of it, faded); else what is typed, an arrow and the name."""
        if fold(self.name[: len(self.typed)]) == fold(self.typed):
            return self.name
        return f"{self.typed}{OFFER_MARK}{self.name}"


class NameSuggester(Suggester):
    """Offers the existing contact that matching would take the typed text for: a name
    that starts with it first, then one with a word that does (``[Alice] Smith`` for
    "alice", ``Dana García-López`` for "lop")."""

    def __init__(self) -> None:
        # Case-sensitive: the offer is shown after the text exactly as typed.
        super().__init__(use_cache=False, case_sensitive=True)
        self.names: list[str] = []
        self._folded: list[str] | None = []
        self.offer: Offer | None = None

    def set_names(self, names: list[str]) -> None:
        # Sorted and folded when first typed into: each draw of Today gives the names
        # (5,000 of them, 0.02 s to fold), and most go by without a keystroke here.
        self.names = list(names)
        self._folded = None

    @property
    def folded(self) -> list[str]:
        """The names, in ``name_order``, folded for comparing."""
        if self._folded is None:
            self.names.sort(key=name_order)
            self._folded = [fold(name) for name in self.names]
        return self._folded

    def best(self, typed: str) -> str | None:
        """The name offered for ``typed``, or None."""
        order = completion_order(fold(typed), self.folded)  # accents too: "jose" is José
        return self.names[order[0]] if order else None

    async def get_suggestion(self, value: str) -> str | None:
        name = self.best(value) if value.strip() else None
        self.offer = Offer(value, name) if name is not None else None
        return self.offer.shown if self.offer else None


class ContactInput(Input):
    """``Input`` with name completion: the right arrow accepts the suggested name."""

    def __init__(self, **kwargs) -> None:
        self.name_suggester = NameSuggester()
        # Not selected on focus: see the quick-log form's fields.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(suggester=self.name_suggester, **kwargs)

    def set_names(self, names: list[str]) -> None:
        self.name_suggester.set_names(names)

    def action_cursor_right(self, select: bool = False) -> None:
        offer = self.name_suggester.offer
        if not select and offer and self.cursor_at_end and offer.typed == self.value:
            # Accepting an offer shown after an arrow takes the name alone.
            self.value = offer.name
            self.cursor_position = len(offer.name)
            return
        super().action_cursor_right(select)
