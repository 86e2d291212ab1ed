"""What the app shows: one snapshot of the data file and the analysis built on it."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import NamedTuple

from textual.message import Message

from netrack import clock
from netrack.collector import settle, without_freezing
from netrack.domain.analysis import Analysis
from netrack.domain.getting_started import needs_guide
from netrack.domain.tally import NotRead
from netrack.errors import NetrackError
from netrack.store import FileState, Store
from netrack.store.pastreads import (
    NO_PAST,
    PastIndex,
    load_with_past,
    read_with_past,
    today_from_view,
)


class Snapshot(NamedTuple):
    """The data file as read at one moment, with every number derived from it."""

    analysis: Analysis
    file_state: FileState
    version: int
    # The archived actions by contact (counts, notes, years): what the screens show of
    # them besides the archive's sums (store/pastreads.py).
    past: PastIndex = NO_PAST

    @property
    def data(self):
        return self.analysis.data

    @property
    def whole(self) -> bool:
        """True when every action is in (not only the recent ones, the rest counted)."""
        return self.analysis.earlier is None

    @property
    def complete(self) -> bool:
        """True when the archived years are in as the app keeps them: their sums, their
        follow-ups and week notes, their actions indexed (``take_snapshot``'s ``recent``
        False). Every screen draws from such a snapshot; the first one has the main
        file alone, for Today."""
        return self.whole or self.past is not NO_PAST

    @property
    def counted(self) -> bool:
        """True when the archived years are in, one by one or summed up: what streaks,
        keep-in-touch and suggestions need. The first snapshot, read before Today is
        painted, has the main file alone (``take_snapshot``'s ``counted``)."""
        earlier = self.analysis.earlier
        return earlier is None or not isinstance(earlier.by_day, NotRead)


def take_snapshot(
    store: Store, version: int, recent: bool = False, counted: bool = True
) -> Snapshot:
    """Read the file and analyse it as of now: the main file with the archived years as
    the app keeps them (``pastreads.load_with_past``), never their actions one by one.

    ``recent``: only the main file's actions, the archived years read as day counts
    (``Store.load_recent``): enough for Today, at a fraction of a long history's cost.
    ``counted`` False (with ``recent``): not even those counts, no archive file read at
    all; what Today shows at once (this week, the plan, follow-ups) and nothing more.
    The file's identity is taken before reading, so a write that lands during the read
    is noticed at the next check rather than missed.
    """
    state = store.file_state()
    if recent and not counted and (first := _first_from_view(store)) is not None:
        return Snapshot(first, state, version)
    if recent:
        data, earlier = store.load_recent(summary=("days", "people") if counted else ())
        return Snapshot(Analysis(data, clock.now(), earlier), state, version)
    data, earlier, past = load_with_past(store)
    return Snapshot(Analysis(data, clock.now(), earlier), state, version, past)


def _first_from_view(store: Store) -> Analysis | None:
    """Today's first paint from the read view (store/readview.py) when it is current: the
    contacts, the small tables, the open follow-ups and those closed lately, and the
    last weeks' actions, as the main file holds them, without decoding the main file's
    megabytes. None when there is no current view, or when Today would not show the
    same as from the main file: the start guide looks at the weeks of every action."""
    now = clock.now()
    found = today_from_view(store, now)
    if found is None:
        return None
    analysis = Analysis(found[0], now, found[1])
    if needs_guide(analysis.data, analysis.calendar):
        return None  # its few weeks of actions do not say whether the guide is done
    return analysis


def warmed(snapshot: Snapshot) -> Snapshot:
    """``snapshot`` with the numbers every screen draws from already worked out.

    Called in the worker thread that read the file, so that a long history is tallied
    there rather than on the UI thread when the screen redraws.
    """
    analysis = snapshot.analysis
    analysis.habit_records()
    analysis.touch_statuses()
    _ = analysis.balances, analysis.takes_since_give
    return snapshot


def read_in_worker(store: Store, version: int, recent: bool) -> tuple[Snapshot | None, str]:
    """``take_snapshot``, ``warmed``, in a worker thread; or why the file could not be read."""
    try:
        with without_freezing():  # see netrack.collector
            snapshot = warmed(take_snapshot(store, version, recent))
    except NetrackError as error:
        return None, str(error)
    settle()
    return snapshot, ""


def read_in_turn(
    store: Store, versions: Iterator[int]
) -> Generator[tuple[Snapshot | None, str], None, None]:
    """In a worker thread: the file with the archive's sums (enough for Today), then
    with what the app keeps of the archived years (``Snapshot.complete``), the main
    file read once for both (``pastreads.read_with_past``); or why it could not be
    read."""
    state = store.file_state()
    try:
        with without_freezing():
            for data, earlier, past in read_with_past(store):
                analysis = Analysis(data, clock.now(), earlier)
                snapshot = Snapshot(analysis, state, next(versions), past or NO_PAST)
                yield warmed(snapshot), ""
    except NetrackError as error:
        yield None, str(error)
    settle()
    _give_back_freed_memory()


def _give_back_freed_memory() -> None:
    """Hand the memory freed after a long read back to the system (glibc keeps it).

    Reading the archive's year files decodes far more than the app keeps; measured at
    100,000 actions, the process held 6 MB less afterwards, and so peaked lower when
    its screens were built. Elsewhere than glibc, nothing to do.
    """
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # the C library the interpreter runs on
    except (OSError, AttributeError, TypeError):
        return
    trim(0)


class FileRead(Message):
    """The data file as read off the UI thread (or why it could not be read)."""

    def __init__(self, snapshot: Snapshot | None, error: str, state: FileState | None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.error = error
        self.state = state  # the file's identity before the read
