"""The collector pause: composing across threads, and freezing only where nothing is drawn."""

from __future__ import annotations

import gc
import threading

from netrack.collector import collector_paused, without_freezing
from tests.tui_support import make_app, netrack, settle


def test_pauses_in_two_threads_turn_the_collector_on_when_the_last_ends() -> None:
    inside, leave = threading.Event(), threading.Event()

    def read() -> None:
        with collector_paused(freeze=False):
            inside.set()
            leave.wait(10)

    reader = threading.Thread(target=read)
    reader.start()
    inside.wait(10)
    with collector_paused(freeze=False):  # the UI draws meanwhile
        assert not gc.isenabled()
    assert not gc.isenabled()  # the read is still going: the collector stays out
    leave.set()
    reader.join(10)
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_is_left_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def _count_freezes(monkeypatch) -> list[str]:
    """Each ``gc.freeze()`` from now on, named by the thread that made it."""
    calls: list[str] = []
    freeze = gc.freeze

    def counted() -> None:
        calls.append(threading.current_thread().name)
        freeze()

    monkeypatch.setattr(gc, "freeze", counted)
    return calls


def test_a_read_without_freezing_freezes_nothing(seeded, monkeypatch) -> None:
    from netrack.store import Store

    freezes = _count_freezes(monkeypatch)
    with without_freezing():
        Store(seeded).load()
    assert freezes == []
    Store(seeded).load()  # a command line read freezes what it made
    assert len(freezes) == 1


async def test_the_app_freezes_nothing_when_it_reads_or_writes_in_a_worker(
    seeded, monkeypatch
) -> None:
    """Freezing there would take the widgets alive at that moment, never to be collected."""
    app = make_app(seeded)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)  # the start-up objects are frozen once, after the first draw
        freezes = _count_freezes(monkeypatch)
        netrack(seeded, "give", "Dana Lee", "from the shell")
        freezes.clear()
        app.reload()
        await pilot.press("g", *"Sam Ortiz", "enter")
        await settle(pilot)
        assert "from the shell" in [a.note for a in app.snapshot.data.actions]
        assert freezes == []
