"""``Value``: a ``typing.NamedTuple`` that costs almost nothing to define.

``class Action(Value): ...`` makes the same class as ``class Action(NamedTuple): ...``
would: a tuple with a property per field, ``_fields``, ``_field_defaults``,
``_replace``, ``_asdict``, ``_make``, the same ``repr``, equality, hashing, pickling and
``__match_args__``; type checkers see ``typing.NamedTuple`` itself. What differs is the
price: ``NamedTuple`` compiles a ``__new__`` for each class, and under ``from __future__
import annotations`` one more expression per field, some 150-300 µs a class. Every
command defines dozens (the models alone eleven) and uses few: a quick add paid about
5 ms of its 80 for them. Here a class is defined in some 15 µs; its ``__new__`` binds
keywords and defaults in Python until the class has been called that way
``COMPILE_AFTER`` times, and then compiles the same ``__new__`` as ``NamedTuple``, so
that reading 10,000 records pays for it once and runs as fast.

Fields are the annotations of the class body, in order; a value given beside one is its
default. Only a direct subclass of ``Value`` declares fields: a subclass of that class
adds methods, as a subclass of a ``NamedTuple`` does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

try:  # what collections.namedtuple makes its properties with
    from _collections import _tuplegetter  # type: ignore[import-not-found]
except ImportError:  # (another interpreter: the same, as a property)
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


# After this many calls with keywords or left-out defaults, a class compiles its own
# ``__new__`` (as NamedTuple does for every class): ~65 µs once, then ~0.6 µs a call
# instead of ~3.
COMPILE_AFTER = 32

__all__ = ["Value"]

_tuple_new = tuple.__new__
_MISSING: Any = object()
_RESERVED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "__match_args__", "_fields"}
    | {"_field_defaults", "_make", "_replace", "_asdict"}
)


class _ValueMaker(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> _ValueMaker:
        if "_Value" not in globals() or bases != (_Value,):  # _Value, or a value type's subclass
            return super().__new__(mcls, name, bases, ns)
        fields = tuple(ns.get("__annotations__", {}))
        for field in fields:
            if field.startswith("_"):
                raise ValueError(f"field names cannot start with an underscore: {field!r}")
        if taken := _RESERVED.intersection(ns):
            raise AttributeError(f"cannot overwrite {', '.join(sorted(taken))} of {name}")
        defaults: dict[str, Any] = {}
        for index, field in enumerate(fields):
            if field in ns:
                defaults[field] = ns[field]
            elif defaults:
                raise TypeError(f"non-default field {field!r} follows a default field in {name}")
            ns[field] = _tuplegetter(index, f"Alias for field number {index}")
        ns["__slots__"] = ()
        ns["_fields"] = fields
        ns["_field_defaults"] = defaults
        ns["__match_args__"] = fields
        ns["_slow_calls"] = 0
        if ns.get("__doc__") is None:
            ns["__doc__"] = f"{name}({', '.join(fields)})"
        return super().__new__(mcls, name, bases, ns)


class _Value(tuple[Any, ...], metaclass=_ValueMaker):
    """The base of value types (see the module's docstring)."""

    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _field_defaults: dict[str, Any] = {}  # (each value type has its own)
    _slow_calls = 0

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        fields = cls._fields
        if not kwargs and len(args) == len(fields):
            return _tuple_new(cls, args)
        cls._slow_calls += 1
        if cls._slow_calls >= COMPILE_AFTER and cls.__new__ is _Value.__new__:
            cls.__new__ = staticmethod(_compiled_new(cls))  # type: ignore[method-assign]
        return _tuple_new(cls, _bound(cls, args, kwargs))

    @classmethod
    def _make(cls, iterable: Iterable[Any]) -> Any:
        made = _tuple_new(cls, iterable)
        if len(made) != len(cls._fields):
            raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(made)}")
        return made

    def _replace(self, /, **changes: Any) -> Any:
        made = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return made

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        shown = ", ".join(
            f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True)
        )
        return f"{type(self).__name__}({shown})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)


def _bound(cls: type[_Value], args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
    """The values of ``cls``'s fields from a call's arguments, as a def would bind them."""
    fields, name = cls._fields, cls.__name__
    if len(args) > len(fields):
        raise TypeError(
            f"{name}.__new__() takes {len(fields) + 1} positional arguments "
            f"but {len(args) + 1} were given"
        )
    values = [*args, *[_MISSING] * (len(fields) - len(args))]
    for key, value in kwargs.items():
        try:
            index = fields.index(key)
        except ValueError:
            raise TypeError(
                f"{name}.__new__() got an unexpected keyword argument {key!r}"
            ) from None
        if values[index] is not _MISSING:
            raise TypeError(f"{name}.__new__() got multiple values for argument {key!r}")
        values[index] = value
    defaults = cls._field_defaults
    for index, value in enumerate(values):
        if value is _MISSING:
            if fields[index] not in defaults:
                raise TypeError(f"{name}.__new__() missing required argument: {fields[index]!r}")
            values[index] = defaults[fields[index]]
    return values


def _compiled_new(cls: type[_Value]) -> Any:
    """The ``__new__`` that ``collections.namedtuple`` writes, for ``cls``."""
    names = "".join(f"{name}, " for name in cls._fields)
    code = f"lambda _cls, {names}: _tuple_new(_cls, ({names}))"
    made = eval(code, {"_tuple_new": _tuple_new, "__builtins__": {}})
    made.__defaults__ = tuple(cls._field_defaults.values()) or None
    made.__name__ = "__new__"
    made.__qualname__ = f"{cls.__qualname__}.__new__"
    return made


if TYPE_CHECKING:
    from typing import NamedTuple as Value
else:
    Value = _Value
