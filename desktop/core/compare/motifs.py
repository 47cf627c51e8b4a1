"""Recurring motifs (``corpus/lexicons/motifs.yaml``): the sentences of each group that carry them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from desktop.core.compare.cues import pattern_spans
from desktop.core.compare.extracts import Extractor
from desktop.core.compare.lexicon import MotifSpec
from desktop.core.compare.pools import ArticleTexts, Pool, ranked
from desktop.core.compare.records import Extract, Hit, MotifRow, presence_marker

#: (article, sentence start) -> ids of the motifs the sentence carries.
Carriers = dict[tuple[str, int], set[str]]


def _carrying(motif: MotifSpec, pool: Pool, texts: ArticleTexts, extractor: Extractor, carriers: Carriers):
    found: list[Extract] = []
    for sentence in ranked(pool):
        text = texts.text(sentence.article)
        hits = pattern_spans(motif.cues.pattern, text, sentence.start, sentence.end)
        if hits:
            carriers[(sentence.article, sentence.start)].add(motif.id)
            found.append(extractor.make(sentence, hits[0], [Hit(a, b, f"motif:{motif.id}") for a, b in hits]))
    return tuple(found)


def motif_rows(
    motifs: Sequence[MotifSpec],
    pools: Sequence[Pool],
    texts: ArticleTexts,
    extractor: Extractor,
    asides: Sequence[Pool] = (),
) -> tuple[tuple[MotifRow, ...], Carriers]:
    """A row per motif (its carrying sentences per group), and which sentences carry which motifs.

    A group whose pool carries a motif nowhere is searched in its asides (the sentences of its
    articles about another episode), so that a motif is "not found" only when no sentence has it.
    """
    carriers: Carriers = defaultdict(set)
    spare: Carriers = defaultdict(set)  # asides are no reason for a unique sentence
    asides = asides or [() for _ in pools]
    rows = []
    for motif in motifs:
        cells = tuple(
            _carrying(motif, pool, texts, extractor, carriers) or _carrying(motif, aside, texts, extractor, spare)
            for pool, aside in zip(pools, asides, strict=True)
        )
        marker = presence_marker([bool(c) for c in cells])
        rows.append(MotifRow(motif.id, motif.label, motif.description, marker, cells))
    return tuple(rows), carriers


__all__ = ["Carriers", "motif_rows"]
