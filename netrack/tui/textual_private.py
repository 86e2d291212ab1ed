"""Every use the app makes of Textual's private parts, each where no public API serves.

A new Textual may change any of them: tests/test_textual_private.py checks each one the
way the app uses it and fails naming the one that changed. Do not reach into Textual
anywhere else; add the need here, with its reason and its check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable


def build_mode_screen(app: App[Any], mode: str) -> None:
    """Make and mount ``mode``'s screen without showing it: what ``App.switch_mode`` does
    first for a mode not visited yet (``App._init_mode``). Textual has no public way to
    make a mode's screen ahead of the key that shows it."""
    app._init_mode(mode)


def mode_screen_built(app: App[Any], mode: str) -> bool:
    """Whether ``mode``'s screen was made (public: ``App.get_screen_stack``)."""
    try:
        return bool(app.get_screen_stack(mode))
    except KeyError:
        return False


def every_screen(app: App[Any]) -> Iterator[Screen[Any]]:
    """The screens of every mode's stack, shown or not (``App._screen_stacks``: the public
    ``get_screen_stack`` needs each mode's name, and the default mode's is Textual's)."""
    for stack in app._screen_stacks.values():
        yield from stack


def stylesheet_version(app: App[Any]) -> int:
    """How many times the app's stylesheet was brought up to date (``App._css_update_count``):
    Textual restyles a screen whose own count differs when it is shown."""
    count: int = app._css_update_count
    return count


def screen_styled_at(screen: Screen[Any]) -> int:
    """The stylesheet version ``screen`` was last styled with (``Screen._css_update_count``)."""
    count: int = screen._css_update_count
    return count


def mark_screen_styled(screen: Screen[Any], version: int) -> None:
    """Tell Textual that ``screen`` is styled with stylesheet ``version`` (it then skips
    restyling every widget of it when it is shown)."""
    screen._css_update_count = version


def stylesheet_variables(app: App[Any]) -> dict[str, str]:
    """The variables the app's stylesheet was last parsed with (``Stylesheet._variables``):
    equal to ``app.get_css_variables()`` when a refresh has nothing new to parse."""
    variables: dict[str, str] = app.stylesheet._variables
    return variables


def restyle_without_parsing(app: App[Any], animate: bool) -> None:
    """What ``App.refresh_css`` does after parsing its stylesheet afresh: style the app and
    every screen of its stack with the rules it has, and lay out the one shown."""
    sheet = app.stylesheet
    sheet.update(app, animate=animate)
    shown = app.screen if app.screen_stack else None
    if shown is not None and shown.is_mounted:
        shown._refresh_layout(app.size)
    for screen in app.screen_stack:
        if screen is not shown:
            sheet.update(screen, animate=animate)


def size_table_now(table: DataTable) -> None:
    """Work out the size of the rows just added to ``table`` now: what a DataTable does
    when it is next idle (``DataTable._on_idle``: ``_update_dimensions``). Textual's
    way lays the screen out once with the table empty, and again with its rows."""
    if table._require_update_dimensions:
        table._require_update_dimensions = False
        new_rows = table._new_rows.copy()
        table._new_rows.clear()
        table._update_dimensions(new_rows)
