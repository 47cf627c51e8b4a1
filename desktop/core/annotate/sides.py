"""The sides (colour groups of actors), read from ``corpus/sides.yaml`` through the schema layer.

The bundled file gives the sides in legend order, each with a label, a print code and its colours
in the light and the dark theme. An actors file (the user's own, above all) may add sides of its
own in a ``sides:`` list with the same fields; a side without a colour is refused with an error
that names the file, the entry and the field. The gazetteer tells this module which sides are in
use (:func:`use_sides`), and the palette colours them (:func:`known_sides`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from desktop.core.annotate.gazetteer_records import FALLBACK_SIDE, GazetteerError, Side
from desktop.core.files import schema
from desktop.core.files.lexicons import DataFileError, load_yaml

_SLUG = schema.text_check(
    r"[a-z][a-z0-9-]*", "expected a slug (a lowercase letter, then lowercase letters, digits, hyphens)"
)
_COLOUR = r"#[0-9A-Fa-f]{6}"
#: How much darker a side's chip is in the dark theme when its file gives no ``dark`` colour.
DARK_SHADE = 0.12


def _colour_check(value: str) -> str:
    if not re.fullmatch(_COLOUR, value):
        raise ValueError(f"{value!r} is not a colour (use #RRGGBB)")
    return value


def _optional_colour_check(value: str | None) -> str | None:
    return None if value is None else _colour_check(value)


def _text_check(value: str) -> str:
    if not value.strip():
        raise ValueError("expected a text, got an empty one")
    return value.strip()


@dataclass(frozen=True)
class SideEntry:
    """One entry of a ``sides:`` list, as written in the file."""

    id: str = field(metadata={"check": _SLUG})
    label: str = field(metadata={"check": _text_check})
    code: str = field(metadata={"check": _text_check})
    colour: str = field(metadata={"check": _colour_check})
    dark: str | None = field(default=None, metadata={"check": _optional_colour_check})

    def side(self) -> Side:
        return Side(self.id, self.label, self.code, self.colour, self.dark or darken(self.colour, DARK_SHADE))


@dataclass(frozen=True)
class SidesFile:
    """``corpus/sides.yaml``."""

    sides: list[SideEntry]
    version: int = 1


def mix(colour: str, other: str, amount: float) -> str:
    """``amount`` of ``colour`` over ``other`` (hex strings)."""
    a = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(other[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x * amount + y * (1 - amount)):02x}" for x, y in zip(a, b, strict=True))


def darken(colour: str, amount: float) -> str:
    return mix(colour, "#000000", 1 - amount)


def bundled_sides_file() -> Path:
    from desktop.core.files import paths

    return paths.corpus_dir() / "sides.yaml"


def load_sides(path: Path) -> tuple[Side, ...]:
    """The sides of a sides file, in its order; it must have the fallback side ``other``."""
    try:
        data = schema.load(SidesFile, load_yaml(path), path.name)
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    sides = _unique(data.sides, path.name)
    if FALLBACK_SIDE not in {s.id for s in sides}:
        raise GazetteerError(f"{path.name}: sides: missing the side '{FALLBACK_SIDE}' (for actors of no known side)")
    return sides


def extra_sides(raw: Any, source: str) -> tuple[Side, ...]:
    """The ``sides:`` list of an actors file (None: no sides of its own)."""
    if raw is None:
        return ()
    try:
        entries = schema.load_list(SideEntry, raw, source, "sides")
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    return _unique(entries, source)


def merge_sides(base: Sequence[Side], extra: Iterable[Side]) -> tuple[Side, ...]:
    """``base`` then ``extra``; an extra side with the id of a base side replaces it in place."""
    merged = {side.id: side for side in base}
    merged.update((side.id, side) for side in extra)
    return tuple(merged.values())


def _unique(entries: Sequence[SideEntry], source: str) -> tuple[Side, ...]:
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry.id in seen:
            raise GazetteerError(f"{source}: sides[{index}] (id '{entry.id}'): id: '{entry.id}' is defined twice")
        seen.add(entry.id)
    return tuple(entry.side() for entry in entries)


@cache
def bundled_sides() -> tuple[Side, ...]:
    """The sides of ``corpus/sides.yaml`` (read once)."""
    return load_sides(bundled_sides_file())


_in_use: tuple[Side, ...] | None = None


def use_sides(sides: Sequence[Side]) -> None:
    """The sides of the gazetteer just loaded (bundled and the user's): the palette colours these."""
    global _in_use
    _in_use = tuple(sides)


def known_sides() -> tuple[Side, ...]:
    """The sides in use: those of the last gazetteer loaded, else the bundled ones."""
    return _in_use if _in_use is not None else bundled_sides()


def side_ids() -> tuple[str, ...]:
    return tuple(side.id for side in known_sides())
