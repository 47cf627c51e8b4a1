"""The sweep's one-pass visit merges exactly as the visit it replaced (kept here as the reference).

Same episodes (the same events in the same groups, in the same order) on the bundled corpus, the
dev set and a generated library of a few hundred articles.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.episodes import merging
from desktop.core.episodes.curation import load_curation
from desktop.core.episodes.events import EventExtractor
from desktop.core.episodes.grouping import article_events
from desktop.core.episodes.merging import _attach_unpeopled, _Sweep, _within_articles, group_events
from desktop.core.text.articles import Article, load_article, load_default_corpus

ROOT = Path(__file__).resolve().parents[2]


class _ReferenceSweep(_Sweep):
    """The visit before the one-pass version: filter the expired, compare, filter again."""

    def _visit(self, i: int, open_roots: list[str]) -> list[str]:
        limit = self.infos[i][0] - self.slack
        root_i = self.merge.find(str(i))
        info_of, merged = self.info_of, self.merged_info
        open_roots = [r for r in open_roots if (merged.get(r) or info_of(r))[1] >= limit]
        absorbed = set()
        mine = info_of(root_i)
        for root in open_roots:
            theirs = merged.get(root) or info_of(root)
            if mine[3].isdisjoint(theirs[3]) or root == root_i:
                continue
            if self._meets(mine, theirs):
                absorbed.add(root_i)
                root_i = self._join(root, root_i)
                mine = merged[root_i]
        open_roots = [r for r in open_roots if r != root_i and r not in absorbed]
        open_roots.append(root_i)
        return open_roots


def _reference_overlap(a_first, a_last, b_first, b_last, slack: int = 1) -> bool:
    if None in (a_first, a_last, b_first, b_last):
        return False
    return a_first <= b_last + dt.timedelta(days=slack) and b_first <= a_last + dt.timedelta(days=slack)


def _reference_groups(events, windows, monkeypatch) -> list[list[str]]:
    with monkeypatch.context() as patch:
        patch.setattr(merging, "_overlap", _reference_overlap)
        groups = _ReferenceSweep(_attach_unpeopled(_within_articles(events), windows), windows).run()
    return [[e.id for e in g] for g in groups]


def _generated(count: int) -> list[Article]:
    import sys

    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    import tempfile

    from bench_library import write_library

    with tempfile.TemporaryDirectory() as folder:
        write_library(Path(folder), count)
        return [load_article(p) for p in sorted((Path(folder) / "data" / "articles").glob("*.md"))]


def _articles(which: str) -> list[Article]:
    if which == "bundled":
        return list(load_default_corpus().articles)
    if which == "devset":
        return [load_article(p) for p in sorted((ROOT / "tests" / "devset" / "articles").glob("*.md"))]
    return _generated(300)


@pytest.mark.parametrize("which", ["bundled", "devset", "generated"])
def test_the_one_pass_sweep_merges_as_the_reference(which, monkeypatch):
    analyzer = Analyzer()
    events = article_events([analyzer.analyze(a) for a in _articles(which)], EventExtractor())
    windows = load_curation().merge
    groups = group_events(list(events), windows)
    assert [[e.id for e in g] for g in groups] == _reference_groups(list(events), windows, monkeypatch)
    assert groups
    print(which, len(events), "events", sum(len({e.article for e in g}) > 1 for g in groups), "merged across articles")
