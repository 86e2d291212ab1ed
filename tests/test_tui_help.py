"""Help (?) reads well at common terminal widths: a long line wraps under its own text."""

from __future__ import annotations

import pytest

from netrack.tui.screens.help import INDENT, KEY_WIDTH, HelpScreen
from tests.tui_support import make_app, screen_lines, settle, wait_until


@pytest.mark.parametrize("width", [80, 100])
async def test_help_wraps_with_hanging_indentation(seeded, width) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(width, 200)) as pilot:  # tall: every line in view
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        lines = screen_lines(app)
        titles = {section.title for section in help_screen.sections()}
        plain = help_screen.text()
    top = next(n for n, line in enumerate(lines) if "netrack keys" in line)
    left = lines[top].index("netrack keys")
    shown = []
    for line in lines[top + 1 :]:
        inside = line[left:].rstrip().rstrip("█▌▐│").rstrip()
        if "▄▄▄" in line:  # the foot of the dialog
            break
        shown.append(inside)
    body = [line for line in shown if line and line not in titles]
    assert set(shown) >= titles
    # Keys and notes sit INDENT in; a description that wraps goes on under itself.
    misplaced = [
        line
        for line in body
        if not (
            line[:INDENT].isspace()
            and (not line[INDENT].isspace() or line[: INDENT + KEY_WIDTH].isspace())
        )
    ]
    assert misplaced == []
    wrapped = [line for line in body if line[: INDENT + KEY_WIDTH].isspace()]
    if width == 80:
        assert wrapped, "at 80 columns some descriptions are longer than a line"
        assert "  in touch)" in shown  # the lists' note wraps under itself
    assert " ".join(shown).split() == plain.split()[2:]  # every word, none lost
