"""Correcting in the reader (issue 13): "Not This Side", and marking unmarked words as an actor or a date."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from desktop.core.annotate import palette
from desktop.core.annotations.store import load_annotations
from desktop.ui.reader import corrections
from desktop.ui.reader.panes import ArticleBrowser

from .test_annotations import analysed, char_format
from .test_corrections_ui import answer_actor, answer_date, choose, right_click


@pytest.fixture
def menus(monkeypatch):
    shown: list[QMenu] = []
    monkeypatch.setattr(ArticleBrowser, "open_menu", lambda _browser, menu, _where: shown.append(menu))
    return shown


def answer_side(monkeypatch, side: str) -> None:
    def exec_(dialog):
        dialog.choose(side)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(corrections.SideChooser, "exec", exec_)


def select_and_right_click(pane, words: str, menus: list) -> QMenu:
    """Select ``words`` with the text cursor, then right-click on them."""
    browser = pane.browser
    found = browser.document().find(words)
    assert not found.isNull(), words
    browser.setTextCursor(found)
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 1)
    pos = browser.cursorRect(inside).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, browser.viewport().mapToGlobal(pos))
    QApplication.sendEvent(browser.viewport(), event)
    assert menus, "no context menu"
    return menus.pop()


def test_not_this_side_recolours_the_mention_and_undo_brings_it_back(window, qtbot, menus, monkeypatch):
    pane = analysed(window, qtbot).reader.panes[0]
    assert char_format(pane, "Wess Mitchell").background().color() == QColor(palette.colour("us"))
    answer_side(monkeypatch, "belarus")
    choose(right_click(pane, "Wess Mitchell", menus), "Not This Side …")
    mention = char_format(pane, "Wess Mitchell")
    assert mention.background().color() == QColor(palette.colour("belarus"))
    assert "corrected by you" in mention.toolTip()
    assert [(a.kind, a.side) for a in load_annotations()[0]] == [("not-side", "belarus")]
    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    assert char_format(pane, "Wess Mitchell").background().color() == QColor(palette.colour("us"))


def test_unmarked_words_marked_as_an_actor_and_as_a_date(window, qtbot, menus, monkeypatch):
    pane = analysed(window, qtbot).reader.panes[0]
    words = "authoritative conferences"
    assert not char_format(pane, words).anchorHref()
    menu = select_and_right_click(pane, words, menus)
    assert "Not an Actor" not in [a.text() for a in menu.actions()]  # no highlight there
    answer_actor(monkeypatch, "Tertel")
    choose(menu, "Mark as Actor …")
    marked = char_format(pane, words)
    assert marked.anchorHref().startswith("actor:")
    assert "Ivan Tertel" in marked.toolTip() and "corrected by you" in marked.toolTip()

    answer_date(monkeypatch, "2018-W44")
    choose(select_and_right_click(pane, "major events", menus), "Mark as Date …")
    date = char_format(pane, "major events")
    assert date.anchorHref().startswith("date:") and "corrected by you" in date.toolTip()
    assert [a.kind for a in load_annotations()[0]] == ["mark-actor", "mark-date"]
    window.actions["edit.undo"].trigger()
    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    assert not char_format(pane, words).anchorHref() and not char_format(pane, "major events").anchorHref()


def test_a_selection_across_paragraphs_offers_no_marking(window, qtbot, menus):
    pane = analysed(window, qtbot).reader.panes[0]
    browser = pane.browser
    cursor = QTextCursor(browser.document())
    cursor.setPosition(5)
    cursor.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, 5)
    browser.setTextCursor(cursor)
    assert corrections.selection_span(browser, window.workspace.corrected_analysis(pane.article_id).text) is None
