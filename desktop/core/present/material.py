"""What every slide of a deck draws on: the analyses, the sides, the timeline — and quoting from them.

One :class:`Material` is made per deck, so the lexicons and the timeline are read once.
"""

from __future__ import annotations

from collections.abc import Mapping

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.document import SideInfo
from desktop.core.annotate.records import VIA_DEMONYM
from desktop.core.episodes.grouping import Episode, EpisodeSet
from desktop.core.present.lessons import Lesson
from desktop.core.present.slides import Quote, Span
from desktop.core.text.articles import format_published


class Material:
    """What every slide draws on: analyses, sides, the comparisons and the timeline."""

    def __init__(
        self, lesson: Lesson, episode_set: EpisodeSet, analyses: Mapping[str, ArticleAnalysis], gazetteer
    ) -> None:
        from desktop.core.compare.comparison import load_facet_lexicon
        from desktop.core.episodes.messengers import messenger_kinds
        from desktop.core.episodes.timeline_items import timeline_items

        self.lesson = lesson
        self.episode_set: EpisodeSet = episode_set
        self.analyses: Mapping[str, ArticleAnalysis] = analyses
        self.gazetteer = gazetteer
        self.notes: list = []  # the reader's annotations: notes on an episode go on its slide
        self.sides: dict[str, SideInfo] = (
            {s.id: SideInfo(s.label, s.code) for s in gazetteer.sides.values()} if gazetteer is not None else {}
        )
        self.followed, _kinds = messenger_kinds()
        lexicon = load_facet_lexicon()
        self.side_words = dict(lexicon.side_words)
        groups = [lexicon.sides.get(f.sides, frozenset()) for f in lexicon.facets if f.kind == "actors"]
        self.counterpart_sides = next((g for g in groups if g and self.followed not in g), frozenset())
        self.items = tuple(timeline_items(episode_set, gazetteer)[0]) if gazetteer is not None else ()
        self.lesson_ids = frozenset(e.id for s in lesson.slides if s.kind == "episode" for e in self.episodes(s.ref))

    def episodes(self, ref: str) -> list[Episode]:
        groups, _unknown = self.episode_set.resolve([ref])
        return groups[0][1] if groups else []

    def side(self, side: str) -> SideInfo:
        from desktop.core.annotate.document import side_info

        return side_info(self.sides, side)

    def source(self, article_id: str) -> str:
        analysis = self.analyses.get(article_id)
        if analysis is None:
            return article_id
        article = analysis.article
        return f"{article.outlet or 'Outlet not stated'} · {format_published(article)}"

    def quote(self, article_id: str, start: int, end: int, before: bool = False, after: bool = False) -> Quote:
        """A quote of ``text[start:end]`` with its actors and dates as spans."""
        analysis = self.analyses[article_id]
        shift = 2 if before else 0
        text = ("… " if before else "") + analysis.text[start:end] + (" …" if after else "")
        spans = []
        for m in analysis.actors:
            if start <= m.start and m.end <= end:
                info = self.side(m.side)
                kind = "demonym" if m.via == VIA_DEMONYM else "actor"
                spans.append(Span(m.start - start + shift, m.end - start + shift, kind, m.side, info.code, m.name))
        from desktop.core.annotate.timex import describe_value

        for d in analysis.dates:
            if start <= d.start and d.end <= end:
                words = describe_value(d.value)
                spans.append(Span(d.start - start + shift, d.end - start + shift, "date", label=words))
        spans.sort(key=lambda s: (s.start, -s.end))
        return Quote(text, tuple(spans), article_id, self.source(article_id))


__all__ = ["Material"]
