"""Who the demo history is about: the hand-written cast, or many generated people."""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable
from datetime import datetime

from netrack.demo.story import DAY, Person, Story
from netrack.demo.text import (
    COMPANIES,
    FIRST_NAMES,
    LAST_NAMES,
    MET_HOW,
    PROFILES,
    ROLES,
    TAGS,
    Profile,
)
from netrack.domain.kinds import ASK, GIVE, MEET, REACH_OUT, RECEIVE
from netrack.domain.models import NO_CADENCE, Contact


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.translate(_LATIN_EXTRA))
    ascii_name = folded.encode("ascii", "ignore").decode("ascii").casefold()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_name).split())


_LATIN_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ł": "l", "đ": "d"})


def _email(name: str, company: str) -> str:
    user = _slug(name).replace("-", ".")
    domain = f"{_slug(company) or 'mail'}.example"
    return f"{user}@{domain}"


def _profile_url(name: str) -> str:
    return f"https://linkedin.example/in/{_slug(name)}"


def demo_people(story: Story) -> list[Person]:
    """The hand-written cast; newcomers join during the history, the rest on day one."""
    people = []
    late_first = story.first_day + 7 * DAY
    late_last = story.today - 10 * DAY
    for profile in PROFILES:
        created = story.setup
        if profile.part == "new" and late_first < late_last:
            day = story.random_day(late_first, late_last)
            created = story.moment(day, _intro_channel(profile.met_how))
        people.append(Person(_demo_contact(story, profile, created), profile.part))
    return people


def _intro_channel(met_how: str) -> str:
    """Newcomers met online were reached out to; the others were met at an event."""
    online = any(word in met_how.casefold() for word in ("discord", "linkedin", "online"))
    return "linkedin" if online else "event"


def _demo_contact(story: Story, profile: Profile, created: datetime) -> Contact:
    rng = story.rng
    return Contact(
        id=story.new_id(),
        name=profile.name,
        created=created,
        company=profile.company,
        role=profile.role,
        met_how=profile.met_how,
        tags=profile.tags,
        circle=profile.circle,
        cadence_days=profile.cadence,
        email=_email(profile.name, profile.company) if rng.random() < 0.85 else "",
        url=_profile_url(profile.name) if rng.random() < 0.7 else "",
        notes=profile.notes,
        updated=created,
    )


def generated_people(story: Story, count: int) -> list[Person]:
    """``count`` people with unique names, most of them met during the history."""
    rng = story.rng
    pairs = len(FIRST_NAMES) * len(LAST_NAMES)
    people = []
    span = max((story.today - story.first_day).days - 7, 1)
    for n, combo in enumerate(_name_order(rng, count, pairs)):
        first = FIRST_NAMES[combo % len(FIRST_NAMES)]
        last = LAST_NAMES[combo // len(FIRST_NAMES)]
        rounds = n // pairs
        middle = f" {chr(64 + rounds)}." if 0 < rounds <= 26 else f" {rounds}" if rounds else ""
        name = f"{first}{middle} {last}"
        company = rng.choice(COMPANIES) if rng.random() < 0.85 else ""
        circle = rng.choices(("inner", "active", "wider", None), (3, 12, 80, 5))[0]
        cadence = None
        roll = rng.random()
        if roll < 0.05:
            cadence = rng.choice((7, 21, 45, 60, 120))
        elif roll < 0.08:
            cadence = NO_CADENCE
        created = story.setup
        if rng.random() > 0.15:
            created = story.moment(story.first_day + rng.randrange(span) * DAY, "linkedin")
        contact = Contact(
            id=story.new_id(),
            name=name,
            created=created,
            company=company,
            role=rng.choice(ROLES),
            met_how=rng.choice(MET_HOW),
            tags=tuple(rng.sample(TAGS, rng.randint(0, 3))),
            circle=circle,
            cadence_days=cadence,
            email=_email(name, company) if rng.random() < 0.8 else "",
            url=_profile_url(name) if rng.random() < 0.6 else "",
            updated=created,
        )
        part_roll = rng.random()
        part = "ask-only" if part_roll < 0.02 else "generous" if part_roll < 0.03 else ""
        person = Person(contact, part)
        if rng.random() < 0.1:
            _drift_apart(story, person)
        people.append(person)
    return people


def _name_order(rng: random.Random, count: int, pairs: int) -> Iterable[int]:
    """Indexes into every first/last name pair, shuffled, repeating when more are needed."""
    made = 0
    while made < count:
        batch = rng.sample(range(pairs), min(pairs, count - made))
        made += len(batch)
        yield from batch


def _drift_apart(story: Story, person: Person, within_days: int | None = None) -> None:
    """Make ``person`` go cold: nothing with them after a moment past their cadence.

    ``within_days`` keeps that moment recent (the demo's few people going cold).
    """
    latest = story.today - (person.cadence + story.rng.randint(8, 40)) * DAY
    earliest = person.created.date() + 14 * DAY
    if within_days is not None:
        earliest = max(earliest, latest - within_days * DAY)
    if earliest < latest:
        person.until = story.moment(story.random_day(earliest, latest), "email")


def demo_parts(story: Story) -> None:
    """Give the demo's special contacts their story (see ``Profile.part``)."""
    rng = story.rng
    early_end = story.first_day + max((story.today - story.first_day).days // 3, 1) * DAY
    for person in story.people:
        if person.part == "new":
            channel = _intro_channel(person.contact.met_how)
            kind = MEET if channel == "event" else REACH_OUT
            story.add_slot(person.created, kind, channel, person)
        elif person.part == "cold":
            _drift_apart(story, person, within_days=30)
            if person.until is not None:
                kind = rng.choice((GIVE, REACH_OUT))
                channel = story.channel(kind)
                at = story.moment(person.until.date(), channel)
                story.add_slot(min(at, person.until), kind, channel, person)
        elif person.part == "ask-only":
            for kind in (ASK, RECEIVE)[: rng.randint(1, 2)]:
                day = story.random_day(story.first_day, story.today - 14 * DAY)
                story.add_slot(story.moment(day, "email"), kind, "email", person)
        elif person.part == "generous":
            for _ in range(3):
                day = story.random_day(story.first_day, early_end)
                story.add_slot(story.moment(day, "call"), RECEIVE, "call", person)
            day = story.random_day(early_end + DAY, story.today - DAY)
            story.add_slot(story.moment(day, "email"), GIVE, "email", person)
