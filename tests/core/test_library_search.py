"""Search over the library: words, phrases, actors under any spelling and resolved roles, filters."""

from __future__ import annotations

import pytest

from desktop.core.files import paths
from desktop.core.library.batch import analyse_library
from desktop.core.library.db import Library
from desktop.core.library.refresh import refresh
from desktop.core.library.search import MARK_CLOSE, MARK_OPEN, SearchFilters, fts_query, search

ROLE_ONLY = """---
id: role-only-2019
title: A visit to Minsk
published: 2019-05-02
outlet: Test Wire
---

The Belarusian leader received a delegation of American businessmen in Minsk on Thursday and spoke of new investment.
"""


@pytest.fixture
def library(tmp_path):
    folder = paths.user_articles_dir()
    folder.mkdir(parents=True)
    (folder / "role-only.md").write_text(ROLE_ONLY)
    with Library(tmp_path / "lib.sqlite3") as lib:
        refresh(lib)
        analyse_library(lib, workers=1)
        yield lib


def test_an_actor_is_found_under_any_spelling_and_where_a_role_was_resolved(library):
    by_text = {h.article_id for h in search(library, "Lukashenko") if h.via == "text"}
    hits = search(library, "Lukashenka")
    ids = {h.article_id for h in hits}
    assert by_text and by_text <= ids
    assert "role-only-2019" in ids
    role = next(h for h in hits if h.article_id == "role-only-2019")
    assert role.via == "actor" and f"{MARK_OPEN}Belarusian leader{MARK_CLOSE}" in role.snippet.replace("The ", "")


def test_words_phrases_snippets_and_offsets(library):
    hits = search(library, '"delegation of American businessmen"')
    assert [h.article_id for h in hits] == ["role-only-2019"]
    hit = hits[0]
    assert MARK_OPEN + "delegation of American businessmen" + MARK_CLOSE in hit.snippet
    text = library.db.execute("SELECT text FROM articles WHERE id = ?", (hit.article_id,)).fetchone()[0]
    assert text[hit.offset :].startswith("delegation")
    assert search(library, "zzzunknownword") == []
    assert fts_query('say "it"" now"', None).count('"') >= 4


def test_filters(library):
    assert {h.outlet for h in search(library, "Minsk", SearchFilters(outlet="test wire"))} == {"Test Wire"}
    dated = search(library, "Minsk", SearchFilters(date_from="2022-01-01", date_to="2022-12-31"))
    assert dated and all(h.date.startswith("2022") for h in dated)
    with_actor = search(library, "Minsk", SearchFilters(actor="lukashenko"))
    assert "role-only-2019" in {h.article_id for h in with_actor}
    assert search(library, "Minsk", SearchFilters(side="no-such-side")) == []
