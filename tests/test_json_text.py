"""JSON output: the same text whichever encoder writes it (orjson once a long history
loaded it, else the standard library)."""

from __future__ import annotations

import json
import sys

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from netrack.cli.output import json_text

# Shares and scores are rounded to 4 places at most (jsonviews, suggestions).
NETRACK_FLOATS = st.floats(min_value=-1e6, max_value=1e6).map(lambda f: round(f, 4))
ANY_FLOAT = st.floats(allow_nan=False, allow_infinity=False)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(st.characters(exclude_categories=()))  # lone surrogates too
)


def _values(floats: st.SearchStrategy[float]) -> st.SearchStrategy:
    return st.recursive(
        SCALARS | floats,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )


@settings(max_examples=200, deadline=None)
@given(_values(NETRACK_FLOATS))
def test_orjson_writes_the_text_the_standard_library_writes(value) -> None:
    with_orjson = _text(value, orjson)
    assert with_orjson == _text(value, None)
    assert "\u202e" not in with_orjson and "\x85" not in with_orjson


@settings(max_examples=200, deadline=None)
@given(_values(ANY_FLOAT))
def test_any_float_is_the_same_number_whichever_encoder_spells_it(value) -> None:
    # 1e-07 is spelled 1e-7 by orjson: the same number to any JSON reader.
    assert json.loads(_text(value, orjson)) == json.loads(_text(value, None))


def _text(value, module) -> str:
    saved = sys.modules.pop("orjson", None)
    try:
        if module is not None:
            sys.modules["orjson"] = module
        return json_text(value)
    finally:
        sys.modules.pop("orjson", None)
        if saved is not None:
            sys.modules["orjson"] = saved
