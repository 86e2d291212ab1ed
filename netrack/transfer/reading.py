"""Reading a file to import: its text, and how a format reader reports a problem."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from netrack.domain.importing import ImportedPerson, Skip
from netrack.errors import DataFileError, ImportFileError
from netrack.store import files


class FormatProblem(ValueError):
    """The text is not in the expected format; the message names the line or record."""


class PeopleRead(NamedTuple):
    """The people found in an address-book file, and the rows or cards passed over."""

    people: list[ImportedPerson]
    skipped: list[Skip]


IMPORT_MAX_BYTES = 512 << 20


def read_bytes(path: Path) -> bytes:
    """The file's bytes; an ImportFileError when it cannot be read.

    Only a regular file is read, up to ``IMPORT_MAX_BYTES``: a FIFO or a device is
    refused rather than waited on or read forever.
    """
    try:
        data = files.read_bytes(path, IMPORT_MAX_BYTES)
    except DataFileError as error:
        raise ImportFileError(path, error.problem) from None
    if data is None:
        raise ImportFileError(path, "no such file")
    return data


def read_text(path: Path) -> str:
    """The file as UTF-8 text (a byte-order mark is dropped); else an ImportFileError."""
    return decode_text(read_bytes(path), path)


def decode_text(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            path, f"line {line} is not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None
