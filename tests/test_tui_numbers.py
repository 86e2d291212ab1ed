"""Large numbers on the app's screens are grouped by thousands ("1,204"), as they are
read at a glance."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from netrack.cli.main import main
from tests.history_support import copy_history, write_demo_history
from tests.tui_support import make_app, screen_text, settle, wait_until

GROUPED = r"\d{1,3}(?:,\d{3})+"


@pytest.fixture(scope="module")
def big_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6,000 actions with 1,200 contacts: thousands of gives, takes and people."""
    return write_demo_history(tmp_path_factory.mktemp("big"), 6_000, 1_200)


@pytest.fixture
def history(big_history: Path, tmp_path: Path, monkeypatch, frozen) -> Path:
    return copy_history(big_history, tmp_path, monkeypatch)


async def test_contacts_and_review_group_thousands(history: Path) -> None:
    app = make_app(history)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("escape", "2")
        await wait_until(pilot, lambda: "1,200 contacts" in screen_text(app), "everyone")
        await pilot.press("3")
        await wait_until(pilot, lambda: "all time" in screen_text(app), "the week's review")
        text = screen_text(app)
        gives = re.search(r"all time\s+gives (\S+) ·", text)
        assert gives and re.fullmatch(GROUPED, gives[1]), text  # 1,217
        below_title = text.split("\n", 1)[1].replace("2026", "")  # the title names the file
        assert not re.search(r"\d{4,}", below_title), below_title


def test_the_weeks_review_in_the_terminal_groups_them_too(history: Path, capsys) -> None:
    assert main(["week", "--db", str(history)]) == 0
    out = capsys.readouterr().out
    assert re.search(rf"all time   gives {GROUPED} · ", out), out
