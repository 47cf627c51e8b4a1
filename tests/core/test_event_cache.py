"""Events kept in the analysis cache (issue 11, Scale): episodes built from cached events are those
built from a fresh analysis, on the bundled corpus and on the dev set; the analyses and events of a
library are read back instead of made again, in this process or in worker processes."""

from __future__ import annotations

import dataclasses
import json

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.episodes.events import EventExtractor
from desktop.core.episodes.grouping import build_episodes, episode_json
from desktop.core.library import cached as cached_module
from desktop.core.library.analysiscache import AnalysisCache
from desktop.core.library.cached import analyse_in_pool, cached_analyses, episode_events
from desktop.core.library.eventcodec import CodecError, decode_events, encode_events
from desktop.core.library.pool import AnalysisPool, analyse_encoded
from desktop.core.text.articles import load_corpus, load_default_corpus
from tests.devset import score


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def _corpora():
    return {"bundled": load_default_corpus(), "devset": load_corpus(score.ARTICLES)}


def _parts(a) -> tuple:
    return a.article.id, a.text, a.anchor, a.anchor_inferred, a.sentences, a.actors, a.places, a.dates


def _episodes(episode_set) -> list[dict]:
    return [
        {**episode_json(e), "title": e.title, "sources": [p.key for p in e.sources], "articles": e.articles}
        for e in episode_set.episodes
    ]


@pytest.mark.parametrize("name", ["bundled", "devset"])
def test_every_event_survives_the_codec(name, analyzer):
    extractor = EventExtractor()
    for article in _corpora()[name]:
        events = extractor.extract(analyzer.analyze(article))
        assert decode_events(article.id, encode_events(article.id, events)) == events, article.id


@pytest.mark.parametrize("name", ["bundled", "devset"])
def test_episodes_from_cached_events_are_those_of_a_fresh_analysis(name, analyzer, tmp_path):
    articles = list(_corpora()[name])
    fresh = build_episodes([analyzer.analyze(a) for a in articles])
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    cached_analyses(articles, analyzer, cache, workers=1)  # analysed and kept
    again = cached_analyses(articles, analyzer, cache, workers=1)  # read back
    assert set(again.events) == {a.id for a in articles}
    from_cache = build_episodes(again.analyses, events=again.events)
    assert _episodes(from_cache) == _episodes(fresh)
    assert from_cache.matches == fresh.matches


def test_a_library_analysed_once_is_read_back_not_analysed(analyzer, tmp_path, monkeypatch):
    articles = list(load_default_corpus())
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    first = cached_analyses(articles, analyzer, cache, workers=1)
    monkeypatch.setattr(Analyzer, "analyze", lambda *a: pytest.fail("analysed again"))
    monkeypatch.setattr(EventExtractor, "extract", lambda *a: pytest.fail("extracted again"))
    second = cached_analyses(articles, analyzer, cache, workers=1)
    assert [a.text for a in second.analyses] == [a.text for a in first.analyses]
    assert second.events == first.events and not second.failed


def test_one_failing_article_is_reported_and_the_others_kept(analyzer, tmp_path, monkeypatch):
    articles = list(load_default_corpus())
    real = Analyzer.analyze

    def analyze(self, article):
        if article.id == articles[1].id:
            raise KeyError("broken on purpose")
        return real(self, article)

    monkeypatch.setattr(Analyzer, "analyze", analyze)
    done = cached_analyses(articles, analyzer, AnalysisCache(tmp_path / "a.sqlite3", fingerprint="f"), workers=1)
    assert list(done.failed) == [articles[1].id] and "broken on purpose" in done.failed[articles[1].id]
    assert [a.article.id for a in done.analyses] == [a.id for i, a in enumerate(articles) if i != 1]


def test_events_of_another_version_or_damaged_are_extracted_again(analyzer, tmp_path):
    article = load_default_corpus().articles[0]
    events = EventExtractor().extract(analyzer.analyze(article))
    data = json.loads(encode_events(article.id, events))
    data["f"] = [*data["f"], "a_new_field"]
    with pytest.raises(CodecError):
        decode_events(article.id, json.dumps(data))
    with pytest.raises(CodecError):
        decode_events(article.id, "{not json")
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    analysis = analyzer.analyze(article)
    cache.store([analysis])
    cache.store_encoded([], [(cache.key(article), "{damaged")])
    assert cache.load_events([article]) == {}
    assert episode_events([analysis], cache) == {article.id: events}  # extracted, and kept again
    assert cache.load_events([article]) == {article.id: events}


def test_the_events_of_a_corrected_analysis_are_never_kept(analyzer, tmp_path):
    article = load_default_corpus().articles[0]
    analysis = analyzer.analyze(article)
    corrected = dataclasses.replace(analysis, actors=analysis.actors[1:])
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="f")
    events = episode_events([corrected], cache, corrected=lambda _id: True)
    assert events[article.id] == EventExtractor().extract(corrected)
    assert cache.load_events([article]) == {}


def test_the_pool_function_is_pure_and_gives_what_this_process_gives(analyzer):
    from desktop.core.library.analysiscache import analysis_from_json, analysis_json

    article = load_default_corpus().articles[2]
    analysis_data, events_data = analyse_encoded(article, "key")
    here = analyzer.analyze(article)
    assert analysis_data == analysis_json(here)
    assert analysis_from_json(article, analysis_data).actors == here.actors
    assert decode_events(article.id, events_data) == EventExtractor().extract(here)


def test_a_library_analysed_in_worker_processes_equals_one_analysed_here(analyzer, tmp_path, monkeypatch):
    articles = list(load_default_corpus())
    monkeypatch.setattr(cached_module, "POOL_FROM", 2)
    pooled = cached_analyses(articles, analyzer, AnalysisCache(tmp_path / "p.sqlite3", fingerprint="f"), workers=2)
    here = cached_analyses(articles, analyzer, AnalysisCache(tmp_path / "h.sqlite3", fingerprint="f"), workers=1)
    assert [_parts(a) for a in pooled.analyses] == [_parts(a) for a in here.analyses]
    assert pooled.events == here.events and not pooled.failed
    pool = AnalysisPool(1)
    try:
        made, failed = analyse_in_pool(articles[:2], None, pool)
    finally:
        pool.shutdown()
    assert not failed and [made[a.id].actors for a in articles[:2]] == [a.actors for a in here.analyses[:2]]
