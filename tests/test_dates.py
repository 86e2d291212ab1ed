"""Important dates: parsing, the next occurrence across years, Feb 29, coming up."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from netrack.domain.analysis import Analysis
from netrack.domain.dates import DateComing, YearlyDate, coming_dates, parse_yearly
from netrack.domain.occasions import seen_to_on, still_to_do
from netrack.domain.suggestions import DATE, suggestions
from netrack.errors import UsageError
from tests.builders import action, contact, dataset, moment


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12-03", YearlyDate(12, 3)),
        ("1990-02-28", YearlyDate(2, 28, 1990)),
        ("02-29", YearlyDate(2, 29)),
        ("1992-02-29", YearlyDate(2, 29, 1992)),
        ("--06-01", YearlyDate(6, 1)),
        (" 2001-01-31 ", YearlyDate(1, 31, 2001)),
    ],
)
def test_dates_are_typed_with_or_without_a_year(typed: str, value: YearlyDate) -> None:
    assert parse_yearly(typed) == value


@pytest.mark.parametrize(
    "typed", ["02-30", "13-01", "1990-02-29", "3-12", "12/03", "", "birthday", "0000-01-01"]
)
def test_impossible_dates_are_refused(typed: str) -> None:
    with pytest.raises(UsageError):
        parse_yearly(typed)


def test_a_date_reads_back_as_typed() -> None:
    assert YearlyDate(2, 9).text() == "02-09"
    assert YearlyDate(2, 9, 1985).text() == "1985-02-09"


def test_feb_29_falls_on_feb_28_in_other_years() -> None:
    leapling = YearlyDate(2, 29, 1992)
    assert leapling.in_year(2027) == date(2027, 2, 28)
    assert leapling.in_year(2028) == date(2028, 2, 29)
    assert leapling.next_from(date(2027, 2, 28)) == date(2027, 2, 28)
    assert leapling.next_from(date(2027, 3, 1)) == date(2028, 2, 29)
    assert leapling.next_from(date(2028, 2, 29)) == date(2028, 2, 29)
    assert leapling.next_from(date(2028, 3, 1)) == date(2029, 2, 28)


def test_the_next_day_of_a_date_rolls_over_the_year() -> None:
    new_year = YearlyDate(1, 2)
    assert new_year.next_from(date(2026, 12, 30)) == date(2027, 1, 2)
    assert new_year.next_from(date(2027, 1, 2)) == date(2027, 1, 2)
    assert new_year.next_from(date(2027, 1, 3)) == date(2028, 1, 2)


def test_coming_up_is_today_and_the_seven_days_after() -> None:
    today = date(2026, 12, 28)
    dated = [
        ("ana", [("birthday", YearlyDate(12, 28, 1986))]),  # today
        ("ben", [("birthday", YearlyDate(1, 4))]),  # in 7 days, next year
        ("cleo", [("birthday", YearlyDate(1, 5))]),  # in 8 days: not yet
        ("dov", [("birthday", YearlyDate(12, 27)), ("work anniversary", YearlyDate(12, 31))]),
    ]
    coming = coming_dates(dated, today)
    assert [(d.contact_id, d.label, d.on) for d in coming] == [
        ("ana", "birthday", date(2026, 12, 28)),
        ("dov", "work anniversary", date(2026, 12, 31)),
        ("ben", "birthday", date(2027, 1, 4)),
    ]
    assert coming[0].phrase(today) == "birthday today (turns 40)"
    assert coming[1].phrase(today) == "work anniversary in 3 days"
    assert coming[2].phrase(date(2027, 1, 3)) == "birthday tomorrow"


def test_a_feb_29_birthday_comes_up_on_feb_28_of_a_common_year() -> None:
    dated = [("leo", [("birthday", YearlyDate(2, 29, 1996))])]
    (coming,) = coming_dates(dated, date(2027, 2, 22))
    assert coming.on == date(2027, 2, 28)
    assert coming.phrase(date(2027, 2, 28)) == "birthday today (turns 31)"
    assert coming_dates(dated, date(2027, 3, 1)) == []


# In a calendar ---------------------------------------------------------------------------


def test_each_date_is_a_yearly_all_day_event_with_an_alarm_the_day_before() -> None:
    import icalendar

    from netrack.transfer.calendar_ics import followups_ics
    from tests.builders import contact, dataset, moment

    ana, leo = contact("Ana Diaz"), contact("Leo Park")
    dates = [
        (ana, "birthday", YearlyDate(12, 3, 1986)),
        (leo, "birthday", YearlyDate(2, 29)),
        (ana, "work anniversary", YearlyDate(6, 1)),
    ]
    data = dataset(contacts=[ana, leo])
    ics = followups_ics(data, moment("2026-11-19 15:30"), dates=dates)
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    by_summary = {str(e["summary"]): e for e in events}
    assert set(by_summary) == {
        "Ana Diaz: birthday",
        "Leo Park: birthday",
        "Ana Diaz: work anniversary",
    }
    birthday = by_summary["Ana Diaz: birthday"]
    assert birthday.decoded("dtstart") == date(2026, 12, 3)  # all day: a date, no time
    assert birthday.decoded("dtend") == date(2026, 12, 4)
    assert birthday["rrule"]["FREQ"] == ["YEARLY"]
    assert "1986" in str(birthday["description"])
    (alarm,) = birthday.walk("VALARM")
    assert alarm.decoded("trigger").days == -1
    assert str(alarm["action"]) == "DISPLAY"
    # Feb 29 repeats on the last day of February: Feb 28 in common years.
    leap = by_summary["Leo Park: birthday"]
    assert leap.decoded("dtstart") == date(2026, 2, 28)
    assert leap["rrule"]["BYMONTHDAY"] == [-1]
    assert leap["rrule"]["BYMONTH"] == [2]
    from dateutil.rrule import rrulestr  # icalendar's own dependency

    rule = rrulestr(leap["rrule"].to_ical().decode(), dtstart=datetime(2026, 2, 28))
    assert [d.date() for d in rule[:4]] == [
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
        date(2029, 2, 28),
    ]
    # Stable and distinct ids: a newer export updates the entries.
    uids = {str(e["uid"]) for e in events}
    assert len(uids) == 3
    again = icalendar.Calendar.from_ical(
        followups_ics(data, moment("2026-11-20 09:00"), dates=dates)
    )
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == uids


def test_the_ics_export_carries_each_contacts_dates(cli, tmp_path) -> None:
    import icalendar

    cli("contact", "add", "Ana Diaz", "--birthday", "1992-02-29", "--date", "name day=07-26")
    cli("contact", "add", "Old Friend", "--birthday", "01-02")
    cli("contact", "archive", "Old Friend", "--yes")
    cli("meet", "Ana Diaz", "coffee")
    result = cli("export", "--format", "ics")
    events = icalendar.Calendar.from_ical(result.out).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    # The follow-up the meeting opened, and Ana's two dates; archived people are left out.
    assert summaries == [
        "Ana Diaz: birthday",
        "Ana Diaz: name day",
        "Follow up after meeting: coffee (Ana Diaz)",
    ]
    written = cli("export", "--format", "ics", "-o", str(tmp_path / "dates.ics"))
    assert "1 open follow-up and 2 important dates" in written.out


# From the shell --------------------------------------------------------------------------


def test_contact_dates_are_set_removed_and_shown_with_what_is_coming(cli) -> None:
    # Frozen on Thu 19 Nov 2026: the work anniversary is in four days.
    added = cli(
        "contact",
        "add",
        "Ana Diaz",
        "--birthday",
        "1992-02-29",
        "--met-on",
        "2021-05-03",
        "--date",
        "work anniversary=2019-11-23",
        "--date",
        "name day=07-26",
    )
    assert added.code == 0, added.err
    text = cli("contact", "show", "ana").out
    assert "  birthday 29 Feb 1992" in text
    assert "  dates    work anniversary 23 Nov 2019, name day 26 Jul" in text
    assert "  soon     work anniversary in 4 days (7 years) (Mon 23 Nov)" in text
    assert "  met on   2021-05-03" in text
    assert cli("contact", "edit", "ana", "--date", "name day=").code == 0
    shown = json.loads(cli("contact", "show", "ana", "--json").out)
    assert shown["dates"] == {"work anniversary": "2019-11-23"}
    assert (shown["birthday"], shown["met_on"]) == ("1992-02-29", "2021-05-03")
    bad = cli("contact", "edit", "ana", "--birthday", "1990-02-29")
    assert bad.code == 2 and "no such day" in bad.err
    assert cli("contact", "edit", "ana", "--birthday", "").code == 0
    assert json.loads(cli("contact", "show", "ana", "--json").out)["birthday"] is None


def test_the_timeline_starts_the_day_you_met_and_says_how_each_reach_out_was(cli) -> None:
    cli("contact", "add", "Ben Carter", "--met", "PyCon 2021", "--met-on", "2021-05-03")
    cli("reach", "ben", "saw your talk", "--personal", "-c", "linkedin")
    cli("reach", "ben", "newsletter", "--generic", "-c", "email")
    lines = [" ".join(line.split()) for line in cli("contact", "show", "ben").out.splitlines()]
    # Newest first: logged in the same second, the one logged later comes first.
    assert lines[-3] == "Thu 19 Nov 15:30 reach-out email · generic newsletter"
    assert lines[-2] == "Thu 19 Nov 15:30 reach-out linkedin · personal saw your talk"
    assert lines[-1] == "Mon 3 May 2021 met PyCon 2021"


def test_the_day_you_met_is_today_at_the_latest(cli, store) -> None:
    # Frozen on Thu 19 Nov 2026.
    ahead = cli("contact", "add", "Ben Carter", "--met-on", "2026-11-20")
    assert ahead.code == 2 and ahead.err.count("\n") == 1
    assert "met on 2026-11-20 is after today" in ahead.err
    assert store.load().contacts == ()
    assert cli("contact", "add", "Ben Carter", "--met-on", "2026-11-19").code == 0
    assert cli("contact", "edit", "ben", "--met-on", "2030-01-01").code == 2
    assert [c.met_on.isoformat() for c in store.load().contacts if c.met_on] == ["2026-11-19"]


def test_next_suggests_reaching_out_for_a_date_within_the_week(cli) -> None:
    # Frozen on Thu 19 Nov 2026: Sun 22 Nov is three days away, Fri 27 Nov eight.
    cli("contact", "add", "Ana Diaz", "--birthday", "1990-11-22")
    cli("contact", "add", "Ben Carter", "--date", "work anniversary=11-27")
    found = json.loads(cli("next", "--json").out)
    assert [(s["contact"], s["reason"], s["kind"]) for s in found] == [
        ("Ana Diaz", "date", "reach-out")
    ]
    assert found[0]["why"] == "birthday in 3 days (turns 36)"
    assert "Ana Diaz" in cli("next").out


# Seen to: in touch since the date came up ---------------------------------------------


def test_a_date_is_seen_to_by_an_action_from_the_day_it_came_up() -> None:
    birthday = DateComing("ana", "birthday", date(2026, 11, 26), YearlyDate(11, 26))
    # It comes up seven days before its day: Thu 19 Nov.
    assert seen_to_on(birthday, {"ana": date(2026, 11, 18)}) is None
    assert seen_to_on(birthday, {"ana": date(2026, 11, 19)}) == date(2026, 11, 19)
    assert seen_to_on(birthday, {"ben": date(2026, 11, 20)}) is None
    other = DateComing("ben", "name day", date(2026, 11, 20), YearlyDate(11, 20))
    assert still_to_do(
        [birthday, other], {"ana": date(2026, 11, 18), "ben": date(2026, 11, 13)}
    ) == [birthday]


def test_next_leaves_out_a_date_once_you_were_in_touch_for_it() -> None:
    people = [
        contact("Dana", circle=None)._replace(birthday=parse_yearly("1986-11-19")),  # today
        contact("Kim", circle=None)._replace(birthday=parse_yearly("11-22")),
        contact("Ben", circle=None)._replace(birthday=parse_yearly("11-26")),  # in 7 days
    ]
    actions = [
        action("reach-out", "2026-11-11 10:00", "Dana"),  # the day before it came up
        action("give", "2026-11-15 10:00", "Kim"),  # the day it came up: seen to
        action("receive", "2026-11-18 10:00", "Ben"),  # before Ben's came up (Thu 19)
    ]
    analysis = Analysis(dataset(contacts=people, actions=actions), moment("2026-11-19 15:30"))
    found = suggestions(analysis)
    assert [(s.contact.name, s.reason) for s in found] == [("Dana", DATE), ("Ben", DATE)]
