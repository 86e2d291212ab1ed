"""Shared fixtures: frozen time, a throwaway data file, and an in-process CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pendulum
import pytest

from netrack.cli.main import main
from netrack.store import Store
from tests.venv_check import missing_requirements

BERLIN = pendulum.timezone("Europe/Berlin")
# Thursday of ISO week 2026-W47, mid-afternoon.
FROZEN_NOW = pendulum.datetime(2026, 11, 19, 15, 30, tz=BERLIN)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, saying what is missing, when the environment is older than
    pyproject.toml (a .venv not yet updated: `make test` installs what is new)."""
    missing = missing_requirements(Path(__file__).resolve().parent.parent / "pyproject.toml")
    if missing:
        pytest.exit("this Python lacks " + "; ".join(missing) + ": run make test", returncode=4)


@pytest.fixture(autouse=True)
def _private_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Keep every test away from the developer's real data folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("NETRACK_DB", str(home / "unused" / "netrack.json"))
    monkeypatch.delenv("NETRACK_DEBUG", raising=False)


@pytest.fixture
def frozen() -> Iterator[pendulum.DateTime]:
    """Time stands still at Thu 19 Nov 2026 15:30 in Europe/Berlin."""
    pendulum.set_local_timezone(BERLIN)
    with pendulum.travel_to(FROZEN_NOW, freeze=True):
        yield FROZEN_NOW
    pendulum.set_local_timezone()


@contextmanager
def time_at(moment: pendulum.DateTime) -> Iterator[None]:
    """Inside a frozen test, move the clock to ``moment`` for a while, then back.

    (Nesting ``pendulum.travel_to`` blocks does not work: leaving the inner one lets
    the clock run again.)
    """
    pendulum.travel_to(moment, freeze=True)
    try:
        yield
    finally:
        pendulum.travel_to(FROZEN_NOW, freeze=True)


@pytest.fixture(scope="module")
def several_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo history of 4,000 actions over several years (the older ones archived) and
    400 contacts, written once for each test module that asks for it."""
    from tests.history_support import write_demo_history

    return write_demo_history(tmp_path_factory.mktemp("years"), 4_000, 400)


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "data" / "netrack.json"
    monkeypatch.setenv("NETRACK_DB", str(path))
    return path


@pytest.fixture
def seeded(db_path: Path, frozen) -> Path:
    """The data file holding the small known history of tests/tui_support.py."""
    from tests.tui_support import seed

    seed(db_path)
    return db_path


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store(db_path)


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path, frozen, capsys) -> callable:
    """Run ``netrack ARGS...`` in this process (frozen time) and capture what it prints."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


HELPERS = Path(__file__).parent / "helpers"
FROZEN_NETRACK = HELPERS / "frozen_netrack.py"


def this_moment() -> list[str]:
    """This test's moment and time zone, as the helpers in tests/helpers take them."""
    now = pendulum.now()
    return [now.isoformat(), now.timezone_name or "UTC"]


def netrack_command(*args: str) -> list[str]:
    """The command line of a netrack child process that runs at this test's moment.

    Inside a frozen test the child's clock is frozen at the same moment (and time zone)
    as the test's, so what it logs lands in the week the test is looking at.
    """
    return [sys.executable, str(FROZEN_NETRACK), *this_moment(), *args]


def python_command(code: str, *args: str) -> list[str]:
    """A Python child process running ``code`` (which calls netrack) at this test's moment."""
    return netrack_command("-c", code, *args)


def frozen_site(folder: Path) -> dict[str, str]:
    """Environment under which any Python started, even an installed script, runs at this
    test's moment: a ``sitecustomize`` in ``folder`` freezes the clock as it starts."""
    folder.mkdir(parents=True, exist_ok=True)
    moment, zone = this_moment()
    (folder / "sitecustomize.py").write_text(
        f"from frozen_netrack import freeze\n\nfreeze({moment!r}, {zone!r})\n", "utf-8"
    )
    path = os.pathsep.join([str(folder), str(HELPERS), os.environ.get("PYTHONPATH", "")])
    return {"PYTHONPATH": path.rstrip(os.pathsep)}


def run_netrack(
    *args: str, db: Path, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run netrack in a fresh interpreter, as a user would from the shell, at this moment."""
    full_env = {**os.environ, "NETRACK_DB": str(db), **(env or {})}
    return subprocess.run(
        netrack_command(*args),
        capture_output=True,
        text=True,
        env=full_env,
        input=input_text,
        timeout=60,
    )


def raw_file(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def raw_as_read(path: Path) -> dict:
    """The data file as readers see it: the quick adds of its journal written in."""
    from netrack.store import journal

    return json.loads(journal.folded(path.read_bytes(), path) or b"")


def refused_then_new(cli, store: Store, *args: str, typed: str = "Dana Lea") -> Result:
    """Run ``args`` naming ``typed``, close to the contact "Dana Lee" the test added: it is
    refused with one line and nothing written; again with ``--new`` it makes ``typed`` a
    contact and leaves Dana Lee as she was. Returns the second run's result."""
    data = store.load()
    dana = next(c for c in data.contacts if c.name == "Dana Lee")
    before = store.path.read_bytes()
    refused = cli(*args)
    assert refused.code == 2, refused.out
    assert refused.err == f"netrack: did you mean Dana Lee? (add --new to create {typed})\n"
    assert store.path.read_bytes() == before, "nothing written"
    created = cli(*args, "--new")
    assert created.code == 0, created.err
    assert f"new contact: {typed}" in created.out
    after = store.load()
    assert after.contact(dana.id) == dana, "the existing contact is left alone"
    assert [a for a in after.actions if a.contact_id == dana.id] == []
    assert sum(c.name == typed for c in after.contacts) == 1
    return created
