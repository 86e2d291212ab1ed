"""Every command the README shows works as written.

How the README marks its examples:

- A ```sh block holds commands that run as they are. The test runs every line of every
  ```sh block, in the order they appear, against one new data file (``NETRACK_DB`` in a
  temporary folder, which is also the working folder) with the clock frozen at
  Thu 19 Nov 2026 15:30, and expects exit code 0 from each. Each line is one ``netrack``
  command; ``#`` starts a comment. Files a reader would bring (a LinkedIn export, a
  vCard file) are provided by the test, under the names the README uses.
- A ```console block holds what a test cannot run: commands that open the app
  (``netrack``, ``netrack review``, ``netrack demo`` without ``--no-tui``), that ask a
  question first, that install netrack, or that run make. They are shown, not run.
- A ```json block right after a ```sh block shows the output of that block's last
  command. The test compares its shape with the real output: the same keys at every
  level, the same types where both are not null, and a list shown with an entry must
  have one in the real output too.
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from netrack.cli.parser import build_parser

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
# Keys whose value is an object with keys that depend on the data (channel -> count).
FREE_KEYS = {"channels"}

LINKEDIN_EXPORT = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    'addresses are missing."\n'
    "\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Souza,https://www.linkedin.com/in/ana-souza,,Umbrella,VP Engineering,01 Feb 2025\n"
    "Ken,Ito,https://www.linkedin.com/in/ken-ito,ken@example.com,Hooli,CTO,12 Mar 2024\n"
)
VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lina Berg\r\nN:Berg;Lina;;;\r\n"
    "ORG:Nordwind\r\nEMAIL:lina@example.com\r\nEND:VCARD\r\n"
)


def readme_blocks() -> list[tuple[str, str]]:
    """Each fenced block of the README as (language, text), in order."""
    return [(m[1], m[2]) for m in BLOCK.finditer(README.read_text("utf-8"))]


def commands(text: str) -> list[list[str]]:
    """The commands of a block, one per non-empty line, comments removed."""
    found = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            found.append(words)
    return found


def same_shape(shown: Any, real: Any, where: str = "$") -> list[str]:
    """Where the README's example ``shown`` and the real output ``real`` differ in shape."""
    if shown is None or real is None:
        return []
    if isinstance(shown, dict) and isinstance(real, dict):
        if set(shown) != set(real):
            return [f"{where}: keys {sorted(shown)} in the README, {sorted(real)} printed"]
        problems = []
        for key in shown:
            if key in FREE_KEYS:
                continue
            problems += same_shape(shown[key], real[key], f"{where}.{key}")
        return problems
    if isinstance(shown, list) and isinstance(real, list):
        if not shown:
            return []
        if not real:
            return [f"{where}: the README shows an entry; the output has none to compare"]
        return same_shape(shown[0], real[0], f"{where}[0]")
    kinds = (bool, int | float, str, list, dict)
    if any(isinstance(shown, k) != isinstance(real, k) for k in kinds):
        return [f"{where}: {type(shown).__name__} in the README, {type(real).__name__} printed"]
    return []


@pytest.fixture
def reader_files(tmp_path, monkeypatch) -> Path:
    """The working folder, holding the files a reader would have at hand."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Connections.csv").write_text(LINKEDIN_EXPORT, "utf-8")
    (tmp_path / "contacts.vcf").write_text(VCARDS, "utf-8", newline="")
    return tmp_path


def test_every_sh_command_in_the_readme_runs(cli, reader_files) -> None:
    ran = 0
    last_output = None
    for language, text in readme_blocks():
        if language == "json" and last_output is not None:
            printed, command = last_output
            problems = same_shape(json.loads(text), json.loads(printed))
            assert not problems, f"{command}: " + "; ".join(problems)
        last_output = None
        if language != "sh":
            continue
        for words in commands(text):
            assert words[0] == "netrack", f"not a netrack command in an sh block: {words}"
            result = cli(*words[1:])
            command = shlex.join(words)
            assert result.code == 0, f"{command} exited {result.code}: {result.err}"
            last_output = (result.out, command)
            ran += 1
    assert ran >= 50


def test_the_readme_shows_every_command() -> None:
    text = README.read_text("utf-8")
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    missing = [name for name in subparsers.choices if f"netrack {name}" not in text]
    assert not missing, f"commands the README never shows: {missing}"


def test_commands_that_open_the_app_are_kept_out_of_sh_blocks() -> None:
    shown_only = [
        words for lang, text in readme_blocks() if lang == "sh" for words in commands(text)
    ]
    for words in shown_only:
        assert words != ["netrack"], "the bare 'netrack' opens the app"
        assert words[1:2] != ["review"], "netrack review opens the app"
        if words[1:2] == ["demo"]:
            assert "--no-tui" in words, "netrack demo without --no-tui opens the app"
    console = [lang for lang, _ in readme_blocks() if lang == "console"]
    assert console, "the quick start (make run) belongs in a console block"


def _anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation dropped, '-' for spaces."""
    kept = "".join(c for c in heading.strip().casefold() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def test_the_readme_links_lead_somewhere() -> None:
    text = README.read_text("utf-8")
    anchors = {_anchor(h) for h in re.findall(r"^#+ (.+)$", text, re.MULTILINE)}
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if target.startswith("#"):
            assert target[1:] in anchors, f"no heading for the link {target}"
        elif "://" not in target:
            assert (README.parent / target).is_file(), f"the README links to a missing {target}"
