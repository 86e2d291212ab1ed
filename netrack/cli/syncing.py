"""Sync around each command: take in what arrived first, publish what changed after.

Both steps cost nothing for a data file that does not sync (one stat). For one that
does, the check before a command reads two small files; only when another computer has
published since the last run does the command pay for a sync run (about 0.2 s). After
a command that changed the data file, publishing is left to a detached ``netrack sync``
(see ``netrack.sync.background``), so a quick add returns at once.
"""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import safe
from netrack.errors import NetrackError
from netrack.store.outbox import is_syncing

# Commands that look at the files as they are, or run a sync themselves.
_LEAVE_ALONE = frozenset(("sync", "doctor", "restore", "demo"))
# A restore notes what it changed for the other computers (store/recovery.py).
_PUBLISH_AFTER = frozenset(("restore",))


def before_command(args: argparse.Namespace, ctx: Context) -> None:
    """Take in what other computers published since the last sync, if anything."""
    if getattr(args, "command", None) in _LEAVE_ALONE or not is_syncing(ctx.store.path):
        return
    from netrack.sync import probe

    if probe.news(ctx.store.path):
        _run_sync(ctx)
    elif probe.changed_since_sync(ctx.store.path):
        _publish_soon(ctx)  # a change made earlier is not published yet


def after_command(args: argparse.Namespace, ctx: Context) -> None:
    """Publish what this command changed."""
    command = getattr(args, "command", None)
    if ctx.store.unpublished and (command not in _LEAVE_ALONE or command in _PUBLISH_AFTER):
        ctx.store.unpublished = False
        _publish_soon(ctx)


def _publish_soon(ctx: Context) -> None:
    from netrack.sync.background import BACKGROUND, NOW, publish_mode, start_background_sync

    mode = publish_mode()
    if mode == NOW:
        _run_sync(ctx)
    elif mode == BACKGROUND:
        start_background_sync(ctx.store.path)


def _run_sync(ctx: Context) -> None:
    from netrack.operations.sync import sync_now

    try:
        sync_now(ctx.store, ctx.now)
    except NetrackError as error:
        # The command itself goes on: the change waits in the outbox for the next try.
        ctx.warn(f"netrack: {safe(str(error))} ('netrack sync status' shows more)")
