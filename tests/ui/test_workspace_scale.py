"""A library of many articles (issue 11, Scale): analyses in chunks, an LRU of rendered HTML,
and the legend's index grown with the new analyses only."""

from __future__ import annotations

import dataclasses
import random

import pytest

from desktop.core.annotate.mentions import MentionIndex
from desktop.core.text.articles import Corpus, load_default_corpus
from desktop.ui.reader.legendcontroller import GrowingIndex
from desktop.ui.shell import workspace as workspace_module
from desktop.ui.shell.workspace import RenderedLRU, Workspace


def _library(copies: int) -> Corpus:
    """The bundled articles, each ``copies`` times under new ids."""
    corpus = Corpus()
    for n in range(copies):
        for article in load_default_corpus().articles:
            corpus.add(dataclasses.replace(article, id=f"{article.id}-{n}"))
    return corpus


def test_analyses_asked_for_in_chunks_arrive_for_every_article(qtbot, monkeypatch):
    monkeypatch.setattr(workspace_module, "CHUNK", 4)
    workspace = Workspace(_library(3))  # 15 articles: 4 tasks
    tasks = []
    real_run = workspace._runner.run
    monkeypatch.setattr(workspace._runner, "run", lambda *a: (tasks.append(a), real_run(*a)))
    ready: list[str] = []
    workspace.analysis_ready.connect(ready.append)
    with qtbot.waitSignal(workspace.all_analysed, timeout=60000):
        workspace.request_analysis()
        assert len(tasks) == 4  # one task per chunk (the episodes come after)
    assert sorted(ready) == sorted(workspace.corpus.ids())
    assert workspace.is_fully_analysed()
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=60000)
    workspace.shutdown()


def test_one_failing_article_of_a_chunk_is_reported_and_the_others_arrive(qtbot, monkeypatch):
    workspace = Workspace(_library(1))
    bad = workspace.corpus.ids()[2]
    real = workspace.analyzer.analyze

    def analyze(article):
        if article.id == bad:
            raise ValueError("broken on purpose")
        return real(article)

    monkeypatch.setattr(workspace.analyzer, "analyze", analyze)
    failures: list[str] = []
    workspace.analysis_failed.connect(failures.append)
    workspace.request_analysis()
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=60000)
    assert [i for i in workspace.corpus.ids() if workspace.analysis(i) is None] == [bad]
    assert len(failures) == 1 and bad in failures[0] and "broken on purpose" in failures[0]
    workspace.shutdown()


def test_the_library_request_keeps_no_html_and_the_lru_re_renders(qtbot, monkeypatch):
    monkeypatch.setattr(workspace_module, "RENDERED_KEEP", 2)
    workspace = Workspace(_library(1))
    workspace._rendered = RenderedLRU(2)
    with qtbot.waitSignal(workspace.all_analysed, timeout=60000):
        workspace.request_analysis()
    assert len(workspace._rendered) == 0  # the library's analyses carry no HTML
    ids = workspace.corpus.ids()
    first = {i: workspace.body_html(i) for i in ids}
    assert len(workspace._rendered) == 2  # only the last two shown
    assert list(k[0] for k in workspace._rendered) == ids[-2:]
    assert workspace.body_html(ids[0]) == first[ids[0]]  # evicted, rendered again the same
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=60000)
    workspace.shutdown()


def test_rendered_lru_evicts_the_least_recently_used():
    lru = RenderedLRU(2)
    lru[("a", 0)] = "A"
    lru[("b", 0)] = "B"
    assert lru.get(("a", 0)) == "A"  # a is now the most recent
    lru[("c", 0)] = "C"
    assert list(lru) == [("a", 0), ("c", 0)]
    lru.keep({"c"})
    assert list(lru) == [("c", 0)]


def _same_index(grown: MentionIndex, built: MentionIndex) -> None:
    assert grown.entries() == built.entries()
    assert grown.side_counts == built.side_counts and grown.kind_counts == built.kind_counts
    for entry in built.entries():
        assert grown.mentions(entry.key) == built.mentions(entry.key)


def test_an_index_grown_in_any_order_answers_as_one_built_at_once():
    workspace = Workspace(_library(2))
    analyses = [workspace.analyse_now(i) for i in workspace.corpus.ids()]
    shuffled = analyses[:]
    random.Random(3).shuffle(shuffled)
    grown = GrowingIndex()
    grown.order = {a.article_id: i for i, a in enumerate(analyses)}
    for analysis in shuffled:
        grown.add(analysis)
    _same_index(grown, MentionIndex(analyses))
    assert grown.grows_into(analyses)
    assert not grown.grows_into(analyses[1:])  # one dropped: built again
    assert not grown.grows_into([dataclasses.replace(analyses[0]), *analyses[1:]])  # one replaced


def test_analyses_kept_in_the_cache_are_read_back_the_next_session(qtbot, tmp_path, monkeypatch):
    from desktop.core.library.analysiscache import AnalysisCache

    first = Workspace(_library(1), cache=AnalysisCache(tmp_path / "a.sqlite3"))
    with qtbot.waitSignal(first.all_analysed, timeout=60000):
        first.request_analysis()
    made = {i: first.analysis(i) for i in first.corpus.ids()}
    qtbot.waitUntil(lambda: not first.busy(), timeout=60000)
    first.shutdown()

    second = Workspace(_library(1), cache=AnalysisCache(tmp_path / "a.sqlite3"))
    monkeypatch.setattr(second.analyzer, "analyze", lambda article: pytest.fail(f"{article.id} analysed again"))
    with qtbot.waitSignal(second.all_analysed, timeout=60000):
        second.request_analysis()
    for article_id, analysis in made.items():
        again = second.analysis(article_id)
        assert again.article is second.article(article_id)
        assert dataclasses.replace(again, article=analysis.article) == analysis
    qtbot.waitUntil(lambda: not second.busy(), timeout=60000)
    second.shutdown()


def test_a_new_engine_or_a_changed_text_misses_the_cache(tmp_path):
    from desktop.core.library.analysiscache import AnalysisCache

    article = load_default_corpus().articles[0]
    workspace = Workspace(Corpus(articles=[article]))
    cache = AnalysisCache(tmp_path / "a.sqlite3", fingerprint="one")
    cache.store([workspace.analyse_now(article.id)])
    assert set(cache.load([article])) == {article.id}
    assert cache.load([dataclasses.replace(article, body=article.body + " More.")]) == {}
    assert AnalysisCache(tmp_path / "a.sqlite3", fingerprint="two").load([article]) == {}
    cache.close()


def test_the_analysis_cache_is_plain_json_and_a_damaged_row_is_ignored(tmp_path):
    import sqlite3

    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.library.analysiscache import AnalysisCache
    from desktop.core.text.articles import load_default_corpus

    articles = list(load_default_corpus())[:2]
    analyses = [Analyzer().analyze(a) for a in articles]
    cache = AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="engine")
    cache.store(analyses)
    assert cache.load(articles) == {a.article.id: a for a in analyses}
    cache.close()
    with sqlite3.connect(tmp_path / "analyses.sqlite3") as db:
        rows = db.execute("SELECT data FROM analyses").fetchall()
        assert all(isinstance(data, str) and data.startswith("{") for (data,) in rows)  # JSON, no pickle
        db.execute("UPDATE analyses SET data = 'not json'")
    assert AnalysisCache(tmp_path / "analyses.sqlite3", fingerprint="engine").load(articles) == {}


def _episode_ids(episode_set) -> list[tuple]:
    return [(e.id, e.title, tuple(e.articles)) for e in episode_set.episodes]


def test_a_first_analysis_in_worker_processes_reports_progress_and_keeps_events(qtbot, tmp_path, monkeypatch):
    from desktop.core.library.analysiscache import AnalysisCache
    from desktop.core.library.pool import AnalysisPool

    monkeypatch.setattr(workspace_module, "POOL_FROM", 2)
    monkeypatch.setattr(workspace_module, "CHUNK", 4)
    here = Workspace(_library(2))
    with qtbot.waitSignal(here.episodes_ready, timeout=120000):
        here.request_analysis()
    workspace = Workspace(_library(2), cache=AnalysisCache(tmp_path / "a.sqlite3"), pool=AnalysisPool(2))
    monkeypatch.setattr(workspace.analyzer, "analyze", lambda article: pytest.fail("analysed on the UI's side"))
    progress: list[tuple[int, int]] = []
    workspace.analysis_progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(workspace.episodes_ready, timeout=120000):
        workspace.request_analysis()
    for article_id in here.corpus.ids():
        made, again = here.analysis(article_id), workspace.analysis(article_id)
        assert dataclasses.replace(again, article=made.article) == made
    assert progress[-1] == (10, 10) and [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert _episode_ids(workspace.episodes) == _episode_ids(here.episodes)
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=60000)
    workspace.shutdown()
    here.shutdown()

    from desktop.core.episodes.events import EventExtractor

    again = Workspace(_library(2), cache=AnalysisCache(tmp_path / "a.sqlite3"))
    monkeypatch.setattr(EventExtractor, "extract", lambda *a: pytest.fail("events extracted again"))
    with qtbot.waitSignal(again.episodes_ready, timeout=120000):
        again.request_analysis()
    assert _episode_ids(again.episodes) == _episode_ids(here.episodes)  # from the events kept in the cache
    qtbot.waitUntil(lambda: not again.busy(), timeout=60000)
    again.shutdown()
