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
    """The name offered for the field's text ``typed``, whose name being typed begins at
    ``start`` (after the last comma in a field of several names)."""

    typed: str
    start: int
    name: str

    @property
    def taken(self) -> str:
        """The field's text once the offer is taken."""
        return self.typed[: self.start] + self.name

    @property
    def shown(self) -> str:
        """The field's text with the offer after it: the rest of the name when it begins
        with what is typed (shown faded), else an arrow and the name."""
        part = self.typed[self.start :]
        if fold(self.name[: len(part)]) == fold(part):
            return self.taken
        return f"{self.typed}{OFFER_MARK}{self.name}"


class NameSuggester(Suggester):
    """Offers the existing contact that matching would take the typed text for: a name
    that starts with it first, then one with a word that does (``[Alice] Smith`` for
    "alice", ``Dana García-López`` for "lop"). ``several``: the field holds names
    separated by commas, and the last one is completed."""

    def __init__(self, several: bool = False) -> None:
        # Case-sensitive: the offer is shown after the text exactly as typed.
        super().__init__(use_cache=False, case_sensitive=True)
        self.several = several
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

    def ranked(self, typed: str) -> list[str]:
        """The names offered for ``typed`` (one name), best first."""
        # Folded: "jose" is José.
        return [self.names[at] for at in completion_order(fold(typed), self.folded)]

    async def get_suggestion(self, value: str) -> str | None:
        start = value.rfind(",") + 1 if self.several else 0
        start += len(value[start:]) - len(value[start:].lstrip())
        found = self.ranked(value[start:]) if value[start:].strip() else []
        self.offer = Offer(value, start, found[0]) if found else None
        return self.offer.shown if self.offer else None


class ContactInput(Input):
    """``Input`` with name completion: the right arrow accepts the suggested name.
    ``several``: a field of names separated by commas, completing the last one."""

    def __init__(self, value: str | None = None, several: bool = False, **kwargs) -> None:
        self.name_suggester = NameSuggester(several)
        # Not selected on focus: see the quick-log form's fields.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, suggester=self.name_suggester, **kwargs)

    def set_names(self, names: list[str]) -> None:
        self.name_suggester.set_names(names)

    def ranked(self, typed: str) -> list[str]:
        """The names this field offers for ``typed``, best first."""
        return self.name_suggester.ranked(typed)

    def action_cursor_right(self, select: bool = False) -> None:
        offer = self.name_suggester.offer
        if not select and offer and self.cursor_at_end and offer.typed == self.value:
            # Taking an offer shown after an arrow takes the name alone.
            self.value = offer.taken
            self.cursor_position = len(self.value)
            return
        super().action_cursor_right(select)
