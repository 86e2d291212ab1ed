"""Sorting people into circles: one person at a time, one key per circle."""

from __future__ import annotations

from netrack.store import Store
from netrack.tui.screens.triage import TriageScreen
from tests.tui_support import make_app, netrack, run_from_palette, screen_text, settle, wait_until


def _people(db) -> None:
    for name in ("Ana Souza", "Ken Ito", "Lina Berg", "Mo Khan"):
        netrack(db, "contact", "add", name, "--circle", "wider", "--company", f"{name} Co")
    netrack(db, "contact", "add", "Already Close", "--circle", "inner")
    netrack(db, "give", "Lina Berg", "sent a link", "--on", "2026-11-18")
    netrack(db, "reach", "Ken Ito", "hello", "--on", "2026-11-10")


async def _open_triage(pilot) -> None:
    """The circle triage, opened as the palette's "Sort people into circles" does."""
    app = pilot.app
    app.action_triage()
    await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage")
    await settle(pilot)


async def test_one_key_per_person_sorts_an_import_into_circles(db_path, frozen) -> None:
    _people(db_path)
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_from_palette(pilot, "sort people", "Sort people into circles")
        await wait_until(pilot, lambda: isinstance(app.screen, TriageScreen), "the triage")
        await settle(pilot)
        # The people you were in touch with most recently come first.
        assert "Lina Berg" in screen_text(app) and "1 of 4 people" in screen_text(app)
        await pilot.press("i")  # Lina: inner
        await settle(pilot)
        assert "Ken Ito" in screen_text(app)
        await pilot.press("a")  # Ken: active
        await pilot.press("s")  # Ana: skipped
        await pilot.press("n")  # Mo: no circle
        await settle(pilot)
        assert "Everyone has been through" in screen_text(app)
        assert "so far: 1 inner, 1 active, 1 none" in screen_text(app), "in circle order"
        await pilot.press("b")  # back to Mo, and put him in the wider circle after all
        await pilot.press("w")
        assert "so far: 1 inner, 1 active, 1 wider" in screen_text(app), "Mo counted once"
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, TriageScreen)
    circles = {c.name: c.circle for c in Store(db_path).load().contacts}
    assert circles == {
        "Ana Souza": "wider",
        "Ken Ito": "active",
        "Lina Berg": "inner",
        "Mo Khan": "wider",
        "Already Close": "inner",
    }


async def test_nobody_to_sort_says_so(db_path, frozen) -> None:
    netrack(db_path, "contact", "add", "Already Close", "--circle", "inner")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_triage(pilot)
        assert "Nobody to sort" in screen_text(app)


async def test_inner_and_active_give_imported_people_their_circles_reminders(
    db_path, frozen
) -> None:
    # Imported people come without reminders (as 'contact add --cadence none' makes them).
    for name in ("Ana Souza", "Ken Ito", "Lina Berg"):
        netrack(db_path, "contact", "add", name, "--circle", "wider", "--cadence", "none")
    app = make_app(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_triage(pilot)
        assert "Ana Souza" in screen_text(app)
        assert "now wider · no reminders" in screen_text(app)
        await pilot.press("i")  # Ana: inner, reminders every 14 days
        await pilot.press("a")  # Ken: active
        await pilot.press("w")  # Lina: wider, still none
        await settle(pilot)
        await pilot.press("b", "b")  # back to Ken
        assert "now active · reminders every 30 days" in screen_text(app)
        await pilot.press("w")  # Ken after all in the wider circle: no reminders again
        await settle(pilot)
    cadences = {c.name: (c.circle, c.cadence_days) for c in Store(db_path).load().contacts}
    assert cadences == {
        "Ana Souza": ("inner", None),  # None: the circle's cadence
        "Ken Ito": ("wider", 0),
        "Lina Berg": ("wider", 0),
    }
