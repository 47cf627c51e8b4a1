"""The reader's corrections laid over a session's analyses and episodes, in one place.

The window's workspace asks this layer for every analysis it hands out, so highlighting, the
legend, episodes, the timeline, comparisons, the PDF and the slides all see the corrected
analysis. It is cheap without corrections: only articles that have some are corrected, each
once per (analysis, corrections) pair, and the same object is returned until either changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotations.apply import Outcome, apply_corrections
from desktop.core.annotations.episodes import EpisodeOutcome, apply_episode_edits
from desktop.core.annotations.records import EPISODE_KINDS, MENTION_KINDS, Annotation
from desktop.core.episodes.grouping import EpisodeSet


@dataclass(frozen=True, slots=True)
class Change:
    """What a new set of annotations changes: the articles redrawn, whether episodes must be
    extracted again (mention corrections) or only edited again (episode edits)."""

    articles: frozenset[str]
    mentions: bool
    edits: bool


@dataclass
class CorrectionLayer:
    annotations: list[Annotation] = field(default_factory=list)
    _articles: frozenset[str] = frozenset()
    _cache: dict[str, tuple[ArticleAnalysis, ArticleAnalysis, Outcome]] = field(default_factory=dict)
    #: () -> the current gazetteer: names the actors of an event the reader made (optional)
    gazetteer_of: Callable[[], object] | None = None

    def set(self, annotations: Iterable[Annotation]) -> Change:
        old = self.annotations
        new = list(annotations)
        before = {a.id: a for a in old if a.kind in MENTION_KINDS}
        after = {a.id: a for a in new if a.kind in MENTION_KINDS}
        touched = {a.article for a in (*before.values(), *after.values()) if before.get(a.id) != after.get(a.id)}
        self.annotations = new
        self._articles = frozenset(a.article for a in after.values())
        for article_id in touched:
            self._cache.pop(article_id, None)
        edits_before = [a for a in old if a.kind in EPISODE_KINDS]
        return Change(frozenset(touched), bool(touched), edits_before != self.edits())

    def corrects(self, article_id: str) -> bool:
        return article_id in self._articles

    def corrected(self, analysis: ArticleAnalysis | None, gazetteer=None) -> ArticleAnalysis | None:
        """``analysis`` with its article's corrections applied (itself when it has none)."""
        if analysis is None or analysis.article_id not in self._articles:
            return analysis
        hit = self._cache.get(analysis.article_id)
        if hit is not None and hit[0] is analysis:
            return hit[1]
        fixed, outcome = apply_corrections(analysis, self.annotations, gazetteer)
        self._cache[analysis.article_id] = (analysis, fixed, outcome)
        return fixed

    def outcome(self, article_id: str) -> Outcome | None:
        """What became of the article's corrections the last time its analysis was corrected."""
        hit = self._cache.get(article_id)
        return hit[2] if hit is not None else None

    def mention_key(self) -> tuple[str, ...]:
        """Changes whenever the mention corrections do (episodes are extracted again)."""
        return tuple(sorted(a.content_key() for a in self.annotations if a.kind in MENTION_KINDS))

    def edits(self) -> list[Annotation]:
        return [a for a in self.annotations if a.kind in EPISODE_KINDS]

    def edited(self, episode_set: EpisodeSet, texts: Mapping[str, str]) -> tuple[EpisodeSet, EpisodeOutcome]:
        gazetteer = self.gazetteer_of() if self.gazetteer_of is not None else None
        return apply_episode_edits(episode_set, self.edits(), texts, gazetteer)

    def forget(self) -> None:
        """The analyses were dropped (a re-analysis): correct them again when they come back."""
        self._cache.clear()
