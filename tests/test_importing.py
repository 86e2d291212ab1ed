"""Who an imported person is: matching by profile URL, email, then name; filling blanks."""

from __future__ import annotations

import itertools

import pendulum

from netrack.domain.importing import (
    ALREADY_HERE,
    NAME_TAKEN,
    REPEATED,
    ImportedPerson,
    plan_people_import,
    url_key,
)
from netrack.domain.models import NO_CADENCE, Contact

NOW = pendulum.datetime(2026, 11, 19, 15, 30, tz="Europe/Berlin")
EARLIER = pendulum.datetime(2026, 1, 5, 9, 0, tz="Europe/Berlin")


def _ids():
    counter = itertools.count(1)
    return lambda: f"new-{next(counter)}"


def _contact(cid: str, name: str, **fields) -> Contact:
    return Contact(id=cid, name=name, created=EARLIER, updated=EARLIER, **fields)


def _person(name: str, line: int = 1, **fields) -> ImportedPerson:
    return ImportedPerson(source=f"line {line}", name=name, **fields)


def test_a_new_person_joins_the_wider_circle_without_a_cadence() -> None:
    met = pendulum.datetime(2024, 10, 9, 12, tz="Europe/Berlin")
    plan = plan_people_import(
        [], [_person("Dana Lee", company="Acme", url="https://x.example/in/dana", began=met)], NOW
    )
    [dana] = plan.added
    assert (dana.name, dana.company, dana.circle, dana.cadence_days) == (
        "Dana Lee",
        "Acme",
        "wider",
        NO_CADENCE,
    )
    assert dana.created == met, "the contact dates from when the connection was made"
    assert dana.updated == NOW


def test_a_connection_date_in_the_future_is_not_believed() -> None:
    future = NOW.add(days=3)
    [dana] = plan_people_import([], [_person("Dana Lee", began=future)], NOW).added
    assert dana.created == NOW


def test_a_profile_or_email_matches_only_with_the_same_name() -> None:
    dana = _contact(
        "c1", "Dana Lee", url="https://www.linkedin.com/in/dana/", email="dana@acme.example"
    )
    same = _person("dana  LEE", url="http://linkedin.com/in/DANA", role="CTO")
    other = _person("Dana Lee-Smith", line=2, url="https://linkedin.com/in/dana", company="X")
    also_other = _person("Sam Lee", line=3, email="DANA@acme.example", notes="not Dana's")
    plan = plan_people_import([dana], [same, other, also_other], NOW, _ids())
    assert [(c.id, c.role, c.company, c.notes) for c in plan.updated] == [("c1", "CTO", "", "")]
    assert [c.name for c in plan.added] == ["Dana Lee-Smith", "Sam Lee"], "never one person"


def test_an_email_matches_a_contact_of_the_same_name() -> None:
    dana = _contact("c1", "Dana Lee", email="dana@acme.example")
    plan = plan_people_import(
        [dana], [_person("Dana Lee", email=" Dana@ACME.example ", role="CTO")], NOW
    )
    assert [(c.id, c.role) for c in plan.updated] == [("c1", "CTO")]


def test_shared_addresses_and_home_pages_name_nobody() -> None:
    """A team mailbox, a company home page and LinkedIn's bare /in/ are shared by many:
    two people who have them in common are still two, and neither gets the other's
    title or notes (the issue found both happening)."""
    ann = _contact("c1", "Ann Berg", email="team@acme.example", url="https://acme.example/")
    for shared in (
        {"email": "team@acme.example"},
        {"email": "Info@Acme.example"},
        {"url": "https://www.acme.example"},
        {"url": "https://www.linkedin.com/in/"},
    ):
        plan = plan_people_import([ann], [_person("Bo Chan", role="CFO", **shared)], NOW, _ids())
        assert [c.name for c in plan.added] == ["Bo Chan"], shared
        assert plan.updated == (), shared
    both = [
        _person("Cy Diaz", url="https://www.linkedin.com/in/", notes="Cy's notes"),
        _person("Di Eng", line=2, url="https://www.linkedin.com/in/", role="CEO"),
    ]
    plan = plan_people_import([], both, NOW, _ids())
    assert [(c.name, c.role, c.notes) for c in plan.added] == [
        ("Cy Diaz", "", "Cy's notes"),
        ("Di Eng", "CEO", ""),
    ]


def test_a_name_in_any_case_is_the_same_person() -> None:
    sam = _contact("c1", "Sam Ortiz")
    plan = plan_people_import([sam], [_person("  sam   ORTIZ ", company="Initech")], NOW)
    assert plan.added == ()
    assert [(c.id, c.name, c.company) for c in plan.updated] == [("c1", "Sam Ortiz", "Initech")]


def test_what_the_user_typed_is_never_overwritten() -> None:
    dana = _contact("c1", "Dana Lee", company="Acme", notes="likes jazz", tags=("python",))
    person = _person("Dana Lee", company="Globex", role="CTO", notes="other", tags=("hiring",))
    [updated] = plan_people_import([dana], [person], NOW).updated
    assert (updated.company, updated.role, updated.notes) == ("Acme", "CTO", "likes jazz")
    assert updated.tags == ("python", "hiring")
    assert updated.updated == NOW


def test_someone_already_known_with_nothing_new_is_skipped() -> None:
    dana = _contact("c1", "Dana Lee", company="Acme")
    plan = plan_people_import([dana], [_person("Dana Lee", company="Acme")], NOW)
    assert (plan.added, plan.updated) == ((), ())
    assert [s.reason for s in plan.skipped] == [ALREADY_HERE]


def test_two_people_sharing_a_name_on_one_site_are_not_merged() -> None:
    john = _contact("c1", "John Smith", url="https://linkedin.com/in/john-smith-1", company="A")
    other = _person("John Smith", url="https://linkedin.com/in/john-smith-2", company="B")
    plan = plan_people_import([john], [other], NOW)
    assert (plan.added, plan.updated) == ((), ())
    assert [(s.reason, s.name) for s in plan.skipped] == [(NAME_TAKEN, "John Smith")]


def test_a_homepage_does_not_make_a_namesake_someone_else() -> None:
    zoe = _contact("c1", "Zoë", url="https://linkedin.com/in/zoe")
    plan = plan_people_import([zoe], [_person("Zoë", url="https://zoe.example", role="Dev")], NOW)
    assert [(c.url, c.role) for c in plan.updated] == [("https://linkedin.com/in/zoe", "Dev")]


def test_the_same_person_twice_in_one_file_is_added_once() -> None:
    people = [
        _person("Dana Lee", 1, url="https://linkedin.com/in/dana"),
        _person("Dana Lee", 2, email="dana@acme.example", url="https://linkedin.com/in/dana"),
    ]
    plan = plan_people_import([], people, NOW, _ids())
    assert [(c.id, c.email) for c in plan.added] == [("new-1", "dana@acme.example")]
    assert [(s.source, s.reason) for s in plan.skipped] == [("line 2", REPEATED)]


def test_an_unusable_name_is_skipped_with_the_reason() -> None:
    plan = plan_people_import([], [_person("x" * 300, 7), _person("Ok Name", 8)], NOW)
    assert [c.name for c in plan.added] == ["Ok Name"]
    [skip] = plan.skipped
    assert skip.source == "line 7"
    assert "too long" in skip.reason


def test_odd_values_are_cleaned_rather_than_refused() -> None:
    person = _person("Ana\x00 Souza", email="not an email", company=" Umbrella ", tags=("a", "a"))
    [ana] = plan_people_import([], [person], NOW).added
    assert (ana.name, ana.email, ana.company, ana.tags) == ("Ana Souza", "", "Umbrella", ("a",))


def test_url_key_ignores_what_does_not_name_the_profile() -> None:
    assert url_key("https://www.LinkedIn.com/in/dana/?trk=x#top") == "linkedin.com/in/dana"
    assert url_key("http://linkedin.com/in/dana") == "linkedin.com/in/dana"
    assert url_key("") == ""
