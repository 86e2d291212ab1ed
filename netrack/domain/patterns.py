"""Regular expressions compiled when first used.

Compiling a pattern costs about 0.1 ms, and a quick add imports modules whose patterns
it never uses (week labels, dates, backup names): those wait until they are needed.
"""

from __future__ import annotations

import re


class LazyPattern:
    """``re.compile(source, flags)``, done on the first match or search."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)
