"""Reciprocity: give against take over twelve weeks, and for every contact."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from netrack.domain.humanize import days_ago, days_ago_short, plural
from netrack.domain.reciprocity import ContactBalance, all_time, trend
from netrack.summaries import percent, signed
from netrack.tui.screens.base import DataScreen
from netrack.tui.state import Snapshot
from netrack.tui.text import cell, phrase
from netrack.tui.widgets.charts import give_take_chart
from netrack.tui.widgets.footer import Footer
from netrack.tui.widgets.people_table import PeopleTable
from netrack.tui.widgets.tables import COLUMN_MAX, refill, room_beside

SORTS = {
    "flags": "ask-only first",
    "balance": "balance, lowest first",
    "gives": "most gives first",
    "takes": "most takes first",
    "name": "name",
}
# Column key, heading, the sort a click on it picks, and its marker (▲ rising, ▼ falling).
COLUMNS = (
    ("name", "contact", "name", " ▲"),
    ("gives", "gives", "gives", " ▼"),
    ("takes", "takes", "takes", " ▼"),
    ("balance", "balance", "balance", " ▲"),
    ("last_give", "last give", None, ""),
    ("last_take", "last take", None, ""),
    ("flags", "flags", "flags", " ▲"),
)
NAME_LEAST = 9  # columns a name keeps however narrow the terminal (80 fits every flag)
Row = tuple[str | None, list[Text]]
# Where whole names do not fit, the other columns take their short forms first.
SHORT_LABELS = {"balance": "bal"}


def _name_room(
    width: int, labels: dict[str, str], rows: list[tuple[str | None, list[Text]]]
) -> int:
    """The columns left for names in ``width``: the numbers, days and flags keep their
    width, and a name longer than this is cut with an ellipsis (the panel that enter
    opens shows it whole)."""
    others = [
        (labels[key], [cells[index] for _, cells in rows])
        for index, (key, *_) in enumerate(COLUMNS)
        if index
    ]
    return max(NAME_LEAST, room_beside(width, others))


class ReciprocityScreen(DataScreen):
    """Are you giving as much as you take, overall and with each person?"""

    TITLE = "netrack · Reciprocity"

    # Lower-case letters act on the selected person (g logs a give ...), so sorting
    # takes capitals, and clicks on the headings.
    BINDINGS = [
        Binding("O", "sort('flags')", "Ask-only first"),
        Binding("B", "sort('balance')", "By balance"),
        Binding("G", "sort('gives')", "By gives"),
        Binding("T", "sort('takes')", "By takes"),
        Binding("N", "sort('name')", "By name"),
        Binding("F", "only_flagged", "Only flagged"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "flags"
        self.only_flagged = False
        self._drawn_for = -1  # the terminal width the names were fitted to

    def on_resize(self) -> None:
        super().on_resize()
        if self.app.size.width != self._drawn_for and self.shown_version >= 0:
            self.call_after_refresh(self._draw_table, self.app.snapshot)  # once laid out

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="reciprocity"):
            yield Static(id="overall", classes="title")
            yield Static(id="trend-chart", classes="panel")
            yield Static(id="sorted-by", classes="section-title")
            yield PeopleTable(id="balances", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#balances", DataTable)
        for key, label, _, _ in COLUMNS:
            table.add_column(label, key=key)
        super().on_mount()
        self.query_one("#balances", DataTable).focus()

    def draw(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        overall = all_time(analysis.tally)
        share = overall.give_share
        title = phrase(
            ("Give and take  ", "bold"),
            f"all time: gives {overall.gives} · takes {overall.takes} · ",
            (f"balance {signed(overall.balance)}", "green" if overall.balance >= 0 else "red"),
            f" · give share {percent(share)}",
        )
        self.query_one("#overall", Static).update(title)
        weeks = trend(analysis.tally, analysis.current_week)
        chart = Text("Last 12 weeks\n", "bold")
        chart.append(give_take_chart(weeks, height=5, current=analysis.current_week.label))
        self.query_one("#trend-chart", Static).update(chart)
        self._draw_table(snapshot)

    def _draw_table(self, snapshot: Snapshot) -> None:
        analysis = snapshot.analysis
        names = {c.id: c.name for c in analysis.data.contacts}
        balances = [b for b in analysis.balances.values() if b.contact_id in names]
        if self.only_flagged:
            balances = [b for b in balances if b.ask_only or b.owe]
        balances.sort(key=lambda b: self._sort_key(b, names))
        table = self.query_one("#balances", PeopleTable)
        width = table.size.width or self.app.size.width
        rows = self._rows(balances, names, analysis.today)
        labels = self._labels(short=False)
        room = _name_room(width, labels, rows)
        if balances and room < min(max(cells[0].cell_len for _, cells in rows), COLUMN_MAX):
            # Whole names do not fit: the balance heading and the days take their short
            # forms to leave names the room they need.
            labels = self._labels(short=True)
            for b, (_, cells) in zip(balances, rows, strict=True):
                last_give, last_take = (d.date() if d else None for d in (b.last_give, b.last_take))
                cells[4] = Text(days_ago_short(last_give, analysis.today))
                cells[5] = Text(days_ago_short(last_take, analysis.today))
            room = _name_room(width, labels, rows)
        self._drawn_for = self.app.size.width
        refill(table, rows, labels=labels, widest={"name": room})
        table.plan_hints = {b.contact_id: ("give", "") for b in balances if b.balance < 0}
        shown = f"{plural(len(balances), 'contact')}"
        filtered = " (only ask-only and owe; F shows all)" if self.only_flagged else ""
        self.query_one("#sorted-by", Static).update(
            f"{shown}, sorted by {SORTS[self.sort]}{filtered}   O B G T N sort · F flagged only"
        )

    def _rows(
        self, balances: list[ContactBalance], names: dict[str, str], today: date
    ) -> list[Row]:
        rows: list[Row] = []
        for b in balances:
            flags = " ".join(f for f, on in (("ask-only", b.ask_only), ("owe", b.owe)) if on)
            style = "bold red" if b.ask_only else "yellow" if b.owe else ""
            rows.append(
                (
                    b.contact_id,
                    [
                        cell(names[b.contact_id], style),
                        Text(f"{b.gives:,}"),
                        Text(f"{b.takes:,}"),
                        Text(
                            signed(b.balance),
                            "green" if b.balance > 0 else "red" if b.balance < 0 else "",
                        ),
                        Text(days_ago(b.last_give.date() if b.last_give else None, today)),
                        Text(days_ago(b.last_take.date() if b.last_take else None, today)),
                        Text(flags, style),
                    ],
                )
            )
        if not rows:
            empty = cell("no gives or takes logged yet", "dim")
            rows = [(None, [empty, *(Text() for _ in COLUMNS[1:])])]
        return rows

    def _labels(self, short: bool) -> dict[str, str]:
        return {
            key: (SHORT_LABELS.get(key, label) if short else label)
            + (mark if sort == self.sort else "")
            for key, label, sort, mark in COLUMNS
        }

    def _sort_key(self, b: ContactBalance, names: dict[str, str]) -> tuple:
        name = names[b.contact_id].casefold()
        if self.sort == "balance":
            return (b.balance, name)
        if self.sort == "gives":
            return (-b.gives, name)
        if self.sort == "takes":
            return (-b.takes, name)
        if self.sort == "name":
            return (name,)
        return (not b.ask_only, not b.owe, b.balance, name)

    def action_sort(self, sort: str) -> None:
        self.sort = sort
        self._draw_anew()

    @on(DataTable.HeaderSelected, "#balances")
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        sort = next((s for key, _, s, _ in COLUMNS if key == event.column_key.value), None)
        if sort is not None:
            self.action_sort(sort)

    def action_only_flagged(self) -> None:
        self.only_flagged = not self.only_flagged
        self._draw_anew()

    def _draw_anew(self) -> None:
        """Another order or filter: the list is read from its top, the first row picked."""
        self._draw_table(self.app.snapshot)
        table = self.query_one("#balances", DataTable)
        if table.row_count:
            table.move_cursor(row=0, animate=False)
        table.scroll_home(animate=False)
