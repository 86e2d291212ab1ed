"""Help (?) reads well at common terminal widths: a long line wraps under its own text."""

from __future__ import annotations

import pytest
from textual.binding import Binding

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


async def test_help_spells_each_key_as_the_footer_does(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "3")  # Review: its footer shows the save key
        await settle(pilot)
        footer = screen_lines(app)[-1]
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.text()
        keys = [key for section in help_screen.sections() for key, _ in section.keys]
        respelled = [
            key
            for key in keys
            for part in key.split()
            if part != "/" and app.get_key_display(Binding(part, "")) != part
        ]
    assert "^s Save reflection" in footer
    assert respelled == [], "keys as Textual names them, not as the footer shows them"
    assert "ctrl+" not in text and "^s" in text and "^p" in text
    assert "\n  ⏎ " in text and "\n  enter " not in text
    assert "\n  esc " in text and "\n  escape " not in text


async def test_help_names_each_kind_logged_in_plain_words(seeded) -> None:
    app = make_app(seeded)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.text()
    assert "Log a meeting with the selected person" in text
    assert "Log help received from the selected person" in text
    assert "Log an ask with the selected person" in text
    assert "log a meeting" in text and "log help received" in text  # Today's kind keys
    assert "a meet " not in text and "a receive" not in text
