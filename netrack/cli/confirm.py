"""Asking before a command destroys something."""

from __future__ import annotations

import sys

from netrack.cli.context import Context
from netrack.errors import UsageError


def confirmed(
    ctx: Context, question: str, yes: bool = False, command: str = "", refusal: str = ""
) -> bool:
    """True when ``yes`` was given or the user answers y; without a terminal, refuse.

    A script or pipe has no terminal to ask on: the command is refused (a UsageError
    naming ``command``, or saying ``refusal``) rather than run unasked; ``--yes`` runs it.
    """
    if yes:
        return True
    if not sys.stdin.isatty():
        who = f"{command} asks first and " if command else ""
        raise UsageError(
            refusal or f"{who}nothing changed: no terminal to ask on; add --yes to go ahead"
        )
    ctx.out.write(question)
    ctx.out.flush()
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        answer = ""
    if not answer.endswith("\n"):
        ctx.say()
    return answer.strip().casefold() in ("y", "yes")
