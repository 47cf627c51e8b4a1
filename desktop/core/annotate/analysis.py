"""Analysis of an article: its plain text, sentences, actors, places and dates.

:class:`Analyzer` holds the gazetteer and the taggers (built once, lazily) and turns an
:class:`~desktop.core.text.articles.Article` into an :class:`ArticleAnalysis`. It is pure
Python and thread-safe for concurrent ``analyze`` calls (the taggers keep no state
between calls), so the GUI runs it off the UI thread.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.core.annotate.document import Annotated, SideInfo
from desktop.core.annotate.records import ActorMention, DateMention, PlaceMention
from desktop.core.text.articles import Article
from desktop.core.text.markup import plain_text
from desktop.core.text.sentences import sentences


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    article: Article
    text: str
    anchor: dt.date | None  # the date relative expressions were resolved against
    anchor_inferred: bool
    anchor_reason: str
    sentences: tuple[tuple[int, int], ...]
    actors: tuple[ActorMention, ...]
    places: tuple[PlaceMention, ...]
    dates: tuple[DateMention, ...]

    @property
    def article_id(self) -> str:
        return self.article.id

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return None


class Analyzer:
    """The annotation engine: gazetteer, actor tagger and date tagger."""

    def __init__(self, actors_file: Path | None = None, user_actors_file: Path | None = None) -> None:
        self._actors_file = actors_file
        self._user_actors_file = user_actors_file
        self._lock = threading.Lock()
        self._gazetteer = None
        self._actor_tagger = None
        self._date_tagger = None

    def _ensure(self) -> None:
        if self._actor_tagger is not None:
            return
        with self._lock:
            if self._actor_tagger is not None:
                return
            from desktop.core.annotate.actors import ActorTagger
            from desktop.core.annotate.dates import DateTagger
            from desktop.core.annotate.gazetteer import load_gazetteer
            from desktop.core.files import paths

            user_file = self._user_actors_file or paths.user_actors_file()
            gazetteer = load_gazetteer(self._actors_file, user_file if user_file.exists() else None)
            self._date_tagger = DateTagger()
            self._gazetteer = gazetteer
            self._actor_tagger = ActorTagger(gazetteer)

    def reload(self) -> None:
        """Forget the gazetteer (after the user added an actor); rebuilt on next use."""
        with self._lock:
            self._gazetteer = self._actor_tagger = self._date_tagger = None

    @property
    def gazetteer(self):
        self._ensure()
        return self._gazetteer

    def sides(self) -> Mapping[str, SideInfo]:
        return {s.id: SideInfo(s.label, s.code) for s in self.gazetteer.sides.values()}

    def analyze(self, article: Article) -> ArticleAnalysis:
        return self.analyze_text(plain_text(article.body), article.published, article)

    def analyze_text(self, text: str, published: dt.date | None, article: Article | None = None) -> ArticleAnalysis:
        self._ensure()
        from desktop.core.annotate.publication import infer_publication

        anchor, inferred, reason = published, False, "publication date"
        if published is None:
            anchor, reason = infer_publication(text, self._date_tagger)
            inferred = anchor is not None
        spans = tuple(sentences(text))
        dates = self._date_tagger.tag(text, anchor, spans)
        actors, places = self._actor_tagger.tag(text, anchor, spans)
        return ArticleAnalysis(
            article=article or Article(id="text", title="Text", body=text),
            text=text,
            anchor=anchor,
            anchor_inferred=inferred,
            anchor_reason=reason,
            sentences=spans,
            actors=tuple(actors),
            places=tuple(places),
            dates=tuple(dates),
        )

    def annotated(self, analysis: ArticleAnalysis) -> Annotated:
        """What :mod:`desktop.core.annotate.document` needs to draw the analysis."""
        from desktop.core.annotate.timex import describe_value

        words = {d.value: describe_value(d.value) for d in analysis.dates}
        return Annotated(analysis.actors, analysis.dates, self.sides(), words)


# --------------------------------------------------------------------------- in another process

_process_analyzer: Analyzer | None = None


def analyse_detached(article: Article, options, base_dir: str | None) -> tuple:
    """Analyse and render an article in a worker *process* (long articles).

    Python threads share one interpreter lock and regular expressions hold it for a whole
    call, so a very long article analysed in a thread can starve the window. A process
    cannot. Returns picklable parts; :func:`attach` rebuilds the analysis in the caller.
    """
    global _process_analyzer
    from desktop.core.annotate.document import article_html
    from desktop.core.files import paths

    if base_dir:
        paths.set_base_dir(base_dir)
    if _process_analyzer is None:
        _process_analyzer = Analyzer()
    analysis = _process_analyzer.analyze(article)
    html = article_html(article.body, _process_analyzer.annotated(analysis), options, (), article.id)
    return (
        analysis.text,
        analysis.anchor,
        analysis.anchor_inferred,
        analysis.anchor_reason,
        analysis.sentences,
        analysis.actors,
        analysis.places,
        analysis.dates,
        html,
    )


def detachable(article: Article) -> Article:
    """The article without what cannot cross a process boundary (its read-only metadata)."""
    import dataclasses

    return dataclasses.replace(article, meta={})


def attach(article: Article, parts: tuple) -> tuple[ArticleAnalysis, str]:
    text, anchor, inferred, reason, spans, actors, places, dates, html = parts
    return ArticleAnalysis(article, text, anchor, inferred, reason, spans, actors, places, dates), html
