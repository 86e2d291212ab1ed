"""Merging a backup by record id: added, identical, newer, not newer; names stay unique."""

from __future__ import annotations

from netrack.domain.backup_merge import (
    IDENTICAL,
    MERGE_ORDER,
    NAME_TAKEN,
    NOT_NEWER,
    REPEATED,
    plan_backup_merge,
)
from netrack.store.schema import RECORD_TABLES


def _contact(cid: str, name: str, updated: str | None = "2026-11-01T10:00:00+01:00", **more):
    return {
        "id": cid,
        "name": name,
        "created": "2026-10-01T10:00:00+02:00",
        "updated": updated,
        **more,
    }


def _action(aid: str, contact_id: str | None, logged: str = "2026-11-02T10:00:00+01:00", **more):
    return {
        "id": aid,
        "kind": "give",
        "contact_id": contact_id,
        "at": "2026-11-02T09:00:00+01:00",
        "logged": logged,
        "note": "",
        **more,
    }


def test_every_table_of_the_data_file_has_a_merge_rule() -> None:
    assert set(MERGE_ORDER) == set(RECORD_TABLES)


def test_a_record_the_file_lacks_is_added() -> None:
    merge = plan_backup_merge({"contacts": []}, {"contacts": [_contact("c1", "Dana")]})
    table = merge.tables["contacts"]
    assert (table.added, table.updated, sum(table.skipped.values())) == (1, 0, 0)
    assert table.to_write == (_contact("c1", "Dana"),)


def test_the_same_record_again_is_skipped_as_identical() -> None:
    dana = _contact("c1", "Dana")
    merge = plan_backup_merge({"contacts": [dana]}, {"contacts": [dict(dana)]})
    assert merge.tables["contacts"].to_write == ()
    assert merge.skipped == {IDENTICAL: 1}


def test_a_newer_copy_replaces_the_file_copy() -> None:
    mine = _contact("c1", "Dana", company="Acme")
    theirs = _contact("c1", "Dana", updated="2026-11-05T08:00:00+00:00", company="Globex")
    merge = plan_backup_merge({"contacts": [mine]}, {"contacts": [theirs]})
    assert merge.tables["contacts"].to_write == (theirs,)
    assert merge.total("updated") == 1


def test_newer_compares_moments_not_text() -> None:
    # 10:00 at +01:00 is 09:00 UTC; 09:30 UTC is later although its text sorts first.
    mine = _contact("c1", "Dana", updated="2026-11-01T10:00:00+01:00", company="Acme")
    theirs = _contact("c1", "Dana", updated="2026-11-01T09:30:00+00:00", company="Globex")
    merge = plan_backup_merge({"contacts": [mine]}, {"contacts": [theirs]})
    assert merge.total("updated") == 1


def test_an_older_or_equally_old_copy_is_skipped() -> None:
    mine = _contact("c1", "Dana", company="Acme")
    older = _contact("c2", "Sam", updated="2026-01-01T00:00:00+00:00", company="X")
    same_age = _contact("c1", "Dana", company="Globex")
    here = [mine, _contact("c2", "Sam", company="Y")]
    merge = plan_backup_merge({"contacts": here}, {"contacts": [same_age, older]})
    assert merge.tables["contacts"].to_write == ()
    assert merge.skipped == {NOT_NEWER: 2}


def test_a_contact_without_updated_falls_back_to_created() -> None:
    mine = _contact("c1", "Dana", updated=None, company="Acme")
    theirs = _contact("c1", "Dana", updated="2026-10-02T00:00:00+00:00", company="Globex")
    merge = plan_backup_merge({"contacts": [mine]}, {"contacts": [theirs]})
    assert merge.total("updated") == 1


def test_a_closed_follow_up_is_newer_than_the_open_one() -> None:
    base = {"id": "f1", "contact_id": "c1", "due": "2026-11-20", "text": "send deck"}
    open_copy = {**base, "created": "2026-11-18T10:00:00+01:00", "closed": None}
    closed_copy = {**open_copy, "closed": "2026-11-19T10:00:00+01:00"}
    merge = plan_backup_merge({"followups": [open_copy]}, {"followups": [closed_copy]})
    assert merge.tables["followups"].to_write == (closed_copy,)
    reverse = plan_backup_merge({"followups": [closed_copy]}, {"followups": [open_copy]})
    assert reverse.skipped == {NOT_NEWER: 1}


def test_a_habit_with_a_later_target_change_is_newer() -> None:
    habit = {"id": "h1", "name": "Gives", "kinds": ["give"], "created": "2026-01-01"}
    mine = {**habit, "targets": [{"since": "2026-01-01", "target": 3}]}
    theirs = {**habit, "targets": [*mine["targets"], {"since": "2026-06-01", "target": 5}]}
    merge = plan_backup_merge({"habits": [mine]}, {"habits": [theirs]})
    assert merge.tables["habits"].to_write == (theirs,)


def test_the_file_keeps_its_own_settings() -> None:
    mine = {"id": "setting:week-start", "key": "week-start", "value": "monday"}
    theirs = {**mine, "value": "sunday"}
    extra = {"id": "setting:followup-days", "key": "followup-days", "value": 3}
    merge = plan_backup_merge({"settings": [mine]}, {"settings": [theirs, extra]})
    assert merge.tables["settings"].to_write == (extra,)
    assert merge.skipped == {NOT_NEWER: 1}


def test_a_new_contact_with_a_known_name_is_that_contact_and_brings_its_history() -> None:
    mine = _contact("here", "Dana Lee")
    theirs = _contact("there", "dana lee")
    action = _action("a1", "there")
    merge = plan_backup_merge(
        {"contacts": [mine], "actions": []}, {"contacts": [theirs], "actions": [action]}
    )
    assert merge.tables["contacts"].to_write == ()
    assert merge.tables["contacts"].skipped == {NOT_NEWER: 1}
    [moved] = merge.tables["actions"].to_write
    assert moved["contact_id"] == "here"


def test_a_rename_onto_another_contacts_name_is_skipped() -> None:
    dana, sam = _contact("c1", "Dana"), _contact("c2", "Sam")
    renamed = _contact("c1", "SAM", updated="2026-11-09T00:00:00+00:00")
    merge = plan_backup_merge({"contacts": [dana, sam]}, {"contacts": [renamed]})
    assert merge.tables["contacts"].to_write == ()
    assert merge.skipped == {NAME_TAKEN: 1}


def test_two_new_contacts_of_one_name_in_a_backup_become_one() -> None:
    first, second = _contact("x1", "Wei Chen"), _contact("x2", "wei chen")
    actions = [_action("a1", "x1"), _action("a2", "x2")]
    merge = plan_backup_merge({}, {"contacts": [first, second], "actions": actions})
    assert merge.tables["contacts"].to_write == (first,)
    assert merge.tables["contacts"].skipped == {REPEATED: 1}
    assert [a["contact_id"] for a in merge.tables["actions"].to_write] == ["x1", "x1"]


def test_tables_missing_from_the_backup_are_left_alone() -> None:
    merge = plan_backup_merge({"contacts": [_contact("c1", "Dana")]}, {"actions": []})
    assert list(merge.tables) == ["actions"]


def test_a_week_note_written_on_two_computers_stays_one_note() -> None:
    mine = {"id": "n-here", "week": "2026-W46", "reflection": "ok", "updated": "2026-11-16T20:00Z"}
    theirs = {**mine, "id": "n-there", "reflection": "great", "updated": "2026-11-17T08:00Z"}
    merge = plan_backup_merge({"week_notes": [mine]}, {"week_notes": [theirs]})
    assert merge.tables["week_notes"].to_write == ({**theirs, "id": "n-here"},)
    assert merge.total("updated") == 1


def test_a_habit_of_the_same_name_is_the_same_habit() -> None:
    habit = {"name": "Posts", "kinds": ["post"], "created": "2026-01-05"}
    mine = {**habit, "id": "h-here", "targets": [{"since": "2026-01-05", "target": 1}]}
    theirs = {**habit, "id": "h-there", "name": "posts", "targets": mine["targets"]}
    merge = plan_backup_merge({"habits": [mine]}, {"habits": [theirs]})
    assert merge.tables["habits"].to_write == ()
    assert merge.skipped == {NOT_NEWER: 1}
