"""A contact never in touch comes due one cadence after being put in a circle, not at once.

People imported from LinkedIn or vCards are created on the day the file says you
connected, often years ago; sorting 500 of them into the inner circle must not flood
the cold list and the suggestions with people overdue since 2019.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import pendulum

from netrack.domain.contact_changes import ContactFields, apply_fields
from netrack.domain.importing import ImportedPerson, plan_people_import
from netrack.domain.keepintouch import OVERDUE, clock_start, touch_status
from netrack.domain.models import Contact, Settings
from netrack.domain.weeks import Calendar
from netrack.store import Store
from tests.conftest import BERLIN, FROZEN_NOW, time_at

CAL = Calendar(0)
SETTINGS = Settings()
INNER = SETTINGS.cadences["inner"]
CONNECTED = pendulum.datetime(2019, 11, 5, 12, tz=BERLIN)
SORTED = pendulum.datetime(2026, 11, 2, 9, tz=BERLIN)


def _imported(**changes) -> Contact:
    return Contact(id="c-wei", name="Wei Chen", created=CONNECTED, **changes)


def test_a_never_touched_contact_is_due_a_cadence_after_being_put_in_a_circle() -> None:
    wei = _imported(circle="inner", reminders_since=SORTED)
    assert clock_start(wei, CAL) == date(2026, 11, 2)
    due_day = date(2026, 11, 2) + timedelta(days=INNER)
    assert touch_status(wei, None, due_day, SETTINGS, CAL).status != OVERDUE
    late = touch_status(wei, None, due_day + timedelta(days=1), SETTINGS, CAL)
    assert (late.status, late.days_since) == (OVERDUE, INNER + 1)
    # Without the day they were sorted in, the clock runs from the connection day.
    assert touch_status(_imported(circle="inner"), None, due_day, SETTINGS, CAL).status == OVERDUE


def test_a_touch_counts_from_the_touch_whenever_the_circle_was_set() -> None:
    wei = _imported(circle="inner", reminders_since=SORTED)
    touched = date(2026, 10, 1)  # before they were sorted in: the touch still counts
    status = touch_status(wei, touched, date(2026, 11, 19), SETTINGS, CAL)
    assert (status.status, status.days_since) == (OVERDUE, 49)


def test_setting_a_circle_or_a_cadence_starts_the_clock_and_other_edits_do_not() -> None:
    wei = _imported(circle="wider")
    assert apply_fields(wei, ContactFields(details={"circle": "inner"}), SORTED).reminders_since
    assert apply_fields(wei, ContactFields(details={"cadence_days": "30"}), SORTED).reminders_since
    for unchanged in ({"company": "Initech"}, {"circle": "wider"}):
        edited = apply_fields(wei, ContactFields(details=unchanged), SORTED)
        assert edited.reminders_since is None, unchanged


def test_an_imported_contact_starts_its_clock_on_the_day_of_the_import() -> None:
    person = ImportedPerson(name="Wei Chen", source="line 2", began=CONNECTED)
    (wei,) = plan_people_import([], [person], SORTED).added
    assert wei.created == CONNECTED  # their timeline still starts when you connected
    assert wei.reminders_since == SORTED


def _csv(tmp_path, rows: int) -> str:
    lines = ["First Name,Last Name,URL,Email Address,Company,Position,Connected On"]
    lines += [f"Person,Number{n},,,Acme,Engineer,05 Nov 2019" for n in range(rows)]
    path = tmp_path / "Connections.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return str(path)


def test_sorting_an_import_into_the_inner_circle_floods_nothing(
    cli, store: Store, tmp_path
) -> None:
    assert cli("import", "linkedin", _csv(tmp_path, 30)).code == 0
    for n in range(30):
        result = cli(
            "contact", "edit", f"Person Number{n}", "--circle", "inner", "--cadence", "circle"
        )
        assert result.code == 0, result.err
    assert json.loads(cli("cold", "--json").out) == []
    suggested = json.loads(cli("next", "--json", "--limit", "100").out)
    assert [s for s in suggested if s["reason"] == "overdue"] == []
    # A cadence later they come due, the whole batch, and say why.
    with time_at(FROZEN_NOW.add(days=INNER + 1)):
        cold = json.loads(cli("cold", "--json").out)
        assert len(cold) == 30 and {c["days_since"] for c in cold} == {INNER + 1}
        line = cli("cold").out.splitlines()[1]
        assert line.split()[-3:] == ["1", "day", "over"], line
        overdue = [s for s in json.loads(cli("next", "--json").out) if s["reason"] == "overdue"]
        assert overdue and overdue[0]["why"].startswith(
            "never in touch since put in reminders 2 weeks ago"
        ), overdue[0]["why"]


def test_an_imported_connection_never_reached_is_still_a_dormant_tie(
    cli, store: Store, tmp_path
) -> None:
    assert cli("import", "linkedin", _csv(tmp_path, 1)).code == 0  # the wider circle
    [tie] = [s for s in json.loads(cli("next", "--json").out) if s["reason"] == "dormant"]
    assert tie["contact"] == "Person Number0"
    assert tie["why"] == "dormant tie: added 7 years ago, never in touch"
    assert Store(store.path).load().contacts[0].reminders_since == FROZEN_NOW
