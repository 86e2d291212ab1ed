"""A typed handle on the running app for netrack's screens and widgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from netrack.tui.app import NetrackApp


class _InApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


class UsesApp:
    """Mixed into a screen or widget: ``self.netrack`` is the app, with its type.

    Textual's ``self.app`` is any app; netrack's screens need its snapshot, its one write
    path (``write``) and its notifications (``say``).
    """

    @property
    def netrack(self: _InApp) -> NetrackApp:
        return cast("NetrackApp", self.app)
