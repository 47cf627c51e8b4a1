"""The start-up index of the article files, and articles whose body is read when asked for.

A warm start reads one small JSON file (``corpus-index.json``) instead of parsing every front
matter: per file its size and modification time, the article's metadata, where its body starts
in the file and a digest and length of the body, never the body itself (a library of 10,000
articles is 40 MB of text that the first paint does not need). An :class:`IndexedArticle` reads
its body from its file each time it is asked for (the last few are kept, see :func:`read_body`),
so the bodies of a whole library are never held in memory at once. A changed file is parsed
again; a missing or damaged index is simply rebuilt.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import threading
from collections import OrderedDict
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.text.articles import Article, ArticleError, _read_text, load_article

INDEX_VERSION = 3  # 2: runs of over MAX_WORD_CHARS refused; 3: no bodies, read from the files
#: Bodies kept after they were read (the articles being analysed or shown, not the library).
BODIES_KEPT = 64


def digest_of(body: str) -> str:
    """The body's digest, as the analysis cache's key uses it (see ``content_key``)."""
    return hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class _Bodies:
    """The bodies last read, by (path, size, modification time): a small LRU safe across threads."""

    def __init__(self, limit: int = BODIES_KEPT) -> None:
        self.limit = limit
        self._kept: OrderedDict[tuple, str] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0  # files read (tests and benchmarks)

    def get(self, path: Path, body_at: int | None, bundled: bool) -> str:
        try:
            stat = path.stat()
            key = (str(path), stat.st_size, stat.st_mtime_ns, body_at)
        except OSError:
            key = None
        with self._lock:
            if key is not None and key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        body = _body_from_file(path, body_at, bundled)
        with self._lock:
            self.reads += 1
            if key is not None:
                self._kept[key] = body
                while len(self._kept) > self.limit:
                    self._kept.popitem(last=False)
        return body

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


BODIES = _Bodies()


def _body_from_file(path: Path, body_at: int | None, bundled: bool) -> str:
    """The body of the article file: its text from ``body_at`` on, or the file parsed again."""
    from desktop.core.files.logs import log

    try:
        if body_at is not None:
            return _read_text(path)[body_at:]
        return load_article(path, bundled=bundled).body
    except ArticleError as exc:
        log().warning("the body of %s could not be read again: %s", path, exc.problem)
        return ""


def body_start(path: Path, body: str) -> int | None:
    """Where ``body`` starts in the file's text, when it is the text's tail as it is (a Markdown
    file); None when the body was made from the text (a ``.txt`` file): it is then parsed again."""
    try:
        text = _read_text(path)
    except ArticleError:
        return None
    return len(text) - len(body) if body and text.endswith(body) else None


class IndexedArticle(Article):
    """An :class:`Article` whose body is not held: it is read from its file when asked for.

    It is an :class:`Article` in every other way (``dataclasses.replace`` gives an article holding
    the body it was given). Its digest and length are known without the body; when the file no
    longer holds the body they stand for, they follow what it holds now.
    """

    __slots__ = ("_body", "_body_at", "_chars", "_digest")

    @property
    def body(self) -> str:
        body = self._body
        if body is not None:
            return body
        body = BODIES.get(self.path, self._body_at, self.bundled)
        if len(body) != self._chars or digest_of(body) != self._digest:  # the file changed since
            object.__setattr__(self, "_digest", digest_of(body))
            object.__setattr__(self, "_chars", len(body))
        return body

    @body.setter
    def body(self, value: str | None) -> None:  # only Article.__init__ sets it
        object.__setattr__(self, "_body", value)
        object.__setattr__(self, "_body_at", None)
        object.__setattr__(self, "_digest", None if value is None else digest_of(value))
        object.__setattr__(self, "_chars", None if value is None else len(value))

    @property
    def digest(self) -> str:
        return self._digest

    @property
    def chars(self) -> int:
        return self._chars

    @property
    def body_held(self) -> bool:
        """Whether the body is held in memory (tests)."""
        return self._body is not None

    def __eq__(self, other: object) -> bool:  # equal to the article read from the same file
        if not isinstance(other, Article):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in dataclasses.fields(Article))

    __hash__ = Article.__hash__

    def __reduce__(self):  # crosses a process boundary as a plain article, with its body
        return Article, tuple(getattr(self, f.name) for f in dataclasses.fields(Article))


def lazy_article(fields: dict[str, Any], digest: str, chars: int, body_at: int | None) -> IndexedArticle:
    """An indexed article of ``fields`` (those of :class:`Article` but the body)."""
    article = IndexedArticle(body=None, **fields)
    object.__setattr__(article, "_body_at", body_at)
    object.__setattr__(article, "_digest", digest)
    object.__setattr__(article, "_chars", chars)
    return article


def _record(article: Article, body_at: int | None) -> dict[str, Any]:
    """An article as JSON-able values, without its body (for the start-up index)."""
    body = article.body
    return {
        "id": article.id,
        "title": article.title,
        "digest": digest_of(body),
        "chars": len(body),
        "body_at": body_at,
        "published": article.published.isoformat() if article.published else None,
        "published_precision": article.published_precision,
        "outlet": article.outlet,
        "url": article.url,
        "updated": article.updated.isoformat() if article.updated else None,
        "furniture_removed": list(article.furniture_removed),
        "meta": {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in article.meta.items()},
    }


def _from_record(record: dict[str, Any], path: Path, bundled: bool) -> IndexedArticle:
    fields = {
        "id": record["id"],
        "title": record["title"],
        "published": dt.date.fromisoformat(record["published"]) if record["published"] else None,
        "published_precision": record["published_precision"],
        "outlet": record["outlet"],
        "url": record["url"],
        "updated": dt.datetime.fromisoformat(record["updated"]) if record["updated"] else None,
        "furniture_removed": tuple(record["furniture_removed"]),
        "path": path,
        "bundled": bundled,
        "meta": MappingProxyType(dict(record["meta"])),
    }
    body_at = record["body_at"]
    return lazy_article(fields, str(record["digest"]), int(record["chars"]), None if body_at is None else int(body_at))


class CorpusIndex:
    """Parsed articles' metadata keyed by path, size and modification time, kept as JSON."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, dict[str, Any]] = {}
        self._dirty = False
        try:
            import json

            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == INDEX_VERSION:
                self._entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._entries = {}

    @staticmethod
    def _stamp(path: Path) -> list[int] | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return [st.st_mtime_ns, st.st_size]

    def get(self, path: Path, bundled: bool) -> Article | None:
        key = str(path)
        entry = self._entries.get(key)
        if entry is None:
            return None
        try:
            st = os.stat(key)
        except OSError:
            return None
        if entry.get("stamp") != [st.st_mtime_ns, st.st_size]:
            return None
        if not os.access(key, os.R_OK):  # made unreadable since (a chmod keeps the stamp): say so
            return None
        try:
            return _from_record(entry["article"], path, bundled)
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, path: Path, article: Article) -> Article:
        """Index ``article`` just parsed from ``path``; the article to keep (one that reads its body
        again when asked for, or ``article`` itself when the file cannot be indexed)."""
        stamp = self._stamp(path)
        if stamp is None:
            return article
        record = _record(article, body_start(path, article.body))
        self._entries[str(path)] = {"stamp": stamp, "article": record}
        self._dirty = True
        if self._stamp(path) != stamp:  # changed while it was read: keep the body read
            return article
        return _from_record(record, path, article.bundled)

    def save(self) -> None:
        """Write the index if it changed; a failure only costs speed next time."""
        if self._dirty:
            from desktop.core.files.fileio import save_json_quietly

            self._dirty = not save_json_quietly(self.path, {"version": INDEX_VERSION, "entries": self._entries})
