"""Every command the README and the pages in docs/ show works as written.

How the pages mark their examples:

- A ```sh block holds commands that run as they are. For each page, the test runs every
  line of every ```sh block, in the order they appear, against one new data file
  (``NETRACK_DB`` in a temporary folder, which is also the working folder) with the
  clock frozen at Thu 19 Nov 2026 15:30, and expects exit code 0 from each. Each page
  starts from an empty data file, so a page's examples only build on that page's
  earlier examples. Each line is one ``netrack`` command; ``#`` starts a comment. Files
  a reader would bring (a LinkedIn export, a vCard file) are provided by the test,
  under the names the pages use.
- A ```console block holds what a test cannot run: commands that open the app
  (``netrack``, ``netrack review``, ``netrack demo`` without ``--no-tui``), that ask a
  question first, that install netrack, or that run make. They are shown, not run.
- A ```json block right after a ```sh block shows the output of that block's last
  command. The test compares its shape with the real output: the same keys at every
  level, the same types where both are not null, and a list shown with an entry must
  have one in the real output too.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from netrack.cli.parser import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
COMMANDS_PAGE = DOCS / "commands.md"
JSON_PAGE = DOCS / "json.md"
README_LIMIT = 15_000  # bytes: the README stays a newcomer's page; the reference is in docs/
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)
# Keys whose value is an object with keys that depend on the data (channel -> count,
# a date's label -> the date).
FREE_KEYS = {"channels", "dates"}

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


def page_id(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def blocks(page: Path) -> list[tuple[str, str]]:
    """Each fenced block of a page as (language, text), in order."""
    return [(m[1], m[2]) for m in BLOCK.finditer(page.read_text("utf-8"))]


def commands(text: str) -> list[list[str]]:
    """The commands of a block, one per non-empty line, comments removed."""
    found = []
    for line in text.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            found.append(words)
    return found


def sh_commands(page: Path) -> list[list[str]]:
    return [words for lang, text in blocks(page) if lang == "sh" for words in commands(text)]


def same_shape(shown: Any, real: Any, where: str = "$") -> list[str]:
    """Where the page's example ``shown`` and the real output ``real`` differ in shape."""
    if shown is None or real is None:
        return []
    if isinstance(shown, dict) and isinstance(real, dict):
        if set(shown) != set(real):
            return [f"{where}: keys {sorted(shown)} on the page, {sorted(real)} printed"]
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
            return [f"{where}: the page shows an entry; the output has none to compare"]
        return same_shape(shown[0], real[0], f"{where}[0]")
    kinds = (bool, int | float, str, list, dict)
    if any(isinstance(shown, k) != isinstance(real, k) for k in kinds):
        return [f"{where}: {type(shown).__name__} on the page, {type(real).__name__} printed"]
    return []


@pytest.fixture
def reader_files(tmp_path, monkeypatch) -> Path:
    """The working folder, holding the files a reader would have at hand."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Connections.csv").write_text(LINKEDIN_EXPORT, "utf-8")
    (tmp_path / "contacts.vcf").write_text(VCARDS, "utf-8", newline="")
    return tmp_path


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_every_sh_command_on_the_page_runs(page: Path, cli, reader_files) -> None:
    last_output = None
    for language, text in blocks(page):
        if language == "json":
            assert last_output is not None, "a json block must follow an sh block"
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


def test_the_pages_run_many_examples() -> None:
    assert len(sh_commands(README)) >= 20
    assert sum(len(sh_commands(page)) for page in PAGES) >= 80


def test_the_readme_stays_a_newcomers_page() -> None:
    text = README.read_text("utf-8")
    assert len(text.encode()) <= README_LIMIT, "move reference material into docs/"
    first_block = blocks(README)[0]
    assert first_block[0] == "console"
    assert commands(first_block[1]) == [["make", "run"], ["make", "test"]]


def _subcommands(
    parser: argparse.ArgumentParser, prefix: str
) -> dict[str, argparse.ArgumentParser]:
    """Every command line ('netrack contact add') with its parser, nested verbs included."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                line = f"{prefix} {name}"
                found[line] = child
                found |= _subcommands(child, line)
    return found


def _mentions(text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", text) is not None


def test_the_command_reference_shows_every_command_and_option() -> None:
    text = COMMANDS_PAGE.read_text("utf-8")
    missing = []
    for line, parser in _subcommands(build_parser(), "netrack").items():
        if line not in text:
            missing.append(line)
        for action in parser._actions:
            longest = max(action.option_strings, key=len, default="--help")
            if longest != "--help" and not _mentions(text, longest):
                missing.append(f"{line} {longest}")
    assert not missing, f"docs/commands.md never shows: {missing}"


def test_every_json_output_has_its_shape_documented() -> None:
    shown = set()
    page_blocks = blocks(JSON_PAGE)
    for (language, text), (next_language, _) in itertools.pairwise(page_blocks):
        if language == "sh" and next_language == "json":
            shown.add(shlex.join(commands(text)[-1]))
    for line, parser in _subcommands(build_parser(), "netrack").items():
        takes_json = any("--json" in action.option_strings for action in parser._actions)
        if takes_json:
            assert f"{line} --json" in shown or any(
                s.startswith(f"{line} ") and s.endswith(" --json") for s in shown
            ), f"docs/json.md shows no output of '{line} --json'"


def test_commands_that_open_the_app_are_kept_out_of_sh_blocks() -> None:
    for page in PAGES:
        for words in sh_commands(page):
            assert words != ["netrack"], "the bare 'netrack' opens the app"
            assert words[1:2] != ["review"], "netrack review opens the app"
            if words[1:2] == ["demo"]:
                assert "--no-tui" in words, "netrack demo without --no-tui opens the app"


def _anchor(heading: str) -> str:
    """The fragment GitHub gives a heading: lower case, punctuation dropped, '-' for spaces."""
    kept = "".join(c for c in heading.strip().casefold() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    return {_anchor(h) for h in re.findall(r"^#+ (.+)$", page.read_text("utf-8"), re.MULTILINE)}


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_the_links_lead_somewhere(page: Path) -> None:
    for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text("utf-8")):
        if "://" in target:
            continue
        file_part, _, fragment = target.partition("#")
        linked = (page.parent / file_part).resolve() if file_part else page
        assert linked.is_file(), f"{page_id(page)} links to a missing {target}"
        if fragment:
            assert fragment in _anchors(linked), f"{page_id(page)}: no heading for {target}"


def test_every_page_in_docs_is_linked_from_the_readme() -> None:
    text = README.read_text("utf-8")
    for page in DOCS.glob("*.md"):
        assert f"(docs/{page.name})" in text, f"the README does not link docs/{page.name}"
