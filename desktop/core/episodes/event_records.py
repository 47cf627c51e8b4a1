"""What an event is: its participants, evidence and dates, and the small tools to find its parts.

``Window`` slices an article's mentions by offset; ``paragraph_spans`` and ``paragraph_index``
place offsets in paragraphs; ``set_date`` and ``copy_date`` give an event its date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from desktop.core.annotate import timex
from desktop.core.annotate.records import ActorMention, DateMention

PERSON = "person"


@dataclass(frozen=True, slots=True)
class Evidence:
    article: str
    start: int
    end: int
    primary: bool = True  # the sentence that says so; False for context around it


@dataclass(frozen=True, slots=True)
class Participant:
    """An actor in an event, as the event needs it."""

    key: str  # actor id or "unlinked:Name"
    name: str
    short: str  # surname for people, the name otherwise
    kind: str
    side: str


@dataclass(slots=True)
class Event:
    id: str
    article: str
    type: str
    family: str
    trigger: str
    trigger_span: tuple[int, int]
    sentence: tuple[int, int]
    value: str = ""  # TIMEX3 value; "" when no date could be found
    first: dt.date | None = None
    last: dt.date | None = None
    date_source: str = "none"  # sentence | anaphora | sentence-run | paragraph | family-lede | lede | none
    date_text: str = ""
    sources: list[Participant] = field(default_factory=list)
    targets: list[Participant] = field(default_factory=list)
    deliverers: list[Participant] = field(default_factory=list)  # who carried a message ("delivered by X")
    place: str | None = None
    object_phrase: str = ""  # "European leaders" in "a letter … to European leaders"
    name_phrase: str = ""  # "conference on combating illegal migration"
    clause: str = ""  # what a statement says: "Kyiv did not expect a Russian strike …"
    organisation: str = ""  # a conference's organiser or venue body
    summary: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    planned: bool = False
    reporting: bool = False
    priority: int = 0
    confidence: float = 0.5
    link: str | None = None  # the event this one points back to (anaphora, same happening)
    stage: bool = False  # a later stage (a publication) of the event it links to: its dates may differ
    anaphoric: bool = False  # a reference to an earlier event ("the visit"), not a new one
    sentence_index: int = 0

    @property
    def participants(self) -> list[Participant]:
        seen, out = set(), []
        for p in self.sources + self.targets + self.deliverers:
            if p.key not in seen:
                seen.add(p.key)
                out.append(p)
        return out

    @property
    def precision(self) -> str:
        return timex.granularity(self.value) if self.value else "none"


#: Particles that belong to a surname ("Van der Bellen", "de Saint-Aubin").
_PARTICLES = frozenset(
    ["van", "von", "der", "den", "de", "du", "la", "le", "da", "di", "del", "della", "al", "el", "bin", "ibn"]
)


def _surname(name: str) -> str:
    words = name.split()
    first = len(words) - 1
    while first > 1 and words[first - 1].lower() in _PARTICLES:
        first -= 1
    return " ".join(words[first:])


@lru_cache(maxsize=8192)
def participant(m: ActorMention) -> Participant:
    """An actor as events see it (the same mention always gives the same participant)."""
    key = m.actor if m.actor is not None else f"unlinked:{m.name}"
    short = _surname(m.name) if m.kind == PERSON and " " in m.name else m.name
    return Participant(key, m.name, short, m.kind, m.side)


def date_usable(d: DateMention) -> bool:
    return d.type in ("DATE", "TIME") and timex.bounds(d.value) is not None


def specific_kind(p: Participant) -> bool:
    return p.kind in (PERSON, "organisation") or p.key.startswith("unlinked:")


def possessive(text: str, end: int) -> bool:
    return text.startswith(("’s", "'s", "’ ", "' "), end)


_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of the plain text: blocks are separated by blank lines."""
    spans, start = [], 0
    for m in _BLANK_LINE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger or anaphor found by the one scan of an article."""

    start: int
    end: int
    text: str


class Window:
    """Mentions sorted by start, sliced by offset range in O(log n)."""

    def __init__(self, mentions: list) -> None:
        self._mentions = mentions
        self._starts = [m.start for m in mentions]

    def between(self, start: int, end: int) -> list:

        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end, lo)
        return self._mentions[lo:hi]


def paragraph_index(paragraphs: Sequence[tuple[int, int]]):
    starts = [p[0] for p in paragraphs]

    def index(offset: int) -> int:

        return max(0, bisect.bisect_right(starts, offset) - 1)

    return index


def set_date(event: Event, dates: list[DateMention], source: str) -> None:
    bounds = [timex.bounds(d.value) for d in dates]
    bounds = [b for b in bounds if b is not None]
    if not bounds:
        return
    first = min(b[0] for b in bounds)
    last = max(b[1] for b in bounds)
    if len(dates) == 1:
        event.value = dates[0].value
    else:
        event.value = first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"
    event.first, event.last = first, last
    event.date_source = source
    event.date_text = " and ".join(d.text for d in dates)


def copy_date(event: Event, source: Event, how: str) -> None:
    event.value, event.first, event.last = source.value, source.first, source.last
    event.date_text = source.date_text
    event.date_source = how


def unique_participants(mentions: list[ActorMention]) -> list[Participant]:
    seen, out = set(), []
    for m in mentions:
        p = participant(m)
        if p.key not in seen:
            seen.add(p.key)
            out.append(p)
    return out
