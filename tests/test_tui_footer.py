"""The footer shows keys whole: one that does not fit is left out, not cut in two."""

from __future__ import annotations

from netrack.tui.widgets.footer import Footer
from tests.tui_support import make_app, screen_lines, settle, wait_until


def _footer_items(app) -> tuple[list[str], set[str]]:
    """The footer's keys as the terminal shows them (left of the palette's key), and
    every key it holds, whole ("h History")."""
    line = screen_lines(app)[-1].split("▏")[0]
    shown = [item.strip() for item in line.split("  ") if item.strip()]
    whole = {
        f"{key.key_display} {key.description}".strip()
        for key in app.screen.query_one(Footer).children
        if not key.has_class("-command-palette")
    }
    return shown, whole


async def test_the_footer_leaves_out_keys_it_cannot_show_whole(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        for screen in "1256":
            await pilot.press(screen)
            await wait_until(
                pilot,
                lambda: (items := _footer_items(app))[0] and set(items[0]) <= items[1],
                f"only whole keys in the footer of screen {screen}",
            )
            shown, whole = _footer_items(app)
            assert len(shown) >= 4 and len(shown) < len(whole), (screen, shown)
        await pilot.resize_terminal(200, 24)  # the keys left out come back
        await wait_until(
            pilot,
            lambda: (items := _footer_items(app))[0] and set(items[0]) == items[1],
            "every key of Events shown",
        )
        await pilot.resize_terminal(66, 24)
        await wait_until(
            pilot,
            lambda: (items := _footer_items(app))[0] and set(items[0]) < items[1],
            "fewer keys, all whole",
        )
