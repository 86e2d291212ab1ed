"""Every action as one CSV row, for spreadsheets (RFC 4180: CRLF, quotes where needed).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula (and
some treat a leading tab or carriage return the same way), so a note such as
``=HYPERLINK(...)`` or ``=cmd|...`` could act when the file is opened. Such cells are
written with a leading ``'``, which spreadsheets show as text; ``raw=True`` (``export
--raw``) writes every cell exactly as stored.
"""

from __future__ import annotations

from netrack.domain.models import Dataset

HEADER = ("date", "time", "kind", "contact", "channel", "note", "personal", "action_id")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """``text`` as a cell no spreadsheet runs: a leading ``'`` where it would."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def actions_csv(data: Dataset, raw: bool = False) -> str:
    """The actions of ``data``, oldest first, as CSV text with a header row.

    Cells a spreadsheet would run as formulas are neutralised unless ``raw``.
    """
    import csv
    import io

    names = {contact.id: contact.name for contact in data.contacts}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    cell = str if raw else safe_cell
    for action in sorted(data.actions, key=lambda a: (a.at, a.logged)):
        row = (
            action.at.date().isoformat(),
            action.at.strftime("%H:%M"),
            action.kind,
            names.get(action.contact_id, "") if action.contact_id else "",
            action.channel,
            action.note,
            {True: "yes", False: "no", None: ""}[action.personal],
            action.id,
        )
        writer.writerow([cell(value) for value in row])
    return out.getvalue()
