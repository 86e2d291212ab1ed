"""Help: every key, screen by screen, gathered from the bindings themselves."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
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
INDENT = 2  # keys sit this far in from their section's title
KEY_WIDTH = 18  # the key column; a description wraps beside it, never under the keys


class HelpSection(NamedTuple):
    """A heading, an optional line under it, and its keys with what each does."""

    title: str
    note: str
    keys: list[tuple[str, str]]


def _bindings(owner: type) -> list[Binding]:
    """The keys a class defines itself (not those it inherits from Textual)."""
    return [b for b in vars(owner).get("BINDINGS", []) if isinstance(b, Binding)]


def _describe(binding: Binding) -> str:
    return binding.tooltip or binding.description


def help_renderable(sections: Sequence[HelpSection]) -> RenderableType:
    """The sections with hanging indentation: a long description (or note) wraps in its
    own column, so the keys stand out at any width."""
    parts: list[RenderableType] = [Text("netrack keys", "bold")]
    for section in sections:
        parts.append(Text("\n" + section.title, "bold cyan"))
        if section.note:
            parts.append(Padding(Text(section.note, "dim"), (0, 0, 0, INDENT)))
        grid = Table.grid(padding=(0, 1, 0, 0))
        grid.add_column(width=KEY_WIDTH - 1, style="bold", overflow="fold")
        grid.add_column(ratio=1)
        for key, description in section.keys:
            grid.add_row(key, description)
        parts.append(Padding(grid, (0, 0, 0, INDENT)))
    return Group(*parts)


def help_text(sections: Sequence[HelpSection]) -> str:
    """The same as plain text, one key a line, sections apart by a blank line."""
    blocks = []
    for section in sections:
        lines = [section.title]
        if section.note:
            lines.append(" " * INDENT + section.note)
        lines += [f"{' ' * INDENT}{key:<{KEY_WIDTH}}{what}" for key, what in section.keys]
        blocks.append("\n".join(lines))
    return "netrack keys\n\n" + "\n\n".join(blocks) + "\n"


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
            yield Static(help_renderable(self.sections()), id="help-text")

    def text(self) -> str:
        """What the help says, as plain text."""
        return help_text(self.sections())

    def _keys(self, owner: type) -> list[tuple[str, str]]:
        return [(self.app.get_key_display(b), _describe(b)) for b in _bindings(owner)]

    def _written(self, keys: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """Keys written here by Textual's names ("ctrl+s", "enter"), shown the way the
        footer shows them ("^s", "⏎"): one spelling for each key."""
        return [(self.key_shown(key), what) for key, what in keys]

    def key_shown(self, written: str) -> str:
        """``written`` (keys apart by blanks, alternatives by "/") as the footer shows it."""
        shown = [
            part if part == "/" else self.app.get_key_display(Binding(part, ""))
            for part in written.split()
        ]
        return " ".join(shown)

    def sections(self) -> list[HelpSection]:
        """Every key, gathered from the app's, the lists' and each screen's bindings."""
        from netrack.tui.screens.triage import TriageScreen
        from netrack.tui.widgets.people_table import PeopleTable

        found = [
            HelpSection("Everywhere", "", [*self._written(GENERAL), *self._keys(type(self.app))]),
            HelpSection("In any list of people", f"({PEOPLE_LISTS})", self._keys(PeopleTable)),
        ]
        for _, key, title, screen in self.screens:
            # Keys the screen's widgets handle themselves (arrows in a list), then its own.
            keys = self._written(getattr(screen, "HELP_KEYS", ()))
            keys += [(self.app.get_key_display(b), _describe(b)) for _, b in screen_keys(screen)]
            found.append(HelpSection(f"{title} (key {key})", "", keys))
        triage = [(self.app.get_key_display(b), _describe(b)) for _, b in screen_keys(TriageScreen)]
        palette = self.key_shown("ctrl+p")
        stop = self._written([("escape", "stop sorting")])
        found.append(HelpSection(f"Sort people into circles ({palette})", "", [*triage, *stop]))
        found.append(HelpSection("Dialogs", "", self._written(DIALOGS)))
        return found

    def action_close(self) -> None:
        self.dismiss(None)
