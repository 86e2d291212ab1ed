"""An input for a contact's name that completes from existing names as you type."""

from __future__ import annotations

from textual.suggester import Suggester
from textual.widgets import Input

from netrack.domain.text import fold


class NameSuggester(Suggester):
    """Completes a typed beginning to the full name of an existing contact."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.names: list[str] = []

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        key = fold(value)  # accents too: "jose" completes to José Álvarez
        for name in self.names:
            if fold(name).startswith(key):
                return name
        return None


class ContactInput(Input):
    """``Input`` with name completion: the right arrow accepts the suggested name."""

    def __init__(self, **kwargs) -> None:
        self.name_suggester = NameSuggester()
        # Not selected on focus: see the quick-log form's fields.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(suggester=self.name_suggester, **kwargs)

    def set_names(self, names: list[str]) -> None:
        self.name_suggester.names = sorted(names, key=str.casefold)
