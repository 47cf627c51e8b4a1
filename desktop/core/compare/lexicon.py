"""The facet and motif lexicons (``corpus/lexicons/facets.yaml``, ``motifs.yaml``), read on the schema layer.

Each entry is checked by :func:`desktop.core.files.schema.load`; errors name the entry as
``facet 'id'``, ``facet 'id', cue 'id'`` or ``motif 'id'`` (``#n`` when it has no id).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, TypeVar, get_args

from desktop.core.compare.cues import CueGroup, cue_group
from desktop.core.files.lexicons import DataFileError, load_lexicon
from desktop.core.files.schema import load

FacetKind = Literal["when", "actors", "venue", "cues"]
ActorKind = Literal["person", "organisation", "state", "bloc", "demonym"]
FACET_KINDS: tuple[str, ...] = get_args(FacetKind)
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)

DEFAULT_EMPTY = "Not stated in the sources"
#: Facet fields that name a group of ``sides``.
SIDE_GROUP_FIELDS = ("sides", "mention", "subject")

T = TypeVar("T")


# =========================================================================== records


@dataclass(frozen=True, slots=True)
class FacetSpec:
    id: str
    label: str
    description: str
    kind: str
    sides: str = ""
    kinds: tuple[str, ...] = ()
    terms: str = "side"
    mention: str = ""
    subject: str = ""
    cues_required: bool = True
    cues: tuple[CueGroup, ...] = ()


@dataclass(frozen=True, slots=True)
class FacetLexicon:
    empty: str
    max_extracts: int
    extract_chars: int
    sides: Mapping[str, frozenset[str]]
    side_words: Mapping[str, str]
    people_nouns: frozenset[str]
    side_order: tuple[str, ...]
    facets: tuple[FacetSpec, ...]


@dataclass(frozen=True, slots=True)
class MotifSpec:
    id: str
    label: str
    description: str
    cues: CueGroup


# =========================================================================== shapes of the files


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _at_least(minimum: int) -> Any:
    def check(value: int) -> int:
        if value < minimum:
            raise ValueError(f"must be at least {minimum}, got {value}")
        return value

    return check


def _phrase_list(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Cue phrases, white space normalised; a phrase of only "=", "…" and dots is no phrase."""
    if not phrases:
        raise ValueError("needs a non-empty list of phrases")
    for phrase in phrases:
        if not phrase.strip() or not phrase.strip("=…. "):
            raise ValueError(f"{phrase!r} is not a phrase")
    return tuple(" ".join(p.split()) for p in phrases)


_ID = {"check": _not_blank}


@dataclass(frozen=True)
class _CueEntry:
    id: str = field(metadata=_ID)
    phrases: tuple[str, ...] = field(metadata={"check": _phrase_list})
    label: str | None = None


@dataclass(frozen=True)
class _FacetEntry:
    id: str = field(metadata=_ID)
    label: str = field(metadata=_ID)
    description: str = ""
    kind: FacetKind = "cues"
    sides: str = ""
    kinds: tuple[ActorKind, ...] = ()
    terms: Literal["role", "side"] = "side"
    mention: str = ""
    subject: str = ""
    cues_required: bool = True
    cues: Any = None  # read entry by entry (see _entries), so that an error names the cue


@dataclass(frozen=True)
class _Cast:
    side_order: tuple[str, ...] = ()


@dataclass(frozen=True)
class _FacetsFile:
    facets: Any = None  # read entry by entry (see _entries), so that an error names the facet
    empty: str = DEFAULT_EMPTY
    max_extracts: int = field(default=3, metadata={"check": _at_least(1)})
    extract_chars: int = field(default=200, metadata={"check": _at_least(40)})
    sides: dict[str, tuple[str, ...]] = field(default_factory=dict)
    side_words: dict[str, str] = field(default_factory=dict)
    people_nouns: tuple[str, ...] = ()
    cast: _Cast = _Cast()


@dataclass(frozen=True)
class _MotifEntry:
    id: str = field(metadata=_ID)
    label: str = field(metadata=_ID)
    cues: tuple[str, ...] = field(metadata={"check": _phrase_list})
    description: str = ""


@dataclass(frozen=True)
class _MotifsFile:
    motifs: Any = None  # read entry by entry (see _entries), so that an error names the motif


def _section(value: Any, where: str, key: str, need: str = "a non-empty list", empty_ok: bool = False) -> list[Any]:
    """The raw entries of a list section; ``need`` says what it must be when it is not."""
    if not isinstance(value, list) or not (value or empty_ok):
        raise DataFileError(f"{where}: '{key}' must be {need}")
    return value


def _entries(cls: type[T], items: Sequence[Any], where: str, noun: str) -> list[tuple[str, T]]:
    """Each entry as ``cls`` with the name errors give it (``facet 'id'``, ``facet #2``); ids unique."""
    out: list[tuple[str, T]] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
            label = f"{where}{noun} '{item['id']}'"
        else:
            label = f"{where}{noun} #{index + 1}"
        entry = load(cls, item, label)
        if entry.id in seen:  # type: ignore[attr-defined]
            raise DataFileError(f"{label}: duplicate id")
        seen.add(entry.id)  # type: ignore[attr-defined]
        out.append((label, entry))
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


# =========================================================================== facets


def _cue_groups(value: Any, where: str) -> tuple[CueGroup, ...]:
    if value is None:
        return ()
    items = _section(value, where, "cues", "a list of {id, phrases} entries", empty_ok=True)
    return tuple(
        cue_group(cue.id, cue.label if cue.label is not None else cue.id, cue.phrases)
        for _label, cue in _entries(_CueEntry, items, f"{where}, ", "cue")
    )


def _facet(entry: _FacetEntry, where: str, sides: Mapping[str, frozenset[str]]) -> FacetSpec:
    for key in SIDE_GROUP_FIELDS:
        group = getattr(entry, key)
        if group and group not in sides:
            raise DataFileError(f"{where}: '{key}' names an unknown side group {group!r}")
    if entry.kind == "actors" and not entry.sides:
        raise DataFileError(f"{where}: an 'actors' facet needs 'sides'")
    cues = _cue_groups(entry.cues, where)
    if entry.kind == "cues" and not cues:
        raise DataFileError(f"{where}: a 'cues' facet needs cues")
    return FacetSpec(
        id=entry.id,
        label=entry.label,
        description=_words(entry.description),
        kind=entry.kind,
        sides=entry.sides,
        kinds=entry.kinds or ("person",),
        terms=entry.terms,
        mention=entry.mention,
        subject=entry.subject,
        cues_required=entry.cues_required,
        cues=cues,
    )


def parse_facet_lexicon(data: Any, name: str = "facets.yaml") -> FacetLexicon:
    """Validate the facets data; a bad entry raises :class:`DataFileError` naming it."""
    if not isinstance(data, Mapping):
        raise DataFileError(f"{name}: expected a mapping at the top level")
    top = load(_FacetsFile, data, name)
    sides = {key: frozenset(ids) for key, ids in top.sides.items()}
    entries = _entries(_FacetEntry, _section(top.facets, name, "facets"), f"{name}: ", "facet")
    return FacetLexicon(
        empty=top.empty or DEFAULT_EMPTY,
        max_extracts=top.max_extracts,
        extract_chars=top.extract_chars,
        sides=sides,
        side_words=dict(top.side_words),
        people_nouns=frozenset(n.lower() for n in top.people_nouns),
        side_order=top.cast.side_order,
        facets=tuple(_facet(entry, where, sides) for where, entry in entries),
    )


# =========================================================================== motifs


def parse_motif_lexicon(data: Any, name: str = "motifs.yaml") -> tuple[MotifSpec, ...]:
    """Validate the motifs data; a bad entry raises :class:`DataFileError` naming it."""
    top = load(_MotifsFile, data, name)
    entries = _entries(_MotifEntry, _section(top.motifs, name, "motifs"), f"{name}: ", "motif")
    return tuple(
        MotifSpec(m.id, m.label, _words(m.description), cue_group(m.id, m.label, m.cues)) for _where, m in entries
    )


@cache
def load_facet_lexicon() -> FacetLexicon:
    """``corpus/lexicons/facets.yaml``, validated."""
    return parse_facet_lexicon(load_lexicon("facets"))


@cache
def load_motif_lexicon() -> tuple[MotifSpec, ...]:
    """``corpus/lexicons/motifs.yaml``, validated."""
    return parse_motif_lexicon(load_lexicon("motifs"))


__all__ = [
    "ACTOR_KINDS",
    "FACET_KINDS",
    "FacetLexicon",
    "FacetSpec",
    "MotifSpec",
    "load_facet_lexicon",
    "load_motif_lexicon",
    "parse_facet_lexicon",
    "parse_motif_lexicon",
]
