"""Descriptions that refer back to a state: "the regime", "the authorities".

A lower-case description after a bare "the" (no demonym: "the Lithuanian authorities" is the
demonym's state, found by the tagger) stands for the state whose leader the article names most
(a regime is its ruler's), else the state it names most by name, capital or demonym; the words
are the ``state_words`` of ``corpus/lexicons/references.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from desktop.core.annotate.records import VIA_ROLE, ActorMention
from desktop.core.annotate.reference_words import _alternation


def state_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    return re.compile(rf"(?<![\w-])(?:the|The)\s+(?:{_alternation(words)})(?![\w-])")


def most_named_state(mentions: Sequence[ActorMention]) -> str | None:
    """The state the text names most by its own name, capital or demonym (not through its
    people's offices: an article about an American envoy in Minsk is about Belarus); ties: the first."""
    counts: Counter[str] = Counter(m.actor for m in mentions if m.kind == "state" and m.actor)
    return counts.most_common(1)[0][0] if counts else None


def leader_state(mentions: Sequence[ActorMention], gazetteer, leaders, anchor) -> str | None:
    """The state whose leader (an office of the ``leaders`` class: president, head of state) the
    text names most: a regime is its ruler's ("the dictator Lukashenka … the regime released")."""
    counts: Counter[str] = Counter()
    for m in mentions:
        actor = gazetteer.actor(m.actor) if m.actor and m.kind == "person" else None
        tenure = actor.tenure_at(anchor) if actor is not None else None
        role = gazetteer.role(tenure.role) if tenure is not None else None
        if role is not None and role.of and leaders.fits(tenure.title) and gazetteer.actor(role.of) is not None:
            counts[role.of] += 1
    return counts.most_common(1)[0][0] if counts else None


def state_descriptions(
    text: str, pattern: re.Pattern[str] | None, mentions: Sequence[ActorMention], gazetteer, leaders=None, anchor=None
) -> list[ActorMention]:
    """Mentions of the article's state for "the regime", "the authorities" outside other mentions."""
    if pattern is None:
        return []
    country = (leader_state(mentions, gazetteer, leaders, anchor) if leaders is not None else None) or (
        most_named_state(mentions)
    )
    if country is None:
        return []
    state = gazetteer.actor(country)
    if state is None or state.kind != "state":
        return []
    taken = [(m.start, m.end) for m in mentions]
    found = []
    for m in pattern.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or re.match(r"\s+of\b", text[m.end() : m.end() + 6]):
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
    where = m.group("where")
    found = set()
    for actor in gazetteer.actors.values():
        if actor.kind == "state" and where in (actor.name, *actor.aliases, actor.capital):
            found.add(actor.id)
    return frozenset(found)
