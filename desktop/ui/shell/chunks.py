"""The worker side of the workspace: a chunk of articles analysed (read from the analysis cache,
in the pool's processes, or here) and rendered, and what of each analysis is kept at rest.

These run on the task runner's threads; they only return results, which the workspace applies
on the UI thread. An analysis the cache holds is kept as a :class:`StoredAnalysis` (its date and
its key; the mentions read back when a view asks for them), so a library of thousands of
articles does not hold every mention in memory.
"""

from __future__ import annotations

import traceback

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.document import ViewOptions, article_html
from desktop.core.files.logs import log
from desktop.core.library.stored import StoredAnalysis, stored
from desktop.core.text.articles import Article, body_length

_log = log().getChild(__name__)

#: Bodies longer than this are converted to HTML only on the worker thread.
LARGE_ARTICLE = 150_000


class ChunkAnalysis:
    """Mixed into the workspace: needs ``analyzer``, ``cache``, ``analysis_pool``, ``parts_store``
    and ``_pool`` (the process for long articles)."""

    def _analyse_chunk(
        self, articles: list[Article], options: ViewOptions, generation: int, render: bool, pooled: bool = False
    ) -> list:
        """On the worker thread: (article id, result, error message) for each article of a chunk,
        read from the cache or analysed (and then cached); one article's failure is its own."""
        if generation != self.analyzer.generation:
            return [(a.id, None, None) for a in articles]  # stale: dropped anyway
        fingerprint = self.cache.fingerprint if self.cache is not None else ""
        cached = self._cached(articles, generation, render)
        cached, failed = self._pooled(articles, cached, generation, render) if pooled else (cached, {})
        out, made = list(failed.values()), []
        for article in articles:
            if article.id not in failed:
                out.append(self._result(article, cached.get(article.id), options, generation, render, made))
        if self.cache is not None and made and generation == self.analyzer.generation:
            self.cache.store([a for a in made if a.generation == generation], fingerprint)
        return [(i, (self._at_rest(r[0], fingerprint), r[1]) if r else r, e) for i, r, e in out]

    def _at_rest(self, analysis: ArticleAnalysis, fingerprint: str) -> ArticleAnalysis:
        """What the workspace keeps of an analysis the cache holds: its date and its key (the parts
        read back when asked for, the last ones held); without a cache, the whole analysis."""
        if self.cache is None or isinstance(analysis, StoredAnalysis):
            return analysis
        return stored(analysis.article, analysis, self.cache.key(analysis.article, fingerprint), self.parts_store)

    def _result(self, article: Article, analysis, options: ViewOptions, generation: int, render: bool, made: list):
        """On the worker thread: (article id, result, error message) of one article, its analysis
        (if cached) rendered or the article analysed (and added to ``made``)."""
        try:
            if analysis is not None:
                return article.id, (analysis, self._render(analysis, options) if render else None), None
            result = self._analyse_and_render(article, options, generation, render)
            made += [result[0]] if result is not None else []
            return article.id, result, None
        except Exception as exc:  # reported to the UI for that article, never lost
            _log.exception("analysing %s failed", article.id)
            return article.id, None, "".join(traceback.format_exception_only(type(exc), exc)).strip()

    def _pooled(self, articles: list[Article], cached: dict, generation: int, render: bool) -> tuple[dict, dict]:
        """On the worker thread: the articles the cache lacks analysed in the pool's processes (and
        kept in the cache with their events): (the analyses to use, id → result for the ones that
        failed). A long article to be shown now is left to its own process, which also renders it."""
        todo = [a for a in articles if a.id not in cached and not (render and body_length(a) > LARGE_ARTICLE)]
        if not todo:
            return cached, {}
        from concurrent.futures import BrokenExecutor

        from desktop.core.library.cached import analyse_in_pool

        try:
            made, failed = analyse_in_pool(todo, self.cache, self.analysis_pool, generation)
        except (BrokenExecutor, OSError, RuntimeError):  # RuntimeError: the pool was shut down (closing)
            _log.exception("the analysis processes stopped; analysing in this process")
            return cached, {}
        return {**cached, **made}, {i: (i, None, message) for i, message in failed.items()}

    def _cached(self, articles: list[Article], generation: int, render: bool) -> dict[str, ArticleAnalysis]:
        """The analyses the cache holds: whole for articles to be shown now, else only their dates
        (the rest of the library: its parts are read when a view asks for them)."""
        if self.cache is None or not articles:
            return {}
        if not render:
            found = self.cache.summaries(articles, generation)
            by_id = {a.id: a for a in articles}
            return {
                i: stored(by_id[i], summary, key, self.parts_store, keep=False) for i, (key, summary) in found.items()
            }
        cached = self.cache.load(articles, generation)
        if render:  # a long article is rendered in its worker process, never on this thread
            cached = {k: v for k, v in cached.items() if body_length(v.article) <= LARGE_ARTICLE}
        return cached

    def _render(self, analysis: ArticleAnalysis, options: ViewOptions) -> str:
        article = analysis.article
        return article_html(article.body, self.analyzer.annotated(analysis), options, (), article.id)

    def _analyse_and_render(
        self, article: Article, options: ViewOptions, generation: int, render: bool = True
    ) -> tuple[ArticleAnalysis, str | None] | None:
        """On the worker thread: analyse, and render the highlighted HTML the pane will show.

        The UI thread only hands the finished HTML to Qt. A long article goes to a worker
        process (this thread just waits for it), so it can never starve the window. A request
        of an older generation is skipped (None): its result would be dropped anyway. Without
        ``render`` (the rest of the library) the HTML is left to the first view that shows it.
        """
        if generation != self.analyzer.generation:
            return None
        if body_length(article) > LARGE_ARTICLE:
            from desktop.core.annotate.analysis import analyse_detached, attach, detachable
            from desktop.core.files import paths

            base = paths.base_dir()
            parts = (
                self._process_pool()
                .submit(analyse_detached, detachable(article), options, str(base) if base else None, generation)
                .result()
            )
            return attach(article, parts, generation)
        analysis = self.analyzer.analyze(article)
        if not render:
            return analysis, None
        html = article_html(article.body, self.analyzer.annotated(analysis), options, (), article.id)
        return analysis, html

    def _process_pool(self):
        if self._pool is None:
            import multiprocessing
            import os
            from concurrent.futures import ProcessPoolExecutor

            from desktop.core.library.pool import die_with_parent

            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool
