"""Help: every key, screen by screen, gathered from the bindings themselves."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from netrack.tui.screens.base import screen_keys

GENERAL = (
    ("ctrl+p", "command palette: every screen and action by name"),
    ("tab / shift+tab", "move between fields and lists"),
    ("enter", "submit the form you are in"),
    ("escape", "leave a text field so single-letter keys work again"),
)
PEOPLE_LISTS = "Contacts, Reciprocity, the plan, suggestions, follow-ups due and get back in touch"
DIALOGS = (
    ("enter", "save a contact form, or merge (the button that is focused)"),
    ("ctrl+s", "save a contact form from its notes, where enter starts a new line"),
    ("ctrl+s", "save the settings and habits (key , opens them)"),
    ("ctrl+s", "save an event (key n or e on Events): the long fields take several lines"),
    ("enter", "debrief: add the name typed; on an empty name, log a meeting with each"),
    ("backspace", "debrief: on an empty name, take back the last name added"),
    ("y / n", "answer a question such as 'Archive Dana Lee?'"),
    ("escape", "close a dialog without changing anything"),
)


def _bindings(owner: type) -> list[Binding]:
    """The keys a class defines itself (not those it inherits from Textual)."""
    return [b for b in vars(owner).get("BINDINGS", []) if isinstance(b, Binding)]


def _describe(binding: Binding) -> str:
    return binding.tooltip or binding.description


class HelpScreen(ModalScreen[None]):
    """A scrollable list of keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "close", "Close"),
    ]

    def __init__(self, screens: Sequence[tuple[str, str, str, type]]) -> None:
        super().__init__()
        self.screens = screens

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(self._text(), id="help-text")

    def _text(self) -> Text:
        text = Text("netrack keys\n", "bold")
        text.append("\nEverywhere\n", "bold cyan")
        for key, description in GENERAL:
            self._line(text, key, description)
        for binding in _bindings(type(self.app)):
            self._line(text, self.app.get_key_display(binding), _describe(binding))
        from netrack.tui.widgets.people_table import PeopleTable

        text.append("\nIn any list of people\n", "bold cyan")
        text.append(f"  ({PEOPLE_LISTS})\n", "dim")
        for binding in _bindings(PeopleTable):
            self._line(text, self.app.get_key_display(binding), _describe(binding))
        for _, key, title, screen in self.screens:
            text.append(f"\n{title} (key {key})\n", "bold cyan")
            # Keys the screen's widgets handle themselves (arrows in a list), then its own.
            for keys, description in getattr(screen, "HELP_KEYS", ()):
                self._line(text, keys, description)
            for _, binding in screen_keys(screen):
                self._line(text, self.app.get_key_display(binding), _describe(binding))
        from netrack.tui.screens.triage import TriageScreen

        text.append("\nSort people into circles (ctrl+p)\n", "bold cyan")
        for _, binding in screen_keys(TriageScreen):
            self._line(text, self.app.get_key_display(binding), _describe(binding))
        self._line(text, "escape", "stop sorting")
        text.append("\nDialogs\n", "bold cyan")
        for key, description in DIALOGS:
            self._line(text, key, description)
        return text

    @staticmethod
    def _line(text: Text, key: str, description: str) -> None:
        text.append(f"  {key:<18}", "bold")
        text.append(f"{description}\n")

    def action_close(self) -> None:
        self.dismiss(None)
