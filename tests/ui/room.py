"""Counting what a user sees: lines of a reader pane, facet rows of the comparison, episodes.

Each count takes only what is wholly inside the viewport at its current scroll position,
from the document's own layout (not from a guess of the line height).
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor


def _window(browser) -> tuple[float, float]:
    top = float(browser.verticalScrollBar().value())
    return top, top + browser.viewport().height()


def browser_lines(browser) -> int:
    """Lines of text wholly visible in a text browser."""
    document = browser.document()
    layout = document.documentLayout()
    top, bottom = _window(browser)
    count = 0
    block = document.begin()
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.bottom() >= top and rect.top() <= bottom:
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                y = rect.top() + line.y()
                if line.textLength() and y >= top and y + line.height() <= bottom:
                    count += 1
        block = block.next()
    return count


def reader_lines(pane) -> int:
    return browser_lines(pane.browser)


def _row_span(document, table, row: int) -> tuple[float, float]:
    layout = document.documentLayout()
    tops, bottoms = [], []
    for column in range(table.columns()):
        cell = table.cellAt(row, column)
        block = document.findBlock(cell.firstPosition())
        while block.isValid() and block.position() <= cell.lastPosition():
            rect = layout.blockBoundingRect(block)
            tops.append(rect.top())
            bottoms.append(rect.bottom())
            block = block.next()
    return min(tops), max(bottoms)


def facet_rows(view) -> int:
    """Facet rows of the comparison wholly visible (every cell of the row)."""
    if view.comparison is None:
        return 0
    document = view.browser.document()
    top, bottom = _window(view.browser)
    count = 0
    section = document.find("Side by side")  # the facet grid follows its heading
    if section.isNull():
        return 0
    for row in view.comparison.facets:
        cursor = document.find(row.label, section.position())
        table = cursor.currentTable() if not cursor.isNull() else None
        if table is None:
            continue
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        first, last = _row_span(document, table, table.cellAt(cursor).row())
        if first >= top and last <= bottom:
            count += 1
    return count


def episodes_visible(sidebar) -> int:
    """Episode rows (not year headings) wholly visible in the sidebar's tree."""
    tree = sidebar.tree
    proxy = tree.model()
    area = tree.viewport().rect()
    count = 0
    for y in range(proxy.rowCount()):
        year = proxy.index(y, 0)
        for r in range(proxy.rowCount(year)):
            rect = tree.visualRect(proxy.index(r, 0, year))
            if rect.isValid() and area.contains(rect):
                count += 1
    return count
