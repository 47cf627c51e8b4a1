"""The reader as a user drives it: library, panes, scrolling, zoom, find, themes, layout."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.core.files import paths
from desktop.ui.library.view import ARTICLE_MIME, DATE

from .conftest import press


def pane_titles(window):
    return [pane.title.text() for pane in window.reader.panes]


def test_first_start_shows_the_2018_visit_and_the_2022_letter_side_by_side(window):
    assert pane_titles(window) == [
        "Minsk seeks to become a reliable partner for the United States",
        "Minsk tries to return to “security arbitrage”",
    ]
    left, right = window.reader.panes
    assert "Wess Mitchell" in left.plain_text()
    assert "dated April 6th" in right.plain_text()
    assert left.byline.text() == "Belarus in focus · c. 5 November 2018"


def select_in_library(window, title_part):
    tree = window.library.tree
    proxy = window.library.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if title_part in proxy.data(index):
            tree.setCurrentIndex(index)
            return index
    raise AssertionError(f"{title_part} not in library")


def test_open_from_library_with_enter(window, qtbot):
    window.library.tree.setFocus()
    select_in_library(window, "power play")
    press(qtbot, window.library.tree, Qt.Key.Key_Return)
    assert len(window.reader.panes) == 3
    pane = window.reader.current_pane()
    assert pane.title.text().startswith("Minsk brews diplomatic power play")
    assert "Maksim Ryzhankou" in pane.plain_text()
    assert "Subscribe to our newsletter" not in pane.plain_text()


def test_open_with_double_click_replaces_current_when_three_are_open(window, qtbot):
    tree = window.library.tree
    for title in ("power play", "Secret Meetings"):
        index = select_in_library(window, title)
        rect = tree.visualRect(index)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(window.reader.panes) == 3
    assert any("Secret Meetings" in t for t in pane_titles(window))


def test_library_is_sortable_by_date_and_filterable(window, qtbot):
    proxy = window.library.proxy

    def dates():
        return [proxy.data(proxy.index(r, DATE)) for r in range(proxy.rowCount())]

    assert dates()[0].endswith("2013") and dates()[-1].endswith("2024")
    window.library.sort.setCurrentText("Newest first")
    assert dates()[0].endswith("2024") and dates()[-1].endswith("2013")
    qtbot.keyClicks(window.library.filter, "Belarus in focus")
    assert proxy.rowCount() == 2
    assert window.library.count.text() == "2 of 5"


def test_close_pane_with_ctrl_w_and_the_close_button(window, qtbot):
    window.reader.panes[0].browser.setFocus()
    press(qtbot, window.reader.panes[0].browser, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert len(window.reader.panes) == 1
    qtbot.mouseClick(window.reader.panes[0].close_button, Qt.MouseButton.LeftButton)
    assert window.reader.panes == []
    assert window.reader.currentWidget() is window.reader.empty
    assert "No article open" in window.reader.empty.text()


def test_synchronized_scrolling_can_be_switched_off(window, qtbot):
    window.resize(900, 500)
    QApplication.processEvents()
    left, right = window.reader.panes
    assert window.actions["view.sync_scroll"].isChecked()
    left_bar, right_bar = left.browser.verticalScrollBar(), right.browser.verticalScrollBar()
    assert left_bar.maximum() > 0 and right_bar.maximum() > 0
    left_bar.setValue(left_bar.maximum())
    assert right_bar.value() == right_bar.maximum()
    window.actions["view.sync_scroll"].trigger()
    assert not window.reader.sync_scroll
    left_bar.setValue(0)
    assert right_bar.value() == right_bar.maximum()


def font_size_at(pane, word):
    text = pane.browser.document()
    cursor = text.find(word)
    return cursor.charFormat().fontPointSize() or text.defaultFont().pointSizeF()


def test_zoom_in_out_and_reset_with_the_keyboard(window, qtbot):
    pane = window.reader.panes[0]
    pane.browser.setFocus()
    before = font_size_at(pane, "Mitchell")
    press(qtbot, pane.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, pane.browser, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert font_size_at(pane, "Mitchell") == before + 2
    press(qtbot, pane.browser, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert font_size_at(pane, "Mitchell") == before + 1
    press(qtbot, pane.browser, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert font_size_at(pane, "Mitchell") == before
    assert "zoom +0" in window.status.text()


def test_find_in_pane(window, qtbot):
    pane = window.reader.panes[1]
    pane.browser.setFocus()
    window.reader.set_current(pane)
    press(qtbot, pane.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar.isVisible()
    qtbot.keyClicks(window.find_bar.edit, "Kremlin")
    press(qtbot, window.find_bar.edit, Qt.Key.Key_Return)
    assert pane.browser.textCursor().selectedText() == "Kremlin"
    assert window.find_bar.status.text() == "3 matches"
    qtbot.keyClicks(window.find_bar.edit, "zzz")
    assert window.find_bar.status.text() == "Not found"
    press(qtbot, window.find_bar.edit, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_layout_is_restored_on_the_next_start(make_window, qtbot):
    first = make_window()
    first.reader.close_pane(first.reader.panes[0])
    select_in_library(first, "Secret Meetings")
    press(qtbot, first.library.tree, Qt.Key.Key_Return)
    first.workspace.set_zoom(2)
    first.close()
    assert (paths.config_dir() / "settings.json").exists()
    second = make_window()
    assert pane_titles(second) == [
        "Minsk tries to return to “security arbitrage”",
        "Belarusian Foreign Minister Vladimir Makei Teases Secret Meetings at UNGA That Could 'Destroy' America",
    ]
    assert second.workspace.zoom == 2


def test_a_broken_file_is_shown_in_the_window_and_the_rest_loads(make_window, qtbot):
    folder = paths.user_articles_dir()
    folder.mkdir(parents=True)
    (folder / "broken.md").write_text("---\nid: broken\ntitle: [unclosed\n---\nText", encoding="utf-8")
    (folder / "mine.txt").write_text("My own article\nMinsk and Vilnius talked.", encoding="utf-8")
    window = make_window()
    assert window.banner.isVisible()
    assert "broken.md: bad YAML front matter" in window.banner.text()
    assert window.library.proxy.rowCount() == 6  # five bundled and the user's own


def test_drop_an_article_onto_a_pane(window, qtbot):
    pane = window.reader.panes[0]
    mime = QMimeData()
    mime.setData(ARTICLE_MIME, b"epicenter-2013")
    viewport = pane.browser.viewport()
    args = (
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    try:
        enter = QDragEnterEvent(*args)  # PySide6 ≥ 6.12
    except TypeError:
        enter = QDragEnterEvent(QPoint(20, 20), *args[1:])  # earlier releases take a QPoint
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()  # the pane says it takes articles
    QApplication.sendEvent(viewport, QDropEvent(*args))
    assert pane.title.text().startswith("Lukashenko aspires")


def test_dark_theme_and_back(window):
    window.actions["view.theme.dark"].trigger()
    assert QApplication.palette().window().color().lightness() < 80
    assert window.workspace.options.theme == "dark"
    css = window.reader.panes[0].browser.document().defaultStyleSheet()
    assert "#E6E6E6" in css
    window.actions["view.theme.light"].trigger()
    assert QApplication.palette().window().color().lightness() > 200


def test_actions_have_unique_shortcuts_and_the_standard_ones(window):
    seen = {}
    for action in window.actions:
        for seq in action.shortcuts():
            key = seq.toString()
            assert key not in seen, f"{key} on {action.objectName()} and {seen[key]}"
            seen[key] = action.objectName()
    expect = {
        "Ctrl+O": "file.open",
        "Ctrl+W": "view.close_pane",
        "Ctrl+Q": "file.quit",
        "F11": "view.fullscreen",
        "Ctrl+F": "edit.find",
        "Ctrl+=": "view.zoom_in",
        "Ctrl+-": "view.zoom_out",
        "Ctrl+0": "view.zoom_reset",
    }
    for key, action_id in expect.items():
        assert seen.get(QKeySequence(key).toString()) == action_id


def test_about_lists_the_sources(window, qtbot):
    window.actions["help.about"].trigger()
    from desktop.ui.shell.about import AboutDialog

    dialog = window.findChild(AboutDialog)
    qtbot.waitUntil(dialog.isVisible)
    from PySide6.QtWidgets import QTextBrowser

    text = dialog.findChild(QTextBrowser, "AboutSources").toPlainText()
    for outlet in ("The Daily Beast", "Belarus Security Blog", "Belarus in focus"):
        assert outlet in text
    assert "Minsk seeks to become a reliable partner" in text
    dialog.close()


def test_selected_text_seeds_find(window, qtbot):
    pane = window.reader.panes[0]
    cursor = pane.browser.document().find("Munich")
    pane.browser.setTextCursor(cursor)
    window.reader.set_current(pane)
    window.actions["edit.find"].trigger()
    assert window.find_bar.edit.text() == "Munich"
    assert isinstance(cursor, QTextCursor)
