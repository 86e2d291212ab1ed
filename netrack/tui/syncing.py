"""The app's side of syncing: take in what other computers publish, publish what it writes.

Every second (with the file check) the app asks whether another computer has published
since the last sync run, which costs a few stats; after its own writes it has something
to publish. Either way one sync run is made in a worker thread (the CRDT engine never
runs on the UI thread), and what came in is shown as a notification; the data file it
wrote is then read again like any change made by another process.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.message import Message

from netrack import clock
from netrack.errors import NetrackError
from netrack.operations import sync as sync_ops
from netrack.summaries import records_counted

if TYPE_CHECKING:
    from netrack.operations.sync import Report
    from netrack.tui.app import NetrackApp


class SyncRan(Message):
    """A sync run ended: what it did, or why it failed."""

    def __init__(self, report: Report | None, error: str) -> None:
        super().__init__()
        self.report = report
        self.error = error


class AppSync:
    """Runs one sync at a time for the app, off the UI thread."""

    def __init__(self, app: NetrackApp) -> None:
        self.app = app
        self.running = False
        self.again = False  # asked for while one was running
        self.last_error = ""

    def check(self) -> None:
        """Start a run if another computer published or this app changed something."""
        store = self.app.store
        if not sync_ops.is_syncing(store):
            return
        if store.unpublished or sync_ops.has_news(store):
            self.start()

    def start(self) -> None:
        if self.running:
            self.again = True
            return
        self.running = True
        self.app.store.unpublished = False
        self.app.run_worker(self._run, thread=True, group="sync", name="sync")

    def _run(self) -> None:
        try:
            report, error = sync_ops.sync_now(self.app.store, clock.now()), ""
        except NetrackError as failure:
            report, error = None, str(failure)
        with contextlib.suppress(RuntimeError):  # the app has closed meanwhile
            self.app.post_message(SyncRan(report, error))

    def ran(self, message: SyncRan) -> None:
        """On the UI thread: say what arrived (or why syncing failed, once)."""
        self.running = False
        if message.error:
            if message.error != self.last_error:
                self.app.say(message.error, title="Sync", severity="warning", timeout=10)
            self.last_error = message.error
        else:
            self.last_error = ""
            line = _arrived(message.report)
            if line:
                self.app.say(line, title="From your other computers")
        if self.again:
            self.again = False
            self.start()


def _arrived(report: Report | None) -> str:
    if report is None:
        return ""
    lines = []
    if report.received:
        lines.append(f"took in {records_counted(report.received)}")
    if report.removed:
        lines.append(f"removed as there: {records_counted(report.removed)}")
    return "\n".join(lines)
