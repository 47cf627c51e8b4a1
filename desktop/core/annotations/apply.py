"""Applying the reader's corrections to one article's analysis: a pure function.

Every corrected item is marked: an actor mention the reader named or added has
``via == VIA_USER`` (one whose side the reader changed keeps its ``via``, so a demonym stays
a demonym) and ``matched == CORRECTED_NOTE``; a date the reader gave has
``anchor == ANCHOR_USER``. :func:`is_corrected` tells them. ``analyze --json``
shows both as ``"corrected": true``. A correction whose words are gone is orphaned: it is
reported and changes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import ActorMention, DateMention
from desktop.core.annotations.anchoring import anchor
from desktop.core.annotations.records import MENTION_KINDS, Annotation

#: The ``via`` of an actor mention the reader named or marked.
VIA_USER = "user"
#: The ``anchor`` of a date whose value the reader gave.
ANCHOR_USER = "user"
CORRECTED_NOTE = "corrected by you"


@dataclass
class Outcome:
    """What became of an article's corrections: applied ones and orphaned ones."""

    applied: list[Annotation] = field(default_factory=list)
    orphaned: list[Annotation] = field(default_factory=list)


def is_corrected(item: ActorMention | DateMention) -> bool:
    if isinstance(item, ActorMention):
        return item.via == VIA_USER or item.matched == CORRECTED_NOTE
    return item.anchor == ANCHOR_USER


def _overlaps(item, start: int, end: int) -> bool:
    return item.start < end and start < item.end


def _actor_fields(note: Annotation, gazetteer) -> dict:
    actor = gazetteer.actor(note.actor) if gazetteer is not None and note.actor else None
    if actor is not None:
        return {"actor": actor.id, "name": actor.name, "kind": actor.kind, "side": actor.side}
    return {
        "actor": note.actor or None,
        "name": note.name or note.actor,
        "kind": note.actor_kind or "person",
        "side": note.side,
    }


def _actor_is(actors: list[ActorMention], text: str, span: tuple[int, int], note: Annotation, gazetteer) -> list:
    start, end = span
    fields = {**_actor_fields(note, gazetteer), "via": VIA_USER, "matched": CORRECTED_NOTE, "role": ""}
    kept = [m for m in actors if not _overlaps(m, start, end)]
    return [*kept, ActorMention(start, end, text[start:end], **fields)]


def _not_side(actors: list[ActorMention], span: tuple[int, int], note: Annotation) -> list:
    start, end = span
    out = []
    for m in actors:
        if not _overlaps(m, start, end):
            out.append(m)
        elif note.side:  # the side it stands for instead
            out.append(dataclasses.replace(m, side=note.side, matched=CORRECTED_NOTE))  # a demonym stays one
    return out


def _date_is(dates: list[DateMention], text: str, span: tuple[int, int], note: Annotation) -> list:
    start, end = span
    old = next((d for d in dates if _overlaps(d, start, end)), None)
    kind = note.date_type or (old.type if old is not None else "DATE")
    kept = [d for d in dates if not _overlaps(d, start, end)]
    return [*kept, DateMention(start, end, text[start:end], note.value, kind, ANCHOR_USER, "", CORRECTED_NOTE)]


def _apply_one(actors: list, dates: list, analysis: ArticleAnalysis, span, note: Annotation, gazetteer):
    text = analysis.text
    if note.kind in ("actor-is", "mark-actor"):
        actors = _actor_is(actors, text, span, note, gazetteer)
    elif note.kind == "not-actor":
        actors = [m for m in actors if not _overlaps(m, *span)]
    elif note.kind == "not-side":
        actors = _not_side(actors, span, note)
    elif note.kind in ("date-is", "mark-date"):
        dates = _date_is(dates, text, span, note)
    return actors, dates


def apply_corrections(
    analysis: ArticleAnalysis, annotations: Iterable[Annotation], gazetteer=None
) -> tuple[ArticleAnalysis, Outcome]:
    """The analysis with the reader's mention and date corrections for its article applied.

    ``gazetteer`` (optional) gives the name, kind and side of an actor named by id; without it
    (or for an actor it does not know) the annotation's own ``name``, ``actor_kind`` and ``side``
    are used. Later corrections of the same words win. Returns the analysis (the same object
    when nothing applied) and what was applied and orphaned.
    """
    outcome = Outcome()
    actors, dates = list(analysis.actors), list(analysis.dates)
    for note in annotations:
        if note.article != analysis.article_id or note.kind not in MENTION_KINDS:
            continue
        span = anchor(analysis.text, note.quote) if note.quote is not None else None
        if span is None:
            outcome.orphaned.append(note)
            continue
        actors, dates = _apply_one(actors, dates, analysis, span, note, gazetteer)
        outcome.applied.append(note)
    if not outcome.applied:
        return analysis, outcome
    actors.sort(key=lambda m: (m.start, m.end))
    dates.sort(key=lambda d: (d.start, d.end))
    return dataclasses.replace(analysis, actors=tuple(actors), dates=tuple(dates)), outcome


@dataclass(frozen=True, slots=True)
class PlacedNote:
    """A note on a passage, found again in the current text (``start`` -1 when orphaned)."""

    note: Annotation
    start: int
    end: int

    @property
    def orphaned(self) -> bool:
        return self.start < 0


def place_notes(analysis: ArticleAnalysis, annotations: Iterable[Annotation]) -> list[PlacedNote]:
    """The notes of the article, each with where its passage is now."""
    placed = []
    for note in annotations:
        if not note.is_note or note.article != analysis.article_id:
            continue
        span = anchor(analysis.text, note.quote) if note.quote is not None else None
        placed.append(PlacedNote(note, *(span or (-1, -1))))
    return placed


def correct_all(
    analyses: Iterable[ArticleAnalysis], annotations: list[Annotation], gazetteer=None
) -> tuple[list[ArticleAnalysis], dict[str, Outcome]]:
    """Every analysis corrected, and the outcome per article id (articles with corrections only)."""
    wanted = {a.article for a in annotations if a.kind in MENTION_KINDS}
    corrected, outcomes = [], {}
    for analysis in analyses:
        if analysis.article_id not in wanted:
            corrected.append(analysis)
            continue
        fixed, outcome = apply_corrections(analysis, annotations, gazetteer)
        corrected.append(fixed)
        outcomes[analysis.article_id] = outcome
    return corrected, outcomes
