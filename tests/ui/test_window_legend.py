"""The legend as the user works it: check boxes toggle once per click, every section in reach, mentions."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from desktop.core.annotate import palette
from tests.ui.test_annotations import analysed, char_format

KEY = Qt.ItemDataRole.UserRole + 1


def row_of(model, key):
    return next(r for r in range(model.rowCount()) if model.data(model.index(r), KEY) == key)


def checked(model, row):
    return model.data(model.index(row), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def indicator_centre(view, index) -> QPoint:
    """Where the check box of a row is drawn, as the style lays it out."""
    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    option.rect = view.visualRect(index)
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    rect = view.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view)
    assert rect.isValid() and view.visualRect(index).contains(rect)
    return rect.center()


def label_point(view, index) -> QPoint:
    rect = view.visualRect(index)
    return QPoint(rect.left() + rect.width() * 2 // 3, rect.center().y())


def click(qtbot, view, point):
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    QApplication.processEvents()


def scroll_into_view(window, view, index):
    window.legend.top_scroll.ensureWidgetVisible(view)
    view.scrollTo(index)
    QApplication.processEvents()


def test_a_click_on_a_side_box_or_its_label_toggles_it_once(window, qtbot):
    analysed(window, qtbot)
    view, sides = window.legend.side_view, window.legend.sides
    row = row_of(sides, "us")
    index = sides.index(row)
    us = QColor(palette.colour("us"))
    scroll_into_view(window, view, index)
    assert checked(sides, row)
    click(qtbot, view, indicator_centre(view, index))
    assert not checked(sides, row)
    assert "us" in window.workspace.options.hidden_sides
    assert char_format(window.reader.panes[0], "Wess Mitchell").background().color() != us
    click(qtbot, view, indicator_centre(view, index))
    assert checked(sides, row)
    assert "us" not in window.workspace.options.hidden_sides
    assert char_format(window.reader.panes[0], "Wess Mitchell").background().color() == us
    click(qtbot, view, label_point(view, index))
    assert not checked(sides, row) and "us" in window.workspace.options.hidden_sides
    click(qtbot, view, label_point(view, index))
    assert checked(sides, row) and "us" not in window.workspace.options.hidden_sides


def test_a_click_on_a_kind_box_or_its_label_toggles_it_once(window, qtbot):
    analysed(window, qtbot)
    view, kinds = window.legend.kind_view, window.legend.kinds
    row = row_of(kinds, "date")
    index = kinds.index(row)
    date = QColor(palette.date_colour("light"))
    scroll_into_view(window, view, index)
    click(qtbot, view, indicator_centre(view, index))
    assert not checked(kinds, row) and "date" in window.workspace.options.hidden_kinds
    assert char_format(window.reader.panes[0], "October 30th").foreground().color() != date
    click(qtbot, view, label_point(view, index))
    assert checked(kinds, row) and "date" not in window.workspace.options.hidden_kinds
    assert char_format(window.reader.panes[0], "October 30th").foreground().color() == date


def test_space_on_a_side_toggles_it_once(window, qtbot):
    analysed(window, qtbot)
    view, sides = window.legend.side_view, window.legend.sides
    row = row_of(sides, "us")
    view.setFocus()
    view.setCurrentIndex(sides.index(row))
    qtbot.keyClick(view, Qt.Key.Key_Space)
    QApplication.processEvents()
    assert not checked(sides, row) and "us" in window.workspace.options.hidden_sides
