"""Descriptions that refer back to a state: "the regime", "the authorities".

A lower-case description after a bare "the" (no demonym: "the Lithuanian authorities" is the
demonym's state, found by the tagger) stands for the state whose leader the article names most
(a regime is its ruler's), else the state it names most by name, capital or demonym; the words
are the ``state_words`` of ``corpus/lexicons/references.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from desktop.core.annotate.records import VIA_ROLE, ActorMention
from desktop.core.annotate.reference_words import _alternation


class _StatePattern:
    """The descriptions' pattern, run only on texts holding one of its nouns (a quick look first)."""

    def __init__(self, words: Sequence[str]) -> None:
        self.nouns = tuple(w.split()[-1] for w in words)
        self.pattern = re.compile(rf"[Tt]he\s+(?:{_alternation(words)})(?![\w-])")

    def finditer(self, text: str):
        if not any(n in text for n in self.nouns):
            return []
        return [m for m in self.pattern.finditer(text) if not m.start() or not _WORD_CHAR.match(text, m.start() - 1)]


_WORD_CHAR = re.compile(r"[\w-]")


def state_pattern(words: Sequence[str]) -> _StatePattern | None:
    return _StatePattern(words) if words else None


def most_named_state(mentions: Sequence[ActorMention]) -> str | None:
    """The state the text names most by its own name, capital or demonym (not through its
    people's offices: an article about an American envoy in Minsk is about Belarus); ties: the first."""
    counts: Counter[str] = Counter(m.actor for m in mentions if m.kind == "state" and m.actor)
    return counts.most_common(1)[0][0] if counts else None


def leader_state(mentions: Sequence[ActorMention], gazetteer, leaders, anchor) -> str | None:
    """The state whose leader (an office of the ``leaders`` class: president, head of state) the
    text names most: a regime is its ruler's ("the dictator Lukashenka … the regime released")."""
    counts: Counter[str] = Counter()
    people = Counter(m.actor for m in mentions if m.actor and m.kind == "person")
    for actor_id, n in people.items():
        actor = gazetteer.actor(actor_id)
        tenure = actor.tenure_at(anchor) if actor is not None else None
        role = gazetteer.role(tenure.role) if tenure is not None else None
        if role is not None and role.of and leaders.fits(tenure.title) and gazetteer.actor(role.of) is not None:
            counts[role.of] += n
    return counts.most_common(1)[0][0] if counts else None


def state_descriptions(
    text: str, pattern: _StatePattern | None, mentions: Sequence[ActorMention], gazetteer, leaders=None, anchor=None
) -> list[ActorMention]:
    """Mentions of the article's state for "the regime", "the authorities" outside other mentions."""
    matches = list(pattern.finditer(text)) if pattern is not None else []
    if not matches:
        return []
    country = (leader_state(mentions, gazetteer, leaders, anchor) if leaders is not None else None) or (
        most_named_state(mentions)
    )
    if country is None:
        return []
    state = gazetteer.actor(country)
    if state is None or state.kind != "state":
        return []
    starts = sorted(m.start for m in mentions)
    ends = sorted(m.end for m in mentions)
    found = []
    for m in matches:
        # overlapping a mention: one starts before its end and ends after its start
        overlaps = bisect.bisect_left(starts, m.end()) - bisect.bisect_right(ends, m.start())
        if overlaps > 0 or re.match(r"\s+of\b", text[m.end() : m.end() + 6]):
            continue  # "the authorities of Lithuania": the tagger's
        found.append(
            ActorMention(
                start=m.start(),
                end=m.end(),
                text=m.group(),
                actor=state.id,
                name=state.name,
                kind=state.kind,
                side=state.side,
                via=VIA_ROLE,
                matched=f"refers back to {state.name}, the state the article names most",
                role="",
            )
        )
    return found


#: A verb of travel and where to, just after a description in its sentence: "has visited China
#: more than ten times", "flew to Beijing", "arrived in Tehran".
_TRAVEL = re.compile(
    r"\s+(?:(?:has|had|have|also|then|later|first|again|once|already|often)\s+){0,2}"
    r"(?:visited|visits|visiting|travelled\s+to|traveled\s+to|flew\s+to|went\s+to|arrived\s+in|came\s+to|"
    r"returned\s+to|paid\s+(?:a|an|his|her)\s+(?:\w+\s+){0,2}visit\s+to)\s+(?:the\s+)?(?P<where>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)


def travels_to(text: str, end: int, gazetteer) -> frozenset[str]:
    """The states a description's person travels to in its sentence ("The head of state has
    visited China"): a leader of those states is not meant."""
    m = _TRAVEL.match(text, end)
    if m is None:
        return frozenset()
    return _state_names(gazetteer).get(m.group("where"), frozenset())


_NAMES: dict[int, tuple[object, dict[str, frozenset[str]]]] = {}


def _state_names(gazetteer) -> dict[str, frozenset[str]]:
    """A state's name, aliases and capital -> its ids, once per gazetteer."""
    cached = _NAMES.get(id(gazetteer))
    if cached is not None and cached[0] is gazetteer:
        return cached[1]
    names: dict[str, set[str]] = {}
    for actor in gazetteer.actors.values():
        if actor.kind == "state":
            for name in (actor.name, *actor.aliases, actor.capital):
                if name:
                    names.setdefault(name, set()).add(actor.id)
    frozen = {k: frozenset(v) for k, v in names.items()}
    _NAMES[id(gazetteer)] = (gazetteer, frozen)
    return frozen
