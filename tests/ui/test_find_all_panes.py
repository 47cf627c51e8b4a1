"""Find across every open pane, then in the whole library, as a user does it (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from desktop.ui.reader.findall import summary

from .conftest import press

WORD = "Minsk"


def start_in(window, pane) -> None:
    window.reader.set_current(pane)
    cursor = pane.browser.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    pane.browser.setTextCursor(cursor)
    pane.browser.setFocus()


def selection(window) -> tuple[int, str, int]:
    """Which pane is current, what it has selected, where."""
    pane = window.reader.current_pane()
    cursor = pane.browser.textCursor()
    return window.reader.panes.index(pane), cursor.selectedText(), cursor.selectionStart()


def open_all_panes_find(window, qtbot, text: str) -> None:
    press(qtbot, window.reader.current_pane().browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible()
    qtbot.mouseClick(bar.all_panes, Qt.MouseButton.LeftButton, pos=bar.all_panes.rect().center())
    assert bar.all_panes.isChecked()
    assert bar.edit.placeholderText() == "Find in all panes"
    qtbot.keyClicks(bar.edit, text)


def test_all_panes_counts_per_pane_and_steps_from_pane_to_pane(window, qtbot):
    left, right = window.reader.panes
    counts = [left.count(WORD), right.count(WORD)]
    assert all(counts), "the word must be in both panes for this test"
    start_in(window, left)
    open_all_panes_find(window, qtbot, WORD)
    bar = window.find_bar
    titles = [left.title.text(), right.title.text()]
    assert bar.status.text() == summary(list(zip(titles, counts, strict=True)))
    assert bar.status.text().startswith(f"{sum(counts)} matches: {counts[0]} in “")
    assert f"{counts[1]} in “{titles[1]}”" in bar.status.toolTip()  # whole titles in the tooltip
    assert selection(window)[:2] == (0, WORD)  # typing found the first match of the left pane
    assert bar.minimumSizeHint().width() < 900  # long titles are cut in the bar: the window can stay narrow
    assert bar.edit.width() >= bar.edit.fontMetrics().averageCharWidth() * 22  # room to type

    seen = [selection(window)]
    for _ in range(sum(counts) - 1):
        press(qtbot, bar.edit, Qt.Key.Key_Return)
        seen.append(selection(window))
    assert [index for index, _text, _at in seen] == [0] * counts[0] + [1] * counts[1]
    assert all(text.casefold() == WORD.casefold() for _index, text, _at in seen)
    assert len(set(seen)) == sum(counts)  # every match once, in order
    assert window.reader.current_pane() is right and bar.edit.hasFocus()

    press(qtbot, bar.edit, Qt.Key.Key_Return)  # past the last match of the last pane: the first one again
    assert selection(window) == seen[0]
    press(qtbot, bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # and back
    assert selection(window) == seen[-1]
    press(qtbot, bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert selection(window) == seen[-2]


def test_all_panes_says_when_no_pane_has_the_text(window, qtbot):
    start_in(window, window.reader.panes[0])
    open_all_panes_find(window, qtbot, "zzqqxx")
    assert window.find_bar.status.text() == "Not found in any pane"
    assert window.find_bar.edit.property("notFound") == "true"


def test_unchecking_all_panes_finds_in_the_current_pane_only(window, qtbot):
    right = window.reader.panes[1]
    start_in(window, right)
    open_all_panes_find(window, qtbot, WORD)
    bar = window.find_bar
    qtbot.mouseClick(bar.all_panes, Qt.MouseButton.LeftButton, pos=bar.all_panes.rect().center())
    assert not bar.all_panes.isChecked()
    assert bar.status.text() == f"{right.count(WORD)} matches"
    for _ in range(right.count(WORD) + 1):
        press(qtbot, bar.edit, Qt.Key.Key_Return)
        assert window.reader.current_pane() is right


def test_search_the_library_hands_the_text_to_the_library_search(window, qtbot):
    start_in(window, window.reader.panes[0])
    window.library_dock.hide()
    open_all_panes_find(window, qtbot, WORD)
    bar = window.find_bar
    qtbot.mouseClick(bar.library_button, Qt.MouseButton.LeftButton)
    assert window.library_dock.isVisible()
    assert window.library.filter.text() == WORD
    qtbot.waitUntil(lambda: bool(window.library.search.hits), timeout=10000)
    assert window.library.stack.currentWidget() is window.library.search
    assert "mention “Minsk”" in window.library.search.header.text()


def test_search_the_library_with_nothing_typed_does_nothing(window, qtbot):
    start_in(window, window.reader.panes[0])
    press(qtbot, window.reader.current_pane().browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    before = window.library.filter.text()
    qtbot.mouseClick(window.find_bar.library_button, Qt.MouseButton.LeftButton)
    assert window.library.filter.text() == before
