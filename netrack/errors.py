"""Errors that end a command with a one-line message instead of a traceback."""


class NetrackError(Exception):
    """Base class: the message is shown to the user as is."""

    exit_code = 1


class UsageError(NetrackError):
    """The user asked for something that cannot be done as written (exit 2)."""

    exit_code = 2


class DataFileError(NetrackError):
    """The data file cannot be read or written; it is left untouched (exit 1)."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(
            f"cannot use data file {self.path}: {problem} "
            "(the file was not changed; run 'netrack doctor' for details)"
        )


class ImportFileError(NetrackError):
    """A file to import cannot be read or understood; nothing was imported (exit 1)."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"cannot import {self.path}: {problem} (nothing was changed)")


class SyncError(NetrackError):
    """The sync folder or this computer's sync state cannot be used; nothing was lost."""

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"sync: {problem}")


QUOTED_MAX = 60


def quoted(text: str, limit: int = QUOTED_MAX) -> str:
    """User text for an error message: in quotes, escaped, and clipped if very long.

    A 10,000-character name typed by mistake should not become a 10,000-character error.
    """
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
