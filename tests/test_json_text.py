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


UNSAFE = ["\x7f", "\x80", "\x85", "\x9f", "\u061c", "\u200e", "\u200f", "\u202a", "\u202e"]
UNSAFE += ["\u2066", "\u2069"]
HARMLESS = ["é", "\xa0", "\xbf", "—", "…", "\u2028", "\u202f", "\u2065", "\u206a", "ؘ", "😀"]


def test_every_control_is_escaped_and_every_other_character_kept() -> None:
    # orjson writes UTF-8 bytes, looked at only where a control's first byte is.
    for char in UNSAFE:
        value = {"name": f"Dana {char}Lee — García"}
        text = _text(value, orjson)
        assert char not in text and f"\\u{ord(char):04x}" in text, repr(char)
        assert text == _text(value, None)
    for char in HARMLESS:
        value = [f"Dana {char}Lee", "Eli"]
        text = _text(value, orjson)
        assert char in text and json.loads(text) == value, repr(char)
        assert text == _text(value, None)
