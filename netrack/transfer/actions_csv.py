"""Every action as one CSV row, for spreadsheets (RFC 4180: CRLF, quotes where needed)."""

from __future__ import annotations

from netrack.domain.models import Dataset

HEADER = ("date", "time", "kind", "contact", "channel", "note", "personal", "action_id")


def actions_csv(data: Dataset) -> str:
    """The actions of ``data``, oldest first, as CSV text with a header row."""
    import csv
    import io

    names = {contact.id: contact.name for contact in data.contacts}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for action in sorted(data.actions, key=lambda a: (a.at, a.logged)):
        writer.writerow(
            (
                action.at.date().isoformat(),
                action.at.strftime("%H:%M"),
                action.kind,
                names.get(action.contact_id, "") if action.contact_id else "",
                action.channel,
                action.note,
                {True: "yes", False: "no", None: ""}[action.personal],
                action.id,
            )
        )
    return out.getvalue()
