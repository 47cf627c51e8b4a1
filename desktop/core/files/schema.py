"""One way to read and validate every data file: a dataclass says the shape, :func:`load` checks it.

The data files (actors, lexicons, episodes, lessons, settings) are YAML or JSON mappings. Each
kind of entry is described once as a dataclass; :func:`load` turns the parsed data into those
dataclasses and refuses anything else with a message that names the file, the entry and the field,
in the house form::

    actors.yaml: actors[1] (id 'makei'): roles[0].to: expected a date, got 'soon'

Supported field types: ``str``, ``int``, ``float``, ``bool``, ``Any``, ``X | None``,
``Literal[...]``, ``list[X]``, ``tuple[X, ...]``, ``dict[str, X]`` and nested dataclasses.
A field with a default is optional. ``field(metadata={"check": fn})`` adds a check: ``fn(value)``
returns the value (converted if it likes) or raises ``ValueError`` with the problem in words.
A single string where a list is expected is taken as a list of one, as the data files allow.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from desktop.core.files.lexicons import DataFileError

T = TypeVar("T")

_NAMES = {str: "a text", int: "a whole number", float: "a number", bool: "true or false"}


class SchemaError(DataFileError):
    """A value does not have the shape its schema asks for; ``where`` is the path to it."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


def load(cls: type[T], data: Any, source: str = "", where: str = "") -> T:
    """``data`` as an instance of the dataclass ``cls``; a :class:`DataFileError` names ``source``."""
    try:
        return _convert(cls, data, where)
    except SchemaError as exc:
        if not source:
            raise
        raise DataFileError(f"{source}: {exc}") from None


def load_list(cls: type[T], data: Any, source: str, section: str) -> list[T]:
    """A list of ``cls`` entries under ``section``; errors say ``section[i] (id '…')``."""
    return load(list[cls], data, source, section)  # type: ignore[valid-type]


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _label(where: str, index: int, item: Any) -> str:
    label = f"{where}[{index}]"
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        label += f" (id {item['id']!r})"
    return label


def _join(where: str, name: str) -> str:
    if not where:
        return name
    return f"{where}: {name}" if where.endswith(")") else f"{where}.{name}"


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _convert(kind: Any, value: Any, where: str) -> Any:
    if kind is Any:
        return value
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return _convert_union(get_args(kind), value, where)
    if origin is Literal:
        if value not in get_args(kind):
            choices = ", ".join(repr(a) for a in get_args(kind))
            raise SchemaError(where, f"expected one of {choices}, got {_describe(value)}")
        return value
    if origin in (list, tuple):
        return _convert_sequence(kind, origin, value, where)
    if origin is dict or kind is dict:
        return _convert_mapping(kind, value, where)
    if dataclasses.is_dataclass(kind):
        return _convert_dataclass(kind, value, where)
    return _convert_scalar(kind, value, where)


def _convert_union(options: tuple[Any, ...], value: Any, where: str) -> Any:
    if value is None and type(None) in options:
        return None
    problems = []
    for option in options:
        if option is type(None):
            continue
        try:
            return _convert(option, value, where)
        except SchemaError as exc:
            problems.append(exc)
    raise problems[0]


def _convert_sequence(kind: Any, origin: type, value: Any, where: str) -> Any:
    args = get_args(kind)
    item_kind = args[0] if args else Any
    if isinstance(value, str) and item_kind in (str, Any):
        value = [value]
    if not isinstance(value, list | tuple):
        raise SchemaError(where, f"expected a list, got {_describe(value)}")
    items = [_convert(item_kind, item, _label(where, i, item)) for i, item in enumerate(value)]
    return tuple(items) if origin is tuple else items


def _convert_mapping(kind: Any, value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise SchemaError(where, f"expected a mapping, got {_describe(value)}")
    args = get_args(kind)
    value_kind = args[1] if len(args) == 2 else Any
    out = {}
    for key, item in value.items():
        if not isinstance(key, str):
            raise SchemaError(where, f"keys must be texts, got {_describe(key)}")
        out[key] = _convert(value_kind, item, _join(where, key))
    return out


def _convert_dataclass(cls: type, value: Any, where: str) -> Any:
    if not isinstance(value, Mapping):
        raise SchemaError(where, f"expected a mapping, got {_describe(value)}")
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = [key for key in value if key not in fields]
    if unknown:
        known = ", ".join(sorted(fields))
        raise SchemaError(where, f"unknown field {unknown[0]!r} (known: {known})")
    hints = _hints(cls)
    values = {}
    for name, spec in fields.items():
        inner = _join(where, name)
        if name not in value:
            if spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING:
                raise SchemaError(where, f"missing field {name!r}")
            continue
        converted = _convert(hints[name], value[name], inner)
        check: Callable[[Any], Any] | None = spec.metadata.get("check")
        if check is not None:
            try:
                converted = check(converted)
            except ValueError as exc:
                raise SchemaError(inner, str(exc)) from None
        values[name] = converted
    return cls(**values)


def _convert_scalar(kind: Any, value: Any, where: str) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind in (int, float) and isinstance(value, bool):
        raise SchemaError(where, f"expected {_NAMES[kind]}, got {_describe(value)}")
    if isinstance(kind, type) and isinstance(value, kind):
        return value
    name = _NAMES.get(kind, getattr(kind, "__name__", str(kind)))
    raise SchemaError(where, f"expected {name}, got {_describe(value)}")


def text_check(pattern: str, problem: str) -> Callable[[str], str]:
    """A check for :func:`dataclasses.field` metadata: the text must match ``pattern``."""
    import re

    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(problem)
        return value

    return check


__all__ = ["SchemaError", "load", "load_list", "text_check"]
