"""The one place that asks for the current time.

Everything that needs "now" or "today" calls :func:`now`, so tests freeze time with
``pendulum.travel_to(..., freeze=True)`` and the app follows.
"""

from __future__ import annotations

import pendulum


def now() -> pendulum.DateTime:
    """The current moment in the local time zone, to the second."""
    return pendulum.now().replace(microsecond=0)


def local_timezone() -> pendulum.Timezone | pendulum.FixedTimezone:
    """The user's local time zone (``TZ`` or the system setting)."""
    return pendulum.local_timezone()
