"""Opening the Textual app (the only command path that imports Textual)."""

from __future__ import annotations

import argparse
import sys

from netrack.cli.context import Context
from netrack.errors import UsageError


def run_app(args: argparse.Namespace, ctx: Context, screen: str = "today") -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the app needs a terminal; for scripts use a command (see netrack --help)")
    ctx.store.load()  # a damaged file is reported here, before the screen is taken over
    from netrack.tui.app import NetrackApp

    NetrackApp(ctx.store, start_screen=screen).run()
    return 0
