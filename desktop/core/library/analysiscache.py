"""Whole analyses kept between sessions, so a library analysed once opens analysed.

One SQLite file in the cache folder maps a key (the article's id, date and text, see
:func:`~desktop.core.annotate.analysis.content_key`, and the engine's fingerprint: code, data
files and the user's actors) to the parts of its :class:`ArticleAnalysis` (sentences, actor,
place and date mentions) as JSON: plain data, which cannot run code when read (issue 15). A new
engine or a changed text changes the key, so a stale analysis is never read; the file is a
cache: deleting it only means analysing again. It is read and written in chunks (one query,
one transaction per chunk) from the worker thread.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from sys import intern

from desktop.core.annotate.analysis import ArticleAnalysis, content_key
from desktop.core.annotate.records import ActorMention, DateMention, PlaceMention
from desktop.core.files import paths
from desktop.core.library.stored import Summary
from desktop.core.text.articles import Article

_SCHEMA = "CREATE TABLE IF NOT EXISTS analyses (key TEXT PRIMARY KEY, data BLOB NOT NULL)"
_EVENTS = "CREATE TABLE IF NOT EXISTS events (key TEXT PRIMARY KEY, data BLOB NOT NULL)"


def default_path() -> Path:
    return paths.cache_dir() / "analyses.sqlite3"


class AnalysisCache:
    """Analyses by article content and engine; safe to use from one worker thread at a time."""

    def __init__(self, path: Path | None = None, fingerprint: str | None = None) -> None:
        self.path = path or default_path()
        self._fingerprint = fingerprint
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None

    @property
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            from desktop.core.annotate.rendercache import engine_fingerprint

            self._fingerprint = engine_fingerprint()
        return self._fingerprint

    def engine_changed(self) -> None:
        """The engine was rebuilt (an actor was added): the fingerprint is taken again, now."""
        self._fingerprint = None
        _ = self.fingerprint

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                _create(self.path)
            self._db = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
            self._db.execute(_EVENTS)
        return self._db

    def key(self, article: Article, fingerprint: str | None = None) -> str:
        article_id, published, digest = content_key(article)
        text = f"{fingerprint or self.fingerprint}\0{article_id}\0{published}\0{digest}"
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def load(self, articles: Iterable[Article], generation: int = 0) -> dict[str, ArticleAnalysis]:
        """The cached analyses of ``articles`` (by article id); a damaged cache gives none."""
        keys = {self.key(a): a for a in articles}
        if not keys:
            return {}
        found: dict[str, ArticleAnalysis] = {}
        try:
            for key, data in self._rows("analyses", list(keys)):
                article = keys[key]
                found[article.id] = ArticleAnalysis(article, *_from_json(data), generation=generation)
        except (sqlite3.Error, TypeError, ValueError, KeyError):  # a damaged cache: analyse again
            return {}
        return found

    def summaries(self, articles: Iterable[Article], generation: int = 0) -> dict[str, tuple[str, Summary]]:
        """(key, date fields) of the cached analyses of ``articles`` (by article id), read without
        their parts (SQLite reads the three fields out of the JSON); a damaged cache gives none."""
        keys = {self.key(a): a for a in articles}
        found: dict[str, tuple[str, Summary]] = {}
        wanted = list(keys)
        try:
            with self._lock:
                db = self._connection()
                for start in range(0, len(wanted), 500):
                    part = wanted[start : start + 500]
                    marks = ",".join("?" * len(part))
                    query = "SELECT key, json_extract(data, '$.anchor', '$.anchor_inferred', '$.anchor_reason') "
                    for key, fields in db.execute(f"{query} FROM analyses WHERE key IN ({marks})", part):
                        anchor, inferred, reason = json.loads(fields)
                        day = dt.date.fromisoformat(anchor) if anchor else None
                        found[keys[key].id] = (key, Summary(day, bool(inferred), str(reason), generation))
        except (sqlite3.Error, TypeError, ValueError, KeyError):
            return {}
        return found

    def parts(self, key: str) -> tuple | None:
        """The parts of the analysis kept under ``key`` (see :func:`_from_json`); None if there is none."""
        try:
            rows = self._rows("analyses", [key])
            return _from_json(rows[0][1]) if rows else None
        except (sqlite3.Error, TypeError, ValueError, KeyError):
            return None

    def _rows(self, table: str, keys: list[str]) -> list[tuple[str, str]]:
        """(key, data) of the rows of ``table`` kept for ``keys``, a few hundred keys per query."""
        rows = []
        with self._lock:
            db = self._connection()
            for start in range(0, len(keys), 500):
                part = keys[start : start + 500]
                marks = ",".join("?" * len(part))
                rows += db.execute(f"SELECT key, data FROM {table} WHERE key IN ({marks})", part).fetchall()
        return rows

    def load_events(self, articles: Iterable[Article]) -> dict[str, list]:
        """The events kept for ``articles`` (by article id; see :mod:`eventcodec`), those that can be read."""
        from desktop.core.library.eventcodec import CodecError, decode_events

        keys = {self.key(a): a for a in articles}
        found: dict[str, list] = {}
        wanted = list(keys)
        for start in range(0, len(wanted), 500):  # a few hundred rows at a time: no peak of every row's text
            try:
                rows = self._rows("events", wanted[start : start + 500])
            except sqlite3.Error:  # a damaged cache: extract again
                return {}
            for key, data in rows:
                article_id = keys[key].id
                try:
                    found[article_id] = decode_events(article_id, data)
                except CodecError:
                    continue
        return found

    def store(
        self, analyses: Iterable[ArticleAnalysis], fingerprint: str | None = None, events: dict | None = None
    ) -> None:
        """Keep ``analyses`` made by the engine of ``fingerprint`` (one transaction), and the events
        extracted from them (``events``: article id → events; see :meth:`store_events`); a cache that
        cannot be written is left alone."""
        rows = [(self.key(a.article, fingerprint), _to_json(a)) for a in analyses]
        self.store_encoded(rows, self._encoded_events(analyses, fingerprint, events or {}))

    def store_events(self, analyses: Iterable[ArticleAnalysis], events: dict, fingerprint: str | None = None) -> None:
        """Keep the events extracted from ``analyses`` as the engine made them (never corrected ones)."""
        self.store_encoded([], self._encoded_events(analyses, fingerprint, events))

    def _encoded_events(self, analyses, fingerprint: str | None, events: dict) -> list[tuple[str, str]]:
        from desktop.core.library.eventcodec import encode_events

        return [
            (self.key(a.article, fingerprint), encode_events(a.article.id, events[a.article.id]))
            for a in analyses
            if a.article.id in events
        ]

    def store_encoded(self, analyses: list[tuple[str, str]], events: list[tuple[str, str]] = ()) -> None:
        """Keep rows already encoded: (key, analysis JSON) and (key, events JSON)."""
        if not analyses and not events:
            return
        try:
            with self._lock:
                db = self._connection()
                with db:
                    db.executemany("INSERT OR REPLACE INTO analyses (key, data) VALUES (?, ?)", analyses)
                    db.executemany("INSERT OR REPLACE INTO events (key, data) VALUES (?, ?)", events)
        except sqlite3.Error:
            pass

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None


def _create(path: Path) -> None:
    """A new cache file with its tables, made beside it and linked into place: a kill -9 leaves
    no cache file without them (only a temporary that the next start removes)."""
    import os
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}-", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(name)
        try:
            db.execute(_SCHEMA)
            db.execute(_EVENTS)
            db.commit()
        finally:
            db.close()
        try:
            os.link(name, path)
        except FileExistsError:  # another instance made it meanwhile
            pass
        except OSError:  # no hard links here
            if not path.exists():
                os.replace(name, path)
    except sqlite3.Error:
        pass  # left to the connection, which makes the tables itself
    finally:
        Path(name).unlink(missing_ok=True)


def analysis_from_json(article: Article, data: str | bytes, generation: int = 0) -> ArticleAnalysis:
    """An analysis of ``article`` from its cached JSON (see :func:`analysis_json`)."""
    return ArticleAnalysis(article, *_from_json(data), generation=generation)


def analysis_json(analysis: ArticleAnalysis) -> str:
    """The analysis as the cache keeps it."""
    return _to_json(analysis)


def _to_json(analysis: ArticleAnalysis) -> str:
    return json.dumps(
        {
            "text": analysis.text,
            "anchor": analysis.anchor.isoformat() if analysis.anchor else None,
            "anchor_inferred": analysis.anchor_inferred,
            "anchor_reason": analysis.anchor_reason,
            "sentences": analysis.sentences,
            "actors": [dataclasses.astuple(m) for m in analysis.actors],
            "places": [dataclasses.astuple(m) for m in analysis.places],
            "dates": [dataclasses.astuple(m) for m in analysis.dates],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _interned(row: list) -> list:
    """A mention's fields with its strings shared with every other mention's equal ones (names,
    kinds, sides and words repeat across a library: read as they are, each is a string of its own)."""
    return [intern(v) if type(v) is str else v for v in row]


def _from_json(data: str | bytes) -> tuple:
    """The parts of an analysis, in the order of :class:`ArticleAnalysis`; ValueError if damaged."""
    parts = json.loads(data)
    anchor = dt.date.fromisoformat(parts["anchor"]) if parts["anchor"] else None
    return (
        str(parts["text"]),
        anchor,
        bool(parts["anchor_inferred"]),
        intern(str(parts["anchor_reason"])),
        tuple((int(s), int(e)) for s, e in parts["sentences"]),
        tuple(ActorMention(*_interned(row)) for row in parts["actors"]),
        tuple(PlaceMention(*_interned(row)) for row in parts["places"]),
        tuple(DateMention(*_interned(row)) for row in parts["dates"]),
    )
