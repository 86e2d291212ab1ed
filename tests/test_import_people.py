"""Importing LinkedIn's Connections.csv (both layouts) and vCard files."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from netrack.domain.models import NO_CADENCE, Contact
from netrack.store import Store
from netrack.transfer.linkedin import parse_connected_on, read_connections
from netrack.transfer.reading import FormatProblem
from netrack.transfer.vcards import read_vcards
from tests.conftest import BERLIN, raw_file

FIXTURES = Path(__file__).parent / "fixtures" / "transfer"
LINKEDIN_2024 = FIXTURES / "linkedin-connections-2024.csv"
LINKEDIN_2018 = FIXTURES / "linkedin-connections-2018.csv"
VCARDS = FIXTURES / "address-book.vcf"


def _by_name(store: Store) -> dict[str, Contact]:
    return {c.name: c for c in store.load().contacts}


def _write(tmp_path: Path, name: str, text: str, newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


# LinkedIn ------------------------------------------------------------------------------


def test_the_current_linkedin_export_is_read_past_its_preamble(cli, store: Store) -> None:
    result = cli("import", "linkedin", str(LINKEDIN_2024))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "imported LinkedIn connections from linkedin-connections-2024.csv: "
        "5 added, 0 updated, 2 skipped (1 only a date, 1 no name)",
        "  skipped line 8: only a date",
        "  skipped line 10: no name",
    ]
    people = _by_name(store)
    assert sorted(people) == ["Dana Lee", "Priya Nair", "Sam Ortiz", "Wei Chen", "Zoë Ó Briain 🎸"]
    dana = people["Dana Lee"]
    assert (dana.company, dana.role, dana.email) == ("Acme, Inc.", "CTO", "dana@acme.example")
    assert dana.url == "https://www.linkedin.com/in/dana-lee-4a1b2c"
    assert dana.met_how == "LinkedIn, connected 2024-10-09"
    assert (dana.circle, dana.cadence_days) == ("wider", NO_CADENCE)
    assert dana.created.date().isoformat() == "2024-10-09"
    assert dana.met_on is not None and dana.met_on.isoformat() == "2024-10-09"
    priya = people["Priya Nair"]
    assert (priya.company, priya.role) == ("Globex", "Head of Data"), "trailing spaces go"
    zoe = people["Zoë Ó Briain 🎸"]
    assert (zoe.company, zoe.role) == ('Fancy "Quotes" Ltd', "Engineer, Platform")


def test_the_older_linkedin_export_without_urls_is_read(cli, store: Store) -> None:
    result = cli("import", "linkedin", str(LINKEDIN_2018))
    assert result.code == 0, result.err
    assert "3 added, 0 updated, 1 skipped (1 only a date)" in result.out
    people = _by_name(store)
    assert sorted(people) == ["Ana Souza", "Dana Lee", "Ken Ito"]
    assert people["Ana Souza"].role == "VP, Sales"
    assert people["Ana Souza"].url == ""
    assert people["Dana Lee"].created.replace(tzinfo=None) == datetime(2018, 1, 8, 18, 14)
    assert people["Ken Ito"].met_how == "LinkedIn, connected 2017-03-15"


def test_importing_the_same_export_again_adds_nobody(cli, store: Store) -> None:
    cli("import", "linkedin", str(LINKEDIN_2024))
    before = store.path.read_bytes()
    result = cli("import", "linkedin", str(LINKEDIN_2024))
    assert "0 added, 0 updated, 7 skipped (5 already here, 1 only a date, 1 no name)" in result.out
    assert store.path.read_bytes() == before, "nothing to change, nothing written"


def test_a_newer_export_adds_only_new_people(cli, store: Store) -> None:
    cli("import", "linkedin", str(LINKEDIN_2018))
    result = cli("import", "linkedin", str(LINKEDIN_2024))
    # Dana is known by her email from the old export; her profile URL is filled in.
    assert "4 added, 1 updated, 2 skipped" in result.out
    people = _by_name(store)
    assert len(people) == 7
    dana = people["Dana Lee"]
    assert dana.url == "https://www.linkedin.com/in/dana-lee-4a1b2c"
    assert dana.company == "Acme", "the company already known is kept"


def test_a_contact_typed_by_hand_is_matched_by_name(cli, store: Store) -> None:
    cli("reach", "sam ortiz", "hello")
    result = cli("import", "linkedin", str(LINKEDIN_2024))
    assert "4 added, 1 updated" in result.out
    sam = [c for c in store.load().contacts if c.name.casefold() == "sam ortiz"]
    assert len(sam) == 1
    assert (sam[0].name, sam[0].company) == ("sam ortiz", "Initech")
    assert sam[0].met_on is not None, "the day they connected fills the blank"
    assert cli("log").out.count("sam ortiz") == 1, "the action still belongs to the contact"


def test_a_namesake_with_another_profile_is_skipped_and_named(cli, tmp_path, store) -> None:
    cli("import", "linkedin", str(LINKEDIN_2024))
    other = _write(
        tmp_path,
        "more.csv",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Ortiz,https://www.linkedin.com/in/sam-ortiz-77,,Hooli,Chef,01 Feb 2025\n",
    )
    result = cli("import", "linkedin", str(other))
    assert result.out.splitlines()[1] == (
        "  skipped line 2 · Sam Ortiz: name taken by a contact with another profile"
    )
    assert _by_name(store)["Sam Ortiz"].company == "Initech"


def test_a_broken_linkedin_file_changes_nothing_and_names_the_line(cli, tmp_path, store) -> None:
    cli("reach", "Dana Lee")
    before = store.path.read_bytes()
    broken = _write(
        tmp_path,
        "Connections.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ana,Souza,,Umbrella,VP,01 Feb 2025\n"
        'Ken,Ito,,"Unclosed quote,CEO,01 Feb 2025\n',
    )
    result = cli("import", "linkedin", str(broken))
    assert result.code == 1
    assert "cannot import" in result.err and "line 3" in result.err
    assert "nothing was changed" in result.err
    assert store.path.read_bytes() == before, "not even the good row before it is added"


def test_a_row_with_too_many_values_is_refused(cli, tmp_path) -> None:
    bad = _write(
        tmp_path,
        "c.csv",
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ana,Souza,,Umbrella, Inc.,VP,01 Feb 2025\n",
    )
    result = cli("import", "linkedin", str(bad))
    assert result.code == 1
    assert "line 2 has 7 values but the header (line 1) names 6" in result.err


def test_a_file_that_is_not_a_linkedin_export_is_refused(cli, tmp_path) -> None:
    result = cli("import", "linkedin", str(_write(tmp_path, "x.csv", "a,b\n1,2\n")))
    assert result.code == 1
    assert "no header row naming 'First Name' and 'Last Name'" in result.err


def test_a_file_in_another_encoding_is_refused_with_its_line(cli, tmp_path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"First Name,Last Name\nJos\xe9,Garc\xeda\n")
    result = cli("import", "linkedin", str(latin))
    assert result.code == 1
    assert "line 2 is not UTF-8 text" in result.err


def test_a_missing_file_is_one_clear_line(cli, tmp_path) -> None:
    result = cli("import", "linkedin", str(tmp_path / "nope.csv"))
    assert result.code == 1
    assert result.err == (
        f"netrack: cannot import {tmp_path / 'nope.csv'}: no such file (nothing was changed)\n"
    )


def test_linkedin_columns_are_found_by_name_in_any_order() -> None:
    text = (
        "\r\n\r\nConnected On,Company,Last Name,First Name\r\n"
        '"3 March 2021",Hooli,Ito,Ken\r\n'
        "01 Jan 2020\r\n"
    )
    found = read_connections(text, BERLIN)
    [ken] = found.people
    assert (ken.name, ken.company, ken.source) == ("Ken Ito", "Hooli", "line 4")
    assert [s.source for s in found.skipped] == ["line 5"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09 Oct 2024", datetime(2024, 10, 9, 12, 0)),
        ("9 October 2024", datetime(2024, 10, 9, 12, 0)),
        ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14)),
        ("12/24/17, 12:05 AM", datetime(2017, 12, 24, 0, 5)),
        ("12/24/17, 12:05 PM", datetime(2017, 12, 24, 12, 5)),
        ("3/15/2017", datetime(2017, 3, 15, 12, 0)),
        ("2024-10-09", datetime(2024, 10, 9, 12, 0)),
        ("09-Oct-2024", datetime(2024, 10, 9, 12, 0)),
        ("9 oct. 2024", datetime(2024, 10, 9, 12, 0)),
        ("1/8/18 6:14 p.m.", datetime(2018, 1, 8, 18, 14)),
        ("1/8/2018, 18:14", datetime(2018, 1, 8, 18, 14)),
        ("1/8/99", datetime(1999, 1, 8, 12, 0)),  # two-digit years are never ahead
        ("1/8/99, 6:14 PM", datetime(1999, 1, 8, 18, 14)),
        ("12/31/68", datetime(1968, 12, 31, 12, 0)),
        ("31 Feb 2024", None),
        ("2/29/23", None),
        ("13/1/18, 1:00 PM", None),
        ("Acme", None),
        ("", None),
    ],
)
def test_linkedin_dates_of_both_layouts(text: str, expected: datetime | None) -> None:
    assert parse_connected_on(text) == expected


ODD_DATES = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Ahead,https://www.linkedin.com/in/ana,,Acme,Dev,01 Jan 2099\n"
    "Bo,Before,https://www.linkedin.com/in/bo,,Acme,Dev,1/1/1850\n"
    "Cy,Zero,https://www.linkedin.com/in/cy,,Acme,Dev,0001-01-01\n"
    "Dee,December,https://www.linkedin.com/in/dee,,Acme,Dev,12/31/26\n"
    'Gil,Ninety,https://www.linkedin.com/in/gil,,Acme,Dev,"1/8/99, 6:14 PM"\n'
    "Hal,Today,https://www.linkedin.com/in/hal,,Acme,Dev,11/19/26\n"
)


def test_linkedin_dates_that_cannot_be_a_connection_are_kept_as_text_only(
    cli, tmp_path, store: Store
) -> None:
    """A date after today (2099, or later this year) or before 1900 gives the contact
    neither its creation time nor its "met on"; the file imports and doctor is content."""
    result = cli("import", "linkedin", str(_write(tmp_path, "odd.csv", ODD_DATES)))
    assert result.code == 0, result.err
    people = _by_name(store)
    for name, text in (
        ("Ana Ahead", "01 Jan 2099"),
        ("Bo Before", "1/1/1850"),
        ("Cy Zero", "0001-01-01"),
        ("Dee December", "12/31/26"),
    ):
        person = people[name]
        assert person.met_how == f"LinkedIn, connected {text}", name
        assert person.met_on is None, name
        assert person.created.date().isoformat() == "2026-11-19", name
    gil = people["Gil Ninety"]
    assert (gil.met_on.isoformat(), gil.created.year) == ("1999-01-08", 1999)
    assert people["Hal Today"].met_on.isoformat() == "2026-11-19", "today is not ahead"
    assert cli("doctor").code == 0
    for args in (["log", "--all"], ["contacts"], ["export", "-f", "csv"], ["export"]):
        assert cli(*args).code == 0, args


def test_a_met_on_day_out_of_range_is_refused_and_found_by_doctor(cli, store: Store) -> None:
    assert cli("contact", "add", "Dana Lee").code == 0
    for day in ("1850-01-01", "0001-01-01", "3000-01-01"):
        result = cli("contact", "edit", "Dana Lee", "--met-on", day)
        assert result.code == 2, day
        assert f"invalid met on '{day}': out of range (1900-2999)" in result.err
    assert cli("contact", "edit", "Dana Lee", "--met-on", "1900-01-01").code == 0
    raw = raw_file(store.path)
    next(iter(raw["contacts"].values()))["met_on"] = "1850-01-01"
    store.path.write_text(json.dumps(raw), "utf-8")
    report = cli("doctor")
    assert report.code == 1
    assert "invalid met on '1850-01-01': out of range (1900-2999)" in report.out
    assert cli("doctor", "--repair").code == 0
    assert store.load().contacts[0].met_on is None


# vCards --------------------------------------------------------------------------------

VCARD_21 = (
    "BEGIN:VCARD\r\n"
    "VERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BCller\r\n"
    "ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Caf=C3=A9 Zukunft GmbH\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at the B=C3=A4ckerei=0D=0ALikes long=\r\n"
    " walks and a line that goes =\r\n"
    "on after a soft break\r\n"
    "EMAIL;PREF;INTERNET:j.mueller@example.com\r\n"
    "TEL;CELL:+49 170 1234567\r\n"
    "END:VCARD\r\n"
)


def test_a_vcard_21_card_with_quoted_printable_values_is_imported(cli, tmp_path, store) -> None:
    source = tmp_path / "phone.vcf"
    source.write_bytes(VCARD_21.encode("ascii"))
    result = cli("import", "vcard", str(source))
    assert result.code == 0, result.err
    [jurgen] = store.load().contacts
    assert (jurgen.name, jurgen.company, jurgen.email) == (
        "Jürgen Müller",
        "Café Zukunft GmbH",
        "j.mueller@example.com",
    )
    assert jurgen.notes == (
        "Met at the Bäckerei\nLikes long walks and a line that goes on after a soft break"
    )


def test_a_multi_card_vcard_file_is_imported(cli, store: Store) -> None:
    result = cli("import", "vcard", str(VCARDS))
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "imported vCards from address-book.vcf: 3 added, 0 updated, 1 skipped (1 no name)",
        "  skipped card 3 (line 28): no name",
    ]
    people = _by_name(store)
    dana = people["Dana Lee"]
    assert (dana.company, dana.role) == ("Acme, Inc. / Platform", "CTO")
    assert dana.email == "dana@acme.example", "the preferred address"
    assert dana.url == "https://www.linkedin.com/in/dana-lee-4a1b2c", "the LinkedIn profile"
    assert dana.tags == ("python", "hiring")
    assert dana.notes == (
        "Met at PyCon 2024; talked about hiring.\nPrefers email over calls, mornings only. "
        "This note is long enough that the phone folded it across several lines."
    )
    zoe = people["Zoë Ó Briain 🎸"]
    assert (zoe.email, zoe.url, zoe.tags) == (
        "zoe@example.org",
        "https://example.org/zoe",
        ("music", "conference"),
    )
    sam = people["Sam Ortiz"]
    assert sam.url == "https://www.linkedin.com/in/sam-ortiz", "from the grouped item1.URL"
    assert (sam.circle, sam.cadence_days, sam.created) == ("wider", NO_CADENCE, sam.updated)


def test_vcards_after_linkedin_fill_in_and_add_no_one_twice(cli, store: Store) -> None:
    cli("import", "linkedin", str(LINKEDIN_2024))
    result = cli("import", "vcard", str(VCARDS))
    # Dana and Sam by profile URL, Zoë by name (her homepage is not a second profile).
    assert "0 added, 2 updated, 2 skipped (1 no name, 1 already here)" in result.out
    people = _by_name(store)
    assert len(people) == 5
    assert people["Dana Lee"].tags == ("python", "hiring")
    assert people["Dana Lee"].company == "Acme, Inc.", "LinkedIn's value stays"
    assert people["Zoë Ó Briain 🎸"].email == "zoe@example.org"
    assert cli("import", "vcard", str(VCARDS)).out.startswith(
        "imported vCards from address-book.vcf: 0 added, 0 updated, 4 skipped"
    )


def test_a_broken_card_changes_nothing_and_is_named(cli, tmp_path, store) -> None:
    cli("reach", "Dana Lee")
    before = store.path.read_bytes()
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ana Souza\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ken Ito\nthis is not a property\nEND:VCARD\n"
    )
    result = cli("import", "vcard", str(_write(tmp_path, "x.vcf", text, "\r\n")))
    assert result.code == 1
    assert "card 2 (line 5) cannot be read" in result.err
    assert "this is not a property" in result.err
    assert store.path.read_bytes() == before


def test_a_card_without_its_end_is_named() -> None:
    with pytest.raises(FormatProblem, match=r"card 2 \(line 4\) has no END:VCARD"):
        read_vcards("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n")
    with pytest.raises(FormatProblem, match=r"card 1 \(line 1\) has no END:VCARD before line 3"):
        read_vcards("BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\n")


def test_a_file_without_cards_is_refused() -> None:
    with pytest.raises(FormatProblem, match="found no vCard"):
        read_vcards("\n\n")
    with pytest.raises(FormatProblem, match="line 1: expected BEGIN:VCARD"):
        read_vcards("First Name,Last Name\n")


def test_a_card_named_only_by_n_and_a_folded_name() -> None:
    text = "BEGIN:VCARD\r\nVERSION:4.0\r\nN:Nair;Priya;;Dr.;PhD\r\nEND:VCARD\r\n"
    text += "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Wei\r\n  Chen\r\nEND:VCARD\r\n"
    people = read_vcards(text).people
    assert [p.name for p in people] == ["Dr. Priya Nair, PhD", "Wei Chen"]


def test_dry_run_reports_and_changes_nothing(cli, store: Store) -> None:
    result = cli("import", "--dry-run", "vcard", str(VCARDS))
    assert result.out.startswith(
        "dry run, nothing changed: would import vCards from address-book.vcf: 3 added"
    )
    assert not store.path.exists()


def test_an_unknown_format_is_a_usage_error(cli) -> None:
    result = cli("import", "outlook", "x.pst")
    assert result.code == 2
    assert "unknown import format 'outlook'; accepted: json, linkedin, vcard" in result.err


def test_a_format_without_a_file_asks_for_the_file(cli) -> None:
    result = cli("import", "linkedin")
    assert result.code == 2
    assert "name the file to import: netrack import linkedin FILE" in result.err


def test_imported_people_start_in_the_default_circle_for_new_contacts(cli, store, tmp_path) -> None:
    assert cli("import", "linkedin", str(LINKEDIN_2024)).code == 0
    assert {c.circle for c in store.load().contacts} == {"wider"}
    before = {c.id for c in store.load().contacts}
    assert cli("config", "new-contact-circle", "none").code == 0
    card = _write(tmp_path, "one.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Ines Vidal\nEND:VCARD\n")
    assert cli("import", "vcard", str(card)).code == 0
    added = [c for c in store.load().contacts if c.id not in before]
    assert added and {c.circle for c in added} == {None}
