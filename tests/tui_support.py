"""Helpers for driving the app in tests: a known data set and reading the screen."""

from __future__ import annotations

import asyncio
import html
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import pendulum
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DataTable

from netrack.cli.main import main
from netrack.store import Store
from netrack.tui.app import NetrackApp
from tests.conftest import time_at

_TEXT = re.compile(r'<text class="[^"]*-r\d+" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)</text>')
CHAR_WIDTH = 12.2
LINE_HEIGHT = 24.4
FIRST_LINE_Y = 20

HOSTILE_NAMES = ["[/]", "Bob [/b]", "Anna [Mgr]", "[@click=app.quit]x"]


def netrack(db: Path, *args: str) -> None:
    assert main([*args, "--db", str(db)]) == 0, args


def seed(db: Path) -> None:
    """A small history, made while time is frozen at Thu 19 Nov 2026 15:30 (2026-W47).

    The file (and so its habits) starts on Mon 5 Oct 2026 (2026-W41).
    """
    with time_at(pendulum.datetime(2026, 10, 5, 9, tz="Europe/Berlin")):
        netrack(db, "contact", "add", "Dana Lee", "--circle", "inner", "--company", "Acme")
    # Only a follow-up action closes a meeting's follow-up here, so the reach-out to Sam
    # below leaves the coffee's follow-up owed (and overdue on Today).
    netrack(db, "config", "followups-closed-by", "follow-up")
    netrack(db, "contact", "add", "Sam Ortiz", "--circle", "active")
    netrack(db, "contact", "add", "Old Friend", "--circle", "inner")
    netrack(db, "give", "Old Friend", "birthday wishes", "--on", "2026-10-06")
    for day in (
        "2026-10-27",
        "2026-10-28",
        "2026-10-29",
        "2026-11-03",
        "2026-11-04",
        "2026-11-05",
        "2026-11-10",
        "2026-11-11",
        "2026-11-12",
    ):
        netrack(db, "give", "Dana Lee", f"help on {day}", "--on", day)
    netrack(db, "meet", "Sam Ortiz", "coffee", "--on", "2026-11-10", "--channel", "coffee")
    netrack(db, "ask", "Priya Nair", "intro to her team", "--on", "2026-11-02")
    netrack(db, "give", "Dana Lee", "sent the hiring deck", "--on", "mon", "--channel", "email")
    netrack(db, "reach", "Sam Ortiz", "how was the trip", "--on", "tue", "--personal")


def table_rows(table: DataTable) -> list[list[str]]:
    """A DataTable's cells as plain text, row by row."""
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def make_app(db: Path, **kwargs) -> NetrackApp:
    kwargs.setdefault("watch_file", False)
    kwargs.setdefault("build_ahead", False)  # tests/test_tui_ahead.py builds ahead
    return NetrackApp(Store(db), **kwargs)


def screen_lines(app: NetrackApp) -> list[str]:
    """What the terminal shows, line by line, as plain text."""
    return svg_lines(app.export_screenshot())


def svg_lines(svg: str) -> list[str]:
    """The lines of text in a Textual SVG screenshot, rebuilt from each piece's x and y.

    Textual writes a line as several ``<text>`` pieces (one per style) placed by their
    coordinates, with spaces as no-break spaces; the window title is left out.
    """
    rows: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for x, y, text in _TEXT.findall(svg):
        row = round((float(y) - FIRST_LINE_Y) / LINE_HEIGHT)
        rows[row].append((round(float(x) / CHAR_WIDTH), html.unescape(text)))
    lines = []
    for y in sorted(rows):
        line = ""
        for column, text in sorted(rows[y]):
            line = line.ljust(column) + text
        lines.append(line.replace("\xa0", " ").rstrip("\n"))
    return lines


def screen_text(app: NetrackApp) -> str:
    return "\n".join(screen_lines(app))


async def settle(pilot, timeout: float = 30.0) -> None:
    """Wait until the app has made every change asked for and drawn what it read.

    Writes and reloads run in worker threads; their outcome reaches the screen as a
    message, handled once the pilot pauses.
    """
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.writing and not any(w.group in ("writes", "reload") for w in app.workers):
            return
        assert time.monotonic() < deadline, "the app did not finish writing in time"
        await asyncio.sleep(0.01)


async def wait_until(
    pilot: Pilot, condition: Callable[[], object], what: str, timeout: float = 30.0
) -> None:
    """Let the app run until ``condition()`` holds; fail naming ``what`` after ``timeout`` s.

    The bound is generous (a loaded machine is slow); a passing test waits only as
    long as the app takes.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}")
        await pilot.pause(0.02)


async def run_from_palette(pilot: Pilot, search: str, title: str) -> None:
    """Open the command palette, type ``search`` and run the command ``title`` once the
    palette's search has put it first."""
    await pilot.press("ctrl+p")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette), "the palette")
    for char in search:
        await pilot.press(char if char != " " else "space")

    def highlighted() -> str | None:
        commands = pilot.app.screen.query_one(CommandList)
        if commands.highlighted is None:
            return None
        prompt = str(commands.get_option_at_index(commands.highlighted).prompt)
        return prompt.split("\n")[0]  # the title; its help follows on the next line

    await wait_until(pilot, lambda: highlighted() == title, f"{title!r} first in the palette")
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: not isinstance(pilot.app.screen, CommandPalette), "the palette to close"
    )
