"""Notes (issue 13): on a selected passage by the menu and Ctrl+Alt+N, in the Notes panel, undoable, kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog

from desktop.core.annotations.store import load_annotations
from desktop.ui.reader import notes

from .test_annotations import analysed, char_format
from .test_corrections_ui import choose, menus, right_click  # noqa: F401  (menus is a fixture)


def answer_note(monkeypatch, body: str) -> list[str]:
    """The note dialog: type ``body`` and press OK; returns what each dialog said it is on."""
    seen: list[str] = []

    def exec_(dialog):
        seen.append(dialog.place.text())
        dialog.edit.setPlainText(body)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(notes.NoteDialog, "exec", exec_)
    return seen


def select(pane, words: str) -> None:
    browser = pane.browser
    found = browser.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)


def panel_rows(window) -> list[str]:
    QApplication.processEvents()
    return window.notes.rows()


@pytest.mark.usefixtures("menus")
def test_note_on_a_passage_by_menu_panel_search_open_and_undo(make_window, qtbot, menus, monkeypatch):  # noqa: F811
    window = analysed(make_window(), qtbot)
    pane = window.reader.panes[0]
    title = pane.title.text()
    seen = answer_note(monkeypatch, "The **visit** was *announced* late.")
    select(pane, "Wess Mitchell")
    choose(right_click(pane, "Wess Mitchell", menus), "Add Note…")
    assert seen and "Wess Mitchell" in seen[0]

    # the passage wears the note: a dotted underline and the note's words as its tooltip
    fmt = char_format(pane, "Wess Mitchell")
    assert "The visit was announced late." in fmt.toolTip()
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine
    assert "✎" in pane.plain_text()
    stored, _ = load_annotations()
    assert [(a.kind, a.quote.exact) for a in stored] == [("note", "Wess Mitchell")]

    # the Notes panel lists it under the article; its search finds it or not
    rows = panel_rows(window)
    assert rows[0] == title and "Wess Mitchell" in rows[1] and "announced late" in rows[1]
    qtbot.keyClicks(window.notes.search, "announced")
    assert len(panel_rows(window)) == 2
    window.notes.search.clear()
    qtbot.keyClicks(window.notes.search, "nowhere-in-any-note")
    assert panel_rows(window) == []
    window.notes.search.clear()

    # clicking it opens its place: the pane scrolled to the passage
    pane.browser.verticalScrollBar().setValue(pane.browser.verticalScrollBar().maximum())
    item = window.notes.tree.topLevelItem(0).child(0)
    rect = window.notes.tree.visualItemRect(item)
    qtbot.mouseClick(window.notes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QApplication.processEvents()
    cursor = pane.browser.document().find("Wess Mitchell")
    assert pane.browser.viewport().rect().contains(pane.browser.cursorRect(cursor).center())

    # undo takes it away everywhere; redo brings it back
    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    assert load_annotations()[0] == [] and "✎" not in pane.plain_text() and panel_rows(window) == []
    window.actions["edit.redo"].trigger()
    QApplication.processEvents()
    assert len(load_annotations()[0]) == 1 and "✎" in pane.plain_text()


def test_shortcut_edit_and_delete_are_undoable(make_window, qtbot, monkeypatch):
    window = analysed(make_window(), qtbot)
    pane = window.reader.panes[0]
    answer_note(monkeypatch, "First thought")
    select(pane, "Wess Mitchell")
    pane.browser.setFocus()
    qtbot.keyClick(pane.browser, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    QApplication.processEvents()
    assert [a.body for a in load_annotations()[0]] == ["First thought"]

    window.notes.tree.setCurrentItem(window.notes.tree.topLevelItem(0).child(0))
    answer_note(monkeypatch, "Second thought")
    qtbot.mouseClick(window.notes.edit_button, Qt.MouseButton.LeftButton)
    assert [a.body for a in load_annotations()[0]] == ["Second thought"]
    assert "Second thought" in char_format(pane, "Wess Mitchell").toolTip()
    window.notes.tree.setCurrentItem(window.notes.tree.topLevelItem(0).child(0))
    qtbot.mouseClick(window.notes.delete_button, Qt.MouseButton.LeftButton)
    assert load_annotations()[0] == [] and panel_rows(window) == []
    window.actions["edit.undo"].trigger()  # the delete
    window.actions["edit.undo"].trigger()  # the edit
    QApplication.processEvents()
    assert [a.body for a in load_annotations()[0]] == ["First thought"]


def test_note_on_an_episode_from_the_sidebar(make_window, qtbot, monkeypatch):
    window = analysed(make_window(), qtbot)
    qtbot.waitUntil(lambda: window.episodes.model.rowCount() > 0, timeout=60000)
    episode_id = window.episodes.selected_ids()[0] if window.episodes.selected_ids() else None
    index = window.episodes.proxy.index(0, 0)
    while window.episodes.proxy.rowCount(index) and not window.episodes.proxy.data(index, notes_role()):
        index = window.episodes.proxy.index(0, 0, index)
    episode_id = window.episodes.proxy.data(index, notes_role())
    answer_note(monkeypatch, "Ask the class who wrote first")
    window.episodes.note_requested.emit(episode_id)  # what the sidebar's "Add Note…" sends
    stored = load_annotations()[0]
    assert [(a.episode, a.article) for a in stored] == [(episode_id, "")]
    rows = panel_rows(window)
    assert "Ask the class" in rows[1]
    window.notes.tree.setCurrentItem(window.notes.tree.topLevelItem(0).child(0))
    window.notes.open_note(window.notes.current_note())
    assert window.episodes.current_id() == episode_id


def notes_role():
    from desktop.ui.episodes.sidebar import ID_ROLE

    return ID_ROLE
