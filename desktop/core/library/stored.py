"""Analyses at rest: what the window keeps of every article's analysis is its date and where the
rest is kept; the rest (text, sentences, mentions) is read back from the analysis cache when it
is asked for, and only the last few analyses read are held (:data:`PARTS_KEPT`).

A :class:`StoredAnalysis` is an :class:`ArticleAnalysis` in every way a caller sees: its parts
come from the cache row of its key (the same JSON the full analysis was read from or stored as,
so they are equal to the analysis it stands for), and when that row is gone (a cache deleted, a
write that failed) from the engine again. A library of 10,000 articles holds 10,000 of these
(a few hundred bytes each) instead of 1.5 GB of mentions.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict

from desktop.core.annotate.analysis import ArticleAnalysis

#: Analyses whose parts are held after they were read (those being shown, indexed or compared).
PARTS_KEPT = 256
_PARTS = ("text", "sentences", "actors", "places", "dates")


class PartsStore:
    """Reads the parts of stored analyses from ``cache`` (an AnalysisCache), the last ones kept;
    ``analyze`` (article → analysis) makes them again when the cache lacks them."""

    def __init__(self, cache, analyze, limit: int = PARTS_KEPT) -> None:
        self.cache = cache
        self.analyze = analyze
        self.limit = limit
        self._kept: OrderedDict[str, tuple] = OrderedDict()
        self._lock = threading.Lock()
        self.reads = 0  # rows read back (tests, benchmarks)

    def keep(self, key: str, parts: tuple) -> None:
        with self._lock:
            self._kept[key] = parts
            self._kept.move_to_end(key)
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)

    def parts(self, analysis: StoredAnalysis) -> tuple:
        key = analysis.key
        with self._lock:
            parts = self._kept.get(key)
            if parts is not None:
                self._kept.move_to_end(key)
                return parts
        parts = self.cache.parts(key)
        self.reads += 1
        if parts is None:  # not in the cache (any more): the engine makes them again
            made = self.analyze(analysis.article)
            parts = tuple(getattr(made, name) for name in _PARTS)
        else:
            parts = (parts[0], *parts[4:])
        self.keep(key, parts)
        return parts

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def _part(index: int):
    def get(self: StoredAnalysis):
        held = self._held
        return held[index] if held is not None else self._store.parts(self)[index]

    def put(self: StoredAnalysis, value) -> None:  # only ArticleAnalysis.__init__ sets them
        held = list(getattr(self, "_held", None) or (None,) * len(_PARTS))
        held[index] = value
        object.__setattr__(self, "_held", tuple(held))

    return property(get, put)


class StoredAnalysis(ArticleAnalysis):
    """An analysis whose parts are read back from the analysis cache when asked for."""

    __slots__ = ("_held", "_store", "key")

    text = _part(0)
    sentences = _part(1)
    actors = _part(2)
    places = _part(3)
    dates = _part(4)

    def with_article(self, article) -> StoredAnalysis:
        """The same stored analysis of another object of the same article (a reloaded library)."""
        return stored(article, self, self.key, self._store, keep=False)

    @property
    def held(self) -> bool:
        """Whether the parts are held by this object (tests)."""
        return self._held is not None

    def __eq__(self, other: object) -> bool:  # equal to the whole analysis it stands for
        if not isinstance(other, ArticleAnalysis):
            return NotImplemented
        names = [f.name for f in dataclasses.fields(ArticleAnalysis)]
        return all(getattr(self, n) == getattr(other, n) for n in names)

    __hash__ = ArticleAnalysis.__hash__

    def __reduce__(self):  # crosses a process boundary as the whole analysis
        return ArticleAnalysis, tuple(getattr(self, f.name) for f in dataclasses.fields(ArticleAnalysis))


def stored(article, summary, key: str, store: PartsStore, keep: bool = True) -> StoredAnalysis:
    """A stored analysis of ``article`` with the date fields of ``summary`` (an analysis, or any
    object with ``anchor``, ``anchor_inferred``, ``anchor_reason`` and ``generation``); ``keep``:
    ``summary``'s parts are the last ones read (they are not read again while they are kept)."""
    analysis = StoredAnalysis.__new__(StoredAnalysis)
    for name in ("anchor", "anchor_inferred", "anchor_reason", "generation"):
        object.__setattr__(analysis, name, getattr(summary, name))
    object.__setattr__(analysis, "article", article)
    object.__setattr__(analysis, "_held", None)
    object.__setattr__(analysis, "_store", store)
    object.__setattr__(analysis, "key", key)
    if keep:
        store.keep(key, tuple(getattr(summary, name) for name in _PARTS))
    return analysis


@dataclasses.dataclass(frozen=True, slots=True)
class Summary:
    """The date fields of a cached analysis, read without its parts."""

    anchor: object
    anchor_inferred: bool
    anchor_reason: str
    generation: int = 0
