"""The app with sync on: what another computer publishes shows up live, and what the app
writes is published, each in a worker thread."""

from __future__ import annotations

import os

from textual.widgets import DataTable

from netrack.store import Store
from netrack.sync.background import PUBLISH_ENV
from netrack.sync.layout import DEVICES
from tests.conftest import run_netrack
from tests.tui_support import make_app, settle, table_rows, wait_until


async def test_the_app_takes_in_another_computers_change_and_publishes_its_own(
    seeded, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv(PUBLISH_ENV, "now")
    folder = tmp_path / "Sync"
    laptop = tmp_path / "laptop" / "netrack.json"
    for db in (seeded, laptop):
        done = run_netrack("sync", "init", str(folder), "--yes", db=db)
        assert done.returncode == 0, done.stderr
    app = make_app(seeded, watch_file=True)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        added = run_netrack("give", "Sam Ortiz", "logged on the laptop", db=laptop)
        assert added.returncode == 0, added.stderr

        def week_notes() -> list[str]:
            return [r[3] for r in table_rows(app.screen.query_one("#week-actions", DataTable))]

        await wait_until(pilot, lambda: "logged on the laptop" in week_notes(), "the change")
        own = next(p for p in (folder / DEVICES).iterdir() if p.name != _device(laptop))
        before = set(os.listdir(own))
        await pilot.press("g")
        for char in "Dana Lee":
            await pilot.press(char if char != " " else "space")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: set(os.listdir(own)) != before, "the app to publish")
    run_netrack("sync", db=laptop)
    gives = [a for a in Store(laptop).load().actions if a.kind == "give"]
    assert len(gives) == len([a for a in Store(seeded).load().actions if a.kind == "give"])


def _device(db) -> str:
    from netrack.sync.layout import read_identity

    identity = read_identity(db)
    assert identity is not None
    return identity.device
