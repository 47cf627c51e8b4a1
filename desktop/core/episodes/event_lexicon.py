"""The event lexicon: ``corpus/lexicons/events.yaml`` read, validated and compiled to patterns.

Event types with their trigger words and anaphors, the negations that cancel a trigger and
the cues that make an event planned rather than done.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from desktop.core.files import schema
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
    near_dates: bool = False  # dated only by its own sentence or what is near it, never by the lede
    present: tuple[str, ...] = ()  # present-tense triggers that, undated, tell of the publication day


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
    deadlines: tuple[str, ...] = ()
    habitual: tuple[str, ...] = ()
    forward: tuple[str, ...] = ()
    dated: tuple[str, ...] = ()
    adjectival: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()  # "European" + "leaders": a demonym naming a party
    wrappers: tuple[str, ...] = ()  # "decided to" + a trigger: the trigger's event, not a decision
    pairs: tuple[str, ...] = ()  # "the two leaders": the two people told of just before
    captions: tuple[str, ...] = ()  # "Photo:": a caption's events need a date of their own
    copular: tuple[str, ...] = ()  # "It was the first visit …": more about the event before
    sides: tuple[str, ...] = ()  # "the sides", "the two countries": the two states just named
    party_words: tuple[str, ...] = ()  # "the guest", "his host": a party of the event just told
    intent: tuple[str, ...] = ()  # types whose object lies ahead ("proposed a visit"): planned


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
    """Whole-word, case-insensitive matching of phrases; the longest match wins. A mark that is
    no word ("%", a quotation mark) matches wherever it stands ("50%", "called it \"a sham\"")."""
    sequences, marks = [], []
    for phrase in {p.lower() for p in phrases}:
        if not any(c.isalnum() for c in phrase):
            marks.append(re.escape(phrase))
            continue
        words = phrase.split()
        # characters, with whitespace between words
        sequences.append([c for word in words for c in ([*word, " "])][:-1])
    body = _trie(sequences).replace(r"\ ", r"\s+").replace(" ", r"\s+")
    words_part = rf"(?<![\w-])(?:{body})(?![\w-])" if sequences else ""
    return re.compile("|".join(x for x in (words_part, *sorted(marks, key=len, reverse=True)) if x), re.IGNORECASE)


def _some(items: list[str]) -> list[str]:
    if not items:
        raise ValueError("expected at least one word")
    return items


@dataclass(frozen=True)
class _NeedEntry:
    """One entry of a type's ``needs`` in events.yaml."""

    triggers: list[str] = field(metadata={"check": _some})
    words: list[str] = field(default_factory=list)
    person: bool = False
    unless: list[str] = field(default_factory=list)
    within: int = 6


@dataclass(frozen=True)
class _TypeEntry:
    """One entry of ``types`` in events.yaml."""

    triggers: list[str] = field(metadata={"check": _some})
    label: str = ""
    plover: str = "OTHER"
    family: str = ""
    priority: int = 0
    reporting: bool = False
    stage: bool = False
    title: list[str] = field(default_factory=list)
    anaphors: list[str] = field(default_factory=list)
    needs: list[_NeedEntry] = field(default_factory=list)
    near_dates: bool = False
    present: list[str] = field(default_factory=list)


def _non_empty(types: dict) -> dict:
    if not types:
        raise ValueError("expected at least one event type")
    return types


@dataclass(frozen=True)
class _EventsFile:
    """The shape of ``corpus/lexicons/events.yaml`` (see its head for what each part means)."""

    types: dict[str, _TypeEntry] = field(metadata={"check": _non_empty})
    negations: list[str] = field(default_factory=list)
    planned: list[str] = field(default_factory=list)
    background: list[str] = field(default_factory=list)
    deadlines: list[str] = field(default_factory=list)
    habitual: list[str] = field(default_factory=list)
    forward: list[str] = field(default_factory=list)
    dated: list[str] = field(default_factory=list)
    adjectival: list[str] = field(default_factory=list)
    generic: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    wrappers: list[str] = field(default_factory=list)
    pairs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    copular: list[str] = field(default_factory=list)
    intent: list[str] = field(default_factory=list)
    party_words: list[str] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)


def _need(type_id: str, spec: _NeedEntry) -> Need:
    if not (spec.words or spec.person or spec.unless):
        raise DataFileError(
            f"events.yaml: types.{type_id}: each need names 'triggers' and 'words', 'person' or 'unless'"
        )
    return Need(
        triggers=frozenset(" ".join(t.lower().split()) for t in spec.triggers),
        words=_phrase_pattern(spec.words) if spec.words else None,
        within=spec.within,
        person=spec.person,
        unless=_phrase_pattern(spec.unless) if spec.unless else None,
    )


def _event_type(type_id: str, spec: _TypeEntry) -> EventType:
    return EventType(
        id=type_id,
        label=spec.label or type_id,
        plover=spec.plover,
        family=spec.family or type_id,
        priority=spec.priority,
        reporting=spec.reporting,
        stage=spec.stage,
        titles=tuple(spec.title),
        triggers=tuple(t.lower() for t in spec.triggers),
        anaphors=tuple(a.lower() for a in spec.anaphors),
        needs=tuple(_need(type_id, n) for n in spec.needs),
        near_dates=spec.near_dates,
        present=tuple(" ".join(t.lower().split()) for t in spec.present),
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


def _words(words: list[str]) -> tuple[str, ...]:
    return tuple(w.lower() for w in words)


@cache
def load_event_lexicon() -> EventLexicon:
    """``corpus/lexicons/events.yaml``, checked by the schema layer: a bad entry names itself."""
    data = schema.load(_EventsFile, load_lexicon("events"), "events.yaml")
    types: dict[str, EventType] = {}
    trigger_type: dict[str, str] = {}
    anaphor_type: dict[str, str] = {}
    for type_id, spec in data.types.items():
        event_type = _event_type(type_id, spec)
        types[event_type.id] = event_type
        _index(event_type, types, trigger_type, anaphor_type)
    return EventLexicon(
        types=types,
        negations=_words(data.negations),
        planned=_words(data.planned),
        trigger_re=_phrase_pattern(list(trigger_type)),
        anaphor_re=_phrase_pattern(list(anaphor_type)) if anaphor_type else re.compile(r"(?!)"),
        trigger_type=trigger_type,
        anaphor_type=anaphor_type,
        background=_words(data.background),
        deadlines=_words(data.deadlines),
        habitual=_words(data.habitual),
        forward=_words(data.forward),
        dated=_words(data.dated),
        adjectival=_words(data.adjectival),
        generic=_words(data.generic),
        parties=_words(data.parties),
        wrappers=tuple(" ".join(w.lower().split()) for w in data.wrappers),
        pairs=_words(data.pairs),
        captions=_words(data.captions),
        copular=_words(data.copular),
        intent=_words(data.intent),
        party_words=_words(data.party_words),
        sides=_words(data.sides),
    )


@cache
def _negation_pattern(negations: tuple[str, ...]) -> re.Pattern[str]:
    """A negation among the three words before a trigger ("did not meet", "didn't visit")."""
    body = "|".join(re.escape(n).replace("'", "['’]") for n in sorted(negations, key=len, reverse=True))
    return re.compile(rf"(?:^|[\s\w])(?:{body})(?:\s+[\w’'-]+){{0,2}}\s*$", re.IGNORECASE)


def is_negated(text: str, start: int, negations: Sequence[str]) -> bool:
    return bool(_negation_pattern(tuple(negations)).search(text[max(0, start - 40) : start]))


#: Between a cue of intention and a trigger, the start of another clause or the end of a quotation
#: ("'Nothing will be agreed,' Duda told reporters": the telling is no plan).
_CLAUSE_BREAK = re.compile(r"\b(?:that|when|because|whereas|although)\b|[;:”]|[,.?!]\"", re.IGNORECASE)


@cache
def _planned_pattern(planned: tuple[str, ...]) -> re.Pattern[str]:
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(planned, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.IGNORECASE)


def is_planned(text: str, sentence_start: int, trigger_start: int, cues: Sequence[str]) -> bool:
    """A cue of intention or future ("will", "plans to", "aims to") before the trigger in its clause
    ("They will remind us that X came" does not make X's coming planned; "In May" is a month)."""
    found = [
        m for m in _planned_pattern(tuple(cues)).finditer(text, sentence_start, trigger_start) if m.group() != "May"
    ]
    return bool(found) and not _CLAUSE_BREAK.search(text, found[-1].end(), trigger_start)
