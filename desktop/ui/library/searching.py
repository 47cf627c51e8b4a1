"""The library's search, off the UI thread: the library database (brought up to date with the
article folders the first time and after an import) answers full-text and actor queries through
:mod:`desktop.core.library.search`; the analysis cache behind the actor and side filters is filled
in the background. One worker thread owns every database call, so no two ever overlap."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.core.library.search import SearchFilters, SearchHit
from desktop.ui.shell.tasks import TaskRunner


def _search(db_path: Path | None, query: str, filters: SearchFilters, refresh_first: bool, actors) -> list[SearchHit]:
    from desktop.core.library.db import Library
    from desktop.core.library.refresh import refresh
    from desktop.core.library.search import search

    with Library(db_path) as library:
        if refresh_first:
            refresh(library)
        return search(library, query, filters, actors=actors)


def _choices(db_path: Path | None) -> dict:
    """What the filters offer: actors (id → name, side), sides and outlets of the library."""
    from desktop.core.library.actor_names import actor_names
    from desktop.core.library.db import Library
    from desktop.core.library.refresh import refresh

    actors = actor_names()
    with Library(db_path) as library:
        refresh(library)
        outlets = [r[0] for r in library.db.execute("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL")]
    return {
        "actors": actors,
        "sides": sorted({a.side for a in actors.values() if a.side}),
        "outlets": sorted(outlets, key=str.casefold),
    }


def _analyse_missing(db_path: Path | None, stop: threading.Event) -> int:
    """Fill the analysis cache (actor mentions) of articles that lack it, in this thread, until ``stop``."""
    from desktop.core.library.batch import analyse_text
    from desktop.core.library.db import Library, engine_fingerprint

    engine = engine_fingerprint()
    with Library(db_path) as library:
        todo = library.unanalysed(engine)
        for row in todo:
            if stop.is_set():
                break
            library.store_analysis(row["rid"], row["text_hash"], engine, analyse_text(row["text"], dict(row)))
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
        self.destroyed.connect(lambda *_: stop.set())
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(stop.set)

    def invalidate(self) -> None:
        """Articles were imported or reloaded: refresh the index before the next search."""
        self._stale = True

    def load_choices(self) -> None:
        self._runner.run(lambda: _choices(self.db_path), self._choices_loaded, self.failed.emit)

    def _choices_loaded(self, choices: dict) -> None:
        self._actors = choices["actors"]
        self._stale = False
        self.choices_ready.emit(choices)
        if not self._analysis.busy():
            db_path, stop = self.db_path, self._stop
            self._analysis.run(
                lambda: _analyse_missing(db_path, stop), lambda _n: self.analysed.emit(), self.failed.emit
            )

    def search(self, query: str, filters: SearchFilters) -> int:
        self.generation += 1
        generation, stale, actors = self.generation, self._stale, self._actors
        self._stale = False
        self._runner.run(
            lambda: _search(self.db_path, query, filters, stale, actors),
            lambda hits: self.results.emit(generation, hits),
            self.failed.emit,
        )
        return generation

    def article_ids(self, actor: str | None, side: str | None, on_done) -> None:
        """The ids the list shows under an actor or side filter, to ``on_done`` on the UI thread."""
        self._runner.run(lambda: _article_ids(self.db_path, actor, side), on_done, self.failed.emit)

    def stop(self) -> None:
        """Stop the background analysis after the current article (at quit)."""
        self._stop.set()

    def busy(self) -> bool:
        return self._runner.busy()

    def wait(self, msecs: int = 30000) -> bool:
        return self._runner.wait(msecs)
