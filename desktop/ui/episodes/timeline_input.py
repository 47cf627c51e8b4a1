"""The timeline's mouse and keys: Ctrl+wheel zooms, a drag pans, a click or Left/Right picks an episode.

A mixin of :class:`desktop.ui.episodes.timeline.TimelineView` (it uses the view's zoom, scroll
bars, layout and ``_pick``).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.episodes.timeline_zoom import ZOOM_STEP


class TimelineInput:
    """Wheel, mouse and key handlers of the timeline view."""

    _press: QPoint | None
    _press_scroll: tuple[int, int]
    _dragging: bool

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = delta.y() / 120
            if steps:
                self._set_zoom(self._zoom * ZOOM_STEP**steps, round(event.position().x()))
            event.accept()
            return
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        if delta.x() == 0 and vbar.maximum() == 0 and hbar.maximum() > 0:
            hbar.setValue(hbar.value() - delta.y())  # nothing to scroll down: pan in time
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._press_scroll = (self.horizontalScrollBar().value(), self.verticalScrollBar().value())
            self._dragging = False
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None:
            moved = event.position().toPoint() - self._press
            if not self._dragging and moved.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                self.horizontalScrollBar().setValue(self._press_scroll[0] - moved.x())
                self.verticalScrollBar().setValue(self._press_scroll[1] - moved.y())
                event.accept()
                return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            was_drag = self._dragging
            self._press, self._dragging = None, False
            self.viewport().unsetCursor()
            if not was_drag:
                graphic = self.episode_at(event.position().toPoint())
                if graphic is not None:
                    self._pick(graphic.episode_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        order = [p.item.id for p in self._layout.in_time_order()]
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and order:
            step = 1 if key == Qt.Key.Key_Right else -1
            if self._selected in order:
                index = min(max(order.index(self._selected) + step, 0), len(order) - 1)
            else:
                index = 0 if step > 0 else len(order) - 1
            self._pick(order[index])
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End) and order:
            self._pick(order[0] if key == Qt.Key.Key_Home else order[-1])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_out()
        elif key == Qt.Key.Key_0:
            self.zoom_reset()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._selected:
            self.episode_clicked.emit(self._selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
