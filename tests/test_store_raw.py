"""The store's raw writes for restoring backups, and how a transaction knows a new file."""

from __future__ import annotations

import pytest

from netrack.domain.models import Contact
from netrack.store import Store
from tests.conftest import raw_file


def _doc(cid: str, name: str, **more) -> dict:
    return {"id": cid, "name": name, "created": "2026-11-01T10:00:00+01:00", **more}


def test_raw_documents_are_kept_field_for_field(store: Store, frozen) -> None:
    with store.transaction() as tx:
        assert tx.put_raw_many("contacts", [_doc("c1", "Dana", pronouns="she")]) == 1
    [doc] = raw_file(store.path)["contacts"].values()
    assert doc == _doc("c1", "Dana", pronouns="she")
    assert store.load().contacts[0].name == "Dana"


def test_a_raw_document_replaces_the_whole_record_with_its_id(store: Store, frozen) -> None:
    with store.transaction() as tx:
        tx.put_raw_many("contacts", [_doc("c1", "Dana", pronouns="she"), _doc("c2", "Sam")])
    with store.transaction() as tx:
        tx.put_raw_many("contacts", [_doc("c1", "Dana Lee"), _doc("c3", "Wei")])
    docs = raw_file(store.path)["contacts"]
    assert docs == {"1": _doc("c1", "Dana Lee"), "2": _doc("c2", "Sam"), "3": _doc("c3", "Wei")}


def test_saving_a_record_replaces_its_document_whole(store: Store, frozen) -> None:
    with store.transaction() as tx:
        tx.put_raw_many("contacts", [_doc("c1", "Dana", pronouns="she")])
    contact = store.load().contacts[0]
    with store.transaction() as tx:
        tx.save(contact._replace(company="Acme"))
    [doc] = raw_file(store.path)["contacts"].values()
    assert "pronouns" not in doc and doc["company"] == "Acme"


def test_raw_writes_refuse_unknown_tables_and_documents_without_ids(store: Store, frozen) -> None:
    with store.transaction() as tx:
        with pytest.raises(ValueError, match="not a table of records"):
            tx.put_raw_many("meta", [{"id": "x"}])
        with pytest.raises(ValueError, match="no text 'id'"):
            tx.put_raw_many("contacts", [{"name": "no id"}])
    assert not store.path.exists() or raw_file(store.path).get("contacts", {}) == {}


def test_a_transaction_knows_whether_the_file_was_new(store: Store, frozen) -> None:
    with store.transaction() as tx:
        assert tx.fresh
        tx.save(Contact(id="c1", name="Dana", created=frozen))
    with store.transaction() as tx:
        assert not tx.fresh
