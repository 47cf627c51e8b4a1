"""What the workspace keeps of a library's analyses (issue 11, scale: memory at rest): with the
analysis cache, each analysis is held as its date and its key, its parts read back when a view
asks; what comes back is the analysis the engine made, in this session and the next."""

from __future__ import annotations

import dataclasses

from desktop.core.library.analysiscache import AnalysisCache
from desktop.core.library.stored import StoredAnalysis
from desktop.core.text.articles import Corpus, load_default_corpus
from desktop.ui.shell.workspace import Workspace


def _library(copies: int) -> Corpus:
    corpus = Corpus()
    for n in range(copies):
        for article in load_default_corpus().articles:
            corpus.add(dataclasses.replace(article, id=f"{article.id}-{n}"))
    return corpus


def _settled(qtbot, workspace: Workspace) -> None:
    with qtbot.waitSignal(workspace.episodes_ready, timeout=120000):
        workspace.request_analysis()
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=60000)


def test_analyses_at_rest_are_read_back_equal_to_those_made(qtbot, tmp_path):
    here = Workspace(_library(2))  # no cache: whole analyses, as made
    _settled(qtbot, here)
    for session in range(2):  # the first analyses the library, the second reads the cache
        workspace = Workspace(_library(2), cache=AnalysisCache(tmp_path / "a.sqlite3"))
        _settled(qtbot, workspace)
        workspace.parts_store.clear()
        for article_id in here.corpus.ids():
            made, kept = here.analysis(article_id), workspace.analysis(article_id)
            assert isinstance(kept, StoredAnalysis) and not kept.held, session
            assert kept.anchor == made.anchor and kept.actors == made.actors and kept.dates == made.dates
            assert workspace.texts()[article_id] == made.text
        assert len(workspace.parts_store._kept) <= workspace.parts_store.limit
        assert [(e.id, e.title, e.articles) for e in workspace.episodes.episodes] == [
            (e.id, e.title, e.articles) for e in here.episodes.episodes
        ]
        shown = here.corpus.ids()[0]
        assert workspace.body_html(shown) == here.body_html(shown)
        workspace.shutdown()
    here.shutdown()
