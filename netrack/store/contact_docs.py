"""A contact document to a Contact, fast: a read may list thousands of them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from netrack.domain.fields import Kind, Tags, Text
from netrack.domain.labeled import LabeledValues
from netrack.domain.models import CONTACT_FIELDS, Contact

Doc = dict[str, Any]


def contact_converter(
    text: Callable[[Doc, str], str], when: Callable[[str], datetime], positional: bool = False
) -> Callable[[Any], Contact]:
    """``contact_from_doc``, written out for the details as they are declared.

    A history's thousands of contacts are converted on every read that lists them, and
    a call per detail of each was half the time: the kinds whose stored value is the
    value (text, a circle, a cadence, tags) are read inline; every other kind converts
    with its own ``from_doc``. ``text`` reads the name (refusing what is not text) and
    ``when`` a time, as records.py does for every record.

    ``positional``: the converter of a document's values listed in ``ROW_KEYS`` order
    (the read view keeps contacts so), converting each value as the keyed one does.
    """
    names: dict[str, Any] = {
        "_new_tuple": tuple.__new__,
        "Contact": Contact,
        "_text": text,
        "_when": when,
    }

    def stored(key: str) -> str:
        return f"row[{ROW_KEYS.index(key)}]" if positional else f"get({key!r})"

    details = _details(stored, names)
    if positional:
        head = "def contact_from_row(row):\n"
        first = "row[0], _text({'name': row[1]}, 'name'), _when(row[2])"
        archived = f"bool({stored('archived')})"
    else:
        head = "def contact_from_doc(doc):\n    get = doc.get\n"
        first = "doc['id'], _text(doc, 'name'), _when(doc['created'])"
        archived = "bool(get('archived', False))"
    source = (
        head + "    return _new_tuple(Contact, (\n"
        f"        {first},\n"
        + "".join(f"        {detail},\n" for detail in details)
        + f"        {archived},\n"
        f"        None if (v := {stored('updated')}) is None else _when(v),\n"
        f"        None if (v := {stored('reminders_since')}) is None else _when(v),\n"
        "    ))\n"
    )
    exec(source, names)  # the source is made above, from the declarations alone
    made: Callable[[Any], Contact] = names["contact_from_row" if positional else "contact_from_doc"]
    return made


def _details(stored: Callable[[str], str], names: dict[str, Any]) -> list[str]:
    """The expression converting each detail's stored value, read by ``stored(name)``
    (None, or a detail not read at all, is the kind's empty value)."""
    details = []
    for n, field in enumerate(CONTACT_FIELDS):
        convert = type(field.kind).from_doc
        if convert is Text.from_doc:
            details.append(f"{stored(field.name)} or ''")
        elif convert is Tags.from_doc:
            details.append(f"tuple({stored(field.name)} or ())")
        elif convert is Kind.from_doc and field.kind.empty is None:
            details.append(stored(field.name))
        else:  # nothing stored is the kind's empty value (``Kind.from_doc``)
            names[f"_from_doc_{n}"] = field.kind.from_doc
            names[f"_empty_{n}"] = field.kind.empty
            # No labels stored (None, or the ``{}`` of most contacts) are no labels.
            stored_some = "" if convert is LabeledValues.from_doc else " is not None"
            details.append(
                f"_from_doc_{n}(v) if (v := {stored(field.name)}){stored_some} else _empty_{n}"
            )
    return details


def columns_converter(
    when: Callable[[str], datetime], read: frozenset[str] | None
) -> Callable[[Sequence[Sequence[Any]]], list[Contact]]:
    """A converter of contacts given as columns of values (a list per key of
    ``ROW_KEYS``, the read view's sections) to Contacts, as ``contact_from_row`` converts
    each row; the keys not in ``read`` (None: every one) are taken as never stored, and
    their columns are not looked at (None may stand for them).

    One comprehension over every contact, without a call per contact: a listing of a
    long history converts thousands. Raises as ``contact_from_row`` does (TypeError,
    ValueError, ...) without naming the record: convert the rows then, to name it."""
    names: dict[str, Any] = {"_new_tuple": tuple.__new__, "Contact": Contact, "_when": when}
    read_keys = [key for key in ROW_KEYS if read is None or key in read]
    variables = {key: f"v{n}" for n, key in enumerate(read_keys)}

    def stored(key: str) -> str:
        return variables.get(key, "None")

    if "name" not in variables or "created" not in variables:
        raise ValueError("a contact's name and creation are always read")
    source = (
        "def contacts_from_columns(columns):\n"
        "    return [_new_tuple(Contact, (\n"
        f"        {stored('id')},\n"
        f"        {stored('name')} if type({stored('name')}) is str else _bad_name(),\n"
        f"        _when({stored('created')}),\n"
        + "".join(f"        {detail},\n" for detail in _details(stored, names))
        + f"        bool({stored('archived')}),\n"
        f"        None if (v := {stored('updated')}) is None else _when(v),\n"
        f"        None if (v := {stored('reminders_since')}) is None else _when(v),\n"
        f"    )) for {', '.join(variables.values())} in zip("
        + ", ".join(f"columns[{ROW_KEYS.index(key)}]" for key in read_keys)
        + ", strict=True)]\n"
    )
    names["_bad_name"] = _bad_name
    exec(source, names)  # the source is made above, from the declarations alone
    made: Callable[[Sequence[Sequence[Any]]], list[Contact]] = names["contacts_from_columns"]
    return made


def _bad_name() -> str:
    raise TypeError("'name' is not text")


# What a contact document holds, in the order of Contact's attributes (the read view's
# rows of values, store/readview.py).
ROW_KEYS = (
    "id",
    "name",
    "created",
    *(field.name for field in CONTACT_FIELDS),
    "archived",
    "updated",
    "reminders_since",
)
