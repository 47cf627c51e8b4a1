"""The timeline's zoom buttons ("−", "Fit", "+") in the top-left corner of the view, and scrolling
an episode into view.

Their look is the application's style sheet's (``QToolButton#TimelineZoom`` in ``app.qss``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtWidgets import QGraphicsView, QToolButton, QWidget

from desktop.core.episodes.timeline import TimelineLayout

ZOOM_STEP = 1.25
MAX_ZOOM = 80.0


class ZoomButtons:
    """Three tool buttons on ``view`` that call ``zoom_out``, ``zoom_reset`` and ``zoom_in``."""

    def __init__(
        self, view: QWidget, zoom_out: Callable[[], None], zoom_reset: Callable[[], None], zoom_in: Callable[[], None]
    ) -> None:
        self._view = view
        self._buttons: list[QToolButton] = []
        for text, tip, slot in (
            ("−", "Zoom out (−)", zoom_out),
            ("Fit", "Fit the whole timeline to the width (0)", zoom_reset),
            ("+", "Zoom in (+, Ctrl+wheel)", zoom_in),
        ):
            button = QToolButton(view)
            button.setObjectName("TimelineZoom")
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            self._buttons.append(button)

    def place(self, viewport: QRect, left: float, header: float, zoom: float) -> None:
        """Centre the buttons over the corner (``left`` × ``header``) of ``viewport``; enable per zoom."""
        height = 22
        widths = (24, 34, 24)
        origin = viewport.topLeft()
        total = sum(widths) + 4 * (len(widths) - 1)
        x = origin.x() + max(6, round((left - total) / 2))
        y = origin.y() + max(2, round((header - height) / 2))
        for button, width in zip(self._buttons, widths, strict=True):
            button.setGeometry(x, y, width, height)
            button.raise_()
            x += width + 4
        self._buttons[0].setEnabled(zoom > 1.0)
        self._buttons[1].setEnabled(zoom > 1.0)
        self._buttons[2].setEnabled(zoom < MAX_ZOOM)


def reveal(view: QGraphicsView, lay: TimelineLayout, rect: QRectF, margin: float = 24) -> None:
    """Scroll the least needed to show ``rect`` clear of the axis band and row labels."""
    hbar, vbar = view.horizontalScrollBar(), view.verticalScrollBar()
    view_left = view.mapToScene(QPoint(0, 0)).x() + lay.left
    view_right = view.mapToScene(QPoint(view.viewport().width(), 0)).x()
    if rect.left() - margin < view_left:
        hbar.setValue(hbar.value() - round(view_left - rect.left() + margin))
    elif rect.right() + margin > view_right:
        shift = min(rect.right() + margin - view_right, rect.left() - margin - view_left)
        hbar.setValue(hbar.value() + round(shift))
    view_top = view.mapToScene(QPoint(0, 0)).y() + lay.header
    view_bottom = view.mapToScene(QPoint(0, view.viewport().height())).y()
    if rect.top() < view_top:
        vbar.setValue(vbar.value() - round(view_top - rect.top() + 4))
    elif rect.bottom() > view_bottom:
        vbar.setValue(vbar.value() + round(rect.bottom() - view_bottom + 4))
