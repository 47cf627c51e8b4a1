"""Analysis of an article: its plain text, sentences, actors, places and dates.

:class:`Analyzer` holds the gazetteer and the taggers (built once, lazily) and turns an
:class:`~desktop.core.text.articles.Article` into an :class:`ArticleAnalysis`. It is pure
Python and thread-safe for concurrent ``analyze`` calls (the taggers keep no state
between calls), so the GUI runs it off the UI thread. :meth:`Analyzer.reload` (the user
added an actor) builds a new engine and swaps it in as one reference; a running analysis
keeps the engine it started with, and every analysis carries the *generation* of its
engine so the caller can drop results made before the reload.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.annotate.document import Annotated, SideInfo
from desktop.core.annotate.records import ActorMention, DateMention, PlaceMention
from desktop.core.text.articles import Article, body_digest
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
    generation: int = 0  # of the engine that made it: see Analyzer.reload

    @property
    def article_id(self) -> str:
        return self.article.id

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        """The sentence holding ``offset``: a binary search (sentences are in text order and
        do not overlap), so indexing every mention of a library stays linear."""
        spans = self.sentences
        i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        for start, end in spans:  # spans out of order (never made by sentences()): the plain scan
            if start <= offset < end:
                return start, end
        return None


def content_key(article: Article) -> tuple:
    """What an analysis of ``article`` depends on: its id, its date and its text.

    Two :class:`Article` objects with the same key (a library reload reads the same file
    again) have the same analysis, whatever their identity.
    """
    return article.id, article.published, body_digest(article)


@dataclass(frozen=True, slots=True)
class _Engine:
    """The gazetteer and the taggers built from it, replaced together, never changed."""

    gazetteer: Any
    actor_tagger: Any
    date_tagger: Any
    generation: int
    references: Any = None  # descriptions that refer back (references.ReferenceResolver)


class Analyzer:
    """The annotation engine: gazetteer, actor tagger and date tagger."""

    def __init__(self, actors_file: Path | None = None, user_actors_file: Path | None = None) -> None:
        self._actors_file = actors_file
        self._user_actors_file = user_actors_file
        self._lock = threading.Lock()
        self._generation = 0
        self._engine: _Engine | None = None

    @property
    def generation(self) -> int:
        """Bumped by every :meth:`reload`; analyses of an older generation are stale."""
        return self._generation

    def _build(self, generation: int) -> _Engine:
        from desktop.core.annotate.actor_tagger import ActorTagger
        from desktop.core.annotate.dates import DateTagger
        from desktop.core.annotate.gazetteer import load_gazetteer
        from desktop.core.files import paths

        user_file = self._user_actors_file or paths.user_actors_file()
        gazetteer = load_gazetteer(self._actors_file, user_file if user_file.exists() else None)
        from desktop.core.annotate.references import ReferenceResolver

        return _Engine(gazetteer, ActorTagger(gazetteer), DateTagger(), generation, ReferenceResolver(gazetteer))

    def _ensure(self) -> _Engine:
        """The current engine, built on first use; callers keep the reference they got."""
        engine = self._engine
        if engine is not None:
            return engine
        with self._lock:
            if self._engine is None:
                self._engine = self._build(self._generation)
            return self._engine

    def reload(self) -> None:
        """Build a new engine (the user added an actor) and swap it in as one reference.

        A worker in the middle of an analysis finishes with the engine it took; its result
        carries the old generation.
        """
        with self._lock:
            engine = self._build(self._generation + 1)
            self._engine = engine
            self._generation = engine.generation

    @property
    def gazetteer(self):
        self._ensure()
        return self._ensure().gazetteer

    def sides(self) -> Mapping[str, SideInfo]:
        return {s.id: SideInfo(s.label, s.code) for s in self.gazetteer.sides.values()}

    def analyze(self, article: Article) -> ArticleAnalysis:
        return self.analyze_text(plain_text(article.body), article.published, article)

    def analyze_text(self, text: str, published: dt.date | None, article: Article | None = None) -> ArticleAnalysis:
        engine = self._ensure()  # taken once: a reload meanwhile does not change it
        from desktop.core.annotate.publication import infer_publication

        anchor, inferred, reason = published, False, "publication date"
        if published is None:
            anchor, reason = infer_publication(text, engine.date_tagger)
            inferred = anchor is not None
        spans = tuple(sentences(text))
        dates = engine.date_tagger.tag(text, anchor, spans)
        actors, places = engine.actor_tagger.tag(text, anchor, spans)
        if engine.references is not None:
            actors = engine.references.resolve(text, anchor, actors)
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
            generation=engine.generation,
        )

    def annotated(self, analysis: ArticleAnalysis) -> Annotated:
        """What :mod:`desktop.core.annotate.document` needs to draw the analysis."""
        from desktop.core.annotate.timex import describe_value

        words = {d.value: describe_value(d.value) for d in analysis.dates}
        return Annotated(analysis.actors, analysis.dates, self.sides(), words)


# --------------------------------------------------------------------------- in another process

_process_analyzer: Analyzer | None = None
_process_generation = -1


def analyse_detached(article: Article, options, base_dir: str | None, generation: int = 0) -> tuple:
    """Analyse and render an article in a worker *process* (long articles).

    Python threads share one interpreter lock and regular expressions hold it for a whole
    call, so a very long article analysed in a thread can starve the window. A process
    cannot. Returns picklable parts; :func:`attach` rebuilds the analysis in the caller.
    ``generation`` is the caller's: when it changed (an actor was added) the process builds
    its engine again.
    """
    global _process_analyzer, _process_generation
    from desktop.core.annotate.document import article_html
    from desktop.core.files import paths

    if base_dir:
        paths.set_base_dir(base_dir)
    if _process_analyzer is None or generation != _process_generation:
        _process_analyzer, _process_generation = Analyzer(), generation
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


def attach(article: Article, parts: tuple, generation: int = 0) -> tuple[ArticleAnalysis, str]:
    text, anchor, inferred, reason, spans, actors, places, dates, html = parts
    analysis = ArticleAnalysis(article, text, anchor, inferred, reason, spans, actors, places, dates, generation)
    return analysis, html
