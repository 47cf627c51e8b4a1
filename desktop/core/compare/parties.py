"""The ``actors`` kind of facet cell: the parties on some sides (the messenger, the counterparts).

Parties come from the episodes' events, then from their main sentences or sentences with a
cue; key terms are a person's role or the side. For messengers the summary also says who met
them, or what they did.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from desktop.core.annotate.records import VIA_DEMONYM, ActorMention
from desktop.core.compare.cues import cue_hits
from desktop.core.compare.facet_context import FacetContext, event_lexicon, role_words
from desktop.core.compare.lexicon import FacetSpec
from desktop.core.compare.pools import PRIMARY, PoolSentence, ranked
from desktop.core.compare.records import Extract, FacetCell, Hit, Term

#: Kinds of party that speak for their side (states, blocs and bodies only stand in for them).
SPEAKERS = ("person", "demonym")

_Span = tuple[int, int]


@dataclass(slots=True)
class _Party:
    label: str
    side: str
    kind: str
    term: Term
    where: list[tuple[PoolSentence, _Span]] = field(default_factory=list)


def actor_key(m: ActorMention) -> str:
    """An actor's id, or ``unlinked:Name`` for a mention linked to no actor."""
    return m.actor or f"unlinked:{m.name}"


class _PartyFinder:
    """Collects the parties of one cell, with the sentences (and spans) that name them."""

    def __init__(self, ctx: FacetContext, spec: FacetSpec, subject: int) -> None:
        self.ctx = ctx
        self.spec = spec
        self.sides = ctx.lex.sides.get(spec.sides, frozenset())
        self.kinds = set(spec.kinds)
        self.pool = ranked(ctx.pools[subject])
        self.episodes = ctx.groups[subject][1]
        self.parties: dict[str, _Party] = {}

    # ----------------------------------------------------------------- one party

    def term_of(self, m: ActorMention) -> Term:
        if self.spec.terms == "role":
            role = self.ctx.short_role(m.role) if m.role else ""
            return Term(f"role:{role}", role) if role else Term(f"actor:{m.actor or m.name}", m.name)
        return Term(f"side:{m.side}", self.ctx.lex.side_words.get(m.side, m.side))

    def label_of(self, m: ActorMention) -> str:
        short = m.name.split()[-1] if m.kind == "person" and " " in m.name else m.name
        if not m.role:
            return short
        role = self.ctx.short_role(m.role) if self.spec.terms == "role" else role_words(m.role)
        return f"{short} ({role})"

    def add(self, key: str, label: str, m: ActorMention, kind: str, sentence: PoolSentence, span: _Span) -> None:
        party = self.parties.setdefault(key, _Party(label, m.side, kind, self.term_of(m)))
        party.where.append((sentence, span))

    def mention(self, m: ActorMention, sentence: PoolSentence) -> None:
        """Take the mention as a party if it is of the facet's kinds (a demonym: with a people noun)."""
        if m.via == VIA_DEMONYM:
            self.demonym(m, sentence)
        elif m.kind in self.kinds:
            self.add(actor_key(m), self.label_of(m), m, m.kind, sentence, (m.start, m.end))

    def demonym(self, m: ActorMention, sentence: PoolSentence) -> None:
        """ "European" + "leaders": a named group of people, when the noun is one of ``people_nouns``."""
        if "demonym" not in self.kinds:
            return
        text = self.ctx.texts.text(sentence.article)
        noun = re.match(r"[ \u00a0]+(\w+)", text[m.end : sentence.end])
        if not noun or noun.group(1).lower() not in self.ctx.lex.people_nouns:
            return
        key = f"group:{m.side}:{noun.group(1).lower()}"
        self.add(key, f"{m.text} {noun.group(1)}", m, "demonym", sentence, (m.start, m.end + noun.end()))

    # ----------------------------------------------------------------- where parties come from

    def event_parties(self) -> None:
        """The parties of the episodes' events (done and not planned, when there are such)."""
        events = [e for ep in self.episodes for e in ep.events if not e.reporting]
        done = [e for e in events if not e.planned] or events
        keys = {p.key for e in done for p in e.sources + e.targets if p.side in self.sides and p.kind in self.kinds}
        for sentence in self.pool:
            for m in self.ctx.texts.actors(sentence.article, sentence.start, sentence.end):
                if actor_key(m) in keys and m.via != VIA_DEMONYM:
                    self.mention(m, sentence)

    def named_parties(self) -> None:
        """Counterparts: named in the main (primary) sentences, or next to a cue.

        From sentences only people and named groups ("European leaders"); states, blocs and
        bodies count when they take part in an event.
        """
        for sentence in self.pool:
            mentions = [
                m for m in self.ctx.texts.actors(sentence.article, sentence.start, sentence.end) if m.side in self.sides
            ]
            if mentions and (sentence.rank == PRIMARY or self.cued(sentence)):
                for m in mentions:
                    if m.kind == "person" or m.via == VIA_DEMONYM:
                        self.mention(m, sentence)

    def cued(self, sentence: PoolSentence) -> bool:
        text = self.ctx.texts.text(sentence.article)
        return bool(self.spec.cues) and bool(cue_hits(self.spec.cues, text, sentence.start, sentence.end))

    def chosen(self) -> list[tuple[str, _Party]]:
        """States, blocs and organisations stand in only for sides no person or group speaks for."""
        spoken = {p.side for p in self.parties.values() if p.kind in SPEAKERS}
        return [(k, p) for k, p in self.parties.items() if p.kind in SPEAKERS or p.side not in spoken]

    def extracts(self, chosen: list[tuple[str, _Party]]) -> list[tuple[PoolSentence, Extract]]:
        """Each sentence that names a chosen party, its names marked and in focus."""
        by_sentence: dict[int, list] = {}  # one pass over the parties' places, not one per sentence
        for _, p in chosen:
            for s, span in p.where:
                by_sentence.setdefault(id(s), []).append((span, p.term))
        found = []
        for sentence in self.pool:
            spans = by_sentence.get(id(sentence), [])
            if spans:
                spans.sort()
                hits = [Hit(a, b, term.key) for (a, b), term in spans]
                focus = (spans[0][0][0], spans[-1][0][1])
                found.append((sentence, self.ctx.extractor.make(sentence, focus, hits)))
        return found


def actors_cell(ctx: FacetContext, spec: FacetSpec, subject: int) -> FacetCell:
    """The parties on the facet's sides, their names or roles as key terms."""
    finder = _PartyFinder(ctx, spec, subject)
    finder.event_parties()
    if spec.terms == "side" or not finder.parties:
        finder.named_parties()
    chosen = finder.chosen()
    if not chosen:
        return FacetCell(subject)
    terms = tuple(dict.fromkeys(p.term for _, p in chosen))
    summary = _relations(ctx, spec, subject, {k: p.label for k, p in chosen})
    parties = tuple(dict.fromkeys(p.label for _, p in chosen))
    return FacetCell(subject, summary, terms, ctx.take(spec, finder.extracts(chosen)), parties=parties)


# =========================================================================== the summary


def _relations(ctx: FacetContext, spec: FacetSpec, subject: int, labels: dict[str, str]) -> str:
    """Names with roles; for messengers also who met them, or what they did (from events)."""
    if spec.terms != "role":
        return "; ".join(labels.values())
    lines: list[str] = []
    done_for: dict[str, list[str]] = defaultdict(list)
    for episode in ctx.groups[subject][1]:
        for event in episode.events:
            if event.reporting or event.planned:
                continue
            line = _met_line(ctx, event, labels)
            if line and line not in lines:
                lines.append(line)
            _note_done(event, labels, done_for)
    mentioned = {k for line in lines for k, v in labels.items() if v in line}
    for key, label in labels.items():
        if key in mentioned:
            continue
        kinds = done_for.get(key)
        lines.append(f"{label}: {', '.join(kinds)}" if kinds else label)
    return "; ".join(lines)


def _met_line(ctx: FacetContext, event, labels: dict[str, str]) -> str:
    """ "Putin → met Makei": who (not a party) acted on the parties, in the event's own verb."""
    targets = [labels[p.key] for p in event.targets if p.key in labels]
    sources = [p for p in event.sources if p.key not in labels]
    if not (targets and sources):
        return ""
    text = ctx.texts.text(event.article)
    trigger = " ".join(text[event.trigger_span[0] : event.trigger_span[1]].split())
    return f"{sources[0].name} → {trigger} {', '.join(targets)}"


def _note_done(event, labels: dict[str, str], done_for: dict[str, list[str]]) -> None:
    """The kind of event each party did (lowercased label), once each."""
    types = event_lexicon().types
    for p in event.sources:
        if p.key in labels:
            label = types[event.type].label.lower() if event.type in types else event.type
            if label not in done_for[p.key]:
                done_for[p.key].append(label)


__all__ = ["actor_key", "actors_cell"]
