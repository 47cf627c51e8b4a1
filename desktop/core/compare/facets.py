"""Facet rows: a cell per subject filled by the facet's kind (when, actors, venue, cues), then the row's marker.

Which kind fills a cell is data (``kind`` in ``facets.yaml``); :data:`CELL_KINDS` maps it to
the function. The row's marker, shared and differing terms and note come from its cells.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from desktop.core.annotate import timex
from desktop.core.annotate.records import VIA_DEMONYM, ActorMention, DateMention
from desktop.core.compare.cues import CueGroup, cue_hits
from desktop.core.compare.facet_context import FacetContext, event_label
from desktop.core.compare.lexicon import FacetSpec
from desktop.core.compare.parties import actors_cell
from desktop.core.compare.pools import PoolSentence, ranked
from desktop.core.compare.records import (
    NONE,
    PARTIAL,
    SAME,
    Extract,
    FacetCell,
    FacetRow,
    Hit,
    Subject,
    Term,
    facet_marker,
)

#: The subject of a sentence is an actor named within its first words (the West's response).
SUBJECT_WORDS = 8

_Found = list[tuple[PoolSentence, Extract]]

#: The note of the "when" row: the episodes' dates differ by nature, which is no difference.
WHEN_NOTE = "the dates of each episode (a change of year is not counted as a difference)"


# =========================================================================== when


def _dates_of(ctx: FacetContext, sentence: PoolSentence, episode) -> list[DateMention]:
    """The sentence's dates that fall within the episode."""
    dates = []
    for d in ctx.texts.dates(sentence.article, sentence.start, sentence.end):
        span = timex.bounds(d.value) if d.type == "DATE" else None
        if span is not None and span[0] <= episode.last and episode.first <= span[1]:
            dates.append(d)
    return dates


def _dated_sentence(ctx: FacetContext, subject: int, episode) -> tuple[PoolSentence, Extract] | None:
    """The best sentence that dates the episode: an explicit date first, then evidence, then order."""
    candidates = []
    for sentence in ctx.pools[subject]:
        dates = _dates_of(ctx, sentence, episode)
        if dates:
            explicit = any(d.anchor == "absolute" for d in dates)
            candidates.append(((not explicit, sentence.rank, sentence.order), sentence, dates))
    if not candidates:
        return None
    _key, sentence, dates = min(candidates, key=lambda c: c[0])
    hits = [Hit(d.start, d.end, d.value[:4]) for d in dates]
    return sentence, ctx.extractor.make(sentence, (dates[0].start, dates[-1].end), hits)


def when_cell(ctx: FacetContext, spec: FacetSpec, subject: int) -> FacetCell:
    """The episodes' dates in words; key terms: the years."""
    episodes = ctx.groups[subject][1]
    words = list(dict.fromkeys(e.date_words() for e in episodes))
    years = sorted({y for e in episodes for y in range(e.first.year, e.last.year + 1)})
    terms = tuple(Term(str(y), str(y)) for y in years)
    found = [f for f in (_dated_sentence(ctx, subject, e) for e in episodes) if f is not None]
    return FacetCell(subject, "; ".join(words), terms, ctx.take(spec, found))


# =========================================================================== venue


def _places(episode, events: Sequence) -> list[str]:
    """Where the episode took place, then the organisations its placed events took place at."""
    where = [episode.place] if episode.place else []
    for e in events:
        if e.organisation and e.place and e.organisation not in where:
            where.append(e.organisation)
    return where


def _main_event(ctx: FacetContext, subject: int, episode, events: Sequence) -> tuple[PoolSentence, Extract] | None:
    """The sentence of the episode's main event (of its type, not anaphoric), its trigger marked."""
    main = next((e for e in events if e.type == episode.type and not e.anaphoric), events[0] if events else None)
    sentence = ctx.sentence_of(subject, main.article, main.sentence[0]) if main is not None else None
    if sentence is None:
        return None
    hits = [Hit(*main.trigger_span, f"type:{main.type}")]
    return sentence, ctx.extractor.make(sentence, main.trigger_span, hits)


def _episode_venue(ctx: FacetContext, subject: int, episode, terms: list[Term], found: _Found) -> str:
    """The kinds of event of an episode and where they took place, in words; adds terms and extract."""
    events = [e for e in episode.events if not e.reporting]
    types = list(dict.fromkeys([episode.type] + [e.type for e in events]))
    labels = [event_label(t) for t in types]
    terms.extend(Term(f"type:{t}", label) for t, label in zip(types, labels, strict=True))
    where = _places(episode, events)
    terms.extend(Term(f"place:{w.lower()}", w) for w in where)
    main = _main_event(ctx, subject, episode, events)
    if main is not None:
        found.append(main)
    return ", ".join(labels) + (f" · {', '.join(where)}" if where else "")


def venue_cell(ctx: FacetContext, spec: FacetSpec, subject: int) -> FacetCell:
    """The kinds of event, their places and organisations, and sentences with channel cues."""
    terms: list[Term] = []
    found: _Found = []
    parts = [_episode_venue(ctx, subject, episode, terms, found) for episode in ctx.groups[subject][1]]
    for sentence in ranked(ctx.pools[subject]):
        hits = cue_hits(spec.cues, ctx.texts.text(sentence.article), sentence.start, sentence.end)
        if hits:
            terms.extend(Term(f"cue:{g.id}", g.label) for _, _, g in hits)
            marks = [Hit(a, b, f"cue:{g.id}") for a, b, g in hits]
            found.append((sentence, ctx.extractor.make(sentence, hits[0][:2], marks)))
    return FacetCell(subject, "; ".join(dict.fromkeys(parts)), tuple(dict.fromkeys(terms)), ctx.take(spec, found))


# =========================================================================== cues

_Hits = list[tuple[int, int, CueGroup]]


def _subject_hits(text: str, sentence: PoolSentence, mentions: list[ActorMention], hits: _Hits, sides) -> _Hits:
    """The cues after the sentence's subject, when that subject is on ``sides``."""
    first = mentions[0] if mentions else None
    if first is not None and len(text[sentence.start : first.start].split()) > SUBJECT_WORDS:
        first = None  # named too late in the sentence to be its subject
    return [h for h in hits if first is not None and first.start < h[0] and first.side in sides]


def _named(ctx: FacetContext, spec: FacetSpec, mentions: list[ActorMention]) -> list[ActorMention]:
    """The actors (not adjectives) of the facet's ``mention`` sides that the sentence names."""
    sides = ctx.lex.sides.get(spec.mention, frozenset())
    return [m for m in mentions if m.side in sides and m.via != VIA_DEMONYM]


def _cue_candidate(ctx: FacetContext, spec: FacetSpec, sentence: PoolSentence) -> tuple | None:
    """(sentence, terms, marks, focus, has cue) when the sentence fills a cues cell, else None."""
    text = ctx.texts.text(sentence.article)
    mentions = ctx.texts.actors(sentence.article, sentence.start, sentence.end)
    hits = cue_hits(spec.cues, text, sentence.start, sentence.end)
    if spec.subject:
        hits = _subject_hits(text, sentence, mentions, hits, ctx.lex.sides.get(spec.subject, frozenset()))
    named = _named(ctx, spec, mentions) if spec.mention else []
    if spec.mention and not named:
        return None
    if not hits and (spec.cues_required or not named):
        return None
    keys = [(a, b, f"cue:{g.id}", g.label) for a, b, g in hits]
    keys += [(m.start, m.end, f"actor:{m.actor or m.name}", m.name) for m in named]
    terms = [Term(key, label) for _a, _b, key, label in keys]
    marks = [Hit(a, b, key) for a, b, key, _label in keys]
    focus = hits[0][:2] if hits else (named[0].start, named[0].end)
    return sentence, terms, marks, focus, bool(hits)


def cue_candidates(ctx: FacetContext, spec: FacetSpec, sentences) -> list[tuple]:
    """The sentences that would fill a cues cell of the facet (see :func:`_cue_candidate`)."""
    return [c for c in (_cue_candidate(ctx, spec, s) for s in sentences) if c is not None]


def cues_cell(ctx: FacetContext, spec: FacetSpec, subject: int) -> FacetCell:
    """Sentences with one of the cues (named actors, a subject on some side, as the facet asks).

    When none of the pool fits, the asides (sentences of the same articles about another
    episode) are searched: a cell says "not stated" only when no sentence of the sources fits.
    """
    candidates = cue_candidates(ctx, spec, ctx.pools[subject]) or cue_candidates(ctx, spec, ctx.asides[subject])
    candidates.sort(key=lambda c: (c[0].rank, not c[4], c[0].order))
    terms = tuple(dict.fromkeys(t for c in candidates for t in c[1]))
    found = [
        (s, ctx.extractor.make(s, focus, sorted(marks, key=lambda h: h.start))) for s, _, marks, focus, _ in candidates
    ]
    return FacetCell(subject, "", terms, ctx.take(spec, found))


# =========================================================================== cells and rows

CellKind = Callable[[FacetContext, FacetSpec, int], FacetCell]
CELL_KINDS: dict[str, CellKind] = {
    "when": when_cell,
    "actors": actors_cell,
    "venue": venue_cell,
    "cues": cues_cell,
}


def fill_cell(ctx: FacetContext, spec: FacetSpec, subject: int) -> FacetCell:
    """The subject's cell of the facet (empty when the subject has no sentences)."""
    if not ctx.pools[subject]:
        return FacetCell(subject)
    return CELL_KINDS[spec.kind](ctx, spec, subject)


def finish_row(spec: FacetSpec, cells: list[FacetCell], subjects: Sequence[Subject]) -> FacetRow:
    """The row of the cells: marker, terms in all cells, terms in some, and the note."""
    marker = facet_marker(cells)
    filled = [c for c in cells if not c.empty]
    keysets = [frozenset(t.key for t in c.terms) for c in filled]
    common_keys = frozenset.intersection(*keysets) if keysets else frozenset()
    several = len(filled) > 1
    out_cells = tuple(_with_distinct(c, common_keys, several) for c in cells)
    all_terms = list(dict.fromkeys(t for c in filled for t in c.terms))
    common = tuple(t for t in all_terms if t.key in common_keys)
    differing = tuple(t for t in all_terms if t.key not in common_keys) if several else ()
    note = _note(marker, out_cells, common, subjects, spec.kind)
    return FacetRow(spec.id, spec.label, spec.description, spec.kind, marker, out_cells, common, differing, note)


def _with_distinct(cell: FacetCell, common_keys: frozenset[str], several: bool) -> FacetCell:
    """The cell with the keys of its terms that not every filled cell has (when there are several)."""
    distinct = tuple(t.key for t in cell.terms if t.key not in common_keys) if not cell.empty and several else ()
    return dataclasses.replace(cell, distinct=distinct)


def _own_terms(cells: Sequence[FacetCell], subjects: Sequence[Subject]) -> list[str]:
    """ "Subject: term, term, term" for each filled cell with terms of its own (all written out)."""
    parts = []
    for cell in cells:
        own = [t.label for t in cell.terms if t.key in cell.distinct] if not cell.empty else []
        if own:
            parts.append(f"{subjects[cell.subject].label}: {', '.join(own)}")
    return parts


def _note(
    marker: str, cells: Sequence[FacetCell], common: Sequence[Term], subjects: Sequence[Subject], kind: str = ""
) -> str:
    """The marker in words: what only some cells have (by subject), what is missing, what is shared."""
    if kind == "when" and marker != NONE:
        return WHEN_NOTE
    if marker == NONE:
        return "not stated in any of the sources"
    if marker == SAME:
        return "same in all" + (f": {', '.join(t.label for t in common)}" if common else "")
    parts = _own_terms(cells, subjects)
    if marker == PARTIAL:
        missing = [subjects[c.subject].label for c in cells if c.empty]
        parts.append("not stated for " + ", ".join(missing))
    if common:
        parts.append("shared: " + ", ".join(t.label for t in common))
    return "; ".join(parts)


__all__ = [
    "CELL_KINDS",
    "SUBJECT_WORDS",
    "WHEN_NOTE",
    "cue_candidates",
    "cues_cell",
    "fill_cell",
    "finish_row",
    "venue_cell",
    "when_cell",
]
