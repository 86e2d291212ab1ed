"""Where the data file lives.

Highest priority first: ``--db PATH``, the ``NETRACK_DB`` environment variable, then
``netrack.json`` in the platform's per-user data folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from netrack.errors import UsageError, quoted

DB_ENV = "NETRACK_DB"
DB_FILENAME = "netrack.json"


def default_data_dir() -> Path:
    """The platform's per-user data folder for netrack (not created here)."""
    # Imported here: only commands that fall back to the default path pay for it.
    from platformdirs import user_data_path

    return user_data_path("netrack", appauthor=False)


def resolve_db_path(
    cli_value: str | None = None, environ: os._Environ | dict | None = None
) -> Path:
    """The data file to use, from ``--db``, then ``NETRACK_DB``, then the default."""
    env = os.environ if environ is None else environ
    chosen = cli_value or env.get(DB_ENV)
    if chosen:
        return user_path(chosen)
    return default_data_dir() / DB_FILENAME


def user_path(text: str | Path) -> Path:
    """A path the user typed, with ``~`` expanded; a UsageError for an unknown ``~user``."""
    try:
        return Path(text).expanduser()
    except RuntimeError:
        raise UsageError(f"cannot find the home folder in the path {quoted(str(text))}") from None
