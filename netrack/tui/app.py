"""The netrack Textual app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

from netrack.store import Store


class NetrackApp(App[None]):
    TITLE = "netrack"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, store: Store, start_screen: str = "today") -> None:
        super().__init__()
        self.store = store
        self.start_screen = start_screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("netrack", markup=False)
        yield Footer()
