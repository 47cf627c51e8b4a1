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


def open_makei_mentions(window, qtbot):
    from PySide6.QtCore import QUrl

    analysed(window, qtbot)
    qtbot.waitUntil(lambda: window.workspace.is_fully_analysed(), timeout=30000)
    window.legend_control.rebuild()
    window.reader.panes[0].browser.anchorClicked.emit(QUrl("actor:makei?article=reliable-partner-2018&start=0"))
    QApplication.processEvents()
    mentions = window.legend.mentions
    assert mentions.rowCount() >= 5
    return window.legend.mention_view, mentions


def fully_visible_rows(view) -> int:
    area = view.viewport().rect()
    return sum(area.contains(view.visualRect(view.model().index(r, 0))) for r in range(view.model().rowCount()))


def test_the_mentions_list_shows_at_least_five_mentions(window, qtbot):
    view, _mentions = open_makei_mentions(window, qtbot)
    assert view.isVisible()
    assert fully_visible_rows(view) >= 5


def teases_row(mentions):
    return next(r for r in range(mentions.rowCount()) if "Teases Secret Meetings" in mentions.data(mentions.index(r)))


def test_a_single_click_on_a_mention_opens_it(window, qtbot):
    view, mentions = open_makei_mentions(window, qtbot)
    row = teases_row(mentions)
    view.scrollTo(mentions.index(row))
    QApplication.processEvents()
    click(qtbot, view, view.visualRect(mentions.index(row)).center())
    assert window.reader.current_pane().title.text().startswith("Belarusian Foreign Minister Vladimir Makei")


def test_enter_on_a_mention_opens_it(window, qtbot):
    view, mentions = open_makei_mentions(window, qtbot)
    row = teases_row(mentions)
    view.setFocus()
    view.setCurrentIndex(mentions.index(row))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.reader.current_pane().title.text().startswith("Belarusian Foreign Minister Vladimir Makei")


def test_at_260_px_every_section_is_in_reach_and_every_side_name_readable(window, qtbot):
    from PySide6.QtWidgets import QLabel

    analysed(window, qtbot)
    legend = window.legend
    window.resizeDocks([window.legend_dock], [260], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert legend.width() <= 300
    headings = [w for w in legend.findChildren(QLabel) if w.objectName() == "SidebarHeading"]
    assert {h.text() for h in headings} >= {"Sides", "Kinds", "Actors in the corpus"}
    for heading in headings:
        if legend.top_scroll.widget().isAncestorOf(heading):
            legend.top_scroll.ensureWidgetVisible(heading)
            QApplication.processEvents()
        assert not heading.visibleRegion().isEmpty(), heading.text()
    legend.top_scroll.ensureWidgetVisible(legend.kind_view)
    QApplication.processEvents()
    assert not legend.kind_view.visibleRegion().isEmpty()
    view, sides = legend.side_view, legend.sides
    metrics = view.fontMetrics()
    for row in range(sides.rowCount()):
        index = sides.index(row)
        label = sides.data(index, Qt.ItemDataRole.DisplayRole).split("  (")[0]
        rect = view.visualRect(index)
        assert rect.right() <= view.viewport().width() + 2, label  # nothing hidden to the right
        shown = metrics.boundingRect(0, 0, rect.width() - 30, 1000, Qt.TextFlag.TextWordWrap, label).height()
        tip = sides.data(index, Qt.ItemDataRole.ToolTipRole) or ""
        assert shown <= rect.height() or label in tip, label
        assert label in tip, label  # the full name is always in the tooltip
