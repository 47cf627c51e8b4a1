"""The first analysis of a library on every core: articles analysed in worker processes.

:func:`analyse_encoded` is a pure function of an article (its text and metadata) → the analysis
and the events as the analysis cache keeps them (JSON strings), so a process pool here (or
partitions of another engine) can call it; the caller stores the strings as they are and decodes
only the analysis. :class:`AnalysisPool` is a process pool started on first use (spawned, so no
Qt state is inherited) whose workers rebuild their engine when the caller's fingerprint changes
(an actor was added).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import BrokenExecutor, Future, ProcessPoolExecutor

from desktop.core.files.logs import log
from desktop.core.text.articles import Article

_engine: tuple[str, object, object] | None = None  # (fingerprint, Analyzer, EventExtractor) of this process


def _engine_for(fingerprint: str):
    global _engine
    if _engine is None or _engine[0] != fingerprint:
        from desktop.core.annotate.analysis import Analyzer
        from desktop.core.episodes.events import EventExtractor

        _engine = (fingerprint, Analyzer(), EventExtractor())
    return _engine[1], _engine[2]


def analyse_encoded(article: Article, fingerprint: str = "") -> tuple[str, str]:
    """(analysis JSON, events JSON) of ``article``, as :mod:`analysiscache` stores them."""
    from desktop.core.library.analysiscache import analysis_json
    from desktop.core.library.eventcodec import encode_events

    analyzer, extractor = _engine_for(fingerprint)
    analysis = analyzer.analyze(article)
    return analysis_json(analysis), encode_events(article.id, extractor.extract(analysis))


def die_with_parent(parent: int, every: float = 0.5) -> None:
    """End this worker when the process that started it ends, even by kill -9.

    A worker forked or spawned by a pool waits on a queue whose other end it may hold itself, so
    it never learns that its parent is gone. A daemon thread looks at the parent's pid every
    ``every`` seconds and ends the worker when it changed (the worker was re-parented). Not
    ``PR_SET_PDEATHSIG``: that fires when the parent's *thread* that started the worker ends,
    and pools start workers from short-lived task threads.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(0)

    threading.Thread(target=watch, name="overtures-parent-watch", daemon=True).start()


def _worker_start(base_dir: str | None, parent: int | None = None) -> None:
    from desktop.core.files import paths

    if parent is not None:
        die_with_parent(parent)
    paths.set_base_dir(base_dir)
    with contextlib.suppress(OSError):
        os.nice(5)  # the window's own process stays ahead of its helpers


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


class AnalysisPool:
    """Worker processes analysing articles; safe to submit to from several threads."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()
        self._executor: ProcessPoolExecutor | None = None

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            import multiprocessing

            from desktop.core.files import paths

            base = paths.base_dir()
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_start,
                initargs=(str(base) if base else None, os.getpid()),
            )
        return self._executor

    @property
    def started(self) -> bool:
        return self._executor is not None

    def submit(self, articles: Iterable[Article], fingerprint: str) -> list[Future]:
        from desktop.core.annotate.analysis import detachable

        pool = self._pool()
        return [pool.submit(analyse_encoded, detachable(a), fingerprint) for a in articles]

    def shutdown(self, wait: bool = True) -> None:
        """Stop the workers: articles not started are cancelled (``wait``: until the others end)."""
        if self._executor is not None:
            self._executor.shutdown(wait=wait, cancel_futures=True)
            if wait:
                self._executor = None


def analyse_all(
    articles: Sequence[Article],
    fingerprint: str,
    pool: AnalysisPool,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """Every article analysed by ``pool``: (id → (analysis JSON, events JSON), id → failure).

    Raises :class:`BrokenExecutor` when the pool cannot work at all (a worker died)."""
    futures = pool.submit(articles, fingerprint)
    done, failed = {}, {}
    for count, (article, future) in enumerate(zip(articles, futures, strict=True), 1):
        try:
            done[article.id] = future.result()
        except BrokenExecutor:
            raise  # the pool itself is gone (a worker was killed): the caller analyses another way
        except Exception as exc:  # one article's failure is its own
            log().exception("analysing %s in a worker process failed", article.id)
            failed[article.id] = f"{type(exc).__name__}: {exc}"
        if progress is not None:
            progress(count, len(articles))
    return done, failed
