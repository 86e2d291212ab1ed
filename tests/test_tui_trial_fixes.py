"""Found in a new user's trial at 80x24 and 120x40: what a screen says matches what it
shows, and nothing the user typed is lost to make room."""

from __future__ import annotations

import re

import pytest

from tests.tui_support import make_app, screen_lines, settle, wait_until


def _grid(lines: list[str]) -> tuple[int, list[str]]:
    """The weeks the Streaks title promises, and the week numbers its grid shows."""
    title = next(line for line in lines if "(←/→ pick a week" in line)
    promised = int(re.search(r"Last (\d+) weeks", title).group(1))
    heading = next(line for line in lines if line.split()[:1] == ["habit"] and "47" in line)
    return promised, heading.split()[1:]


@pytest.mark.parametrize(("size", "expected"), [((80, 24), None), ((120, 40), 26)])
async def test_the_streaks_grid_shows_as_many_weeks_as_its_title_says(
    seeded, size, expected
) -> None:
    app = make_app(seeded)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("escape", "4")
        await wait_until(pilot, lambda: "Streaks" in app.screen.title, "Streaks")
        await settle(pilot)
        promised, weeks = _grid(screen_lines(app))
        assert len(weeks) == promised, weeks
        assert weeks[-1] == "47", "the current week is on the right, in view"
        assert [int(w) for w in weeks] == list(range(48 - promised, 48))
        if expected:
            assert promised == expected
        else:
            assert 18 <= promised < 26
        # Narrower still: fewer weeks, and the title follows.
        await pilot.resize_terminal(60, 24)
        await wait_until(pilot, lambda: _grid(screen_lines(app))[0] < promised, "fewer weeks")
        await settle(pilot)
        narrower, weeks = _grid(screen_lines(app))
        assert len(weeks) == narrower and weeks[-1] == "47"
