"""The summary ("In brief") of the Comparison tab leads to its cells (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from .test_episodes_and_comparison import ready


def _link_rect(browser, href: str):
    """Where the link to ``href`` is drawn in the view (the view scrolled to the top)."""
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(browser.document())
                cursor.setPosition(fragment.position() + fragment.length() // 2)
                return browser.cursorRect(cursor)
            it += 1
        block = block.next()
    return None


def _cell_text(table, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    cursor = cell.firstCursorPosition()
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


def test_clicking_a_row_of_the_summary_lights_up_its_cells(window, qtbot):
    ready(window, qtbot)
    window.actions["episodes.compare"].trigger()
    view = window.comparison
    qtbot.waitUntil(lambda: not view.building())
    carried = next(s for s in view.comparison.summary if s.kind == "carried")
    facet = carried.cells[0][0]
    subjects = sorted({s for f, s in carried.cells if f == facet})
    browser = view.browser
    browser.verticalScrollBar().setValue(0)
    text = browser.toPlainText()
    assert "Who carried the message each time" in text and "(row: Minsk's messenger(s))" in text
    rect = _link_rect(browser, f"cells:{facet}:{','.join(map(str, subjects))}")
    assert rect is not None
    with qtbot.waitSignal(view.message) as said:
        qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "Minsk's messenger(s)" in said.args[0]
    assert browser.verticalScrollBar().value() > 0  # scrolled down to the table
    lit = view.lit_cells()
    assert len(lit) == len(subjects)
    table = view._lit[0][0]
    highlight = browser.palette().color(browser.palette().ColorRole.Highlight)
    for row, column in lit:
        background = table.cellAt(row, column).format().background().color()
        assert background.rgb() == highlight.rgb()
    # each lit cell says what the sentence says of its episode
    for (row, column), subject in zip(lit, subjects, strict=True):
        cell = _cell_text(table, row, column)
        for name in (
            carried.text.split(view.comparison.subjects[subject].label + ": ", 1)[1].split(";")[0].split(" and ")
        ):
            assert name.split(" (")[0].strip(". ") in cell
    # the table comes into view
    cursor = QTextCursor(browser.document())
    cursor.setPosition(table.cellAt(*lit[0]).firstCursorPosition().position())
    assert 0 <= browser.cursorRect(cursor).top() < browser.viewport().height()
