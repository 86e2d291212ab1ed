"""Run netrack at a given moment: the test-only entry point for child processes.

Usage: ``python frozen_netrack.py MOMENT TIMEZONE ARGS...``. The clock is frozen at
MOMENT (ISO 8601) in TIMEZONE, as the test that starts this process froze its own, and
then netrack's real ``main`` runs with ARGS. The product itself has no way to move its
clock: only tests start netrack through this file.
"""

from __future__ import annotations

import sys

import pendulum


def run(moment: str, timezone: str, args: list[str]) -> int:
    zone = pendulum.timezone(timezone)
    pendulum.set_local_timezone(zone)
    with pendulum.travel_to(pendulum.parse(moment, tz=zone), freeze=True):
        from netrack.cli.main import main

        return main(args)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1], sys.argv[2], sys.argv[3:]))
