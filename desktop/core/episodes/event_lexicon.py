"""The event lexicon: ``corpus/lexicons/events.yaml`` read, validated and compiled to patterns.

Event types with their trigger words and anaphors, the negations that cancel a trigger and
the cues that make an event planned rather than done.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from desktop.core.files.lexicons import DataFileError, load_lexicon


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    label: str
    plover: str
    family: str
    priority: int
    reporting: bool
    stage: bool  # a later stage of its family's main event (a letter's publication)
    titles: tuple[str, ...]
    triggers: tuple[str, ...]
    anaphors: tuple[str, ...]
    needs: tuple[Need, ...] = ()


@dataclass(frozen=True, slots=True)
class Need:
    """Triggers that count only with one of ``words`` (or a person, if ``person``) within ``within``
    words, and none of ``unless``."""

    triggers: frozenset[str]
    words: re.Pattern[str] | None  # None: only ``unless`` counts
    within: int
    person: bool
    unless: re.Pattern[str] | None = None  # words that cancel the trigger even so ("received a letter")


@dataclass(frozen=True)
class EventLexicon:
    types: dict[str, EventType]
    negations: tuple[str, ...]
    planned: tuple[str, ...]
    trigger_re: re.Pattern[str]
    anaphor_re: re.Pattern[str]
    trigger_type: dict[str, str]
    anaphor_type: dict[str, str]
    background: tuple[str, ...] = ()
    habitual: tuple[str, ...] = ()
    forward: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    adjectival: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()


def _trie(words: list[list[str]]) -> str:
    """A regex for these token sequences with shared prefixes factored out (fast to scan)."""
    branches: dict[str, list[list[str]]] = {}
    ends = False
    for tokens in words:
        if not tokens:
            ends = True
            continue
        branches.setdefault(tokens[0], []).append(tokens[1:])
    parts = []
    for head in sorted(branches, key=len, reverse=True):
        rest = branches[head]
        tail = _trie(rest)
        parts.append(re.escape(head) + (f"(?:{tail})" if tail else ""))
    body = "|".join(parts)
    if ends and body:
        return f"(?:{body})?"
    return body


def _phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    """Whole-word, case-insensitive matching of phrases; the longest match wins."""
    sequences = []
    for phrase in {p.lower() for p in phrases}:
        words = phrase.split()
        # characters, with whitespace between words
        sequences.append([c for word in words for c in ([*word, " "])][:-1])
    body = _trie(sequences).replace(r"\ ", r"\s+").replace(" ", r"\s+")
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def _priority(type_id: object, spec: dict) -> int:
    try:
        return int(spec.get("priority", 0))
    except (TypeError, ValueError):
        raise DataFileError(f"events.yaml: type '{type_id}': priority must be a number") from None


def _need(type_id: object, spec: object) -> Need:
    """One entry of a type's ``needs``, validated."""
    if (
        not isinstance(spec, dict)
        or not spec.get("triggers")
        or not any(spec.get(k) for k in ("words", "person", "unless"))
    ):
        raise DataFileError(
            f"events.yaml: type '{type_id}': each need names 'triggers' and 'words', 'person' or 'unless'"
        )
    try:
        within = int(spec.get("within", 6))
    except (TypeError, ValueError):
        raise DataFileError(f"events.yaml: type '{type_id}': 'within' must be a number") from None
    words = [str(w) for w in spec.get("words") or ()]
    return Need(
        triggers=frozenset(" ".join(str(t).lower().split()) for t in spec["triggers"]),
        words=_phrase_pattern(words) if words else None,
        within=within,
        person=bool(spec.get("person", False)),
        unless=_phrase_pattern([str(w) for w in spec["unless"]]) if spec.get("unless") else None,
    )


def _event_type(type_id: object, spec: object) -> EventType:
    """One entry of ``types``, validated."""
    if not isinstance(spec, dict):
        raise DataFileError(f"events.yaml: type '{type_id}' must be a mapping")
    triggers = spec.get("triggers") or []
    if not triggers or not all(isinstance(t, str) for t in triggers):
        raise DataFileError(f"events.yaml: type '{type_id}' needs a list of trigger words")
    priority = _priority(type_id, spec)
    return EventType(
        id=str(type_id),
        label=str(spec.get("label", type_id)),
        plover=str(spec.get("plover", "OTHER")),
        family=str(spec.get("family", type_id)),
        priority=priority,
        reporting=bool(spec.get("reporting", False)),
        stage=bool(spec.get("stage", False)),
        titles=tuple(str(t) for t in spec.get("title") or ()),
        triggers=tuple(t.lower() for t in triggers),
        anaphors=tuple(a.lower() for a in spec.get("anaphors") or ()),
        needs=tuple(_need(type_id, n) for n in spec.get("needs") or ()),
    )


def _index(
    event_type: EventType, types: dict[str, EventType], trigger_type: dict[str, str], anaphor_type: dict[str, str]
) -> None:
    """Register a type's triggers and anaphors (the same word under two types: the higher priority wins)."""
    for trigger in event_type.triggers:
        key = " ".join(trigger.split())
        if key not in trigger_type or types[trigger_type[key]].priority < event_type.priority:
            trigger_type[key] = event_type.id
    for anaphor in event_type.anaphors:
        anaphor_type[" ".join(anaphor.split())] = event_type.id


def _words(data: dict, key: str) -> tuple[str, ...]:
    return tuple(str(n).lower() for n in data.get(key) or ())


@cache
def load_event_lexicon() -> EventLexicon:
    """``corpus/lexicons/events.yaml``, validated: a bad entry names itself."""
    data = load_lexicon("events")
    raw_types = data.get("types")
    if not isinstance(raw_types, dict) or not raw_types:
        raise DataFileError("events.yaml: 'types' must be a mapping of event types")
    types: dict[str, EventType] = {}
    trigger_type: dict[str, str] = {}
    anaphor_type: dict[str, str] = {}
    for type_id, spec in raw_types.items():
        event_type = _event_type(type_id, spec)
        types[event_type.id] = event_type
        _index(event_type, types, trigger_type, anaphor_type)
    return EventLexicon(
        types=types,
        negations=_words(data, "negations"),
        planned=_words(data, "planned"),
        trigger_re=_phrase_pattern(list(trigger_type)),
        anaphor_re=_phrase_pattern(list(anaphor_type)) if anaphor_type else re.compile(r"(?!)"),
        trigger_type=trigger_type,
        anaphor_type=anaphor_type,
        background=_words(data, "background"),
        habitual=_words(data, "habitual"),
        forward=_words(data, "forward"),
        dated=_words(data, "dated"),
        adjectival=_words(data, "adjectival"),
        generic=_words(data, "generic"),
    )


@cache
def _negation_pattern(negations: tuple[str, ...]) -> re.Pattern[str]:
    """A negation among the three words before a trigger ("did not meet", "didn't visit")."""
    body = "|".join(re.escape(n).replace("'", "['’]") for n in sorted(negations, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s\w])(?:{body})(?:\s+[\w’'-]+){{0,2}}\s*$", re.IGNORECASE)


def is_negated(text: str, start: int, negations: Sequence[str]) -> bool:
    return bool(_negation_pattern(tuple(negations)).search(text[max(0, start - 40) : start]))


#: Between a cue of intention and a trigger, the start of another clause.
_CLAUSE_BREAK = re.compile(r"\b(?:that|when|because|whereas|although)\b|[;:]", re.IGNORECASE)


@cache
def _planned_pattern(planned: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(planned, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def is_planned(text: str, sentence_start: int, trigger_start: int, cues: Sequence[str]) -> bool:
    """A cue of intention or future ("will", "plans to", "aims to") before the trigger in its clause
    ("They will remind us that X came" does not make X's coming planned)."""
    found = list(_planned_pattern(tuple(cues)).finditer(text, sentence_start, trigger_start))
    return bool(found) and not _CLAUSE_BREAK.search(text, found[-1].end(), trigger_start)
