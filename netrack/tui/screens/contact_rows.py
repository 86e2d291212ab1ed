"""The rows of the Contacts table."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable

from netrack.domain.analysis import Analysis
from netrack.domain.humanize import days_ago
from netrack.domain.keepintouch import TouchStatus
from netrack.domain.models import Contact
from netrack.summaries import signed
from netrack.tui.text import cell
from netrack.tui.widgets.contact_story import TOUCH_STYLE


def company_column(
    table: DataTable, columns: Sequence[tuple[str, str, object]], wanted: bool
) -> bool:
    """Give ``table`` its company column only when someone has a company (no column of
    blanks); its columns are left as they are (widths and all) when that is unchanged."""
    if ("company" in table.columns) != wanted:
        table.clear(columns=True)
        for key, label, _ in columns:
            if wanted or key != "company":
                table.add_column(label, key=key)
    return wanted


def contact_row(
    contact: Contact,
    touch: TouchStatus | None,
    analysis: Analysis,
    shared: dict[tuple[str, str], Text],
    company: bool = True,
) -> list[Text]:
    """The row of ``contact`` in the Contacts table (without the company column when
    ``company`` is false).

    Most cells repeat ("12 days ago", a circle, "ok"): each is made once per draw and
    ``shared`` by every row that shows it (a Text is drawn, never changed), which leaves
    a third of the 30,000 cells of 5,000 contacts.
    """
    balance = analysis.balances.get(contact.id)
    last = analysis.last_touches.get(contact.id)
    state = touch.status if touch and touch.status else "—"
    if contact.archived:
        state = "archived"

    def common(text: str, style: str = "") -> Text:
        found = shared.get((text, style))
        if found is None:
            found = shared[text, style] = cell(text, style)
        return found

    return [
        cell(contact.name, "dim" if contact.archived else ""),
        *((common(contact.company),) if company else ()),
        common(contact.circle or "—"),
        common(days_ago(last, analysis.today) if last else "never"),
        common(
            signed(balance.balance) if balance else "0",
            "red" if balance and balance.ask_only else "",
        ),
        common(state, TOUCH_STYLE.get(state, "")),
    ]
