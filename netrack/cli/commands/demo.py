"""``netrack demo``: invented history to try netrack on, in a file of its own."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from netrack.cli.context import Context
from netrack.cli.output import safe
from netrack.demo import write_demo
from netrack.errors import NetrackError, UsageError
from netrack.paths import DB_FILENAME
from netrack.store import Store


def run_demo(args: argparse.Namespace, ctx: Context) -> int:
    if args.no_tui:
        if not args.db:
            # Never the user's own (default or $NETRACK_DB) file: invented history would
            # mix with theirs.
            raise UsageError(
                "say where to write the demo: 'netrack demo --no-tui --db demo.json' "
                "(it never goes into your own data file)"
            )
        summary = write_demo(ctx.store, weeks=args.weeks, seed=args.seed, now=ctx.now)
        ctx.say(f"demo written to {safe(str(ctx.store.path))}: {summary.describe()}")
        return 0
    if not has_terminal():
        raise UsageError(
            "the demo app needs a terminal; to only write the data use "
            "'netrack demo --no-tui --db PATH'"
        )
    # Without --db the demo gets a fresh folder, so it can never touch the user's own file.
    folder = None
    store = ctx.store
    if not args.db:
        folder = Path(tempfile.mkdtemp(prefix="netrack-demo-"))
        store = Store(folder / DB_FILENAME)
    try:
        write_demo(store, weeks=args.weeks, seed=args.seed, now=ctx.now)
        from netrack.cli.commands import app

        code = app.run_app(args, Context(store, ctx.now, ctx.out, ctx.err))
    except NetrackError:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    path = safe(str(store.path))
    ctx.say(f"the demo data is in {path}; open it again with: netrack --db {path}")
    return code


def has_terminal() -> bool:
    """Whether the app can take over this terminal (checked before writing anything)."""
    return sys.stdin.isatty() and sys.stdout.isatty()
