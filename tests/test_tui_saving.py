"""A change that takes a while to save: the app says why only when it knows."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest

from netrack.tui import app as app_module
from netrack.tui.writes import Change
from tests.conftest import python_command
from tests.tui_support import make_app, settle, wait_until

HOLDER = """
import sys, time
from netrack.store.locking import exclusive_lock
with exclusive_lock(__import__("pathlib").Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(60)
"""
BLAMED = "Another netrack process is writing the data file"


@pytest.mark.parametrize("held_elsewhere", [False, True])
async def test_a_slow_save_blames_another_process_only_when_one_holds_the_lock(
    seeded: Path, monkeypatch, held_elsewhere: bool
) -> None:
    monkeypatch.setattr(app_module, "SLOW_WRITE_SECONDS", 0.2)
    holder = None
    release = threading.Event()

    def slow(store) -> None:
        with store.transaction():  # holds the lock itself, slow as a long history is
            release.wait(20)

    app = make_app(seeded)
    try:
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await settle(pilot)
            if held_elsewhere:  # another terminal's netrack, in the middle of a write
                holder = subprocess.Popen(
                    python_command(HOLDER, str(seeded)), stdout=subprocess.PIPE, text=True
                )
                assert holder.stdout is not None and holder.stdout.readline() == "held\n"
            app.write(Change(slow))
            await wait_until(pilot, lambda: "saving…" in app.sub_title, "saving… shown")
            await pilot.pause(0.3)
            said = [n.message for n in app._notifications]
            assert any(BLAMED in message for message in said) == held_elsewhere, said
            release.set()
            if holder is not None:
                holder.kill()
            await wait_until(pilot, lambda: not app.writing, "the change saved")
    finally:
        release.set()
        if holder is not None:
            holder.kill()
            holder.wait()
