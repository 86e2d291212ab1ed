"""What a sync run publishes, and what it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from netrack.sync import mapping


class Change(NamedTuple):
    """A record to publish: how it was before (if known) and how it is now (None: gone)."""

    table: str
    record_id: str
    before: mapping.Record | None
    now: mapping.Record | None
    before_known: bool


@dataclass
class Report:
    """What one run did."""

    published: int = 0  # records this computer changed, now in the folder
    received: dict[str, int] = field(default_factory=dict)  # table: records changed here
    removed: dict[str, int] = field(default_factory=dict)  # table: records deleted here
    files_taken_in: int = 0
    waiting: list[str] = field(default_factory=list)  # files that cannot be taken in yet
    refused: list[str] = field(default_factory=list)  # records this version cannot use
    new_file: str | None = None
    compacted: bool = False
    kept_theirs: list[str] = field(default_factory=list)  # joining: their habit kept
    folded_weeks: list[str] = field(default_factory=list)  # weeks whose notes became one

    @property
    def took_in(self) -> int:
        return sum(self.received.values()) + sum(self.removed.values())
