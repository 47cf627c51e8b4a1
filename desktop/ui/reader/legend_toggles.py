"""The legend's switchable lists (sides, kinds): their rows, a click that toggles once, the chips.

Used by :class:`desktop.ui.reader.legend.LegendPanel`.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


@cache
def chip(colour: str, style: str = "solid", size: int = 14) -> QIcon:
    """A small swatch: solid (named actor), tint with dotted line (demonym), dashed (unlinked).

    Made once per colour and style (a theme toggle asks for every actor's chip again)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    if style != "solid":
        fill.setAlpha(110)
    painter.setBrush(fill)
    painter.setPen(QPen(QColor(colour).darker(140), 1))
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 4), 3, 3)
    if style in ("dotted", "dashed"):
        pen = QPen(QColor(colour).darker(200), 1.5)
        pen.setStyle(Qt.PenStyle.DotLine if style == "dotted" else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(1, size - 1, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class ToggleListModel(QAbstractListModel):
    """Checkable rows (sides or kinds) with a chip, a label and a count."""

    toggled = Signal(frozenset)  # the keys switched off

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, QIcon]] = []  # key, label, icon
        self._counts: dict[str, int] = {}
        self._hidden: set[str] = set()

    def set_rows(self, rows: list[tuple[str, str, QIcon]]) -> bool:
        """Show ``rows``; returns whether they are new rows (not only new chips, as after a theme
        change, which repaints the chips and keeps the rows and their sizes)."""
        if [row[:2] for row in rows] == [row[:2] for row in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0), self.index(len(rows) - 1), [Qt.ItemDataRole.DecorationRole])
            return False
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        return True

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def set_hidden(self, hidden: set[str] | frozenset[str]) -> None:
        self._hidden = set(hidden)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def hidden(self) -> frozenset[str]:
        return frozenset(self._hidden)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, label, icon = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = self._counts.get(key)
            return f"{label}  ({count})" if count else label
        if role == Qt.ItemDataRole.DecorationRole:
            return icon
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Unchecked if key in self._hidden else Qt.CheckState.Checked
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Show or hide the highlighting of: {label}"
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self._rows[index.row()][0]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        self.dataChanged.emit(index, index, [role])
        self.toggled.emit(frozenset(self._hidden))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return super().flags(index)
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable


class ToggleDelegate(QStyledItemDelegate):
    """Leaves mouse clicks to the view's ``clicked`` (one toggle per click, on the box or the label).

    The base delegate toggles a check box itself when the click lands on its indicator; with the
    row's ``clicked`` also toggling, a click on the box toggled twice and seemed ignored. Keys
    (Space) still reach the base delegate, which toggles once.
    """

    _MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() in self._MOUSE:
            return False
        return super().editorEvent(event, model, option, index)

    def sizeHint(self, option, index) -> QSize:
        """As tall as the label needs when it wraps at the view's width (long side names)."""
        view = self.parent()
        if not isinstance(view, QListView):
            return super().sizeHint(option, index)
        width = max(view.viewport().width(), 80)
        check = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view) + 8
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, width - check, 1000)
        size = super().sizeHint(wrapped, index)
        return QSize(width, size.height())


class ToggleListView(QListView):
    """A list of toggles as tall as its rows (its scroll area scrolls), re-fitted when its width changes."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.doItemsLayout()
            self.fit()

    def fit(self) -> None:
        rows = self.model().rowCount() if self.model() else 0
        height = sum(self.sizeHintForRow(r) for r in range(rows)) + 2 * self.frameWidth() + 2
        self.setFixedHeight(max(height, 20))
