"""The app's part in sync: its changes published, the other computers' taken in."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from netrack import clock
from netrack.errors import NetrackError
from netrack.store.schema import NOUNS
from netrack.summaries import arrivals
from netrack.tui.writes import change

if TYPE_CHECKING:
    from netrack.operations.sync import Report
    from netrack.tui.app import NetrackApp


class Syncing:
    """Mixed into the app. The sync operations are imported when first used: Today's
    first paint needs none of them."""

    _sync_asked = False  # a sync run is queued on the write path

    def check_for_news(self) -> None:
        """Queue a sync run when sync is on and other computers published meanwhile."""
        from netrack.operations.sync import has_news, is_syncing

        store = _app(self).store
        if is_syncing(store) and has_news(store):
            self.sync_soon()

    def sync_soon(self) -> None:
        """Publish this app's changes and take in the other computers', on the write path.

        A sync run writes the data file like any change, so it queues behind the user's.
        """
        from netrack.operations.sync import sync_now

        if self._sync_asked:
            return
        self._sync_asked = True
        app = _app(self)
        app.store.unpublished = False
        app.write(
            change(sync_now, clock.now()),
            done=self._synced,
            refused=self._sync_refused,
            title="From your other computers",
        )

    def _synced(self, report: Report) -> str:
        self._sync_asked = False
        return arrivals(report.received, report.removed, NOUNS)

    def _sync_refused(self, error: NetrackError) -> None:
        self._sync_asked = False
        _app(self).say(str(error), title="Sync", severity="warning", timeout=10)


def _app(mixed: Syncing) -> NetrackApp:
    return cast("NetrackApp", mixed)
