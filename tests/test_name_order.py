"""Names sort as people read them: an accented or lower-case first letter files with its
plain letter (Ángela between Adam and Bea), in the CLI's lists and the app's Contacts."""

from __future__ import annotations

from textual.widgets import DataTable

from netrack.domain.text import name_order
from tests.tui_support import make_app, settle, table_rows

PEOPLE = ["Zoe Park", "Ángela Ruiz", "bea Lin", "Adam Cole", "Émile Roy"]
READ_ORDER = ["Adam Cole", "Ángela Ruiz", "bea Lin", "Émile Roy", "Zoe Park"]


def _names(app) -> list[str]:
    return [row[0] for row in table_rows(app.screen.query_one("#contacts", DataTable))]


def test_an_accent_or_case_does_not_move_a_name_out_of_its_letter() -> None:
    assert sorted(PEOPLE, key=name_order) == READ_ORDER
    # Two spellings of one folded name still come out in one fixed order.
    assert sorted(["Ángela Ruiz", "Angela Ruiz"], key=name_order) == ["Angela Ruiz", "Ángela Ruiz"]


def test_netrack_contacts_lists_accented_names_under_their_letter(cli) -> None:
    for name in PEOPLE:
        assert cli("contact", "add", name).code == 0
    listed = [line[:20].strip() for line in cli("contacts").out.splitlines()]
    assert [n for n in listed if n in PEOPLE] == READ_ORDER


async def test_the_apps_contacts_sort_accented_names_under_their_letter(db_path, cli) -> None:
    for name in PEOPLE:
        assert cli("contact", "add", name).code == 0
    app = make_app(db_path)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert _names(app) == READ_ORDER
        await pilot.press("N")  # the same sort asked again runs Z to A
        await settle(pilot)
        assert _names(app) == READ_ORDER[::-1]
