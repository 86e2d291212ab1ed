"""Run netrack at a given moment: the test-only entry point for child processes.

Usage::

    python frozen_netrack.py MOMENT TIMEZONE ARGS...           netrack ARGS
    python frozen_netrack.py MOMENT TIMEZONE -c CODE ARGS...   Python CODE (sys.argv[1:] = ARGS)

The clock is frozen at MOMENT (ISO 8601) in TIMEZONE, as the test that starts this
process froze its own, and then netrack's real ``main`` (or the code, which may call it
many times) runs. The product itself has no way to move its clock: only tests start
netrack through this file, and other helpers here use :func:`frozen_at` the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pendulum


def freeze(moment: str, timezone: str) -> None:
    """Stop this process's clock at ``moment`` in ``timezone``, for good."""
    zone = pendulum.timezone(timezone)
    pendulum.set_local_timezone(zone)
    pendulum.travel_to(pendulum.parse(moment, tz=zone), freeze=True)


@contextmanager
def frozen_at(moment: str, timezone: str) -> Iterator[None]:
    freeze(moment, timezone)
    try:
        yield
    finally:
        pendulum.travel_back()
        pendulum.set_local_timezone()


def run(moment: str, timezone: str, args: list[str]) -> int:
    with frozen_at(moment, timezone):
        if args[:1] == ["-c"]:
            sys.argv = ["-c", *args[2:]]
            exec(compile(args[1], "<string>", "exec"), {"__name__": "__main__"})
            return 0
        from netrack.cli.main import main

        return main(args)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[3:]))
