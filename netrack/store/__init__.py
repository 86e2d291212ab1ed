"""Storage of the data file (TinyDB JSON); the only package that imports TinyDB."""

from typing import TYPE_CHECKING, Any

from netrack.store.store import FileState, Store

if TYPE_CHECKING:
    from netrack.store.transaction import Transaction

__all__ = ["FileState", "Store", "Transaction"]


def __getattr__(name: str) -> Any:
    # Imported when first asked for: a read command never loads the write path (TinyDB).
    if name == "Transaction":
        from netrack.store.transaction import Transaction

        return Transaction
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
