"""A correction made in the reader shows everywhere the analysis is used (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMenu

from desktop.ui.reader.panes import ArticleBrowser

from .test_annotations import analysed
from .test_corrections_ui import answer_actor, choose, right_click
from .test_episodes_and_comparison import ready, row_of


@pytest.fixture
def menus(monkeypatch):
    """Context menus are recorded instead of shown (a shown menu waits for the user)."""
    shown: list[QMenu] = []
    monkeypatch.setattr(ArticleBrowser, "open_menu", lambda _browser, menu, _where: shown.append(menu))
    return shown


def legend_count(window, name: str) -> int:
    window.legend_control.rebuild()
    actors = window.legend.actors
    for row in range(actors.rowCount()):
        if actors.data(actors.index(row, 0)) == name:
            return actors.data(actors.index(row, 1))
    return 0


def compared_text(window, qtbot, *titles: str) -> str:
    """Select ``titles`` in the sidebar, press Compare, and read the comparison."""
    tree = window.episodes.tree
    selection = tree.selectionModel()
    selection.clearSelection()
    for title in titles:
        selection.select(row_of(window, title), selection.SelectionFlag.Select)
    window.actions["episodes.compare"].trigger()
    qtbot.waitUntil(lambda: not window.comparison.building(), timeout=30000)
    return window.comparison.browser.toPlainText()


def wait_for_title(window, qtbot, title: str) -> None:
    qtbot.waitUntil(lambda: any(title in t for t in window.episodes.visible_titles()), timeout=30000)


def test_an_identity_corrected_in_the_reader_changes_legend_episodes_and_comparison(window, qtbot, menus, monkeypatch):
    ready(analysed(window, qtbot), qtbot)
    munich = "Meeting of the Main Group"
    assert legend_count(window, "Ivan Tertel") == 0
    mitchell = legend_count(window, "A. Wess Mitchell")
    assert "Ivan Tertel" not in compared_text(window, qtbot, "Mitchell visits Minsk", munich)

    answer_actor(monkeypatch, "Tertel")
    choose(right_click(window.reader.panes[0], "Wess Mitchell", menus), "This Is …")
    assert legend_count(window, "Ivan Tertel") == 1
    assert legend_count(window, "A. Wess Mitchell") == mitchell - 1
    wait_for_title(window, qtbot, "Tertel visits Minsk")
    episode = next(e for e in window.workspace.episodes.episodes if e.title.startswith("Tertel visits Minsk"))
    assert "Ivan Tertel" in [p.name for p in episode.participants]
    assert "Ivan Tertel" in compared_text(window, qtbot, "Tertel visits Minsk", munich)

    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    assert legend_count(window, "Ivan Tertel") == 0
    assert legend_count(window, "A. Wess Mitchell") == mitchell
    wait_for_title(window, qtbot, "Mitchell visits Minsk")
    assert "Ivan Tertel" not in compared_text(window, qtbot, "Mitchell visits Minsk", munich)
