"""The footer shows keys whole: one that does not fit is left out, not cut in two."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets._footer import FooterKey

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
        first = _footer_items(app)[0][0]
        app.screen.query_one(Footer).scroll_to(x=12, animate=False)  # the wheel, sideways
        await wait_until(
            pilot,
            lambda: (
                (items := _footer_items(app))[0]
                and first not in items[0]
                and set(items[0]) < items[1]
            ),
            "keys scrolled sideways, all whole",
        )


async def test_keys_laid_out_late_by_a_busy_machine_are_still_shown_whole(
    seeded, monkeypatch
) -> None:
    """A loaded machine may place the footer's new keys seconds after it makes them: the
    footer fits them whenever their layout comes, however late."""
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: "p Plan" in _footer_items(app)[0], "Contacts' keys")
        screen = app.screen
        with monkeypatch.context() as busy:  # the screen is not laid out: no key has a place
            busy.setattr(screen, "_refresh_layout", lambda *args, **kwargs: None)
            busy.setattr(FooterKey, "region", property(lambda key: Region()))
            await pilot.press("tab")  # the contact's pane: other keys, made anew
            await wait_until(pilot, lambda: "p Plan" not in _footer_items(app)[1], "new keys")
            await pilot.pause(3)  # the machine stays busy
        screen.refresh(layout=True)  # and at last lays the keys out
        await wait_until(
            pilot,
            lambda: (items := _footer_items(app))[0] and set(items[0]) < items[1],
            "only whole keys, some left out",
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
