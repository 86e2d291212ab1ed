"""The rows of the Contacts table."""

from __future__ import annotations

from rich.text import Text

from netrack.domain.analysis import Analysis
from netrack.domain.humanize import days_ago
from netrack.domain.keepintouch import TouchStatus
from netrack.domain.models import Contact
from netrack.summaries import signed
from netrack.tui.text import cell
from netrack.tui.widgets.contact_story import TOUCH_STYLE


def contact_row(
    contact: Contact,
    touch: TouchStatus | None,
    analysis: Analysis,
    shared: dict[tuple[str, str], Text],
) -> list[Text]:
    """The row of ``contact`` in the Contacts table.

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
        common(contact.company),
        common(contact.circle or "—"),
        common(days_ago(last, analysis.today) if last else "never"),
        common(
            signed(balance.balance) if balance else "0",
            "red" if balance and balance.ask_only else "",
        ),
        common(state, TOUCH_STYLE.get(state, "")),
    ]
