"""Whole tables and single records checked as the store converts them, so that a damaged
record is named (``record actions/a7 is damaged (missing field 'at')``) rather than
failing as a bare KeyError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from netrack.errors import DataFileError
from netrack.store.records import FROM_DOC, Doc
from netrack.store.schema import check_shape

T = TypeVar("T")


# Converting whole tables --------------------------------------------------------------


def convert_table(
    docs: dict[str, Doc], convert: Callable[[Doc], T], table: str, path: Path
) -> list[T]:
    """Every document of a table as a value; a DataFileError names the first bad one."""
    try:
        return [convert(doc) for doc in docs.values()]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        bad_id, problem = _first_bad(docs, convert)
        raise DataFileError(path, f"record {table}/{bad_id} is damaged ({problem})") from error


def _first_bad(docs: dict[str, Doc], convert: Callable[[Doc], Any]) -> tuple[str, str]:
    for doc_id, doc in docs.items():
        try:
            convert(doc)
        except KeyError as error:
            return doc_id, f"missing field {error.args[0]!r}"
        except (TypeError, ValueError, AttributeError) as error:
            return doc_id, str(error)[:100]
    return "?", "unknown problem"


# One record, checked -------------------------------------------------------------------


def doc_problem(table: str, doc: Any) -> str | None:
    """Why the store would refuse ``doc`` as a record of ``table`` (None: it takes it)."""
    try:
        check_shape({table: {"1": doc}}, Path())
        FROM_DOC[table](doc)
    except DataFileError as error:
        return error.problem
    except KeyError as error:
        return f"missing field {error.args[0]!r}"
    except (TypeError, ValueError, AttributeError) as error:
        return str(error)[:100]
    return None
