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
            assert len(shown) >= 4, (screen, shown)
            assert screen == "1" or len(shown) < len(whole), f"some keys of {screen} left out"
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


async def test_todays_footer_offers_escape_only_with_a_field_to_leave(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.focused is not None  # the form's name field
        await wait_until(pilot, lambda: "esc Leave field" in _footer_items(app)[0], "esc")
        await pilot.press("escape")
        await wait_until(
            pilot, lambda: "h History" in _footer_items(app)[0], "the room it took for others"
        )
        assert "esc Leave field" not in _footer_items(app)[1]
        await pilot.press("l")  # back in the form
        await wait_until(pilot, lambda: "esc Leave field" in _footer_items(app)[0], "esc again")
