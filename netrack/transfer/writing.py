"""Writing an export to a file: atomically, readable only by the user, never the data file."""

from __future__ import annotations

import os
from pathlib import Path

from netrack.errors import NetrackError, UsageError
from netrack.paths import user_path
from netrack.store.archive import archive_folder
from netrack.store.files import lock_path_for, replace_privately


def write_export(target: Path, data: bytes, data_file: Path) -> None:
    """Replace ``target`` with ``data`` (mode 0600); refuses the data file, lock and archive."""
    in_archive = _same_file(target.expanduser().parent, archive_folder(data_file))
    for own in (data_file, lock_path_for(data_file)):
        if in_archive or _same_file(target, own):
            raise UsageError(
                f"refusing to write the export over netrack's own file {target}; "
                "choose another file name"
            )
    if target.is_dir():
        raise UsageError(f"{target} is a folder; give a file name for the export")
    try:
        replace_privately(target, data)
    except OSError as error:
        raise NetrackError(f"cannot write {target} ({error.strerror})") from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return user_path(a).resolve() == user_path(b).resolve()
