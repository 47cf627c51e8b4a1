"""The sentences each compared group may draw on (its pool), and fast per-article lookups.

A group's pool: the evidence sentences of its episodes, primary first, then the other
sentences of their articles that are not evidence of an episode outside the group — while
those articles hold at most :data:`WHOLE_ARTICLES_UP_TO` sentences; beyond (a named episode
of a large library: a thousand articles), the evidence and its neighbours only
(:data:`NEIGHBOURHOOD` sentences either side), so that the cost follows the evidence.

The sentence alignment takes less (:func:`alignment_pools`): the evidence, its neighbours and
the sentences a row shows, so that its cost follows the evidence, not the articles.

Its *asides* (:func:`build_asides`): the sentences of the same articles that the pool leaves
out because they are evidence of another episode. A cell that finds nothing in the pool
searches them before it says "not stated", and names the episode they are about.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.records import ActorMention, DateMention
from desktop.core.episodes.grouping import Episode

# Ranks of pool sentences: the sentence that says so, its context, the rest of the article.
PRIMARY, CONTEXT, OTHER = 0, 1, 2
#: A sentence of the group's articles that is evidence of another episode (an aside).
ASIDE = 3
EVIDENCE_WORDS = {PRIMARY: "primary", CONTEXT: "context", OTHER: "", ASIDE: "aside"}
#: Pool sentences before and after each evidence sentence that the alignment takes.
NEIGHBOURHOOD = 1
#: A group whose articles hold more sentences than this draws on its evidence and neighbours only:
#: the pool (and every cell's search) then grows with the evidence, not with the articles.
WHOLE_ARTICLES_UP_TO = 3000

Groups = Sequence[tuple[str, Sequence[Episode]]]
_Span = tuple[str, int, int]  # article, start, end


@dataclass(frozen=True, slots=True)
class PoolSentence:
    subject: int
    article: str
    start: int
    end: int
    rank: int
    order: int  # position in the pool (articles in order, sentences in text order)
    text: str
    about: str = ""  # for an aside: the title of the episode it is evidence of


Pool = Sequence[PoolSentence]


class ArticleTexts:
    """Per-article lookups: sentences, mentions and dates within a span (bisect, no scans)."""

    def __init__(self, analyses: Mapping[str, ArticleAnalysis]) -> None:
        self.analyses = analyses
        self._sorted: dict[tuple[str, str], tuple[list[int], tuple[Any, ...]]] = {}
        self._texts: dict[str, str] = {}  # an analysis at rest reads its text back once per comparison

    def text(self, article: str) -> str:
        text = self._texts.get(article)
        if text is None:
            analysis = self.analyses.get(article)
            text = self._texts[article] = analysis.text if analysis is not None else ""
        return text

    def _within(self, kind: str, article: str, start: int, end: int) -> list[Any]:
        key = (kind, article)
        if key not in self._sorted:
            mentions = tuple(sorted(getattr(self.analyses.get(article), kind, ()), key=lambda m: m.start))
            self._sorted[key] = ([m.start for m in mentions], mentions)
        starts, mentions = self._sorted[key]
        lo = bisect.bisect_left(starts, start)
        hi = bisect.bisect_left(starts, end)
        return [m for m in mentions[lo:hi] if m.end <= end]

    def actors(self, article: str, start: int, end: int) -> list[ActorMention]:
        return self._within("actors", article, start, end)

    def dates(self, article: str, start: int, end: int) -> list[DateMention]:
        return self._within("dates", article, start, end)


def _valid_span(text: str, start: int, end: int) -> bool:
    return 0 <= start < end <= len(text)


def _evidence_ranks(episodes: Sequence[Episode]) -> dict[_Span, int]:
    ranks: dict[_Span, int] = {}
    for episode in episodes:
        for ev in episode.evidence:
            key = (ev.article, ev.start, ev.end)
            ranks[key] = min(ranks.get(key, OTHER), PRIMARY if ev.primary else CONTEXT)
    return ranks


def _near_evidence(sentences: Sequence[tuple[int, int]], article: str, ranks: Mapping[_Span, int]) -> list:
    """The article's sentences that are evidence or within NEIGHBOURHOOD sentences of evidence."""
    hits = [i for i, (start, end) in enumerate(sentences) if (article, start, end) in ranks]
    near = {j for i in hits for j in range(i - NEIGHBOURHOOD, i + NEIGHBOURHOOD + 1) if 0 <= j < len(sentences)}
    return [sentences[j] for j in sorted(near)]


def _add_article(
    pool: list[PoolSentence],
    subject: int,
    article: str,
    analysis: ArticleAnalysis,
    ranks: Mapping[_Span, int],
    foreign: set[tuple[str, int]],
    whole: bool = True,
    own: Mapping[tuple[int, int], int] | None = None,
) -> None:
    """The article's sentences (leaving out ``foreign`` evidence), then evidence that is no sentence.
    Not ``whole``: only the evidence and its neighbours (:data:`NEIGHBOURHOOD` either side)."""
    text = analysis.text
    spans = set()
    if own is None:
        own = {(s, e): rank for (a, s, e), rank in ranks.items() if a == article}
    sentences = analysis.sentences if whole else _near_evidence(analysis.sentences, article, ranks)
    for start, end in sentences:
        rank = ranks.get((article, start, end))
        if rank is None:
            if (article, start) in foreign:
                continue  # evidence of another episode
            rank = OTHER
        if _valid_span(text, start, end):
            spans.add((start, end))
            pool.append(PoolSentence(subject, article, start, end, rank, len(pool), text[start:end]))
    # Evidence whose offsets are not a sentence of the analysis (odd input): keep it.
    for (s, e), rank in own.items():
        if (s, e) not in spans and _valid_span(text, s, e):
            pool.append(PoolSentence(subject, article, s, e, rank, len(pool), text[s:e]))


def _pool(
    subject: int, episodes: Sequence[Episode], texts: ArticleTexts, evidence_anywhere: set[tuple[str, int]]
) -> list[PoolSentence]:
    ranks = _evidence_ranks(episodes)
    if not ranks:
        return []
    foreign = evidence_anywhere - {(a, s) for a, s, _e in ranks}
    pool: list[PoolSentence] = []
    articles = dict.fromkeys([k[0] for k in ranks] + [a for e in episodes for a in e.articles])
    analyses = [(a, texts.analyses[a]) for a in articles if a in texts.analyses]
    whole = sum(len(analysis.sentences) for _a, analysis in analyses) <= WHOLE_ARTICLES_UP_TO
    by_article: dict[str, dict[tuple[int, int], int]] = {}
    for (a, s, e), rank in ranks.items():
        by_article.setdefault(a, {})[(s, e)] = rank
    for article, analysis in analyses:
        _add_article(pool, subject, article, analysis, ranks, foreign, whole, by_article.get(article, {}))
    return pool


def build_pools(groups: Groups, texts: ArticleTexts, all_episodes: Sequence[Episode]) -> list[list[PoolSentence]]:
    """Each group's sentences: its evidence (primary, then context), then the rest of its
    articles minus what is evidence of an episode outside the group."""
    evidence_anywhere = {(ev.article, ev.start) for episode in all_episodes for ev in episode.evidence}
    return [_pool(index, episodes, texts, evidence_anywhere) for index, (_label, episodes) in enumerate(groups)]


def build_asides(
    groups: Groups, pools: Sequence[Pool], texts: ArticleTexts, all_episodes: Sequence[Episode]
) -> list[list[PoolSentence]]:
    """Each group's asides: sentences of its articles that are evidence of another episode (and so left
    out of its pool), with that episode; never the sentences a narrowed pool leaves out."""
    about: dict[tuple[str, int], str] = {}
    for episode in all_episodes:
        for ev in sorted(episode.evidence, key=lambda ev: not ev.primary):
            about.setdefault((ev.article, ev.start), episode.title)
    asides = []
    for index, pool in enumerate(pools):
        taken = {(s.article, s.start) for s in pool}
        articles = dict.fromkeys([s.article for s in pool] + [a for e in groups[index][1] for a in e.articles])
        out: list[PoolSentence] = []
        for article in articles:
            analysis = texts.analyses.get(article)
            for start, end in analysis.sentences if analysis is not None else ():
                title = about.get((article, start), "")
                if title and (article, start) not in taken and _valid_span(analysis.text, start, end):
                    out.append(
                        PoolSentence(index, article, start, end, ASIDE, len(out), analysis.text[start:end], title)
                    )
        asides.append(out)
    return asides


def alignment_pools(pools: Sequence[Pool], shown: set[tuple[str, int]]) -> list[list[PoolSentence]]:
    """What the sentence alignment works on: each pool's evidence, its neighbours in the same
    article (:data:`NEIGHBOURHOOD` either side) and the sentences a row shows (``shown``:
    article, start), never the whole articles: linear in the evidence, not the library."""
    out = []
    for pool in pools:
        keep = {i for i, sentence in enumerate(pool) if (sentence.article, sentence.start) in shown}
        for i, sentence in enumerate(pool):
            if sentence.rank != OTHER:
                near = range(max(0, i - NEIGHBOURHOOD), min(len(pool), i + NEIGHBOURHOOD + 1))
                keep.update(j for j in near if pool[j].article == sentence.article)
        out.append([pool[i] for i in sorted(keep)])
    return out


def ranked(pool: Pool) -> list[PoolSentence]:
    """The pool best first: primary evidence, context, the rest; each in pool order."""
    return sorted(pool, key=lambda s: (s.rank, s.order))


def episodes_of(groups: Groups, analyses: Mapping[str, ArticleAnalysis]) -> list[Episode]:
    """The episodes of the compared articles, to know which sentences belong to other episodes."""
    from desktop.core.episodes.grouping import build_episodes

    articles = dict.fromkeys(a for _, eps in groups for e in eps for a in e.articles)
    chosen = [analyses[a] for a in articles if a in analyses]
    if not chosen:
        return []
    # No broad except here: a failure is a bug to see, not an empty list that silently
    # lets other episodes' sentences into the pools (issue 15).
    return build_episodes(chosen).episodes


__all__ = [
    "ASIDE",
    "CONTEXT",
    "EVIDENCE_WORDS",
    "OTHER",
    "PRIMARY",
    "ArticleTexts",
    "PoolSentence",
    "alignment_pools",
    "build_asides",
    "build_pools",
    "episodes_of",
    "ranked",
]
