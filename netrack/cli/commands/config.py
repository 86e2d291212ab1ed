"""``netrack config [KEY [VALUE]]``."""

from __future__ import annotations

import argparse

from netrack.cli.context import Context
from netrack.cli.output import emit_json, terminal_width, wrap_text
from netrack.domain.settings import SETTINGS, setting_named, setting_values
from netrack.operations.habits import change_setting


def run_config(args: argparse.Namespace, ctx: Context) -> int:
    if args.value is not None:
        key, value = change_setting(ctx.store, args.key, args.value)
        ctx.say(f"{key} = {'none' if value is None else value}")
        return 0
    values = setting_values(ctx.store.load().settings)
    shown = SETTINGS if args.key is None else (setting_named(args.key),)
    if args.json:
        emit_json({entry.key: values[entry.key] for entry in shown})
        return 0
    for entry in shown:
        value = values[entry.key]
        text = "none" if value is None else str(value)
        head = f"{entry.key:<20} {text:<10} "
        room = max(20, terminal_width(ctx.out) - len(head))
        first, *more = wrap_text(entry.help, room).split("\n")
        ctx.say(head + first)
        for line in more:  # under the first line of the help
            ctx.say(" " * len(head) + line)
    return 0
