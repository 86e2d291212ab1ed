"""Which netrack a file of printed output was written by.

The week view and the week basis keep text as ``week`` printed it: text that follows
from the data and from the code that wrote it. Their keys check the data's version, and
with ``code_stamp`` the code's too, so that after an upgrade (or any change to netrack's
modules) ``week`` writes its review afresh instead of showing the old wording until the
next write.
"""

from __future__ import annotations

import functools
import os
import zlib
from pathlib import Path

import netrack

_PACKAGE = Path(netrack.__file__).parent


@functools.cache
def code_stamp() -> list[object]:
    """netrack's version and a CRC-32 of the name, size and time of each of its modules
    (about a millisecond for the whole package, taken once a process)."""
    found: list[str] = []
    folders = [str(_PACKAGE)]
    while folders:
        folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    found.append(f"{entry.path} {stat.st_size} {stat.st_mtime_ns}")
                elif entry.name != "__pycache__" and entry.is_dir():
                    folders.append(entry.path)
    found.sort()
    return [netrack.__version__, zlib.crc32("\n".join(found).encode())]
