"""``Value`` (domain/valuetype.py) makes the same classes as ``typing.NamedTuple``, without
compiling code to define them: each property is checked against a NamedTuple twin."""

from __future__ import annotations

import builtins
import copy
import pickle
from datetime import date, datetime
from typing import Any, NamedTuple

import pytest

from netrack.domain import valuetype
from netrack.domain.models import CONTACT_FIELDS, Action, Contact, FollowUp
from netrack.domain.valuetype import COMPILE_AFTER, Value


class Twin(NamedTuple):
    """A point with a label."""

    x: int
    y: int
    label: str = "here"
    tags: tuple[str, ...] = ()


class Point(Value):
    """A point with a label."""

    x: int
    y: int
    label: str = "here"
    tags: tuple[str, ...] = ()

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


def test_a_value_is_the_tuple_its_namedtuple_twin_is() -> None:
    point, twin = Point(1, 2, tags=("a",)), Twin(1, 2, tags=("a",))
    assert isinstance(point, tuple)
    assert point == twin and hash(point) == hash(twin) and tuple(point) == (1, 2, "here", ("a",))
    assert (point.x, point.y, point.label, point.tags) == (1, 2, "here", ("a",))
    assert point[1] == 2 and point[-1] == ("a",) and len(point) == 4
    x, y, label, tags = point
    assert (x, y, label, tags) == tuple(twin)
    assert Point._fields == Twin._fields == ("x", "y", "label", "tags")
    assert Point._field_defaults == Twin._field_defaults == {"label": "here", "tags": ()}
    assert Point.__match_args__ == Twin.__match_args__
    assert repr(point) == repr(twin).replace("Twin", "Point")
    assert point._asdict() == twin._asdict() == {"x": 1, "y": 2, "label": "here", "tags": ("a",)}
    assert Point._make([3, 4, "there", ()]) == Twin._make([3, 4, "there", ()])
    assert point._replace(label="moved") == (1, 2, "moved", ("a",))
    assert point.moved(5) == Point(6, 2, "here", ("a",))
    assert Point.__doc__ == "A point with a label."
    assert Point.__annotations__ == {
        "x": "int",
        "y": "int",
        "label": "str",
        "tags": "tuple[str, ...]",
    }
    with pytest.raises(AttributeError):
        point.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        point.other = 1  # type: ignore[attr-defined]  # no __dict__: as small as a tuple


def test_it_refuses_what_a_namedtuple_refuses() -> None:
    for kind in (Point, Twin):
        made: Any = kind
        for args, keywords in (((1,), {}), ((1, 2), {"y": 3}), ((1, 2), {"z": 3})):
            with pytest.raises(TypeError):
                made(*args, **keywords)
        with pytest.raises(TypeError):
            made(1, 2, "a", (), "too many")
        with pytest.raises(ValueError, match="unexpected field names"):
            made(1, 2)._replace(z=3)
        with pytest.raises(TypeError):
            made._make([1])


def test_it_survives_pickle_copy_and_match() -> None:
    point = Point(1, 2, tags=("a", "b"))
    assert pickle.loads(pickle.dumps(point)) == point
    assert type(pickle.loads(pickle.dumps(point))) is Point
    assert copy.copy(point) == point and copy.deepcopy(point) == point
    match point:
        case Point(x, y, label=label):
            assert (x, y, label) == (1, 2, "here")
        case _:
            pytest.fail("a value matches its class pattern")


def test_defining_and_making_values_compiles_no_code(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled code")

    monkeypatch.setattr(builtins, "compile", refused)
    monkeypatch.setattr(builtins, "eval", refused)

    class Pair(Value):
        first: str
        second: str = "b"

    assert Pair("a") == ("a", "b") and Pair(second="c", first="a") == ("a", "c")
    assert Pair("a", "b")._replace(second="z") == ("a", "z")


def test_many_keyword_calls_compile_the_namedtuple_new_once() -> None:
    class Pair(Value):
        first: str
        second: str = "b"

    generic = Pair.__new__
    made = [Pair(first=str(n)) for n in range(COMPILE_AFTER + 5)]
    assert made[-1] == (str(COMPILE_AFTER + 4), "b")
    assert Pair.__new__ is not generic  # compiled on the COMPILE_AFTER-th call
    assert Pair(second="y", first="x") == ("x", "y") and Pair("p") == ("p", "b")
    with pytest.raises(TypeError):
        Pair()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Pair("a", third="c")  # type: ignore[call-arg]


def test_a_class_always_given_every_field_compiles_nothing() -> None:
    class Pair(Value):
        first: str
        second: str = "b"

    assert [Pair(str(n), "c") for n in range(COMPILE_AFTER * 2)][-1] == (
        str(COMPILE_AFTER * 2 - 1),
        "c",
    )
    assert Pair.__new__ is valuetype._Value.__new__


def test_a_subclass_of_a_value_type_adds_methods_not_fields() -> None:
    class Named(Point):
        def name(self) -> str:
            return f"{self.label} ({self.x}, {self.y})"

    assert Named._fields == Point._fields
    assert Named(1, 2).name() == "here (1, 2)" and isinstance(Named(1, 2), Point)


def test_a_field_after_a_default_or_a_reserved_name_is_refused() -> None:
    with pytest.raises(TypeError, match="follows a default"):

        class Broken(Value):
            first: str = ""
            second: str

    with pytest.raises(AttributeError, match="_replace"):

        class Clash(Value):
            first: str

            def _replace(self, **changes: Any) -> Clash:
                return self


def test_the_models_keep_their_declarations_and_tuple_form() -> None:
    # The contact details are read from Contact's Annotated declarations.
    assert [field.name for field in CONTACT_FIELDS][:3] == ["company", "role", "met_how"]
    now = datetime(2026, 1, 1, 9, 0)
    followup = FollowUp("f1", "c1", "call back", date(2026, 1, 2), now)
    assert followup.is_open and followup._replace(closed=now).is_open is False
    assert Action._fields[:3] == ("id", "kind", "contact_id")
    assert tuple.__new__(Contact, tuple(range(len(Contact._fields)))).name == 1
