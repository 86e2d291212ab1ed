"""Opening the Textual app (the only command path that imports Textual)."""

from __future__ import annotations

import argparse
import sys

from netrack.cli.context import Context
from netrack.errors import UsageError


def run_app(
    args: argparse.Namespace, ctx: Context, screen: str = "today", week: str | None = None
) -> int:
    """Open the app on ``screen`` (and on ``week``, for the review)."""
    from netrack.tui.state import take_snapshot

    # A damaged file is reported here, before the screen is taken over; the app starts
    # from this snapshot (the recent actions: it reads the archived years after Today is
    # painted) rather than reading the file twice.
    snapshot = take_snapshot(ctx.store, 0, recent=True, counted=False)
    data = snapshot.data
    if week is not None:
        from netrack.domain.weeks import calendar_for
        from netrack.domain.when import parse_week

        settings = data.settings
        parse_week(week, calendar_for(settings), ctx.now)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the app needs a terminal; for scripts use a command (see netrack --help)")
    from netrack.tui.app import NetrackApp

    NetrackApp(ctx.store, start_screen=screen, review_week=week, snapshot=snapshot).run()
    return 0


def run_review(args: argparse.Namespace, ctx: Context) -> int:
    """``netrack review [--week W]``: the app, opened on the weekly review."""
    return run_app(args, ctx, screen="review", week=args.week)
