"""Open the real app headless on a data file and report how soon it showed its data.

Run by ``benchmarks/bench.py`` as its own process:
``python benchmarks/tui_driver.py DATA_FILE LAUNCHED_AT``, where ``LAUNCHED_AT`` is the
``time.time()`` of the parent just before it started this process. Prints one JSON
object:

- ``today_painted_s``: from launch until the Today screen had painted its data, and
  ``today_painted_cpu_s`` the processor time the process had used by then;
- ``history_loaded_s``: from launch until the whole history was in (the app reads the
  long past after its first paint), or the first paint when it had it all at once;
- ``screens_built_s``: from launch until the app had built its other screens ahead (it
  does so once the history is in, while no key comes);
- ``switch_s``: for each screen, seconds from asking for it (what its key does) until it
  had painted, the screens visited in order once they were built, then Today again,
  and ``switch_cpu_s`` the processor time each took (steadier on a busy machine);
- ``contacts_rows``: the rows of the Contacts table (every active contact), and
  ``filled_s`` / ``filled_cpu_s`` how long after its key every one was in (the rows
  past the first screenful are added after the screen has painted);
- ``peak_rss_mb``: the process's peak memory (its own, not its parent's: ``_peak_kib``).
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

SIZE = (160, 50)
HISTORY_TIMEOUT_S = 600


async def measure(path: Path, launched_at: float) -> dict[str, object]:
    from textual.widgets import DataTable

    from netrack.store import Store
    from netrack.tui.app import SCREENS, NetrackApp
    from netrack.tui.widgets.tables import filling

    app = NetrackApp(Store(path))
    async with app.run_test(size=SIZE) as pilot:
        today_painted = await _after_paint(app)
        today_cpu = time.process_time()
        if app.screen.query_one("#week-actions", DataTable).row_count == 0:
            raise SystemExit("the Today screen shows no actions")
        loaded = today_painted
        deadline = time.time() + HISTORY_TIMEOUT_S
        while not _whole_history(app):
            if time.time() > deadline:
                raise SystemExit("the app did not read the whole history")
            await pilot.pause(0.01)
            loaded = time.time()
        await _after_paint(app)
        # The app builds the other screens while the user pauses (netrack/tui/ahead.py):
        # the switches are timed once it has, as after a moment spent reading Today.
        ahead = getattr(app, "screens_ahead", None)
        while ahead is not None and ahead.waiting():
            if time.time() > deadline:
                raise SystemExit("the app did not build its screens ahead")
            await pilot.pause(0.05)
        built = time.time()
        await _after_paint(app)
        switches: dict[str, float] = {}
        switches_cpu: dict[str, float] = {}
        filled: dict[str, float] = {}
        filled_cpu: dict[str, float] = {}
        for name in [*(name for name, *_ in SCREENS[1:]), SCREENS[0][0]]:
            asked, asked_cpu = time.time(), time.process_time()
            await app.switch_mode(name)  # what the screen's key does
            switches[name] = await _after_paint(app) - asked
            switches_cpu[name] = time.process_time() - asked_cpu
            if name == "contacts":
                table = app.screen.query_one("#contacts", DataTable)
                # The rows past the first screenful are added after the paint.
                while filling(table):
                    if time.time() > deadline:
                        raise SystemExit("the Contacts table was never filled")
                    await pilot.pause(0.01)
                filled[name] = time.time() - asked
                filled_cpu[name] = time.process_time() - asked_cpu
                expected = sum(1 for c in app.snapshot.data.contacts if not c.archived)
                if table.row_count != expected:
                    raise SystemExit(
                        f"the Contacts screen shows {table.row_count} of {expected} contacts"
                    )
                rows = table.row_count
    peak_kib = _peak_kib()
    return {
        "today_painted_s": today_painted - launched_at,
        "today_painted_cpu_s": today_cpu,
        "history_loaded_s": loaded - launched_at,
        "screens_built_s": built - launched_at,
        "switch_s": switches,
        "switch_cpu_s": switches_cpu,
        "contacts_rows": rows,
        "filled_s": filled,
        "filled_cpu_s": filled_cpu,
        "peak_rss_mb": peak_kib / 1024,
    }


def _peak_kib() -> int:
    """This process's peak memory in KiB. Linux keeps the largest of ``ru_maxrss``
    across ``exec``: a process started by a parent holding 200 MB (bench.py after
    building a long history) reports at least that. VmHWM is this program's own."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _whole_history(app) -> bool:
    """Whether the app's snapshot holds every action (not only the recent ones)."""
    whole = getattr(app, "whole_history", None)
    return True if whole is None else bool(whole())


async def _after_paint(app) -> float:
    """The moment the current screen has no layout or repaint left to do."""
    painted: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: painted.set_result(time.time()))
    return await painted


def main() -> None:
    path, launched_at = Path(sys.argv[1]), float(sys.argv[2])
    print(json.dumps(asyncio.run(measure(path, launched_at))))


if __name__ == "__main__":
    main()
