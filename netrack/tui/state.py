"""What the app shows: one snapshot of the data file and the analysis built on it."""

from __future__ import annotations

from typing import NamedTuple

from netrack import clock
from netrack.domain.analysis import Analysis
from netrack.store import FileState, Store


class Snapshot(NamedTuple):
    """The data file as read at one moment, with every number derived from it."""

    analysis: Analysis
    file_state: FileState
    version: int

    @property
    def data(self):
        return self.analysis.data


def take_snapshot(store: Store, version: int) -> Snapshot:
    """Read the file and analyse it as of now.

    The file's identity is taken before reading, so a write that lands during the read
    is noticed at the next check rather than missed.
    """
    state = store.file_state()
    data = store.load()
    return Snapshot(Analysis(data, clock.now()), state, version)


def warmed(snapshot: Snapshot) -> Snapshot:
    """``snapshot`` with the numbers every screen draws from already worked out.

    Called in the worker thread that read the file, so that a long history is tallied
    there rather than on the UI thread when the screen redraws.
    """
    analysis = snapshot.analysis
    analysis.habit_records()
    analysis.touch_statuses()
    if analysis.earlier is None:
        _ = analysis.balances
    return snapshot
