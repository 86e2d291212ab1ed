"""Today's follow-ups at 80 columns: what is owed gets the room a long name would take."""

from __future__ import annotations

from netrack.tui.widgets.followup_table import NAME_MOST, FollowUpTable
from tests.tui_support import make_app, netrack, settle, wait_until

LONG_NAME = "Bartholomew Featherstonehaugh-Smythe"
OWED = "review the pricing proposal and send Dana the comments on the contract"


async def test_a_long_name_leaves_what_is_owed_the_width_of_the_screen(seeded) -> None:
    netrack(seeded, "promise", LONG_NAME, OWED, "--due", "fri", "--new")
    app = make_app(seeded)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#followups", FollowUpTable)
        await wait_until(pilot, lambda: table.row_count == 2 and table.size.width, "the rows")
        widths = {key.value: column.width for key, column in table.columns.items()}
        assert widths["contact"] == NAME_MOST  # the long name cut
        # every column padded by one on each side; the table's own width, no scroll bar
        assert sum(widths.values()) + 2 * len(widths) == table.size.width, widths
        assert widths["what"] >= 40, widths
