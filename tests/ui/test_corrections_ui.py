"""Correcting the analysis in the reader (issue 13): by right-click and keyboard, undoable, kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from desktop.core.annotations.store import load_annotations
from desktop.ui.reader import corrections
from desktop.ui.reader.panes import ArticleBrowser

from .conftest import press
from .test_annotations import analysed, char_format


@pytest.fixture
def menus(monkeypatch):
    """Context menus are recorded instead of shown (a shown menu waits for the user)."""
    shown: list[QMenu] = []
    monkeypatch.setattr(ArticleBrowser, "open_menu", lambda _browser, menu, _where: shown.append(menu))
    return shown


def answer_actor(monkeypatch, search: str) -> None:
    """The "This is …" dialog: type ``search`` and accept the first actor listed."""

    def exec_(dialog):
        dialog.search.setText(search)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(corrections.ActorChooser, "exec", exec_)


def answer_date(monkeypatch, value: str) -> None:
    def exec_(dialog):
        dialog.edit.setText(value)
        return QDialog.DialogCode.Accepted if dialog.value() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(corrections.DateDialog, "exec", exec_)


def right_click(pane, words: str, menus: list) -> QMenu:
    browser = pane.browser
    found = browser.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 2)
    pos = browser.cursorRect(cursor).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, browser.viewport().mapToGlobal(pos))
    QApplication.sendEvent(browser.viewport(), event)
    assert menus, "no context menu"
    return menus.pop()


def choose(menu: QMenu, text: str) -> None:
    action = next((a for a in menu.actions() if a.text() == text), None)
    assert action is not None, [a.text() for a in menu.actions()]
    action.trigger()
    QApplication.processEvents()


def test_this_is_another_actor_undo_redo_and_a_new_window(make_window, qtbot, menus, monkeypatch):
    window = analysed(make_window(), qtbot)
    pane = window.reader.panes[0]
    assert "A. Wess Mitchell" in char_format(pane, "Wess Mitchell").toolTip()
    answer_actor(monkeypatch, "Makei")  # an alias or name of another actor
    choose(right_click(pane, "Wess Mitchell", menus), "This Is …")
    tip = char_format(pane, "Wess Mitchell").toolTip()
    assert "Vladimir Makei" in tip and "corrected by you" in tip
    stored, _ = load_annotations()
    assert [a.kind for a in stored] == ["actor-is"] and stored[0].quote.exact.endswith("Wess Mitchell")

    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    tip = char_format(pane, "Wess Mitchell").toolTip()
    assert "A. Wess Mitchell" in tip and "corrected by you" not in tip
    assert load_annotations()[0] == []
    window.actions["edit.redo"].trigger()
    QApplication.processEvents()
    assert "Vladimir Makei" in char_format(pane, "Wess Mitchell").toolTip()

    again = analysed(make_window(), qtbot)  # quit and start again on the same data folder
    tip = char_format(again.reader.panes[0], "Wess Mitchell").toolTip()
    assert "Vladimir Makei" in tip and "corrected by you" in tip


def test_not_an_actor_removes_the_highlight_from_the_keyboard(window, qtbot, menus):
    analysed(window, qtbot)
    pane = window.reader.panes[0]
    assert char_format(pane, "Wess Mitchell").anchorHref().startswith("actor:")
    browser = pane.browser
    found = browser.document().find("Wess Mitchell")
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 2)
    browser.setTextCursor(cursor)
    browser.setFocus()
    press(qtbot, browser, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert menus, "Shift+F10 shows no menu"
    choose(menus.pop(), "Not an Actor")
    assert not char_format(pane, "Wess Mitchell").anchorHref().startswith("actor:")
    assert "A. Wess Mitchell" not in char_format(pane, "Wess Mitchell").toolTip()
    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    assert char_format(pane, "Wess Mitchell").anchorHref().startswith("actor:")


def test_the_date_is_shows_the_new_value(window, qtbot, menus, monkeypatch):
    analysed(window, qtbot)
    pane = window.reader.panes[0]
    answer_date(monkeypatch, "2018-10-29")
    choose(right_click(pane, "October 30th", menus), "The Date Is …")
    tip = char_format(pane, "October 30th").toolTip()
    assert "2018-10-29" in tip and "corrected by you" in tip
    assert [a.value for a in load_annotations()[0]] == ["2018-10-29"]


def test_a_date_must_be_a_timex_value(qtbot):
    dialog = corrections.DateDialog("2022-04")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert ok.isEnabled()
    for value, good in (("2022-04-12", True), ("2022-13", False), ("April", False), ("2022-W15", True)):
        dialog.edit.setText(value)
        assert ok.isEnabled() is good, value
    assert corrections.parse_href("date:2022-04?start=12") == ("date", "2022-04", 12)
    assert corrections.parse_href("https://example.org") is None
