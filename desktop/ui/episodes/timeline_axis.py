"""The fixed parts of the timeline scene: the backdrop, the axis band, the row labels and the corner.

The axis band, the row labels and the corner are overlays that the view keeps pinned to the
top and left of its viewport (see :meth:`TimelineView._pin_overlays`); being scene items,
exports draw them too. The classes are private to the timeline: only :class:`TimelineView` makes them.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.core.episodes.timeline import Break, Cluster
from desktop.ui.episodes.timeline_look import Z_BACKDROP, Z_CORNER, Z_GUTTER, Z_HEADER, Look, elide, zigzag

if TYPE_CHECKING:
    from desktop.ui.episodes.timeline import TimelineView


class _Backdrop(QGraphicsItem):
    """Row stripes, the tick grid and the zig-zag breaks: everything behind the episodes."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self.setZValue(Z_BACKDROP)
        # the exposed part in option.exposedRect: the breaks' zig-zags are drawn only there
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def boundingRect(self) -> QRectF:
        lay = self._view.shown_layout()
        return QRectF(0, 0, lay.width, lay.height)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.shown_layout(), self._view.look()
        exposed = option.exposedRect if option.exposedRect.isValid() else self.boundingRect()
        painter.fillRect(self.boundingRect(), look.base)
        bottom = lay.rows[-1].y1 if lay.rows else lay.height  # below the last row: nothing
        for band in lay.rows:
            if band.index % 2:
                painter.fillRect(QRectF(0, band.y0, lay.width, band.y1 - band.y0), look.stripe)
        painter.setPen(QPen(look.grid, 1))
        for cluster in lay.clusters:
            for tick in cluster.ticks:
                painter.setPen(QPen(look.border if tick.major else look.grid, 1))
                painter.drawLine(QPointF(tick.x, lay.header), QPointF(tick.x, bottom))
        painter.setPen(QPen(look.grid, 1))
        for band in lay.rows[1:]:
            painter.drawLine(QPointF(0, band.y0), QPointF(lay.width, band.y0))
        if lay.rows and bottom < lay.height - 1:
            painter.drawLine(QPointF(0, bottom), QPointF(lay.width, bottom))
        for brk in lay.breaks:
            if brk.x1 >= exposed.left() and brk.x0 <= exposed.right():
                _paint_break(painter, brk, lay.header, bottom, look, exposed)
        if not lay.items:
            painter.setPen(look.muted)
            painter.setFont(look.title)
            area = QRectF(lay.left, lay.header, lay.width - lay.left, lay.height - lay.header)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No dated episodes to show")


def _paint_break(painter: QPainter, brk: Break, top: float, bottom: float, look: Look, exposed: QRectF) -> None:
    """The time left out: a band in the window colour between two zig-zag lines (drawn where
    exposed: a timeline of thousands of episodes is tens of thousands of pixels tall)."""
    painter.fillRect(QRectF(brk.x0, top, brk.x1 - brk.x0, bottom - top), look.window)
    painter.setPen(QPen(look.muted, 1.1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for x in (brk.x0 + 3.5, brk.x1 - 3.5):
        painter.drawPath(zigzag(x, top, bottom, within=(exposed.top(), exposed.bottom())))


def cluster_labels(clusters: Sequence[Cluster]) -> list[str]:
    """The axis label of each cluster: its year, with the month when another cluster shares it
    ("2022 · April", "2022 · September"), and the day too when even the month is shared."""
    counts = Counter(c.label for c in clusters)
    months = Counter((c.label, c.first.month) for c in clusters)
    labels = []
    for c in clusters:
        label = c.label
        if counts[label] > 1:
            month = calendar.month_name[c.first.month]
            day = f"{c.first.day} " if months[(label, c.first.month)] > 1 else ""
            label = f"{label} · {day}{month}"
        labels.append(label)
    return labels


class _Header(QGraphicsItem):
    """The axis band: year labels, tick labels and what each break leaves out."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self.setZValue(Z_HEADER)

    def boundingRect(self) -> QRectF:
        lay = self._view.shown_layout()
        return QRectF(0, 0, lay.width, lay.header)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.shown_layout(), self._view.look()
        h = lay.header
        painter.fillRect(self.boundingRect(), look.base)
        year_h = QFontMetricsF(look.year).height()
        tick_fm = QFontMetricsF(look.tick)
        plot_left = self._view.visible_plot_left()
        for cluster, label in zip(lay.clusters, cluster_labels(lay.clusters), strict=True):
            self._paint_year(painter, cluster, label, look, plot_left, year_h)
            painter.setFont(look.tick)
            for tick in cluster.ticks:
                painter.setPen(QPen(look.border if tick.major else look.grid, 1))
                painter.drawLine(QPointF(tick.x, h - 8), QPointF(tick.x, h))
                painter.setPen(look.text if tick.major else look.muted)
                room = min(cluster.x1 - tick.x - 4, tick_fm.horizontalAdvance(tick.label) + 2)
                painter.drawText(
                    QRectF(tick.x + 3, h - 8 - tick_fm.height(), room, tick_fm.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    elide(tick.label, look.tick, room),
                )
            painter.setPen(QPen(look.border, 1))
            painter.drawLine(QPointF(cluster.x0, h - 0.5), QPointF(cluster.x1, h - 0.5))
        for brk in lay.breaks:
            self._paint_break_label(painter, brk, look, h)
        if not lay.clusters:
            painter.setPen(QPen(look.border, 1))
            painter.drawLine(QPointF(0, h - 0.5), QPointF(lay.width, h - 0.5))

    @staticmethod
    def _paint_year(
        painter: QPainter, cluster: Cluster, label: str, look: Look, plot_left: float, year_h: float
    ) -> None:
        """The cluster's label, at its start or, when that is scrolled away, at the left edge;
        never cut: the year alone when the whole label does not fit, nothing when not even that."""
        fm = QFontMetricsF(look.year)
        text = next((t for t in (label, cluster.label) if fm.horizontalAdvance(t) + 2 <= cluster.width - 8), "")
        if not text:
            return
        width = fm.horizontalAdvance(text) + 2
        x = min(max(cluster.x0 + 4, plot_left + 4), cluster.x1 - width - 4)
        x = max(x, cluster.x0 + 4)
        painter.setFont(look.year)
        painter.setPen(look.text)
        painter.drawText(QRectF(x, 5, width, year_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)

    @staticmethod
    def _paint_break_label(painter: QPainter, brk: Break, look: Look, h: float) -> None:
        """ "5½ years later" on two lines over the break, and a "//" where the axis is cut."""
        painter.fillRect(QRectF(brk.x0, 0, brk.x1 - brk.x0, h), look.window)
        words = brk.label.rsplit(" ", 1)
        fm = QFontMetricsF(look.gap)
        width = brk.x1 - brk.x0
        if all(fm.horizontalAdvance(w) <= width - 2 for w in words):
            painter.setFont(look.gap)
            painter.setPen(look.muted)
            box = QRectF(brk.x0, 4, width, h - 14)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(words))
        painter.setPen(QPen(look.muted, 1.3))
        mid = brk.centre
        for dx in (-3.0, 3.0):
            painter.drawLine(QPointF(mid + dx - 3, h + 0.5 - 1), QPointF(mid + dx + 3, h - 9))


class _Gutter(QGraphicsItem):
    """Row labels on the left; moved with the horizontal scroll bar so they stay in view."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self.setZValue(Z_GUTTER)

    def boundingRect(self) -> QRectF:
        lay = self._view.shown_layout()
        return QRectF(0, lay.header, lay.left, lay.height - lay.header)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.shown_layout(), self._view.look()
        painter.fillRect(self.boundingRect(), look.panel)
        counts = self._view.row_counts()
        row_h = QFontMetricsF(look.row).height()
        count_h = QFontMetricsF(look.count).height()
        for band in lay.rows:
            if band.index:
                painter.setPen(QPen(look.border, 1))
                painter.drawLine(QPointF(0, band.y0), QPointF(lay.left, band.y0))
            width = lay.left - 24
            label = QRectF(12, band.y0, width, band.y1 - band.y0)
            count = counts.get(band.key, 0)
            show_count = band.y1 - band.y0 >= row_h * 2 + count_h + 4
            lines = 2 if QFontMetricsF(look.row).horizontalAdvance(band.label) > width else 1
            text_h = row_h * lines + (count_h if show_count else 0)
            # Centred in a one-lane row; at the top of a tall one, so it shows before scrolling.
            centred = (band.y1 - band.y0 - text_h) / 2
            top = band.y0 + max(4.0, centred if band.lanes == 1 else min(centred, 12.0))
            painter.setFont(look.row)
            painter.setPen(look.text)
            painter.drawText(
                QRectF(label.x(), top, width, row_h * lines),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
                band.label,
            )
            if show_count:
                painter.setFont(look.count)
                painter.setPen(look.muted)
                words = f"{count} episode{'' if count == 1 else 's'}" if count else "no episodes"
                painter.drawText(QRectF(label.x(), top + row_h * lines, width, count_h), words)
        painter.setPen(QPen(look.border, 1))
        painter.drawLine(QPointF(lay.left - 0.5, lay.header), QPointF(lay.left - 0.5, lay.height))


class _Corner(QGraphicsItem):
    """The top-left corner, over both the header and the gutter (the zoom buttons sit on it)."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self.setZValue(Z_CORNER)

    def boundingRect(self) -> QRectF:
        lay = self._view.shown_layout()
        return QRectF(0, 0, lay.left, lay.header)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.shown_layout(), self._view.look()
        painter.fillRect(self.boundingRect(), look.panel)
        painter.setPen(QPen(look.border, 1))
        painter.drawLine(QPointF(0, lay.header - 0.5), QPointF(lay.left, lay.header - 0.5))
        painter.drawLine(QPointF(lay.left - 0.5, 0), QPointF(lay.left - 0.5, lay.header))
