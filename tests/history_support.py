"""A demo history of several years, written once per test module and copied for each
test, a watch on which of its records a command turns into domain values, and what a
command prints with a file kept beside the data and without it."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import ModuleType

import pendulum
import pytest

from netrack.cli.main import main
from netrack.demo import write_history
from netrack.store import Store, archive, records
from tests.conftest import FROZEN_NOW


def write_demo_history(folder: Path, actions: int, contacts: int) -> Path:
    """``actions`` over as many years as they take (the older ones archived) with
    ``contacts``, written as at the suite's frozen moment."""
    path = folder / "netrack.json"
    with pendulum.travel_to(FROZEN_NOW, freeze=True):
        write_history(Store(path), actions, contacts, now=FROZEN_NOW)
    return path


def copy_history(source: Path, folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of ``source`` and its archive in ``folder``, the data file of the commands
    the test runs (NETRACK_DB)."""
    path = folder / source.name
    shutil.copy(source, path)
    shutil.copytree(archive.archive_folder(source), archive.archive_folder(path))
    monkeypatch.setenv("NETRACK_DB", str(path))
    return path


def watch_conversions(monkeypatch: pytest.MonkeyPatch, name: str) -> list[dict]:
    """The documents ``records.<name>`` converts from now on in the test, each as it was
    then (the store may change a document later)."""
    seen: list[dict] = []
    convert = getattr(records, name)

    def watched(doc: dict):
        seen.append(dict(doc))
        return convert(doc)

    monkeypatch.setattr(records, name, watched)
    return seen


def printed(words: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What ``netrack WORDS`` prints (it must succeed)."""
    capsys.readouterr()
    assert main(words) == 0
    return capsys.readouterr().out


def printed_without(
    kept: ModuleType, words: list[str], capsys: pytest.CaptureFixture[str], monkeypatch
) -> str:
    """What ``netrack WORDS`` prints from the data itself, with the file that module
    ``kept`` (readview, weekview) keeps beside it out of use; the tests that call it
    have set that module's MIN_BYTES to 0, which is put back."""
    monkeypatch.setattr(kept, "MIN_BYTES", 1 << 60)
    try:
        return printed(words, capsys)
    finally:
        monkeypatch.setattr(kept, "MIN_BYTES", 0)
