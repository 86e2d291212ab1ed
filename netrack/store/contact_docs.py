"""A contact document to a Contact, fast: a read may list thousands of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from netrack.domain.fields import Kind, Tags, Text
from netrack.domain.models import CONTACT_FIELDS, Contact

Doc = dict[str, Any]


def contact_converter(
    text: Callable[[Doc, str], str], when: Callable[[str], datetime]
) -> Callable[[Doc], Contact]:
    """``contact_from_doc``, written out for the details as they are declared.

    A history's thousands of contacts are converted on every read that lists them, and
    a call per detail of each was half the time: the kinds whose stored value is the
    value (text, a circle, a cadence, tags) are read inline; every other kind converts
    with its own ``from_doc``. ``text`` reads the name (refusing what is not text) and
    ``when`` a time, as records.py does for every record.
    """
    names: dict[str, Any] = {
        "_new_tuple": tuple.__new__,
        "Contact": Contact,
        "_text": text,
        "_when": when,
    }
    details = []
    for n, field in enumerate(CONTACT_FIELDS):
        stored = f"get({field.name!r})"
        convert = type(field.kind).from_doc
        if convert is Text.from_doc:
            details.append(f"{stored} or ''")
        elif convert is Tags.from_doc:
            details.append(f"tuple({stored} or ())")
        elif convert is Kind.from_doc and field.kind.empty is None:
            details.append(stored)
        else:  # nothing stored is the kind's empty value (``Kind.from_doc``)
            names[f"_from_doc_{n}"] = field.kind.from_doc
            names[f"_empty_{n}"] = field.kind.empty
            details.append(f"_from_doc_{n}(v) if (v := {stored}) is not None else _empty_{n}")
    source = (
        "def contact_from_doc(doc):\n"
        "    get = doc.get\n"
        "    return _new_tuple(Contact, (\n"
        "        doc['id'], _text(doc, 'name'), _when(doc['created']),\n"
        + "".join(f"        {detail},\n" for detail in details)
        + "        bool(get('archived', False)),\n"
        "        None if (v := get('updated')) is None else _when(v),\n"
        "        None if (v := get('reminders_since')) is None else _when(v),\n"
        "    ))\n"
    )
    exec(source, names)  # the source is made above, from the declarations alone
    made: Callable[[Doc], Contact] = names["contact_from_doc"]
    return made
