"""The workspace's helpers for a big library: the LRU of rendered HTML and the episodes' extraction."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping

from desktop.core.annotate.analysis import ArticleAnalysis

#: Rendered HTML kept in memory: the articles last shown, not the whole library.
RENDERED_KEEP = 48


class RenderedLRU(OrderedDict):
    """HTML by (article id, markup options), the least recently used dropped beyond ``limit``."""

    def __init__(self, limit: int = RENDERED_KEEP) -> None:
        super().__init__()
        self.limit = limit

    def get(self, key, default=None):
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        while len(self) > self.limit:
            self.popitem(last=False)

    def keep(self, article_ids) -> None:
        """Forget the HTML of every article not in ``article_ids``."""
        for key in [k for k in self if k[0] not in article_ids]:
            del self[key]


class AnalysisTexts(Mapping):
    """Article id → the plain text of its analysis, read when asked for: a view that looks up the
    texts of a few articles (the reader's corrections, episode edits) reads only those."""

    def __init__(self, analyses: Mapping[str, ArticleAnalysis]) -> None:
        self._analyses = analyses

    def __getitem__(self, article_id: str) -> str:
        return self._analyses[article_id].text

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._analyses

    def __iter__(self):
        return iter(self._analyses)

    def __len__(self) -> int:
        return len(self._analyses)


def extract_episodes(analyses: list[ArticleAnalysis], cache, plain: set[str]):
    """On the worker thread: the episodes of ``analyses``, with the events kept in the analysis cache
    for those the reader did not correct (``plain``), the others extracted (and kept)."""
    from desktop.core.episodes.events import EventExtractor
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.library.cached import episode_events

    extractor = EventExtractor()
    events = episode_events(analyses, cache, lambda article_id: article_id not in plain, extractor)
    return build_episodes(analyses, extractor, events=events)


def release_free_memory() -> None:
    """Give the heap's free pages back to the system (glibc): reading a library's analyses and
    events back and grouping them leaves tens of MB free but held; elsewhere, nothing to do."""
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # another C library: its own business
        pass
