"""The parts of Textual the app uses that Textual does not promise to keep
(netrack/tui/textual_private.py): each is checked the way the app uses it, and a new
Textual that changes one fails here, naming it, rather than somewhere in the app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import textual
from textual.app import App, ComposeResult
from textual.color import Color
from textual.screen import Screen
from textual.widgets import DataTable, Static

from netrack.tui.textual_private import (
    build_mode_screen,
    every_screen,
    mark_screen_styled,
    mode_screen_built,
    restyle_without_parsing,
    screen_styled_at,
    size_table_now,
    stylesheet_variables,
    stylesheet_version,
)


class _Named(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(type(self).__name__, id="name")


class First(_Named):
    pass


class Second(_Named):
    pass


class TwoModes(App[None]):
    MODES = {"first": First, "second": Second}

    def on_mount(self) -> None:
        self.switch_mode("first")


def _relied_on(internal: str, check: Callable[[], Any]) -> Any:
    """``check()``, or a failure naming the private part of Textual that changed."""
    try:
        return check()
    except (AttributeError, TypeError, KeyError) as error:
        pytest.fail(
            f"Textual {textual.__version__} changed {internal} ({error!r}), which "
            "netrack/tui/textual_private.py relies on: find the new way there"
        )


async def test_a_mode_screen_is_built_and_mounted_without_being_shown() -> None:
    app = TwoModes()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert not mode_screen_built(app, "second")
        _relied_on("App._init_mode", lambda: build_mode_screen(app, "second"))
        await pilot.pause()
        assert mode_screen_built(app, "second"), "App._init_mode made no screen for the mode"
        assert app.current_mode == "first", "App._init_mode showed the mode"
        second = app.get_screen_stack("second")[0]
        assert second.query_one("#name", Static).is_mounted, "App._init_mode mounted nothing"
        screens = _relied_on("App._screen_stacks", lambda: list(every_screen(app)))
        assert {type(s) for s in screens} >= {First, Second}, "App._screen_stacks lost a mode"


async def test_the_stylesheet_version_is_the_one_textual_compares_before_restyling() -> None:
    app = TwoModes()
    async with app.run_test() as pilot:
        await pilot.pause()
        before = _relied_on("App._css_update_count", lambda: stylesheet_version(app))
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert stylesheet_version(app) > before, "App._css_update_count does not count"
        screen = app.screen
        assert _relied_on("Screen._css_update_count", lambda: screen_styled_at(screen)) == (
            stylesheet_version(app)
        ), "App.refresh_css no longer marks the screen it restyled"
        _relied_on("Screen._css_update_count", lambda: mark_screen_styled(screen, -7))
        assert screen_styled_at(screen) == -7, "Screen._css_update_count cannot be set"
        # Shown while its count differs from the app's, a screen is restyled and takes
        # the app's count: the comparison that the app's screens skip by matching it.
        build_mode_screen(app, "second")
        await pilot.pause()
        made = app.get_screen_stack("second")[0]
        mark_screen_styled(made, -1)
        await app.switch_mode("second")
        await pilot.pause()
        assert screen_styled_at(made) == stylesheet_version(app), (
            "Textual no longer compares Screen._css_update_count with App._css_update_count"
        )


async def test_the_stylesheet_keeps_its_variables_and_restyles_without_parsing() -> None:
    app = TwoModes()
    async with app.run_test() as pilot:
        await pilot.pause()
        variables = _relied_on("Stylesheet._variables", lambda: stylesheet_variables(app))
        assert variables == app.get_css_variables(), "Stylesheet._variables is not the theme's"
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert stylesheet_variables(app) == app.get_css_variables(), (
            "App.refresh_css no longer sets the stylesheet's variables"
        )
        # Styled with the rules as they are, the screen takes the theme's background.
        _relied_on("Screen._refresh_layout", lambda: restyle_without_parsing(app, False))
        await pilot.pause()
        assert app.screen.styles.background == Color.parse(app.get_css_variables()["background"])


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield DataTable()


async def test_a_table_knows_its_size_as_soon_as_its_rows_are_added() -> None:
    app = OneTable()
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        table.add_columns("name", "note")
        for n in range(3):
            table.add_row(f"person {n}", "a note")
        # Textual works the size out when the table is next idle: not yet.
        assert table.virtual_size.height < 4
        _relied_on("DataTable._update_dimensions", lambda: size_table_now(table))
        assert table.virtual_size.height == 4, "the rows and the header"
        assert table.virtual_size.width > 0
        height = table.virtual_size.height
        await pilot.pause()
        assert table.virtual_size.height == height, "sized twice, differently"
