"""What the app tells Textual and Rich so that they work out less while drawing."""

from __future__ import annotations

from textual import events
from textual.app import App

from netrack.tui.textual_private import (
    every_screen,
    mark_screen_styled,
    restyle_without_parsing,
    stylesheet_variables,
    stylesheet_version,
)


class LessRedrawing(App[None]):
    """The app's size given to Rich, and whether the stylesheet is up to date."""

    css_refreshed = -1  # the stylesheet's count when it was last brought up to date

    def refresh_css(self, animate: bool = True) -> None:
        if self.css_refreshed == -1 and stylesheet_variables(self) == self.get_css_variables():
            # The first refresh, asked for because setting the theme at start counts as a
            # change, although the stylesheet was made with that theme's variables. Textual
            # would parse every source again in a new stylesheet and drop its parse cache,
            # so the next widget's rules parse them all a third time: skip the re-parse.
            restyle_without_parsing(self, animate)
        else:
            super().refresh_css(animate)
        # A screen made from now on needs no restyling of the others (DataScreen). The
        # refresh restyled every screen the app holds, those of the modes not shown
        # too; Textual marks only the ones shown, and would restyle them all again on
        # the next visit of another (Today, made before the first refresh, every time).
        self.css_refreshed = count = stylesheet_version(self)
        for screen in every_screen(self):
            mark_screen_styled(screen, count)

    def on_resize(self, event: events.Resize) -> None:
        # Rich's console asks the terminal for its size on every measurement (a table
        # measures each of its cells: 30,000 for 5,000 contacts); tell it instead.
        self.console.size = (event.size.width, event.size.height)
