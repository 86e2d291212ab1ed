"""The week review of a recent week from the archived weeks summed up (domain/past.py,
store/weeksummary.py), against the review the whole history gives.

The archive's weeks are folded once into each habit's best streak, the streak reaching
the last archived week and the strength there; the review goes on from them over the
weeks since. Each case here would tell if a streak lost the weeks across the archive's
edge, a week were counted twice or not at all, or a summary outlived what it was made of.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import date, timedelta

import pendulum
import pytest

from netrack.cli.jsonviews import review_json
from netrack.cli.review_text import review_lines
from netrack.domain import streaks
from netrack.domain.analysis import Analysis
from netrack.domain.habits import default_habits
from netrack.domain.models import Action, Contact, Habit, Settings, TargetChange, WeekNote
from netrack.domain.past import archived_weeks, summed_up
from netrack.domain.review import week_review
from netrack.domain.tally import NotRead
from netrack.store import Store
from netrack.store.archive import archive_folder
from tests.builders import action, dataset, habit, moment
from tests.test_archived_summary import _whole_history

GIVES = habit("Give", ("give",), ("2024-06-03", 2))
REACH = habit(
    "Reach", ("reach-out", "meet"), ("2024-01-08", 1), ("2024-12-31", 2), ("2025-02-10", 1)
)
LATE = habit("Late", ("give",), ("2025-01-02", 1))  # created in the week the archive ends in


def _weekly(first: str, last: str, per_week: int = 2, kind: str = "give") -> list[Action]:
    """``per_week`` actions of ``kind`` every week from ``first`` to ``last``."""
    day, end, found = date.fromisoformat(first), date.fromisoformat(last), []
    while day <= end:
        found += [action(kind, f"{day + timedelta(days=n)} 10:00") for n in range(per_week)]
        day += timedelta(days=7)
    return found


def _summed_and_whole(
    actions: Sequence[Action],
    habits: Sequence[Habit],
    until: date,
    now: pendulum.DateTime,
    notes: Sequence[WeekNote] = (),
    settings: Settings | None = None,
) -> tuple[Analysis, Analysis]:
    """The analysis of the years from ``until`` on with the earlier weeks summed up (as
    ``week`` reads them), and that of the whole history."""
    whole = dataset(actions=list(actions), habits=list(habits), week_notes=list(notes))
    whole = whole._replace(settings=settings or Settings())
    everything = Analysis(whole, now)
    calendar = everything.calendar
    counts = summed_up([a for a in actions if a.at.year < until.year], calendar, until)
    skipped = [n.week for n in notes if n.skipped]
    weeks = archived_weeks(counts, calendar, habits, skipped)
    earlier = counts._replace(by_day=NotRead("days"), weeks=weeks)
    later = tuple(a for a in actions if a.at.year >= until.year)
    return Analysis(whole._replace(actions=later), now, earlier), everything


def _assert_same_reviews(summed: Analysis, whole: Analysis, weeks_back: int = 3) -> None:
    for back in range(weeks_back + 1):
        week = whole.current_week.shifted(-back)
        assert summed.reviews(week), week.label
        shown, expected = week_review(summed, week), week_review(whole, week)
        assert review_json(shown, summed) == review_json(expected, whole), week.label
        assert review_lines(shown, summed) == review_lines(expected, whole), week.label


def test_a_streak_running_across_the_archives_edge_goes_on_unbroken() -> None:
    actions = _weekly("2024-06-03", "2025-04-07")
    summed, whole = _summed_and_whole(
        actions, [GIVES], date(2025, 1, 1), moment("2025-04-10 12:00")
    )
    (record,) = summed.habit_records()
    assert record.current_streak == record.best_streak == 45  # none of its weeks lost
    assert record.weeks[0].week.start == date(2024, 12, 30), "only the weeks since the archive"
    _assert_same_reviews(summed, whole)


def test_targets_changed_before_in_and_after_the_week_the_archive_ends_in() -> None:
    actions = _weekly("2024-01-08", "2025-04-07", 1, "reach-out")
    actions += _weekly("2024-12-31", "2025-01-28", 1, "meet")  # two a week for the target 2
    summed, whole = _summed_and_whole(
        actions, [REACH, LATE], date(2025, 1, 1), moment("2025-04-10 12:00")
    )
    reach, late = whole.habit_records()
    assert (reach.current_streak, reach.best_streak, late.best_streak) == (9, 56, 0)
    _assert_same_reviews(summed, whole)


def test_skipped_weeks_archived_and_recent_neither_count_nor_break() -> None:
    actions = [a for a in _weekly("2024-06-03", "2025-04-07") if a.at.month not in (9, 2)]
    notes = [
        WeekNote("n1", label, skipped=True)
        for label in ("2024-W36", "2024-W37", "2025-W01", "2025-W07", "2025-W08", "1999-W53")
    ]
    summed, whole = _summed_and_whole(
        actions, [GIVES], date(2025, 1, 1), moment("2025-04-10 12:00"), notes
    )
    assert summed.earlier is not None and summed.earlier.weeks is not None
    assert len(summed.earlier.weeks.skipped) == 2, "the archived ones key the summary"
    _assert_same_reviews(summed, whole)


@pytest.mark.parametrize("week_start", range(7))
def test_every_week_start_gives_the_same_review(week_start: int) -> None:
    actions = _weekly("2024-06-03", "2025-04-07") + _weekly("2024-06-05", "2025-04-09", 1)
    summed, whole = _summed_and_whole(
        actions,
        [GIVES, REACH, LATE],
        date(2025, 1, 1),
        moment("2025-04-10 12:00"),
        settings=Settings(week_start=week_start),
    )
    _assert_same_reviews(summed, whole)


def test_an_archive_ending_in_iso_week_53() -> None:
    # 2020-W53 runs from Mon 28 Dec 2020 to Sun 3 Jan 2021: archived days and later ones.
    actions = [*_weekly("2020-06-01", "2021-04-05"), action("give", "2020-12-31 10:00")]
    gives = habit("Give", ("give",), ("2020-06-01", 3))
    summed, whole = _summed_and_whole(
        actions, [gives], date(2021, 1, 1), moment("2021-04-08 12:00")
    )
    assert summed.earlier is not None and summed.earlier.weeks is not None
    assert summed.calendar.week_at_index(summed.earlier.weeks.since).label == "2020-W53"
    _assert_same_reviews(summed, whole)


def test_a_night_counted_for_a_day_of_the_archived_weeks_makes_the_review_read_the_days() -> None:
    # 1 Jan 2024 is a Monday: 01:00 that night counts for Sunday 31 Dec, an archived week.
    actions = [*_weekly("2023-06-05", "2024-04-01"), action("give", "2024-01-01 01:00")]
    summed, whole = _summed_and_whole(
        actions,
        [GIVES._replace(created=date(2023, 6, 5))],
        date(2024, 1, 1),
        moment("2024-04-04 12:00"),
        settings=Settings(day_starts_at=4),
    )
    assert not summed.reviews(whole.current_week), "its week is summed up without it"
    assert whole.habit_records()[0].best_streak > 0


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_years_of_habits_targets_and_skips_give_the_same_review(seed: int) -> None:
    rng = random.Random(seed)
    start = moment("2019-03-04 08:00")
    now = moment("2026-03-19 15:00")
    actions = [
        action(
            rng.choice(["give", "give", "reach-out", "meet", "ask"]),
            start.add(days=rng.randrange(0, (now - start).days), hours=rng.randrange(14)).format(
                "YYYY-MM-DD HH:mm"
            ),
        )
        for _ in range(1500)
    ]
    changes = sorted(
        (date(2019, 3, 4) + timedelta(days=rng.randrange(0, 2500)), rng.randint(1, 4))
        for _ in range(3)
    )
    habits = [
        Habit(
            "h1", "Give", ("give",), tuple(TargetChange(d, n) for d, n in changes), changes[0][0]
        ),
        habit("Reach", ("reach-out", "meet"), ("2019-03-04", 2)),
        habit("Asks", ("ask",), ("2025-08-01", 1)),
    ]
    weeks = Analysis(dataset(), now).calendar.weeks_between(
        Analysis(dataset(), start).current_week, Analysis(dataset(), now).current_week
    )
    notes = [WeekNote(f"n{n}", w.label, skipped=True) for n, w in enumerate(rng.sample(weeks, 40))]
    week_start = rng.randrange(7)
    summed, whole = _summed_and_whole(
        actions, habits, date(2025, 1, 1), now, notes, Settings(week_start=week_start)
    )
    assert max(r.best_streak for r in whole.habit_records()) >= 3
    _assert_same_reviews(summed, whole, weeks_back=8)


# The summary kept beside the year files ----------------------------------------------


DANA = Contact(id="c-dana", name="Dana Lee", created=moment("2021-01-04 09:00"))
# The habits a new file starts with, as if made in 2021; the give habit retargeted in 2024.
HABITS = [
    h._replace(targets=(TargetChange(date(2021, 1, 4), 1), TargetChange(date(2024, 6, 3), 2)))
    if h.name == "Give first"
    else h
    for h in default_habits(date(2021, 1, 4))
]


def _give_first(review: str) -> dict:
    return next(h for h in json.loads(review)["habits"] if h["name"] == "Give first")


@pytest.fixture
def archived(store: Store, frozen) -> Store:
    """Gives most weeks from 2021 on (the years before 2025 in year files), a few
    reach-outs, and the habits of those years."""
    rng = random.Random(5)
    day = date(2021, 1, 4)
    actions = []
    while day < frozen.date():
        for n in range(rng.choice([0, 1, 2, 2, 2, 3])):
            at = pendulum.datetime(day.year, day.month, day.day, 9 + n, tz="Europe/Berlin")
            kind = "reach-out" if rng.random() < 0.3 else "give"
            actions.append(Action(f"a{len(actions)}", kind, DANA.id, at, at))
        day += timedelta(days=7)
    with store.transaction() as tx:
        tx.save_many([DANA, *HABITS, *actions])
    assert list(archive_folder(store.path).glob("2022.*.json")), "older years are archived"
    return store


def _summary(store: Store) -> dict:
    return json.loads((archive_folder(store.path) / "weeks.json").read_text("utf-8"))


def _summary_made(store: Store) -> int:
    """Which copy of the summary is there (a remade one is written to a new file)."""
    return (archive_folder(store.path) / "weeks.json").stat().st_ino


def test_a_current_summary_spares_the_review_every_archived_week(
    archived: Store, cli, monkeypatch
) -> None:
    expected = _whole_history(monkeypatch, cli, "week", "--json")
    assert cli("week", "--json").out == expected  # makes the summary
    since = _summary(archived)["since"]
    walked: list[tuple[int, int]] = []
    habit_weeks = streaks._habit_weeks

    def watched(habit, tally, skipped, first_index, last, current=None):
        found = habit_weeks(habit, tally, skipped, first_index, last, current)
        walked.append((first_index, tally.calendar.week_index(last.start)))
        return found

    monkeypatch.setattr(streaks, "_habit_weeks", watched)
    assert cli("week", "--json").out == expected
    assert walked and all(first >= since for first, _ in walked), "no archived week walked"
    assert _give_first(expected)["streak"]["best"] > 10
    walked.clear()
    _whole_history(monkeypatch, cli, "week", "--json")
    assert min(first for first, _ in walked) < since - 150, "the whole history walks years"


@pytest.mark.parametrize(
    "args",
    [
        ("week",),
        ("week", "--week", "2026-W02"),
        ("week", "--week", "2025-W05", "--json"),  # its trend reaches into the archive
        ("week", "--week", "2025-W01", "--json"),  # it holds the last archived days
        ("week", "--week", "2024-W30", "--json"),  # an archived week
    ],
    ids=" ".join,
)
def test_every_week_is_reviewed_as_the_whole_history_shows_it(
    archived: Store, cli, monkeypatch, args: tuple[str, ...]
) -> None:
    assert cli(*args).out == _whole_history(monkeypatch, cli, *args)


def test_the_summary_is_made_again_when_what_it_was_made_of_changes(
    archived: Store, cli, monkeypatch
) -> None:
    def same_as_whole() -> None:
        assert cli("week", "--json").out == _whole_history(monkeypatch, cli, "week", "--json")

    same_as_whole()
    made = _summary_made(archived)
    # What does not touch the archived weeks keeps it: a new habit, a recent skip.
    assert cli("habit", "add", "Intros", "--kinds", "intro", "--target", "1").code == 0
    assert cli("skip", "--week", "2026-W40").code == 0
    same_as_whole()
    assert _summary_made(archived) == made
    # A skipped archived week, a target changed, another week start: each made again.
    for change in (
        ("config", "week-start", "sunday"),
        ("habit", "set", "Give first", "3"),
        ("habit", "kinds", "Reach-outs", "reach-out,meet"),
        ("skip", "--week", "2023-W10"),
        ("config", "day-starts-at", "5"),
    ):
        assert cli(*change).code == 0, change
        same_as_whole()
        assert _summary_made(archived) != made, change
        made = _summary_made(archived)
    # A habit removed: the others' weeks are as they were.
    assert cli("habit", "remove", "Give first", "--yes").code == 0
    same_as_whole()
    assert _summary_made(archived) == made


def test_a_change_to_an_archived_year_is_seen_at_once(archived: Store, cli, monkeypatch) -> None:
    def same_as_whole() -> str:
        out = cli("week", "--json").out
        assert out == _whole_history(monkeypatch, cli, "week", "--json")
        return out

    first = same_as_whole()
    # A backdated give that completes a week missed in 2023 (a quick add), then its undo.
    missed = next(
        label
        for label in (f"2023-W{n:02}" for n in range(10, 52))
        if _give_first(cli("week", "--week", label, "--json").out)["status"] == "missed"
    )
    monday = date.fromisocalendar(2023, int(missed[-2:]), 1)
    assert cli("give", "Dana Lee", "old favour", "--on", monday.isoformat()).code == 0
    assert cli("give", "Dana Lee", "old favour", "--on", monday.isoformat()).code == 0
    assert same_as_whole() != first
    assert cli("undo").code == 0
    assert cli("undo").code == 0
    assert same_as_whole() == first
    # A backup put back: the archive as it was.
    backups = json.loads(cli("restore", "--json").out)
    assert cli("restore", backups[0]["name"], "--yes").code == 0
    same_as_whole()


def test_a_year_file_changed_by_hand_or_a_damaged_summary_is_not_trusted(
    archived: Store, cli, monkeypatch
) -> None:
    expected = cli("week", "--json").out
    summary = archive_folder(archived.path) / "weeks.json"
    document = _summary(archived)
    document["habits"] = {key: [1, 1, "x"] for key in document["habits"]}
    summary.write_text(json.dumps(document), "utf-8")
    assert cli("week", "--json").out == expected
    assert _summary(archived)["habits"] != document["habits"]
    # A year file whose bytes change (a sync writing it in place, say) is read again.
    year = sorted(archive_folder(archived.path).glob("2023.*.json"))[-1]
    raw = json.loads(year.read_text("utf-8"))
    raw["actions"] = {}
    year.write_text(json.dumps(raw), "utf-8")
    changed = cli("week", "--json").out
    assert changed == _whole_history(monkeypatch, cli, "week", "--json")
    assert changed != expected


def test_a_late_night_counted_before_the_archives_edge_is_reviewed_from_the_days(
    archived: Store, cli, monkeypatch
) -> None:
    # Weeks from Wednesday: 1 Jan 2025 starts the first week after the archived ones, and
    # 01:00 that night counts for 31 Dec 2024, the archived week before, though in the
    # main file (its wall-clock year is 2025).
    assert cli("config", "week-start", "wednesday").code == 0
    assert cli("config", "day-starts-at", "4").code == 0
    night = pendulum.datetime(2025, 1, 1, 1, tz="Europe/Berlin")
    with archived.transaction() as tx:
        tx.save(Action("night", "give", DANA.id, night, night))
    for args in (("week", "--json"), ("week", "--week", "2025-W10"), ("week",)):
        assert cli(*args).out == _whole_history(monkeypatch, cli, *args)
