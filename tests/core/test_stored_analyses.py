"""Analyses at rest (issue 11, scale): only the date and the key of an analysis are held; its
parts are read back from the analysis cache when asked for, the last few kept, and what comes
back is the analysis that was stored."""

from __future__ import annotations

import pickle

import pytest

from desktop.core.annotate.analysis import Analyzer, ArticleAnalysis, detachable
from desktop.core.library.analysiscache import AnalysisCache
from desktop.core.library.stored import PartsStore, StoredAnalysis, stored
from desktop.core.text.articles import load_default_corpus


@pytest.fixture(scope="module")
def analysed():
    analyzer = Analyzer()
    return analyzer, [analyzer.analyze(a) for a in load_default_corpus()]


def test_evicted_analyses_come_back_identical_from_the_cache(analysed, tmp_path):
    analyzer, analyses = analysed
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    cache.store(analyses)
    store = PartsStore(cache, analyzer.analyze, limit=1)
    at_rest = [stored(a.article, a, cache.key(a.article), store) for a in analyses]
    assert all(not s.held for s in at_rest)
    for _ in range(2):  # the second round reads every one back again (only one is kept)
        for made, kept in zip(analyses, at_rest, strict=True):
            assert kept == made and made == kept
            assert kept.actors == made.actors and kept.text == made.text and kept.sentences == made.sentences
            assert kept.sentence_at(made.sentences[1][0]) == made.sentences[1]
    assert store.reads >= 2 * len(analyses) - 1
    detached = at_rest[0].with_article(detachable(analyses[0].article))  # the read-only metadata stays
    copy = pickle.loads(pickle.dumps(detached))  # crosses a process boundary whole
    assert type(copy) is ArticleAnalysis and copy.actors == analyses[0].actors and copy.text == analyses[0].text


def test_summaries_read_only_the_dates(analysed, tmp_path):
    analyzer, analyses = analysed
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    cache.store(analyses)
    summaries = cache.summaries([a.article for a in analyses], generation=3)
    assert set(summaries) == {a.article.id for a in analyses}
    store = PartsStore(cache, analyzer.analyze)
    for made in analyses:
        key, summary = summaries[made.article_id]
        assert key == cache.key(made.article)
        assert (summary.anchor, summary.anchor_inferred, summary.anchor_reason) == (
            made.anchor,
            made.anchor_inferred,
            made.anchor_reason,
        )
        kept = stored(made.article, summary, key, store, keep=False)
        assert isinstance(kept, StoredAnalysis) and kept.generation == 3 and kept.actors == made.actors


def test_an_analysis_the_cache_lost_is_made_again(analysed, tmp_path):
    analyzer, analyses = analysed
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")  # nothing stored
    store = PartsStore(cache, analyzer.analyze)
    kept = stored(analyses[0].article, analyses[0], cache.key(analyses[0].article), store, keep=False)
    assert kept == analyses[0]


def test_a_stored_analysis_follows_its_article_into_a_reloaded_library(analysed, tmp_path):
    analyzer, analyses = analysed
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    cache.store(analyses)
    store = PartsStore(cache, analyzer.analyze)
    kept = stored(analyses[0].article, analyses[0], cache.key(analyses[0].article), store, keep=False)
    again = load_default_corpus().get(analyses[0].article_id)
    moved = kept.with_article(again)
    assert moved.article is again and isinstance(moved, StoredAnalysis) and moved == analyses[0]


def test_a_new_cache_file_is_made_with_its_tables(tmp_path):
    import sqlite3

    cache = AnalysisCache(tmp_path / "cache" / "analyses.sqlite3", fingerprint="f")
    assert cache.summaries([]) == {}
    cache.store_encoded([("k", "{}")])
    cache.close()
    with sqlite3.connect(tmp_path / "cache" / "analyses.sqlite3") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"analyses", "events"}
    assert [p.name for p in (tmp_path / "cache").iterdir() if p.suffix == ".part"] == []
