"""Keeping Python's cyclic garbage collector out of work that makes many lasting objects."""

from __future__ import annotations

import _thread
import contextlib
import gc
from collections.abc import Iterator
from contextvars import ContextVar

_lock = _thread.allocate_lock()  # threading's Lock, without importing threading (a quick add)
_pauses = 0  # blocks inside collector_paused, in any thread, that turned the collector off
_freezing: ContextVar[bool] = ContextVar("netrack_freezing", default=True)


@contextlib.contextmanager
def collector_paused(freeze: bool = True) -> Iterator[None]:
    """Keep the cyclic garbage collector out of the block; freeze what it made.

    Reading a long history creates a million small objects (and drawing 5,000
    contacts, 30,000 table cells), and the collector would otherwise traverse them over
    and over while they are made: at 100k actions that doubled the time of a read.
    They form no reference cycles, so they are frozen at the end, and later
    collections skip them too (reference counting still frees them): measured at 100k
    actions, a full collection after a read takes 0.15-0.25 s unfrozen, nothing frozen.
    Pass ``freeze=False`` for work whose objects may form cycles and be dropped later
    (widgets): frozen, those would never be collected.

    Pauses in several threads at once (the app reads in a worker while it draws) turn
    the collector back on when the last one ends. A collector turned off by someone
    else is left off.
    """
    global _pauses
    with _lock:
        ours = _pauses > 0 or gc.isenabled()
        if ours:
            _pauses += 1
            gc.disable()
    try:
        yield
    finally:
        if ours:
            with _lock:
                _pauses -= 1
                if freeze and _freezing.get():
                    gc.freeze()
                if _pauses == 0:
                    gc.enable()


@contextlib.contextmanager
def without_freezing() -> Iterator[None]:
    """Reads and writes in this block (this thread) pause the collector but freeze nothing.

    ``gc.freeze`` takes every object alive at that moment, not only those the read
    made: in the app, whose widgets come and go while worker threads read the file,
    it would also freeze widgets that a later draw drops, and they would never be
    collected. The app's workers read inside this block and pay for a collection now
    and then instead; a command line run, which draws nothing, still freezes.
    """
    token = _freezing.set(False)
    try:
        yield
    finally:
        _freezing.reset(token)


def settle() -> None:
    """Collect now, so that what a read just made is sorted into the oldest generation.

    A read made with the collector paused leaves its objects in the youngest
    generation; the collections that would otherwise sort them out later, one
    generation at a time, fall on whatever allocates next: in the app, the next screen
    drawn (measured at 100,000 actions: 0.2-0.3 s added to the first screen switch
    after a read, against 0.06 s for this collection). The app calls this in the
    worker thread that read the file.
    """
    gc.collect()
