"""The theme toggle while the legend's index is still catching up with the library (a library's
analyses read back from the cache a few per turn): the index shown is recoloured at once, nothing
is indexed on the toggle, and the new index is shown once it has caught up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.reader.legendcontroller import GrowingIndex

from .test_episodes_and_comparison import ready


def test_a_toggle_while_the_legend_catches_up_indexes_nothing_at_once(window, qtbot, monkeypatch):
    ready(window, qtbot)
    control = window.legend_control
    qtbot.waitUntil(lambda: window.legend.actors.rowCount() > 0, timeout=30000)
    control._index = None  # as if the library's analyses were still being read back
    control._growing = True
    with monkeypatch.context() as patched:
        patched.setattr(GrowingIndex, "add", lambda *a: pytest.fail("indexed at once on the toggle"))
        window.themes.set_setting("dark")
        for _ in range(5):
            QApplication.processEvents()
    assert control._theme == "dark"  # the index shown, recoloured
    control._grow_step()
    qtbot.waitUntil(lambda: not control._growing and control._shown is control._index, timeout=30000)
    assert window.legend.actors.rowCount() > 0


def test_an_actors_mentions_are_made_when_their_rows_are_asked_for():
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.annotate.mentions import MentionIndex
    from desktop.core.text.articles import load_default_corpus

    analyzer = Analyzer()
    analyses = [analyzer.analyze(a) for a in load_default_corpus()]
    index = GrowingIndex({a.article_id: i for i, a in enumerate(analyses)})
    for analysis in analyses:
        index.add(analysis)
    made = []
    real = index._mention
    index._mention = lambda article_id, i: made.append(article_id) or real(article_id, i)
    key = index.entries()[0].key
    mentions = index.mentions(key)
    assert len(mentions) > 5 and made == []  # nothing read yet
    first = mentions[0]
    assert len(made) == 1 and mentions[0] is first and mentions[-1] == list(mentions)[-1]
    assert mentions == MentionIndex(analyses).mentions(key)
