"""The session: corpus, analyses and view options, shared by every view.

Views ask the workspace for an article's HTML; the workspace analyses articles in the
background and tells views (``analysis_ready``) when highlighting can be drawn. Every
request carries the analyzer's generation: a result made before ``reanalyse_all`` (or for
an article whose text changed since) is dropped when it arrives. Workers only return
results; the workspace's dictionaries are written on the UI thread alone.

A library holds thousands of articles: analyses are asked for in chunks (one background task
per :data:`CHUNK` articles, whose results are applied together, the UI running between two
chunks), and only the HTML of the articles last shown is kept (an LRU of :data:`RENDERED_KEEP`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QObject, Signal

from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis, content_key
from desktop.core.annotate.document import Highlight, ViewOptions, article_html, body_css
from desktop.core.annotate.rendercache import RenderCache
from desktop.core.annotations.episodes import EpisodeOutcome
from desktop.core.annotations.layer import CorrectionLayer
from desktop.core.files.logs import log
from desktop.core.library.stored import PartsStore, StoredAnalysis
from desktop.core.text.articles import Article, Corpus, format_published
from desktop.ui.shell.analysing import (
    RENDERED_KEEP,
    AnalysisTexts,
    RenderedLRU,
    extract_episodes,
    release_free_memory,
)
from desktop.ui.shell.chunks import LARGE_ARTICLE, ChunkAnalysis
from desktop.ui.shell.tasks import TaskRunner

_log = log().getChild(__name__)

BASE_PT = 12.0
PREPARING = "<p style='color:gray'><i>Preparing this long article…</i></p>"
ZOOM_RANGE = (-6, 12)
#: Articles analysed by one background task (one task and one result signal per chunk).
CHUNK = 16
#: A request of at least this many articles is analysed in the pool's processes (when there is one).
POOL_FROM = 24


def _markup_options(options: ViewOptions) -> ViewOptions:
    """The options the HTML depends on: colours come from the style sheet, not the markup."""
    return dataclasses.replace(options, theme="")


class Workspace(QObject, ChunkAnalysis):
    """What is loaded and how it is shown; the single source for views."""

    analysis_ready = Signal(str)  # article id
    analysis_progress = Signal(int, int)  # articles analysed, of those asked for since the last idle
    analysis_failed = Signal(str)  # message
    all_analysed = Signal()
    options_changed = Signal()
    corpus_changed = Signal()
    episodes_ready = Signal()
    episodes_failed = Signal(str)

    def __init__(
        self, corpus: Corpus, analyzer: Analyzer | None = None, parent: QObject | None = None, cache=None, pool=None
    ) -> None:
        super().__init__(parent)
        self.cache = cache  # an AnalysisCache: analyses kept between sessions (the window has one)
        self.analysis_pool = pool  # an AnalysisPool: the first analysis on every core (the window has one)
        self._asked = 0  # articles asked for since the workspace was last idle (the progress bar)
        self.corpus = corpus
        self.analyzer = analyzer or Analyzer()
        self.options = ViewOptions()
        self.zoom = 0
        self._analyses: dict[str, ArticleAnalysis] = {}
        self._version = 0  # bumped by every change of _analyses
        self._listed: tuple = (None, (), [])  # (version, objects it depends on, analyses()): asked for often
        self._pending: dict[str, int] = {}  # article id -> generation of the request in flight
        self._runner = TaskRunner(self, max_threads=2 if pool is not None else 1)  # two chunks keep the pool fed
        self.analysis_error = ""
        self._held: set[str] | None = None  # requests waiting for hold_analysis() to end
        self._rendered = RenderedLRU(RENDERED_KEEP)  # HTML of the articles last shown or asked for
        self._pool = None  # a worker process for long articles, started when first needed
        self.render_cache = RenderCache()
        self.parts_store = PartsStore(cache, lambda article: self.analyzer.analyze(article)) if cache else None
        self.episodes = None  # an EpisodeSet once the whole library is analysed
        self._episodes_key: tuple = ()
        self._episodes_pending = False
        self.extracted = None  # the EpisodeSet extracted, before the reader's episode edits
        self.episode_outcome = EpisodeOutcome()
        self.all_analysed.connect(self.build_episodes)
        self.layer = CorrectionLayer()  # the reader's annotations; see set_corrections

    # -- the reader's corrections
    def set_corrections(self, annotations) -> None:
        """The reader's annotations changed: the articles they correct are drawn again, and the
        episodes extracted again (mention corrections) or edited again (episode edits)."""
        change = self.layer.set(annotations)
        for key in [k for k in self._rendered if k[0] in change.articles]:
            del self._rendered[key]
        for article_id in sorted(change.articles):
            if article_id in self._analyses:
                self.analysis_ready.emit(article_id)
        if change.mentions and self.extracted is not None:
            self.build_episodes()
        elif change.edits and self.extracted is not None:
            self._edit_episodes()
            self.episodes_ready.emit()

    @property
    def corrections(self) -> list:
        return self.layer.annotations

    def _corrects(self, article_id: str) -> bool:
        return self.layer.corrects(article_id)

    def corrected_analysis(self, article_id: str) -> ArticleAnalysis | None:
        """The analysis as the reader sees it: with the reader's corrections applied."""
        return self.layer.corrected(self._analyses.get(article_id), self.analyzer.gazetteer)

    def _edit_episodes(self) -> None:
        """The episodes the app shows: those extracted, with the reader's episode edits applied."""
        self.episodes, self.episode_outcome = self.layer.edited(self.extracted, self.texts())

    def texts(self) -> AnalysisTexts:
        """Article id → the analysed plain text, each read when asked for (not the whole library's)."""
        return AnalysisTexts(self._analyses)

    # -- corpus
    def article(self, article_id: str) -> Article | None:
        return self.corpus.get(article_id)

    def articles(self) -> list[Article]:
        return list(self.corpus.articles)

    def set_corpus(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.episodes = self.extracted = None
        rebased = {k: self._rebased(v) for k, v in self._analyses.items()}
        kept = {k: v for k, v in rebased.items() if v is not None}
        self._analyses = kept
        self._version += 1
        self._rendered.keep(kept)
        self.corpus_changed.emit()

    def _rebased(self, analysis: ArticleAnalysis) -> ArticleAnalysis | None:
        """``analysis`` on the corpus's article if it is still valid for it (same id, date and
        text, whatever the object), else None."""
        article = self.corpus.get(analysis.article_id)
        if article is analysis.article:
            return analysis
        if article is None or content_key(article) != content_key(analysis.article):
            return None
        if isinstance(analysis, StoredAnalysis):
            return analysis.with_article(article)
        return dataclasses.replace(analysis, article=article)

    def add_article(self, article: Article) -> bool:
        before = len(self.corpus.articles)
        self.corpus.add(article)
        if len(self.corpus.articles) > before:
            self.corpus_changed.emit()
            return True
        return False

    # -- analysis
    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        """The analysis as the engine made it (see :meth:`corrected_analysis` for the reader's)."""
        return self._analyses.get(article_id)

    def analyses(self) -> list[ArticleAnalysis]:
        """Every analysis, with the reader's corrections applied: what every view uses."""
        articles, layer = self.corpus.articles, self.layer
        version = (self._version, self.analyzer.generation, len(articles))
        objects = (articles, layer.annotations, layer._articles, self.analyzer.gazetteer)
        old_version, old_objects, listed = self._listed
        if old_version != version or any(a is not b for a, b in zip(old_objects, objects, strict=True)):
            fix, gazetteer = layer.corrected, self.analyzer.gazetteer
            listed = [fix(self._analyses[a.id], gazetteer) for a in articles if a.id in self._analyses]
            self._listed = (version, objects, listed)
        return list(listed)

    def hold_analysis(self) -> None:
        """Queue analysis requests (start-up: the first view is painted before any work starts)."""
        if self._held is None:
            self._held = set()

    def release_analysis(self) -> None:
        held, self._held = self._held, None
        if held:
            self.request_analysis(sorted(held))

    def request_analysis(self, article_ids: Iterable[str] | None = None) -> None:
        """Analyse articles in the background, those asked for first."""
        ids = list(article_ids) if article_ids is not None else self.corpus.ids()
        if self._held is not None:
            self._held.update(ids)
            return
        generation = self.analyzer.generation
        todo = [i for i in ids if i not in self._analyses and self._pending.get(i) != generation and self.article(i)]
        if not todo:
            if not self._pending and self.is_fully_analysed():
                self.all_analysed.emit()
            return
        render = article_ids is not None  # articles asked for by name are about to be shown
        options = self.options
        self._asked += len(todo)
        pooled = self._use_pool(len(todo))
        for start in range(0, len(todo), CHUNK):
            chunk = [self.article(i) for i in todo[start : start + CHUNK]]
            for article in chunk:
                self._pending[article.id] = generation
            self._runner.run(
                lambda c=chunk, g=generation, r=render: self._analyse_chunk(c, options, g, r, pooled),
                lambda results, g=generation: self._chunk_done(results, g, options),
                lambda message, c=chunk, g=generation: [self._failed(a.id, g, message) for a in c],
            )

    def _use_pool(self, count: int) -> bool:
        """A request of ``count`` articles goes to the pool's processes: many, or the pool is running."""
        return self.analysis_pool is not None and (count >= POOL_FROM or self.analysis_pool.started)

    def _chunk_done(self, results: list, generation: int, options: ViewOptions) -> None:
        for article_id, result, error in results:
            if error is not None:
                self._failed(article_id, generation, error)
            else:
                self._analysed(article_id, generation, options, result)
        asked = self._asked
        if not self._pending:
            self._asked = 0
        self.analysis_progress.emit(asked - len(self._pending), asked)

    def analyse_now(self, article_id: str) -> ArticleAnalysis | None:
        """Analyse on the calling thread (command line, tests, exports)."""
        if article_id not in self._analyses:
            article = self.article(article_id)
            if article is None:
                return None
            self._analyses[article_id] = self.analyzer.analyze(article)
            self._version += 1
        return self._analyses[article_id]

    def reanalyse_all(self) -> None:
        """Forget every analysis (the actor list changed) and analyse the library again.

        Requests still in flight belong to the old generation: they are asked again, and
        their results are dropped when they arrive.
        """
        self.analyzer.reload()
        if self.cache is not None:
            self.cache.engine_changed()
        self._analyses.clear()
        self._version += 1
        self._rendered.clear()
        self.layer.forget()
        self.episodes = self.extracted = None
        self._asked = 0
        self.request_analysis()

    # -- episodes
    def build_episodes(self) -> None:
        """Extract episodes from every analysed article (as corrected), in the background; the
        reader's episode edits are applied to them when they arrive."""
        if self._episodes_pending:
            return
        analyses = self.analyses()
        key = self._episodes_state(analyses)
        if self.extracted is not None and key == self._episodes_key:
            return  # nothing changed since the last extraction
        self._episodes_key = key
        self._episodes_pending = True

        def done(episode_set) -> None:
            self._episodes_pending = False
            if self._episodes_state(self.analyses()) != key:
                self.build_episodes()  # the library or the corrections changed meanwhile
                return
            self.extracted = episode_set
            self._edit_episodes()
            self.episodes_ready.emit()
            release_free_memory()  # what reading the events back and grouping them left free

        def failed(message: str) -> None:
            self._episodes_pending = False
            self.episodes_failed.emit(f"Episodes could not be extracted: {message}")

        plain = {a.article.id for a in analyses if a is self._analyses.get(a.article.id)}  # not corrected
        self._runner.run(lambda: extract_episodes(analyses, self.cache, plain), done, failed)

    def _episodes_state(self, analyses: list[ArticleAnalysis]) -> tuple:
        """What the episodes depend on: the analyses themselves (a tuple compares its items by
        identity first, so an unchanged library compares in one pass) and the corrections."""
        return tuple(analyses), self.layer.mention_key()

    def is_fully_analysed(self) -> bool:
        return all(a.id in self._analyses for a in self.corpus.articles)

    def busy(self) -> bool:
        return bool(self._pending) or self._episodes_pending

    def wait(self, msecs: int = 30000) -> bool:
        return self._runner.wait(msecs)

    def shutdown(self) -> None:
        """Stop background work (the window is closing): the analyses not yet started are cancelled
        first, so no task waits for them."""
        self._runner.clear()
        if self.analysis_pool is not None:
            self.analysis_pool.shutdown(wait=False)
        # a task still running when Qt tears the window down is a crash: wait for it (a task is
        # one chunk of articles, well under a second; a loaded machine may take a few)
        self.wait(30000)
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self.analysis_pool is not None:
            self.analysis_pool.shutdown()
        if self.cache is not None:
            self.cache.close()

    def _settle(self, article_id: str, generation: int) -> None:
        """The request of ``generation`` for ``article_id`` is over (a newer one may still run)."""
        if self._pending.get(article_id) == generation:
            del self._pending[article_id]

    def _analysed(
        self, article_id: str, generation: int, options: ViewOptions, result: tuple[ArticleAnalysis, str | None] | None
    ) -> None:
        self._settle(article_id, generation)
        analysis = None
        if result is not None and result[0].generation == self.analyzer.generation:
            analysis = self._rebased(result[0])
        if analysis is not None:
            self._analyses[article_id] = analysis
            self._version += 1
            if result[1] is not None and not self._corrects(article_id):  # drawn without the corrections
                self._rendered[(article_id, _markup_options(options))] = result[1]
            self.analysis_ready.emit(article_id)
        # else: stale (an actor was added, or the article changed, since it was asked for)
        if not self._pending and self.is_fully_analysed():
            self.all_analysed.emit()

    def _failed(self, article_id: str, generation: int, message: str) -> None:
        self._settle(article_id, generation)
        if generation != self.analyzer.generation:
            return  # a stale request's failure says nothing about the current one
        self.analysis_error = f"Highlighting is not available for {article_id}: {message}"
        self.analysis_failed.emit(self.analysis_error)

    # -- options
    def set_options(self, **changes) -> None:
        new = dataclasses.replace(self.options, **changes)
        if new != self.options:
            self.options = new
            self.options_changed.emit()

    def set_zoom(self, zoom: int) -> None:
        zoom = max(ZOOM_RANGE[0], min(ZOOM_RANGE[1], zoom))
        if zoom != self.zoom:
            self.zoom = zoom
            self.options_changed.emit()

    # -- rendering
    def css(self) -> str:
        return body_css(self.options.theme)

    def font_size(self) -> float:
        """The reading size in points, with the zoom applied."""
        return BASE_PT + self.zoom

    def byline(self, article: Article) -> str:
        analysis = self._analyses.get(article.id)
        outlet = article.outlet or "Outlet unknown"
        if article.published is None and analysis is not None and analysis.anchor is not None:
            return f"{outlet} · ≈ {analysis.anchor:%d %B %Y} (inferred from the text)"
        return f"{outlet} · {format_published(article)}"

    def body_html(self, article_id: str, highlights: Sequence[Highlight] = ()) -> str:
        article = self.article(article_id)
        if article is None:
            return ""
        analysis = self.corrected_analysis(article_id)
        markup_options = _markup_options(self.options)
        plain = not highlights and not self._corrects(article_id)  # the same HTML every session
        key = self.render_cache.key(article.body, markup_options) if plain else ""
        if analysis is None:
            cached = self.render_cache.get(key) if key else None
            if cached is not None:
                return cached  # last session's highlighting, until the analysis arrives
            if len(article.body) > LARGE_ARTICLE:
                return PREPARING  # rendered on the worker thread with the analysis
            return article_html(article.body, None, self.options, highlights, article_id)
        ready = self._rendered.get((article_id, markup_options)) if not highlights else None
        if ready is not None:
            if key:
                self.render_cache.put(key, ready)
            return ready
        html = article_html(article.body, self.analyzer.annotated(analysis), self.options, highlights, article_id)
        if not highlights:
            self._rendered[(article_id, markup_options)] = html
            if key:
                self.render_cache.put(key, html)
        return html
