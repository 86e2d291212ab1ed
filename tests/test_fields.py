"""Contact details and settings are declared once, and everything is built from that.

The registry tests check that every declared detail reaches the data file, the JSON
view, the command line, the contact's details and the app's form; the kind tests pin
down how each kind of value is typed in, shown and stored, including the date-valued
and the repeatable LABEL=VALUE kinds that new details will use.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, NamedTuple

import pytest

from netrack.cli.parser import build_parser
from netrack.domain.dates import YearlyDate
from netrack.domain.fields import (
    Cadence,
    Circle,
    ContactField,
    Day,
    Email,
    Kind,
    Notes,
    Tags,
    Text,
    YearlyDay,
    contact_fields,
)
from netrack.domain.labeled import Labeled, LabeledValues
from netrack.domain.models import CONTACT_FIELDS, Contact
from netrack.domain.settings import SETTINGS
from netrack.errors import UsageError
from netrack.store import Store
from netrack.store.records import contact_from_doc, contact_to_doc

DOCS = Path(__file__).resolve().parent.parent / "docs"

# What a user might type for each kind, and the value it stands for.
SAMPLES: dict[type, tuple[str, object]] = {
    Text: ("Brightwave", "Brightwave"),
    Email: ("mei@example.com", "mei@example.com"),
    Notes: ("prefers mornings", "prefers mornings"),
    Tags: ("python, mentor", ("python", "mentor")),
    Circle: ("inner", "inner"),
    Cadence: ("21", 21),
    Day: ("2026-05-01", date(2026, 5, 1)),
    YearlyDay: ("1992-02-29", YearlyDate(2, 29, 1992)),
}


def sample(kind: Kind) -> tuple[str, object]:
    if isinstance(kind, LabeledValues):
        text, value = sample(kind.value)
        return f"first={text}", (("first", value),)
    return SAMPLES[type(kind)]


def test_every_detail_sits_between_created_and_archived() -> None:
    names = tuple(field.name for field in CONTACT_FIELDS)
    between = ("id", "name", "created", *names, "archived", "updated", "reminders_since")
    assert Contact._fields == between
    assert len({field.option for field in CONTACT_FIELDS}) == len(CONTACT_FIELDS)


def test_every_detail_is_stored_and_read_back(store: Store, frozen) -> None:
    details = {field.name: sample(field.kind)[1] for field in CONTACT_FIELDS}
    contact = Contact(id="c1", name="Mei Chen", created=frozen, **details)
    with store.transaction() as tx:
        tx.save(contact)
    assert store.load().contacts == (contact,)
    doc = contact_to_doc(contact)
    assert set(details) <= set(doc)
    assert contact_from_doc(json.loads(json.dumps(doc))) == contact


def test_a_file_without_a_detail_reads_it_as_empty(frozen) -> None:
    contact = contact_from_doc({"id": "c1", "name": "Old Friend", "created": frozen.isoformat()})
    for field in CONTACT_FIELDS:
        assert getattr(contact, field.name) == field.kind.empty


def test_every_detail_has_an_option_the_json_and_the_details_show_it(cli) -> None:
    options = []
    for field in CONTACT_FIELDS:
        options += [field.option, sample(field.kind)[0]]
    assert cli("contact", "add", "Mei Chen", *options).code == 0
    shown = json.loads(cli("contact", "show", "mei", "--json").out)
    for field in CONTACT_FIELDS:
        assert shown[field.name] == field.kind.to_json(sample(field.kind)[1]), field.name
    text = cli("contact", "show", "mei").out
    for field in CONTACT_FIELDS:
        if field.detail:
            assert f"  {field.label:8} " in text, field.label


def test_every_detail_option_is_in_the_help_of_contact_add_and_edit() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command").choices["contact"]
    verbs = next(a for a in sub._actions if a.dest == "verb").choices
    for verb in ("add", "edit"):
        options = {o for action in verbs[verb]._actions for o in action.option_strings}
        assert {field.option for field in CONTACT_FIELDS} <= options


def test_every_detail_and_setting_is_in_the_docs() -> None:
    commands = (DOCS / "commands.md").read_text("utf-8")
    for field in CONTACT_FIELDS:
        assert f"`{field.option}" in commands, field.option
    configuration = (DOCS / "configuration.md").read_text("utf-8")
    for entry in SETTINGS:
        assert f"| `{entry.key}` |" in configuration, entry.key


def test_every_setting_can_be_set_and_read_back(cli) -> None:
    for entry in SETTINGS:
        text = entry.kind.choices[-1] if entry.kind.choices else str(entry.kind.empty + 1)
        assert cli("config", entry.key, text).code == 0, entry.key
        shown = json.loads(cli("config", entry.key, "--json").out)
        assert shown == {entry.key: entry.kind.to_json(entry.kind.parse(text, entry.key))}


# A date-valued detail and a repeatable LABEL=VALUE one, declared as Contact would.
class Person(NamedTuple):
    id: str
    birthday: Annotated[date | None, ContactField(Day(), "birthday", metavar="DATE")] = None
    dates: Annotated[
        Labeled[date], ContactField(LabeledValues(Day()), "dates", option="--date")
    ] = ()


def test_declarations_are_read_with_their_names_and_options() -> None:
    birthday, dates = contact_fields(Person)
    assert (birthday.name, birthday.option, birthday.title) == (
        "birthday",
        "--birthday",
        "Birthday",
    )
    assert (dates.name, dates.option, dates.kind.repeatable) == ("dates", "--date", True)


def test_a_day_is_typed_as_an_iso_date_and_can_be_cleared() -> None:
    day = Day()
    assert day.parse(" 2026-02-28 ", "birthday") == date(2026, 2, 28)
    assert day.parse("none", "birthday") is None
    assert day.parse("", "birthday") is None
    for bad in ("2026-02-30", "28.02.2026", "2026-2-8", "２０２６-02-28", "yesterday"):
        with pytest.raises(UsageError, match=r"invalid birthday .*YYYY-MM-DD"):
            day.parse(bad, "birthday")
    assert day.to_doc(date(2026, 2, 28)) == "2026-02-28"
    assert day.from_doc("2026-02-28") == date(2026, 2, 28)
    assert day.from_doc(None) is None
    assert day.fill(None, date(2020, 1, 1)) == date(2020, 1, 1)
    assert day.fill(date(2021, 1, 1), date(2020, 1, 1)) == date(2021, 1, 1)


def test_labeled_values_on_the_command_line_set_and_remove_one_label_at_a_time() -> None:
    dates = LabeledValues(Day())
    current = (("anniversary", date(2020, 5, 1)), ("start", date(2021, 1, 4)))
    edited = dates.edit(current, ["start=2022-03-01", "met=2019-09-09"], "dates")
    assert edited == (
        ("anniversary", date(2020, 5, 1)),
        ("start", date(2022, 3, 1)),
        ("met", date(2019, 9, 9)),
    )
    assert dates.edit(edited, ["anniversary="], "dates") == edited[1:]
    for bad in ("anniversary", "=2020-01-01", "a,b=2020-01-01"):
        with pytest.raises(UsageError, match="LABEL=VALUE"):
            dates.edit(current, [bad], "dates")
    with pytest.raises(UsageError, match="invalid dates start"):
        dates.edit(current, ["start=soon"], "dates")


def test_labeled_values_in_a_form_are_one_text_that_replaces_them_all() -> None:
    dates = LabeledValues(Day())
    value = (("anniversary", date(2020, 5, 1)), ("start", date(2021, 1, 4)))
    assert dates.text(value) == "anniversary=2020-05-01, start=2021-01-04"
    assert dates.show(value) == "anniversary 2020-05-01, start 2021-01-04"
    assert dates.edit(value, dates.text(value), "dates") == value
    assert dates.edit(value, "start=2021-01-04", "dates") == value[1:]
    assert dates.edit(value, "", "dates") == ()


def test_labeled_values_are_stored_as_an_object_and_merged_by_label() -> None:
    dates = LabeledValues(Day())
    value = (("anniversary", date(2020, 5, 1)),)
    assert dates.to_doc(value) == {"anniversary": "2020-05-01"}
    assert dates.from_doc({"anniversary": "2020-05-01"}) == value
    assert dates.from_doc(None) == ()
    other = (("anniversary", date(1999, 1, 1)), ("start", date(2021, 1, 4)))
    assert dates.fill(value, other) == (*value, ("start", date(2021, 1, 4)))


def test_a_yearly_day_is_typed_with_or_without_its_year_and_reads_as_spoken() -> None:
    day = YearlyDay()
    assert day.parse("02-29", "birthday") == YearlyDate(2, 29)
    assert day.parse(" 1986-12-03 ", "birthday") == YearlyDate(12, 3, 1986)
    assert day.parse("none", "birthday") is None
    with pytest.raises(UsageError, match="invalid birthday '1990-02-29': no such day"):
        day.parse("1990-02-29", "birthday")
    assert day.show(YearlyDate(12, 3, 1986)) == "3 Dec 1986"
    assert day.text(YearlyDate(12, 3)) == "12-03"  # the form shows it as it is typed
    assert day.to_doc(YearlyDate(2, 29)) == "02-29"
    assert day.from_doc("1986-12-03") == YearlyDate(12, 3, 1986)
    dates = LabeledValues(YearlyDay())
    value = dates.edit((), ["work anniversary=06-01", "name day=07-26"], "dates")
    assert dates.edit(value, ["name day="], "dates") == (("work anniversary", YearlyDate(6, 1)),)
    assert dates.to_doc(value) == {"work anniversary": "06-01", "name day": "07-26"}


def test_text_kinds_keep_their_rules() -> None:
    assert Text().parse("  Brightwave ", "company") == "Brightwave"
    assert Notes().parse("  two\nlines ", "notes") == "  two\nlines "
    assert Notes().merge("first", "second") == "first\n\nsecond"
    assert Tags().parse("a, b,, a", "tags") == ("a", "b")
    assert Tags().fill(("a",), ("b", "a")) == ("a", "b")
    assert Cadence().parse("", "cadence") is None  # empty: the circle's cadence
    assert Cadence().parse("none", "cadence") == 0
    assert Cadence().show(0) == "none"
    with pytest.raises(UsageError, match="invalid email"):
        Email().parse("not-an-email", "email")


async def test_the_apps_forms_are_built_from_the_declarations(seeded) -> None:
    from textual.widgets import Input, Select, TextArea

    from tests.tui_support import make_app, settle

    app = make_app(seeded)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("escape", "comma")
        await settle(pilot)
        for entry in SETTINGS:
            widget = Select if entry.kind.choices else Input
            app.screen.query_one(f"#set-{entry.key.replace('.', '-')}", widget)
        app.screen.query_one("#set-week-start", Select).value = "sunday"
        app.screen.query_one("#set-new-contact-circle", Select).clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("2", "n")
        await settle(pilot)
        for field in CONTACT_FIELDS:
            kind = field.kind
            widget = Select if kind.choices else TextArea if kind.multiline else Input
            app.screen.query_one(f"#f-{field.option.removeprefix('--')}", widget)
    settings = Store(seeded).load().settings
    assert (settings.week_start, settings.new_contact_circle) == (6, None)
