"""Open the real app headless on a data file and report how soon it showed its data.

Run by ``benchmarks/bench.py`` as its own process:
``python benchmarks/tui_driver.py DATA_FILE LAUNCHED_AT``, where ``LAUNCHED_AT`` is the
``time.time()`` of the parent just before it started this process. Prints one JSON
object: seconds from launch until the Today screen had painted its data, until the
Contacts screen had painted every contact, and the process's peak memory.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

SIZE = (160, 50)


async def measure(path: Path, launched_at: float) -> dict[str, float]:
    from textual.widgets import DataTable

    from netrack.store import Store
    from netrack.tui.app import NetrackApp

    app = NetrackApp(Store(path))
    async with app.run_test(size=SIZE):
        today_painted = await _after_paint(app)
        week_rows = app.screen.query_one("#week-actions", DataTable).row_count
        if week_rows == 0:
            raise SystemExit("the Today screen shows no actions")
        switch_at = time.time()
        await app.switch_mode("contacts")  # what the key 2 does
        contacts_painted = await _after_paint(app)
        table = app.screen.query_one("#contacts", DataTable)
        expected = sum(1 for c in app.snapshot.data.contacts if not c.archived)
        if table.row_count != expected:
            raise SystemExit(f"the Contacts screen shows {table.row_count} of {expected} contacts")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "today_painted_s": today_painted - launched_at,
        "contacts_shown_s": contacts_painted - launched_at,
        "contacts_switch_s": contacts_painted - switch_at,
        "contacts_rows": table.row_count,
        "peak_rss_mb": peak_kib / 1024,
    }


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
