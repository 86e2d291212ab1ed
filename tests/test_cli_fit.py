"""Listings keep to the terminal's width (80 columns when not printing to a terminal):
a long note wraps under its own start, every word of it kept; --json is unchanged."""

from __future__ import annotations

import json
import os
import sys

import pytest

from netrack.cli.output import wrap_text

LONG = (
    "send her the notes from the platform migration talk and the slides we made "
    "together at the offsite, with [links] and a well-hyphenated-word to keep"
)
NAMES = ["[Alice]", "Dana [x]"]


def _wrapped_note(lines: list[str], first: int) -> tuple[str, int]:
    """The last column of ``lines[first]`` read back across the lines wrapped under it,
    and the column those lines start at (each the same)."""
    starts = set()
    parts = [lines[first]]
    for line in lines[first + 1 :]:
        start = len(line) - len(line.lstrip(" "))
        if start < 30:
            break
        starts.add(start)
        parts.append(line.strip())
    assert len(starts) == 1, "every further line starts under the first"
    return " ".join(parts), starts.pop()


@pytest.mark.parametrize("name", NAMES)
def test_due_wraps_a_long_note_at_80_columns_keeping_every_word(cli, name) -> None:
    assert cli("promise", name, LONG, "--due", "fri").code == 0
    out = cli("due").out
    lines = out.splitlines()
    assert max(map(len, lines)) <= 80, out
    first = next(n for n, line in enumerate(lines) if "send her" in line)
    assert f"  {name}  " in lines[first], "the name exactly as typed"
    note, start = _wrapped_note(lines, first)
    assert note.endswith(f"  {LONG}")
    assert lines[first][start:].startswith("send her"), "wrapped under the note's start"
    # --json keeps the note whole, on one line.
    (listed,) = json.loads(cli("due", "--json").out)
    assert listed["text"] == LONG


@pytest.mark.parametrize("name", NAMES)
def test_next_wraps_a_long_reason_at_80_columns_keeping_every_word(cli, name) -> None:
    assert cli("promise", name, LONG, "--due", "fri").code == 0
    out = cli("next").out
    lines = out.splitlines()
    assert max(map(len, lines)) <= 80, out
    first = next(n for n, line in enumerate(lines) if "send her" in line)
    assert f"1.   {name}  " in lines[first]
    note, start = _wrapped_note(lines, first)
    assert note.endswith(f"promised: {LONG}")
    assert lines[first][start:].startswith("due "), "wrapped under the reason's start"
    assert LONG in cli("next", "--json").out


def test_a_word_longer_than_the_room_is_broken_not_lost() -> None:
    word = "x" * 30
    assert wrap_text(f"ab {word} cd", 12).split("\n") == ["ab", "x" * 12, "x" * 12, "x" * 6 + " cd"]
    assert wrap_text("王小明王小明 de", 6).split("\n") == [
        "王小明",
        "王小明",
        "de",
    ]  # two columns each
    assert wrap_text("short\n  kept as typed", 40) == "short\n  kept as typed"


def test_a_wider_terminal_shows_the_note_on_one_line(cli, monkeypatch) -> None:
    assert cli("promise", "Dana Lee", LONG, "--due", "fri").code == 0
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "fileno", lambda: 1, raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((250, 40)))
    lines = cli("due").out.splitlines()
    assert any(line.endswith(LONG) for line in lines), lines


def test_config_wraps_each_settings_help_under_itself(cli) -> None:
    lines = cli("config").out.splitlines()
    assert max(map(len, lines)) <= 80, lines
    first = next(n for n, line in enumerate(lines) if line.startswith("followups-closed-by"))
    start = lines[first].index("what closes")
    rest = []
    for line in lines[first + 1 :]:
        if line[:start].strip():
            break
        rest.append(line[start:])
    assert " ".join([lines[first][start:], *rest]).startswith(
        "what closes a meeting's follow-up: touch (a reach-out, give, meeting or follow-up"
    )
    assert rest, "the long help goes on under itself"


def test_history_wraps_a_long_change_under_itself(cli) -> None:
    assert cli("promise", "Dana [x]", LONG, "--due", "fri").code == 0
    lines = cli("history").out.splitlines()
    assert max(map(len, lines)) <= 80, lines
    first = next(n for n, line in enumerate(lines) if "promised Dana [x]: send her" in line)
    start = lines[first].index("promised")
    assert lines[first + 1][:start].strip() == "" and lines[first + 1][start:].strip()
    assert lines[first + 2].strip() == "1 contact added, 1 follow-up added"


LONG_NAME = "[Alice] Castellanos-Wong"  # 24 columns


def _asked_months_ago(cli) -> None:
    """A contact who only took (an ask 20 months ago, help received 10 months ago), one
    reached 13 months ago."""
    assert cli("ask", LONG_NAME, "an intro", "--on", "600d").code == 0
    assert cli("receive", LONG_NAME, "reviewed my deck", "--on", "300d").code == 0
    assert cli("reach", "Sam [x]", "hello", "--on", "400d").code == 0


def test_balance_and_cold_keep_to_80_columns_with_whole_names(cli) -> None:
    _asked_months_ago(cli)
    balance = cli("balance").out.splitlines()
    assert max(map(len, balance)) <= 80, balance
    row = next(line for line in balance if line.startswith(LONG_NAME + " "))
    assert row.split()[-5:] == ["never", "10mo", "ago", "ask-only", "owe"], row
    cold = cli("cold").out.splitlines()
    assert max(map(len, cold)) <= 80, cold
    assert any(line.startswith(f"{LONG_NAME}  ") and " 10mo ago " in line for line in cold)
    assert any(line.startswith("Sam [x]  ") and " 13mo ago " in line for line in cold), cold


def test_a_wide_terminal_shows_balance_and_cold_days_in_words(cli, monkeypatch) -> None:
    _asked_months_ago(cli)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "fileno", lambda: 1, raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda fd=1: os.terminal_size((120, 40)))
    balance = cli("balance").out
    assert "10 months ago" in balance and "10mo ago" not in balance, balance
    cold = cli("cold").out
    assert "13 months ago" in cold and "13mo ago" not in cold, cold
