"""The sentences an episode slide quotes: its primary evidence, and the source's verdict on it.

Every word is the article's own: a quote is a sentence (or clause) exactly as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.episodes.grouping import Episode
from desktop.core.present.material import Material
from desktop.core.present.slides import Quote

QUOTE_BUDGET = 330  # characters of quotes on one slide (one or two sentences)
LONG_SENTENCE = 300  # a verdict sentence longer than this is shown as its extract


@dataclass(frozen=True, slots=True)
class _Candidate:
    """An evidence sentence with its score (higher is better) and its place among the evidence."""

    score: int
    order: int
    evidence: object
    length: int


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def _candidates(material: Material, episodes: Sequence[Episode]) -> list[_Candidate]:
    """Every primary evidence sentence once, scored: naming participants and a date, short, balanced."""
    keys = {p.key for e in episodes for p in e.participants if p.kind in ("person", "organisation")}
    found = []
    seen = set()
    for order, ev in enumerate(ev for e in episodes for ev in (e.primary_evidence or e.evidence)):
        if (ev.article, ev.start) in seen or ev.article not in material.analyses:
            continue
        seen.add((ev.article, ev.start))
        analysis = material.analyses[ev.article]
        text = analysis.text[ev.start : ev.end]
        named = {m.actor for m in analysis.actors if ev.start <= m.start < ev.end and m.actor in keys}
        dated = any(ev.start <= d.start < ev.end and d.value[:1].isdigit() for d in analysis.dates)
        score = 2 * len(named) + dated - 3 * (len(text) > 240) - 2 * (not _balanced(text))
        found.append(_Candidate(score, order, ev, len(text)))
    return found


def pick_quotes(material: Material, episodes: Sequence[Episode]) -> tuple[Quote, ...]:
    """One or two primary evidence sentences: those naming the most participants, short."""
    chosen: list[_Candidate] = []
    used = 0
    for candidate in sorted(_candidates(material, episodes), key=lambda c: (-c.score, c.order)):
        if chosen and (used + candidate.length > QUOTE_BUDGET or candidate.score < 2):
            continue  # a second quote must fit and name someone of the episode
        chosen.append(candidate)
        used += candidate.length
        if len(chosen) == 2:
            break
    return tuple(
        material.quote(c.evidence.article, c.evidence.start, c.evidence.end)
        for c in sorted(chosen, key=lambda c: c.order)
    )


def verdict_quote(material: Material, extracts, quotes: Sequence[Quote]) -> Quote | None:
    """The source's verdict: the first extract of the verdict row not quoted already."""
    quoted = {(q.article, q.text) for q in quotes}
    # The source's own voice first: a sentence opening with a quotation is someone else's.
    voiced = sorted(extracts, key=lambda x: x.text.lstrip()[:1] in '“"«')
    for x in voiced:
        sentence = material.analyses[x.article].text[x.sentence_start : x.sentence_end]
        if (x.article, sentence) in quoted:
            continue
        if len(sentence) <= LONG_SENTENCE:
            return material.quote(x.article, x.sentence_start, x.sentence_end)
        return material.quote(x.article, x.start, x.end, x.clipped_before, x.clipped_after)
    return None


__all__ = ["LONG_SENTENCE", "QUOTE_BUDGET", "pick_quotes", "verdict_quote"]
