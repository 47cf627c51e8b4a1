"""The library's search, off the UI thread: the library database (brought up to date with the
article folders the first time and after an import) answers full-text and actor queries through
:mod:`desktop.core.library.search`; the analysis cache behind the actor and side filters is filled
in the background. One worker thread owns every database call, so no two ever overlap. The long,
pure-Python parts (reading 10,000 article files into the database, analysing the articles that
lack an analysis) run in a helper process, in chunks: in a thread of the window's process they
would hold the GIL for minutes and the window would stutter all along."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.core.library.search import SearchFilters, SearchHit
from desktop.ui.shell.tasks import TaskRunner

#: Articles analysed per call to the helper process (the stop flag is looked at between calls).
ANALYSIS_CHUNK = 40


def _helper_start(base_dir: str | None) -> None:
    from desktop.core.files import paths

    paths.set_base_dir(base_dir)
    with contextlib.suppress(OSError):
        os.nice(5)  # the window's own process stays ahead of its helper
    parent = os.getppid()
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent: int) -> None:
    """In the helper process: end as soon as the window's process is gone (killed, or ended
    without stopping its helper), never to linger holding its pipes."""
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def _refresh(db_path: Path | None) -> list[str]:
    """In the helper process: the database brought up to date with the article folders."""
    from desktop.core.library.db import Library
    from desktop.core.library.refresh import refresh

    with Library(db_path) as library:
        return refresh(library)


def _unanalysed(db_path: Path | None) -> list[int]:
    """In the helper process: the rows lacking an analysis by this engine (cached ones indexed)."""
    from desktop.core.library.db import Library, engine_fingerprint

    with Library(db_path) as library:
        return [row["rid"] for row in library.unanalysed(engine_fingerprint())]


def _analyse_rows(db_path: Path | None, rids: list[int]) -> int:
    """In the helper process: analyse these rows and keep their analyses and actor mentions."""
    from desktop.core.library.batch import analyse_text
    from desktop.core.library.db import Library, engine_fingerprint

    engine = engine_fingerprint()
    marks = ", ".join("?" for _ in rids)
    with Library(db_path) as library:
        rows = library.db.execute(
            f"SELECT rid, id, text, text_hash, published FROM articles WHERE rid IN ({marks})", rids
        ).fetchall()
        for row in rows:
            library.store_analysis(row["rid"], row["text_hash"], engine, analyse_text(row["text"], dict(row)))
    return len(rows)


class HelperProcess:
    """One spawned process (started on first use) for the database's long pure-Python work; the
    thread that asks waits for the answer without holding the GIL. Should the process not start,
    the work runs in the asking thread."""

    def __init__(self) -> None:
        self._executor = None
        self._lock = threading.Lock()
        self._closed = False

    def call(self, fn: Callable, *args):
        from concurrent.futures import BrokenExecutor

        try:
            return self._pool().submit(fn, *args).result()
        except (BrokenExecutor, OSError, RuntimeError):
            if self._closed:
                raise
            return fn(*args)

    def _pool(self):
        with self._lock:
            if self._closed:
                raise RuntimeError("the library's helper process was stopped")
            if self._executor is None:
                import multiprocessing
                from concurrent.futures import ProcessPoolExecutor

                from desktop.core.files import paths

                base = paths.base_dir()
                self._executor = ProcessPoolExecutor(
                    1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_helper_start,
                    initargs=(str(base) if base else None,),
                )
            return self._executor

    def shutdown(self, wait: bool = False) -> None:
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=wait, cancel_futures=True)


def _search(
    db_path: Path | None, query: str, filters: SearchFilters, refresh_first: bool, actors, helper: HelperProcess
) -> list[SearchHit]:
    from desktop.core.library.db import Library
    from desktop.core.library.search import search

    if refresh_first:
        helper.call(_refresh, db_path)
    with Library(db_path) as library:
        return search(library, query, filters, actors=actors)


def _choices(db_path: Path | None, helper: HelperProcess) -> dict:
    """What the filters offer: actors (id → name, side), sides and outlets of the library."""
    from desktop.core.library.actor_names import actor_names
    from desktop.core.library.db import Library

    actors = actor_names()
    helper.call(_refresh, db_path)
    with Library(db_path) as library:
        outlets = [r[0] for r in library.db.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")]
    return {
        "actors": actors,
        "sides": sorted({a.side for a in actors.values() if a.side}),
        "outlets": sorted(outlets, key=str.casefold),
    }


def _analyse_missing(db_path: Path | None, stop: threading.Event, helper: HelperProcess) -> int:
    """Fill the analysis cache (actor mentions) of articles that lack it, chunk by chunk in the
    helper process, until ``stop``."""
    try:
        todo = helper.call(_unanalysed, db_path)
        for start in range(0, len(todo), ANALYSIS_CHUNK):
            if stop.is_set():
                break
            helper.call(_analyse_rows, db_path, todo[start : start + ANALYSIS_CHUNK])
    except RuntimeError:
        if stop.is_set():
            return 0  # the window is closing: the rest waits for the next session
        raise
    return len(todo)


def _article_ids(db_path: Path | None, actor: str | None, side: str | None) -> set[str]:
    """Ids of the articles with a mention of the actor and one of the side (as the search filters)."""
    from desktop.core.library.db import Library

    sql, args = "SELECT id FROM articles a WHERE 1 = 1", []
    for column, value in (("actor", actor), ("side", side)):
        if value:
            sql += f" AND a.rid IN (SELECT rid FROM mentions WHERE {column} = ?)"
            args.append(value)
    with Library(db_path) as library:
        return {row[0] for row in library.db.execute(sql, args)}


class SearchBackend(QObject):
    """``search`` answers through ``results(generation, hits)``; only the newest generation counts."""

    results = Signal(int, list)
    failed = Signal(str)
    choices_ready = Signal(dict)
    analysed = Signal()

    def __init__(self, parent: QObject | None = None, db_path: Path | None = None) -> None:
        super().__init__(parent)
        from desktop.core.library.db import default_path

        self.db_path = db_path or default_path()  # fixed now: a late worker never writes elsewhere
        self.generation = 0
        self._stale = True
        self._actors = None
        self._runner = TaskRunner(self, max_threads=1)
        # the analysis has a thread (and a connection) of its own, so searches never wait behind it
        self._analysis = TaskRunner(self, max_threads=1)
        self._stop = stop = threading.Event()
        self._helper = helper = HelperProcess()
        self.destroyed.connect(lambda *_: (stop.set(), helper.shutdown()))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    def invalidate(self) -> None:
        """Articles were imported or reloaded: refresh the index before the next search."""
        self._stale = True

    def load_choices(self) -> None:
        db_path, helper = self.db_path, self._helper
        self._runner.run(lambda: _choices(db_path, helper), self._choices_loaded, self.failed.emit)

    def _choices_loaded(self, choices: dict) -> None:
        self._actors = choices["actors"]
        self._stale = False
        self.choices_ready.emit(choices)
        if not self._analysis.busy():
            db_path, stop, helper = self.db_path, self._stop, self._helper
            self._analysis.run(
                lambda: _analyse_missing(db_path, stop, helper), lambda _n: self.analysed.emit(), self.failed.emit
            )

    def search(self, query: str, filters: SearchFilters) -> int:
        self.generation += 1
        generation, stale, actors, helper = self.generation, self._stale, self._actors, self._helper
        self._stale = False
        self._runner.run(
            lambda: _search(self.db_path, query, filters, stale, actors, helper),
            lambda hits: self.results.emit(generation, hits),
            self.failed.emit,
        )
        return generation

    def article_ids(self, actor: str | None, side: str | None, on_done) -> None:
        """The ids the list shows under an actor or side filter, to ``on_done`` on the UI thread."""
        self._runner.run(lambda: _article_ids(self.db_path, actor, side), on_done, self.failed.emit)

    def stop(self) -> None:
        """Stop the background analysis after the current chunk (at quit), and the helper process."""
        self._stop.set()
        self._helper.shutdown()

    def busy(self) -> bool:
        return self._runner.busy()

    def wait(self, msecs: int = 30000) -> bool:
        return self._runner.wait(msecs)
