"""Storage of the data file (TinyDB JSON); the only package that imports TinyDB."""

from netrack.store.store import FileState, Store
from netrack.store.transaction import Transaction

__all__ = ["FileState", "Store", "Transaction"]
