"""The change history: every change can be undone, the last one first, and is listed."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

from netrack.errors import UsageError
from netrack.operations.habits import apply_settings
from netrack.operations.history import UndoRefused, next_undo, undo_last_change
from netrack.store import Store, history, journal
from netrack.store.schema import CHANGES
from tests.conftest import BERLIN, FROZEN_NOW, raw_as_read, raw_file, time_at


def _export(cli) -> dict:
    """Every record of the data file (the change history is not part of an export)."""
    result = cli("export")
    assert result.code == 0, result.err
    return json.loads(result.out)["tables"]


def _history(cli, *args: str) -> list[dict]:
    result = cli("history", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture
def backup(tmp_path: Path) -> Path:
    """A backup of another file with one contact, to import."""
    path = tmp_path / "other-backup.json"
    path.write_text(
        json.dumps(
            {
                "format": "netrack-backup",
                "format_version": 1,
                "schema_version": 1,
                "tables": {
                    "contacts": [
                        {"id": "c-zoe", "name": "Zoe Park", "created": "2026-11-01T10:00:00+01:00"}
                    ]
                },
            }
        ),
        "utf-8",
    )
    return path


# (what the change is, the commands that prepare it, the command that makes it)
CHANGES_OF_EVERY_KIND = [
    ("a logged action", [], ["give", "Dana Lee", "sent the deck"]),
    ("done", [["meet", "Dana Lee", "coffee", "--on", "mon"]], ["done", "dana"]),
    ("done without logging", [["meet", "Dana Lee", "--on", "mon"]], ["done", "dana", "--no-log"]),
    ("a promise", [], ["promise", "Dana Lee", "send the deck", "--due", "fri"]),
    ("a contact added", [], ["contact", "add", "Mei Chen", "--circle", "inner"]),
    (
        "a contact edited",
        [["contact", "add", "Mei Chen"]],
        ["contact", "edit", "mei", "--notes", "x"],
    ),
    (
        "a contact archived",
        [["contact", "add", "Mei Chen"]],
        ["contact", "archive", "mei", "--yes"],
    ),
    (
        "contacts merged",
        [["give", "Dana Lee", "a"], ["give", "Samuel Ortiz", "b", "--due", "fri"]],
        ["contact", "merge", "samuel", "dana", "--yes"],
    ),
    ("a habit added", [], ["habit", "add", "Posts", "--kinds", "post", "--target", "1"]),
    ("a habit retargeted", [], ["habit", "set", "Give first", "5"]),
    ("a habit renamed", [], ["habit", "rename", "Give first", "Gives"]),
    ("a habit's kinds", [], ["habit", "kinds", "Give first", "give,ask"]),
    ("a habit removed", [["give", "Dana Lee", "a"]], ["habit", "remove", "Give first", "--yes"]),
    ("a week skipped", [], ["skip", "--week", "last", "--reason", "holiday"]),
    ("a setting", [], ["config", "day-starts-at", "4"]),
    ("a reflection", [], ["reflect", "coffees worked", "--focus", "gives"]),
    ("a plan item", [["contact", "add", "Mei Chen"]], ["plan", "add", "Mei", "give"]),
    ("a plan item dropped", [["plan", "add", "Mei Chen", "give"]], ["plan", "drop", "mei"]),
    (
        "plan items carried over",
        [["plan", "add", "Mei Chen", "give"]],
        ["plan", "carry", "--week", "2026-W48"],
    ),
    ("an introduction", [], ["intro", "Ana Ruiz", "Ben Ode", "both into Rust"]),
    ("an introduction received", [], ["receive", "Ana Ruiz", "--intro-to", "Ben Ode"]),
    ("an event added", [], ["event", "add", "PyCon", "--on", "sat", "--know", "Ana Ruiz"]),
    (
        "an event edited",
        [["event", "add", "PyCon", "--on", "sat"]],
        ["event", "edit", "PyCon", "--goal", "x"],
    ),
    (
        "an event debriefed",
        [["event", "add", "PyCon", "--on", "yesterday"]],
        ["event", "debrief", "PyCon", "Ana"],
    ),
    (
        "an event removed",
        [["event", "add", "PyCon", "--on", "sat"]],
        ["event", "remove", "PyCon", "--yes"],
    ),
    (
        "an introduction closing a meeting's follow-up",
        [["meet", "Ana Diaz", "coffee", "--on", "mon"]],
        ["intro", "ana", "Ben Carter", "both write compilers"],
    ),
    (
        "an event debriefed, someone known and someone new",
        [["event", "add", "PyData", "--on", "yesterday"], ["contact", "add", "Ana Diaz"]],
        ["event", "debrief", "pydata", "Ana Diaz", "Ben Carter"],
    ),
    (
        "a debriefed event removed",
        [["event", "add", "PyData", "--on", "yesterday"], ["event", "debrief", "pydata", "Ana"]],
        ["event", "remove", "pydata", "--yes"],
    ),
]


@pytest.mark.parametrize(
    ("what", "before", "change"), CHANGES_OF_EVERY_KIND, ids=[c[0] for c in CHANGES_OF_EVERY_KIND]
)
def test_undo_puts_back_every_record_a_change_of_any_kind_touched(
    cli, what: str, before: list[list[str]], change: list[str]
) -> None:
    for command in [["config", "week-start", "monday"], *before]:
        assert cli(*command).code == 0
    records_before = _export(cli)
    made = cli(*change)
    assert made.code == 0, made.err
    assert _export(cli) != records_before
    undone = cli("undo")
    assert undone.code == 0, undone.err
    assert undone.out.startswith("undid: ") and undone.out.count("\n") == 1
    assert not undone.out.startswith("undid: changed "), "every change is named in its words"
    assert _export(cli) == records_before, "every record exactly as it was"


def test_an_import_is_undone_as_a_whole(cli, store: Store, backup: Path) -> None:
    cli("give", "Dana Lee", "sent the deck")
    before = _export(cli)
    assert cli("import", str(backup)).code == 0
    assert cli("undo").out == f"undid: imported {backup.name}\n"
    assert _export(cli) == before


def test_a_second_undo_takes_back_the_change_before(cli, store: Store) -> None:
    cli("give", "Dana Lee", "first")
    cli("habit", "set", "Give first", "4")
    cli("contact", "edit", "dana", "--company", "Acme")
    assert cli("undo").out == "undid: edited contact Dana Lee\n"
    assert cli("undo").out == "undid: set habit Give first to 4 a week (was 3)\n"
    assert cli("undo").out == "undid: logged give → Dana Lee\n"
    assert cli("undo").out == (
        "nothing to undo: every recorded change is undone already (see 'netrack history')\n"
    )
    data = store.load()
    assert (data.contacts, data.actions) == ((), ())


def test_undo_of_a_removed_habit_says_its_streak_is_kept(cli, store: Store) -> None:
    with time_at(pendulum.datetime(2026, 10, 19, 9, tz=BERLIN)):  # the file starts 2026-W43
        assert cli("config", "week-start", "monday").code == 0
    for monday in ("2026-10-26", "2026-11-02", "2026-11-09"):
        for _ in range(3):
            assert cli("give", "Dana Lee", "--on", monday).code == 0
    habits = json.loads(cli("habit", "list", "--json").out)
    give_first = next(h for h in habits if h["name"] == "Give first")
    assert give_first["streak"]["current"] == 3

    assert cli("habit", "remove", "Give first", "--yes").code == 0
    assert cli("undo").out == "undid: removed habit Give first (3-week streak kept)\n"
    back = next(
        h for h in json.loads(cli("habit", "list", "--json").out) if h["id"] == give_first["id"]
    )
    assert back == give_first, "the same habit, its history and streak whole"


def test_undo_takes_back_the_change_made_last_not_the_latest_timestamp(cli, store) -> None:
    cli("give", "Dana Lee", "happened today")
    cli("give", "Sam Ortiz", "happened on monday", "--on", "mon")  # logged last
    assert cli("undo").out == "undid: logged give → Sam Ortiz\n"
    assert [a.note for a in store.load().actions] == ["happened today"]


def test_with_the_clock_stepped_back_undo_keeps_the_follow_up_links_whole(cli, store) -> None:
    with time_at(FROZEN_NOW.add(hours=2)):
        cli("meet", "Dana Lee", "coffee")  # opens a follow-up
    cli("follow-up", "dana", "sent the notes")  # the clock went back; closes it
    assert cli("undo").out == "undid: logged follow-up → Dana Lee\n"
    [followup] = store.load().followups
    assert followup.is_open and followup.closed_by_action_id is None
    assert cli("doctor").code == 0, "no link points at a removed record"
    assert cli("undo").out == "undid: logged meet → Dana Lee\n"
    data = store.load()
    assert (data.actions, data.followups, data.contacts) == ((), (), ())


def test_an_undo_whose_records_were_changed_since_says_so_and_changes_nothing(
    cli, store: Store
) -> None:
    cli("give", "Dana Lee", "sent the deck")
    raw = raw_file(store.path)
    next(iter(raw["actions"].values()))["note"] = "changed by another program"
    store.path.write_text(json.dumps(raw), "utf-8")
    before = store.path.read_bytes()
    result = cli("undo")
    assert result.code == 1
    assert result.err == (
        "netrack: cannot undo “logged give → Dana Lee”: give of 2026-11-19 was changed since; "
        "nothing was changed\n"
    )
    assert store.path.read_bytes() == before


def test_a_contact_a_quick_add_created_is_kept_when_edited_since(cli, store: Store) -> None:
    cli("give", "Mei Chen", "hello")
    cli("contact", "edit", "mei", "--notes", "met at PyCon")
    # Undo takes back the edit first, the change made last ...
    assert cli("undo").out == "undid: edited contact Mei Chen\n"
    cli("contact", "edit", "mei", "--notes", "met at PyCon")
    # ... but taking back the quick add itself keeps the contact edited since.
    give = _history(cli)[-1]
    assert give["summary"] == "logged give → Mei Chen"
    result = cli("undo", give["id"][:8])
    assert result.out == "undid: logged give → Mei Chen; kept contact Mei Chen (edited since)\n"
    data = store.load()
    assert data.actions == ()
    assert [(c.name, c.notes) for c in data.contacts] == [("Mei Chen", "met at PyCon")]


def test_a_contact_added_on_purpose_and_changed_elsewhere_is_not_undone(cli, store) -> None:
    cli("contact", "add", "Mei Chen")
    raw = raw_file(store.path)
    next(iter(raw["contacts"].values()))["notes"] = "typed in another program"
    store.path.write_text(json.dumps(raw), "utf-8")
    result = cli("undo")
    assert result.code == 1 and "contact Mei Chen was changed since" in result.err
    assert [c.notes for c in store.load().contacts] == ["typed in another program"]


def test_undo_of_an_older_change_refuses_when_a_later_one_touched_its_records(cli) -> None:
    cli("meet", "Dana Lee", "coffee")
    cli("follow-up", "dana", "sent notes")  # closes the meeting's follow-up
    meeting = _history(cli)[-1]
    result = cli("undo", meeting["id"])
    assert result.code == 1
    assert "was changed since" in result.err and "nothing was changed" in result.err


# The question before an undo (the app asks it; the CLI's undo does not) -------------------


def test_the_preview_says_what_undo_would_take_back_and_writes_nothing(cli, store) -> None:
    cli("give", "Mei Chen", "hello")
    cli("contact", "edit", "mei", "--notes", "met at PyCon")
    before = store.path.read_bytes()
    preview = next_undo(store)
    assert preview is not None
    assert (preview.change.summary, preview.just_logged) == ("edited contact Mei Chen", False)
    assert (preview.kept, preview.refused) == ((), None)
    give = store.changes()[0]
    older = next_undo(store, give.id[:8])
    assert older is not None and older.just_logged
    assert older.kept == ("contact Mei Chen (edited since)",)
    assert store.path.read_bytes() == before, "a preview changes nothing"
    assert cli("undo").out == "undid: edited contact Mei Chen\n", "what it said it would"
    again = next_undo(store, preview.change.id)
    assert again is not None and again.refused == "“edited contact Mei Chen” was undone already"


def test_the_preview_says_why_undo_would_refuse(cli, store: Store) -> None:
    cli("give", "Dana Lee", "sent the deck")
    raw = raw_file(store.path)
    next(iter(raw["actions"].values()))["note"] = "changed by another program"
    store.path.write_text(json.dumps(raw), "utf-8")
    preview = next_undo(store)
    assert preview is not None
    assert preview.refused == (
        "cannot undo “logged give → Dana Lee”: give of 2026-11-19 was changed since; "
        "nothing was changed"
    )
    assert cli("undo").err == f"netrack: {preview.refused}\n", "the same words as undo"
    with pytest.raises(UsageError, match="no change 'zzzz' in the history"):
        next_undo(store, "zzzz")


def test_an_undo_asked_about_refuses_when_a_change_came_in_meanwhile(cli, store, frozen) -> None:
    cli("habit", "set", "Give first", "4")
    preview = next_undo(store)
    assert preview is not None and preview.change.summary.startswith("set habit Give first")
    cli("give", "Dana Lee", "from another process")  # while the question is on screen
    before = store.path.read_bytes()
    with pytest.raises(UndoRefused, match="the newest change is now “logged give → Dana Lee”"):
        undo_last_change(store, frozen, expected=preview.change.id)
    assert store.path.read_bytes() == before
    assert undo_last_change(store, frozen, expected=store.changes()[-1].id) is not None


def test_an_undone_change_is_not_undone_twice(cli) -> None:
    cli("give", "Dana Lee")
    first = _history(cli)[0]
    cli("undo")
    again = cli("undo", first["id"])
    assert again.code == 1 and "was undone already" in again.err


def test_history_lists_changes_newest_first_with_what_they_touched(cli) -> None:
    cli("meet", "Dana Lee", "coffee")
    cli("contact", "edit", "dana", "--company", "Acme")
    cli("undo")
    text = cli("history")
    lines = text.out.splitlines()
    assert lines[0].endswith("Thu 19 Nov 15:30  edited contact Dana Lee  (undone)")
    assert lines[1].strip() == "1 contact changed"
    assert lines[2].endswith("Thu 19 Nov 15:30  logged meet → Dana Lee")
    assert lines[3].strip() == "1 contact added, 1 action added, 1 follow-up added"
    changes = _history(cli)
    assert [c["summary"] for c in changes] == ["edited contact Dana Lee", "logged meet → Dana Lee"]
    assert changes[0]["undone"] == "2026-11-19T15:30:00+01:00"
    assert changes[1]["kind"] == "log" and changes[1]["undone"] is None
    assert sorted((t["table"], t["change"]) for t in changes[1]["touched"]) == [
        ("actions", "added"),
        ("contacts", "added"),
        ("followups", "added"),
    ]
    assert len(_history(cli, "--limit", "1")) == 1
    for bad in ("0", "-2", "x"):
        refused = cli("history", "--limit", bad)
        assert refused.code == 2 and "argument --limit:" in refused.err, bad


def test_history_with_nothing_recorded(cli) -> None:
    assert cli("history").out.startswith("no changes recorded yet")
    assert _history(cli) == []


def test_the_history_keeps_the_last_200_changes(store: Store, cli) -> None:
    for n in range(205):
        with store.transaction() as tx:
            tx.set_setting("followup-days", n % 60)
            tx.describe(f"change {n}")
    kept = [c.summary for c in store.changes()]
    assert len(kept) == history.HISTORY_LIMIT == 200
    assert kept[0] == "change 5" and kept[-1] == "change 204"
    assert cli("undo").out == "undid: change 204\n"


def test_a_change_that_changes_nothing_is_not_recorded(cli, store: Store) -> None:
    cli("contact", "add", "Mei Chen")
    cli("contact", "edit", "mei")  # nothing to change
    cli("config", "week-start", "monday")  # the default: the same value stored
    [mei] = store.load().contacts
    with store.transaction() as tx:
        tx.save(mei)  # saved as it is
    assert [c["summary"] for c in _history(cli)] == [
        "set week-start to monday",
        "added contact Mei Chen",
    ]


def test_a_change_in_an_archive_year_is_undone_there_too(cli, store: Store) -> None:
    cli("give", "Dana Lee", "now")
    cli("give", "Dana Lee", "long ago", "--on", "2019-03-05")
    with time_at(pendulum.datetime(2026, 11, 20, 9, tz=BERLIN)):
        cli("contact", "edit", "dana", "--company", "Acme")  # a write archives 2019
    assert cli("undo").out == "undid: edited contact Dana Lee\n"
    assert cli("undo").out == "undid: logged give → Dana Lee\n"
    assert [a.note for a in store.load().actions] == ["now"]


# Importing another file's history -----------------------------------------------------


def test_importing_a_data_file_merges_its_history_by_id(cli, tmp_path: Path, store) -> None:
    other = tmp_path / "laptop" / "netrack.json"
    cli("--db", str(other), "give", "Zoe Park", "from the laptop")
    cli("give", "Dana Lee", "here")
    assert cli("import", str(other)).code == 0
    changes = _history(cli)
    assert [(c["summary"], c["imported"]) for c in changes] == [
        ("imported netrack.json", False),
        ("logged give → Zoe Park", True),
        ("logged give → Dana Lee", False),
    ]
    assert cli("history").out.splitlines()[2].endswith("(imported)")
    assert cli("import", str(other)).code == 0  # again: nothing new
    assert len(_history(cli)) == 3
    # Undo takes back the import, and the history it brought goes with it.
    assert cli("undo").out == "undid: imported netrack.json\n"
    assert [c["summary"] for c in _history(cli) if not c["undone"]] == ["logged give → Dana Lee"]
    assert [c.name for c in store.load().contacts] == ["Dana Lee"]


def test_an_import_keeps_this_files_own_changes_within_the_bound(cli, tmp_path, store) -> None:
    other = Store(tmp_path / "laptop" / "netrack.json")
    for n in range(150):
        with store.transaction() as tx:
            tx.set_setting("followup-days", n % 60)
            tx.describe(f"own change {n}")
    with time_at(FROZEN_NOW.add(hours=1)):  # the other file's changes are newer
        for n in range(100):
            with other.transaction() as tx:
                tx.set_setting("cadence.inner", n + 1)
                tx.describe(f"laptop change {n}")
        assert cli("import", str(other.path)).code == 0
    kept = [c.summary for c in store.changes()]
    assert len(kept) == history.HISTORY_LIMIT
    assert [s for s in kept if s.startswith("own")] == [f"own change {n}" for n in range(150)]
    assert [s for s in kept if s.startswith("laptop")] == [
        f"laptop change {n}" for n in range(51, 100)
    ], "the newest of the brought ones that fit"
    assert kept[-1] == "imported netrack.json"
    assert cli("undo").out == "undid: imported netrack.json\n"
    assert cli("undo").out == "undid: own change 149\n"


def test_a_data_file_restored_into_a_new_file_brings_its_history(
    cli, db_path: Path, tmp_path: Path
) -> None:
    cli("give", "Dana Lee", "first")
    cli("give", "Sam Ortiz", "second")
    fresh = tmp_path / "new" / "netrack.json"
    assert cli("--db", str(fresh), "import", str(db_path)).code == 0
    undone = cli("--db", str(fresh), "undo")
    assert undone.out == "undid: logged give → Sam Ortiz\n", "the file's own history"


# doctor --------------------------------------------------------------------------------


def test_doctor_finds_a_damaged_history_and_repair_mends_it(cli, store: Store) -> None:
    cli("give", "Dana Lee")
    cli("give", "Sam Ortiz")
    raw = raw_as_read(store.path)
    entries = raw[CHANGES]
    entries["1"]["touched"] = "everything"
    entries["3"] = entries["2"]  # the same entry twice
    store.path.write_text(json.dumps(raw), "utf-8")
    journal.discard(store.path)  # written in by hand
    assert [c.summary for c in store.changes()] == ["logged give → Sam Ortiz"], "still usable"
    report = cli("doctor")
    assert report.code == 1
    assert "change history entry 1 lists damaged records" not in report.out
    assert "change history entry 1 lists nothing it touched" in report.out
    assert "1 change history entries repeat an id" in report.out
    assert cli("doctor", "--repair").code == 0
    assert cli("doctor").code == 0
    assert len(raw_file(store.path)[CHANGES]) == 1
    assert cli("undo").out == "undid: logged give → Sam Ortiz\n"


def test_a_damaged_copy_in_the_history_is_never_put_back(cli, store: Store) -> None:
    cli("give", "Dana Lee")
    cli("contact", "edit", "dana", "--company", "Acme")
    raw = raw_file(store.path)
    edit = raw[CHANGES]["2"]
    [item] = edit["touched"]
    item["before"] = {"id": item["id"], "name": 123}  # as a bad hand edit would leave it
    store.path.write_text(json.dumps(raw), "utf-8")
    before = store.path.read_bytes()
    refused = cli("undo")
    assert refused.code == 1
    assert refused.err.startswith(
        "netrack: cannot undo “edited contact Dana Lee”: its history entry holds a damaged "
        "copy of a contact ("
    )
    assert "'netrack doctor --repair' removes it); nothing was changed" in refused.err
    assert store.path.read_bytes() == before
    assert cli("contacts").code == 0, "the file stays usable"
    report = cli("doctor")
    assert report.code == 1
    assert "change history entry 2 holds a damaged copy of a contact" in report.out
    assert cli("doctor", "--repair").code == 0
    assert cli("doctor").code == 0
    assert [c.summary for c in store.changes()] == ["logged give → Dana Lee"]
    assert [c.company for c in store.load().contacts] == ["Acme"], "records untouched"


def test_doctor_keeps_the_history_within_its_bound(cli, store: Store) -> None:
    cli("give", "Dana Lee")
    raw = raw_file(store.path)
    [entry] = raw[CHANGES].values()
    raw[CHANGES] = {
        str(n): {**entry, "id": f"{n:08d}-copy"} for n in range(1, history.HISTORY_LIMIT + 6)
    }
    store.path.write_text(json.dumps(raw), "utf-8")
    report = cli("doctor")
    assert "the change history holds 205 entries, over its bound of 200" in report.out
    assert cli("doctor", "--repair").code == 0
    assert len(raw_file(store.path)[CHANGES]) == history.HISTORY_LIMIT


def test_a_history_that_is_not_a_table_leaves_the_file_usable(cli, store: Store) -> None:
    cli("give", "Dana Lee")
    raw = raw_file(store.path)
    raw[CHANGES] = ["not", "a", "table"]
    store.path.write_text(json.dumps(raw), "utf-8")
    assert cli("log").code == 0
    assert "the change history is not a table" in cli("doctor").out
    assert cli("give", "Sam Ortiz").code == 0, "a new history starts"
    assert [c.summary for c in store.changes()] == ["logged give → Sam Ortiz"]


def test_a_large_import_is_kept_small_and_undone_as_a_whole(cli, store: Store, tmp_path) -> None:
    people = [
        {"id": f"c-{n:03d}", "name": f"Person {n:03d}", "created": "2026-11-01T10:00:00+01:00"}
        for n in range(120)
    ]
    backup = tmp_path / "many.json"
    backup.write_text(
        json.dumps(
            {
                "format": "netrack-backup",
                "format_version": 1,
                "schema_version": 1,
                "tables": {"contacts": people},
            }
        ),
        "utf-8",
    )
    cli("give", "Dana Lee")
    assert cli("import", str(backup)).code == 0
    [entry] = [e for e in raw_file(store.path)[CHANGES].values() if e["summary"].startswith("imp")]
    assert entry["touched"] == [
        {
            "table": "contacts",
            "ids": [p["id"] for p in people],
            "after": entry["touched"][0]["after"],
        }
    ], "one item for the 120 contacts: their ids and one fingerprint"
    assert len(_history(cli)[0]["touched"]) == 120
    cli("contact", "edit", "Person 007", "--notes", "met at PyCon")
    import_id = _history(cli)[1]["id"]
    refused = cli("undo", import_id)
    assert refused.code == 1
    assert "some of the 120 contacts it added were changed since" in refused.err
    assert cli("undo").out == "undid: edited contact Person 007\n"
    assert cli("undo").out == "undid: imported many.json\n"
    assert [c.name for c in store.load().contacts] == ["Dana Lee"]


def test_the_apps_settings_dialog_names_what_it_changed_in_one_change(store, frozen) -> None:
    apply_settings(
        store, frozen, [("week-start", "sunday")], [("Give first", "5")], ("Posts", "post", "1")
    )
    [change] = store.changes()
    assert change.summary == (
        "set week-start to sunday, set habit Give first to 5 a week (was 3), added habit Posts"
    )
    undo_last_change(store, frozen)
    data = store.load()
    assert data.settings.week_start == 0  # monday again
    assert [(h.name, h.target) for h in data.habits][:2] == [("Reach-outs", 5), ("Give first", 3)]
    assert "Posts" not in {h.name for h in data.habits}
