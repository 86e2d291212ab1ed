"""Write one SVG per screen of the app, on the demo data, to ``screenshots/``.

Run it with ``make screenshots`` after changing how a screen looks, and commit the
SVGs. Everything that shows is fixed: the demo history (seed), the clock and time
zone, the terminal size, the theme and the file name in the header. So running it
twice writes the same files, byte for byte (Rich names the SVG's CSS classes after a
hash of the content, so equal screens give equal files).
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import pendulum

from netrack.demo import write_demo
from netrack.store import Store

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from netrack.tui.app import NetrackApp

TIMEZONE = "Europe/Berlin"
# A Thursday afternoon: the week is half done, so some habits are met and some are not.
NOW = pendulum.datetime(2026, 11, 19, 15, 30, tz=TIMEZONE)
SIZE = (120, 40)
SEED = 0
WEEKS = 26
THEME = "textual-dark"
FILE_NAME = "demo.json"  # shown in the header instead of the temporary file's path
OUTPUT = Path(__file__).resolve().parent.parent / "screenshots"

CONTACT = "Kwame Mensah"  # selected on Contacts: gives, takes, a follow-up owed, a long timeline
QUICK_LOG_NAME = "Aiko"  # completes to a contact who is going cold
QUICK_LOG_NOTE = "saw your talk on data contracts; coffee next week?"

# The files written, in order.
SCREENS = (
    "today",
    "contacts",
    "review",
    "streaks",
    "reciprocity",
    "events",
    "help",
    "quick-log",
    "review-plan",
)


def take_screenshots(folder: Path = OUTPUT) -> list[Path]:
    """Open the app on a fresh demo file at the frozen time; save each screen in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    pendulum.set_local_timezone(pendulum.timezone(TIMEZONE))
    try:
        with pendulum.travel_to(NOW, freeze=True), tempfile.TemporaryDirectory() as temp:
            store = Store(Path(temp) / FILE_NAME)
            write_demo(store, weeks=WEEKS, seed=SEED, now=NOW)
            return asyncio.run(_capture(store, folder))
    finally:
        pendulum.set_local_timezone()


async def _capture(store: Store, folder: Path) -> list[Path]:
    from netrack.tui.app import NetrackApp

    app = NetrackApp(store, watch_file=False, build_ahead=False)  # each drawn on its key
    written: list[Path] = []
    async with app.run_test(size=SIZE) as pilot:
        app.theme = THEME

        async def save(name: str) -> None:
            await pilot.pause()
            app.sub_title = FILE_NAME
            await pilot.pause()
            app.save_screenshot(filename=f"{name}.svg", path=str(folder))
            written.append(folder / f"{name}.svg")

        await save("today")
        await pilot.press("2")
        await pilot.pause()
        _select_row(app, "#contacts", CONTACT)
        await save("contacts")
        for key, name in (("3", "review"), ("4", "streaks"), ("5", "reciprocity"), ("6", "events")):
            await pilot.press(key)
            await save(name)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("question_mark")
        await save("help")
        await pilot.press("escape")
        await pilot.pause()
        await _fill_quick_log(pilot)
        await save("quick-log")
        await pilot.press("escape", "3")
        await pilot.pause()
        # The review's plan for the week and the picker for the next, at the top.
        app.screen.query_one("#review-plan").scroll_visible(top=True, animate=False)
        await save("review-plan")
    return written


async def _fill_quick_log(pilot: Pilot) -> None:
    """A personal LinkedIn reach-out to someone going cold, typed but not yet logged."""
    # r picks the kind; → accepts the completed name; tab moves on to the note.
    await pilot.press("r", *QUICK_LOG_NAME, "right", "tab")
    # Typed in one go: a key press at a time redraws the screen each time (slow).
    pilot.app.focused.insert_text_at_cursor(QUICK_LOG_NOTE)
    # Past the date and the due date to the channel list: open it, take the first
    # channel (linkedin).
    await pilot.press("tab", "tab", "tab", "enter")
    await pilot.pause()
    await pilot.press("home", "enter", "tab", "space")


def _select_row(app: NetrackApp, table_id: str, name: str) -> None:
    """Put the cursor of the table ``table_id`` on the row whose first cell is ``name``."""
    table = app.screen.query_one(table_id)
    for row in range(table.row_count):
        if str(table.get_row_at(row)[0]) == name:
            table.move_cursor(row=row)
            return
    raise LookupError(f"{name} is not in {table_id}; has the demo cast changed?")


def main() -> None:
    os.environ.pop("NO_COLOR", None)  # the pictures are in colour whatever this shell says
    for path in take_screenshots():
        print(f"wrote {path.relative_to(OUTPUT.parent)}")


if __name__ == "__main__":
    main()
