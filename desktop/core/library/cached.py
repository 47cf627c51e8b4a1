"""A library's analyses and events through the analysis cache: read what is kept, make the rest.

:func:`cached_analyses` is what the command line (``overtures export``, ``analyze``) and the
window share: the cached analyses and events of the articles are read back, the missing ones
are made (in worker processes when there are many, see :mod:`pool`) and kept, so a library
analysed once (by the window or by a command) is never analysed again by the same engine.
:func:`episode_events` gives the events of analyses for :func:`build_episodes`: those kept in
the cache, the others extracted (and kept, unless the reader corrected the analysis).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor
from dataclasses import dataclass, field

from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis
from desktop.core.episodes.event_records import Event
from desktop.core.episodes.events import EventExtractor
from desktop.core.files.logs import log
from desktop.core.library.analysiscache import AnalysisCache, analysis_from_json
from desktop.core.library.eventcodec import decode_events
from desktop.core.text.articles import Article

#: Fewer missing articles than this are analysed in this process (starting workers costs more).
POOL_FROM = 24


@dataclass
class Analysed:
    """The analyses of a library (in the articles' order), their events, and what failed."""

    analyses: list[ArticleAnalysis] = field(default_factory=list)
    events: dict[str, list[Event]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # article id -> reason


def cached_analyses(
    articles: Sequence[Article],
    analyzer: Analyzer,
    cache: AnalysisCache,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Analysed:
    """Every article's analysis and events: the cached ones read, the others made and kept."""
    found = cache.load(articles, analyzer.generation)
    missing = [a for a in articles if a.id not in found]
    out = Analysed(events=cache.load_events([a for a in articles if a.id in found]))
    if len(missing) >= POOL_FROM and workers != 1:
        try:
            _analyse_in_pool(missing, analyzer, cache, workers, progress, found, out)
            missing = []
        except (BrokenExecutor, OSError):  # no worker processes here: this process does it all
            out.failed.clear()
    _analyse_here(missing, analyzer, cache, found, out)
    out.analyses = [found[a.id] for a in articles if a.id in found]
    return out


def _analyse_here(missing, analyzer: Analyzer, cache: AnalysisCache, found: dict, out: Analysed) -> None:
    extractor = EventExtractor()
    made = []
    for article in missing:
        try:
            analysis = analyzer.analyze(article)
        except Exception as exc:  # one article's failure is reported, the others go on
            log().exception("analysing %s failed", article.id)
            out.failed[article.id] = f"{type(exc).__name__}: {exc}"
            continue
        found[article.id] = analysis
        out.events[article.id] = extractor.extract(analysis)
        made.append(analysis)
    cache.store(made, events=out.events)


def _analyse_in_pool(missing, analyzer, cache: AnalysisCache, workers, progress, found: dict, out: Analysed) -> None:
    from desktop.core.library.pool import AnalysisPool, analyse_all

    pool = AnalysisPool(workers)
    try:
        encoded, out.failed = analyse_all(missing, f"{analyzer.generation}:{cache.fingerprint}", pool, progress)
    finally:
        pool.shutdown()
    by_id = {a.id: a for a in missing}
    for article_id, (analysis, events) in encoded.items():
        found[article_id] = analysis_from_json(by_id[article_id], analysis, analyzer.generation)
        out.events[article_id] = decode_events(article_id, events)
    keys = {i: cache.key(by_id[i]) for i in encoded}
    cache.store_encoded([(keys[i], p[0]) for i, p in encoded.items()], [(keys[i], p[1]) for i, p in encoded.items()])


def episode_events(
    analyses: Sequence[ArticleAnalysis],
    cache: AnalysisCache | None,
    corrected: Callable[[str], bool] = lambda _id: False,
    extractor: EventExtractor | None = None,
) -> dict[str, list[Event]]:
    """The events of ``analyses`` (article id → events): kept ones read from ``cache``, the others
    extracted; those of analyses the reader ``corrected`` are extracted and never kept."""
    extractor = extractor or EventExtractor()
    plain = [a for a in analyses if not corrected(a.article.id)]
    known = cache.load_events([a.article for a in plain]) if cache is not None else {}
    fresh = {a.article.id: extractor.extract(a) for a in plain if a.article.id not in known}
    if cache is not None and fresh:
        cache.store_events([a for a in plain if a.article.id in fresh], fresh)
    events = {**known, **fresh}
    for analysis in analyses:
        if analysis.article.id not in events:
            events[analysis.article.id] = extractor.extract(analysis)
    return events


def analyse_in_pool(
    articles: Sequence[Article], cache: AnalysisCache | None, pool, generation: int = 0
) -> tuple[dict[str, ArticleAnalysis], dict[str, str]]:
    """``articles`` analysed by ``pool`` (an :class:`~desktop.core.library.pool.AnalysisPool`) and
    kept in ``cache`` with their events: (id → analysis, id → failure). The workers' engine is that
    of ``generation`` and the cache's fingerprint (an actor added makes them build it again)."""
    from desktop.core.library.pool import analyse_all

    fingerprint = cache.fingerprint if cache is not None else ""
    encoded, failed = analyse_all(articles, f"{generation}:{fingerprint}", pool)
    by_id = {a.id: a for a in articles}
    made = {i: analysis_from_json(by_id[i], parts[0], generation) for i, parts in encoded.items()}
    if cache is not None and encoded:
        keys = {i: cache.key(by_id[i], fingerprint) for i in encoded}
        cache.store_encoded(
            [(keys[i], p[0]) for i, p in encoded.items()], [(keys[i], p[1]) for i, p in encoded.items()]
        )
    return made, failed
