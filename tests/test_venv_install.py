"""`make`'s install step: pip runs when pyproject.toml's text changes, and only then."""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from types import ModuleType

import pytest

from tests.venv_check import missing_requirements

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("venv_install", ROOT / "scripts/venv_install.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".venv").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "netrack"\n')
    return tmp_path


def test_pip_runs_again_only_when_pyproject_says_something_new(project: Path) -> None:
    script, calls = _script(), []

    def install(extra: str) -> bool:
        return script.install(project, project / ".venv", extra, lambda _, spec: calls.append(spec))

    assert install("test") and calls == [f"{project}[test]"]
    assert not install("test")
    assert not install("run")  # the test install holds everything the app needs
    later = os.stat(project / "pyproject.toml").st_mtime + 3600
    os.utime(project / "pyproject.toml", (later, later))  # a checkout: same text, new date
    assert not install("test")
    (project / "pyproject.toml").write_text('[project]\nname = "netrack"\nversion = "2"\n')
    assert install("run") and calls[-1] == str(project)
    assert install("test") and len(calls) == 3


def test_a_second_install_at_once_waits_and_finds_it_done(project: Path) -> None:
    script, calls = _script(), []
    second_started, second_pip = threading.Event(), threading.Event()

    def slow_pip(_venv: Path, spec: str) -> None:
        calls.append(spec)
        if len(calls) > 1:
            second_pip.set()
            return
        assert second_started.wait(10)
        second_pip.wait(0.5)  # without the lock the second run's pip would come meanwhile

    def second() -> None:
        second_started.set()
        script.install(project, project / ".venv", "test", slow_pip)

    other = threading.Thread(target=second)
    first = threading.Thread(
        target=lambda: script.install(project, project / ".venv", "test", slow_pip)
    )
    first.start()
    while not calls:  # the first run holds the lock, inside pip
        threading.Event().wait(0.01)
    other.start()
    first.join(30)
    other.join(30)
    assert len(calls) == 1


def test_a_stale_environment_is_named_before_the_tests_start(tmp_path: Path) -> None:
    assert missing_requirements(ROOT / "pyproject.toml") == []
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        "[project]\n"
        'dependencies = ["tinydb>=4", "netrack-no-such-package>=1", "pytest<1"]\n'
        '[project.optional-dependencies]\ntest = ["pendulum[test]>=3"]\n'
    )
    found = missing_requirements(pyproject)
    assert found[0] == "netrack-no-such-package>=1 (not installed)"
    assert found[1].startswith("pytest<1 (installed ")
    assert len(found) == 2
