"""The app's one write path: every change the user asks for, made in order, off the UI thread.

Screens and widgets never write. They describe a change with :func:`change` (an
operation of ``netrack.operations`` and its arguments) and hand it to
``NetrackApp.write``, which queues it here. One worker thread makes the queued changes
one at a time, in the order they were asked for; a change waits for another netrack
process's lock (up to 15 s) in that thread, so the app keeps drawing and taking keys
meanwhile. When the queue runs dry the worker reads the file once (also off the UI
thread) and reports what happened to the app as messages.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from textual.message import Message

from netrack.collector import without_freezing
from netrack.errors import NetrackError
from netrack.store import Store
from netrack.store.locking import lock_holders

if TYPE_CHECKING:
    from netrack.tui.app import NetrackApp
    from netrack.tui.state import Snapshot

T = TypeVar("T")
U = TypeVar("U")
P = ParamSpec("P")


@dataclass(frozen=True)
class Change(Generic[T]):
    """One change to make: an operation with its arguments bound, waiting for the store."""

    run: Callable[[Store], T]

    def then(self, convert: Callable[[T], U]) -> Change[U]:
        """This change, reporting ``convert(result)`` instead of its result."""
        run = self.run
        return Change(lambda store: convert(run(store)))


def change(
    operation: Callable[Concatenate[Store, P], T], /, *args: P.args, **kwargs: P.kwargs
) -> Change[T]:
    """``operation(store, *args, **kwargs)``, to be run by the app's write path."""

    def run(store: Store) -> T:
        return operation(store, *args, **kwargs)

    return Change(run)


@dataclass
class Job(Generic[T]):
    """A change and what to do on the UI thread once it is made or refused."""

    change: Change[T]
    done: Callable[[T], str | None] | None = None
    refused: Callable[[NetrackError], None] | None = None
    title: str = ""
    reads_only: bool = False  # looks at the file (the history, say) without changing it


@dataclass
class Finished:
    """A job that was made, and what its operation returned."""

    job: Job[Any]
    result: Any


class WritesMade(Message):
    """The changes made since the last report, and the file as read after them."""

    def __init__(self, finished: list[Finished], snapshot: Snapshot | None, error: str) -> None:
        super().__init__()
        self.finished = finished
        self.snapshot = snapshot
        self.error = error  # why the file could not be read afterwards ("" when it was)
        # None and no error: the jobs only read, so the file was not read again.


class WriteRefused(Message):
    """A change that was not made: bad input, or a data file that cannot be used."""

    def __init__(self, job: Job[Any], error: NetrackError) -> None:
        super().__init__()
        self.job = job
        self.error = error


class WriteCrashed(Message):
    """A change that failed with a bug; the app raises it so that it is seen."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error


@dataclass
class WriteQueue:
    """Changes waiting to be made, and the one worker thread that makes them."""

    app: NetrackApp
    _jobs: deque[Job[Any]] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _working: bool = False

    def put(self, job: Job[Any]) -> None:
        """Queue ``job`` behind the changes asked for before it (UI thread)."""
        with self._lock:
            self._jobs.append(job)
            start = not self._working
            self._working = True
        if start:
            self.app.run_worker(self._work, thread=True, group="writes", name="writes")

    def _next(self, finished: list[Finished]) -> Job[Any] | None:
        with self._lock:
            if self._jobs:
                return self._jobs.popleft()
            if not finished:
                self._working = False
            return None

    def _work(self) -> None:
        """Make the queued changes in order, then report them (worker thread)."""
        finished: list[Finished] = []
        while True:
            job = self._next(finished)
            if job is None:
                if not finished:
                    return
                # Read once for a run of changes: a long history takes a while to read.
                wrote = any(not done.job.reads_only for done in finished)
                snapshot, error = self.app.read_snapshot() if wrote else (None, "")
                self._post(WritesMade(finished, snapshot, error))
                finished = []
                continue
            try:
                with without_freezing():  # see netrack.collector
                    result = job.change.run(self.app.store)
            except NetrackError as refusal:
                self._post(WriteRefused(job, refusal))
            except Exception as error:  # a bug: show it, and keep making the others
                self._post(WriteCrashed(error))
            else:
                finished.append(Finished(job, result))

    def _post(self, message: Message) -> None:
        with contextlib.suppress(RuntimeError):  # the app has closed; the change is made
            self.app.post_message(message)


HELD_ELSEWHERE = (
    "Another netrack process is writing the data file; your change is saved as soon as it "
    "lets go (keep typing meanwhile)."
)


def held_elsewhere(path: Path) -> bool:
    """Whether another process is seen holding the data file's lock. A write can be slow
    on its own (a long history, a busy machine): the app blames another process only
    when there is one."""
    return any(holder.pid not in (0, os.getpid()) for holder in lock_holders(path) or ())
