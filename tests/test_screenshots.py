"""scripts/screenshots.py draws every screen on the demo data, the same way every time."""

from __future__ import annotations

import importlib.util
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from tests.tui_support import svg_lines

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "screenshots.py"
SVG = "{http://www.w3.org/2000/svg}svg"

# What a reader of the README should see in each picture.
EXPECTED = {
    "today": [
        "This week 2026-W47",
        "4 days left",
        "Reach-outs",
        "Give first",
        "Kind  r reach-out",
        "This week's plan",
        "Who next",
        "Follow-ups due",
        "Get back in touch",
    ],
    "contacts": ["name", "last touch", "Kwame Mensah", "Give and take", "Owed", "Timeline"],
    "review": ["Week 2026-W47", "Give first", "in progress", "Going cold", "Channels"],
    "streaks": ["Streaks", "current streak", "Last 26 weeks", "Posts shared"],
    "reciprocity": ["sorted by ask-only first", "ask-only", "last give"],
    "events": [
        "PyData evening",
        "prepare: to meet, questions",
        "Data Night meetup",
        "met 3 · kept 1/3 · 2 open",
        "to debrief (b)",
        "Still to prepare",
    ],
    "help": ["netrack keys", "Everywhere", "command palette", "Today (key 1)"],
    "quick-log": [
        "Contact  Aiko Tanaka",
        "Note  saw your talk on data contracts; coffee next week?",
        "linkedin",
    ],
    "review-plan": ["Plan kept", "Plan 2026-W48", "Still open from 2026-W47", "Suggested"],
}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("netrack_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def shots(script, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("screenshots")
    written = script.take_screenshots(folder)
    return {path.stem: path for path in written}


def test_one_svg_per_screen(script, shots) -> None:
    assert list(shots) == list(script.SCREENS) == list(EXPECTED)
    for path in shots.values():
        assert ET.parse(path).getroot().tag == SVG


@pytest.mark.parametrize("screen", list(EXPECTED))
def test_each_picture_shows_its_screen(shots, screen) -> None:
    lines = svg_lines(shots[screen].read_text("utf-8"))
    text = "\n".join(lines)
    for expected in EXPECTED[screen]:
        assert expected in text, f"{screen}: {expected!r} not shown"
    # The header names the demo file, not the temporary folder it was written to
    # (on the help screen the dialog covers it).
    assert lines[0].rstrip().endswith(" — demo.json") or screen == "help"
    assert tempfile.gettempdir() not in shots[screen].read_text("utf-8")


def test_running_again_writes_the_same_bytes(script, shots, tmp_path) -> None:
    again = {path.stem: path for path in script.take_screenshots(tmp_path)}
    for name, path in shots.items():
        assert again[name].read_bytes() == path.read_bytes(), name


def test_the_committed_pictures_are_the_screens_as_they_look_now(script, shots) -> None:
    """The SVGs in the repository are what the script draws today, byte for byte."""
    committed = {path.stem: path for path in script.OUTPUT.glob("*.svg")}
    assert sorted(committed) == sorted(script.SCREENS), "run `make screenshots` and commit"
    stale = [n for n, path in shots.items() if committed[n].read_bytes() != path.read_bytes()]
    assert not stale, f"screenshots/ is out of date ({', '.join(stale)}): run `make screenshots`"
