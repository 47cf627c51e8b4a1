"""One episode on the timeline: its bar or dot, its title and name, selection and hover, its tooltip."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.core.episodes.timeline import PlacedItem, TimelineItem
from desktop.ui.episodes.timeline_look import INK_ON_CHIP, Z_EPISODE, Z_SELECTED, Look, elide

if TYPE_CHECKING:
    from desktop.ui.episodes.timeline import TimelineView


def tooltip_html(item: TimelineItem) -> str:
    """The hover text of an episode: title, name, dates, summary, sources."""
    lines = [f"<b>{html.escape(item.title)}</b>"]
    if item.named_label:
        lines.append(f"<i>{html.escape(item.named_label)}</i>")
    when = html.escape(item.date_words)
    lines.append(f"{when} · planned" if item.planned else when)
    if item.summary:
        lines.append(html.escape(item.summary))
    lines.append(f"{item.sources} source{'' if item.sources == 1 else 's'}")
    return "<p style='white-space:normal'>" + "<br>".join(lines) + "</p>"


class EpisodeItem(QGraphicsItem):
    """One episode: bar or dot, its title (on the bar or beside it) and its name above."""

    def __init__(self, placed: PlacedItem, view: TimelineView) -> None:
        super().__init__()
        self.placed = placed
        self._view = view
        self._selected = False
        self._hovered = False
        self.setZValue(Z_EPISODE)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip_html(placed.item))
        self._rect = self._bounds()

    @property
    def episode_id(self) -> str:
        return self.placed.item.id

    def bar_rect(self) -> QRectF:
        p = self.placed
        if p.dot:
            size = p.x1 - p.x0
            return QRectF(p.x0, p.bar_y + (p.bar_h - size) / 2, size, size)
        return QRectF(p.x0, p.bar_y, p.x1 - p.x0, p.bar_h)

    def _bounds(self) -> QRectF:
        p = self.placed
        rect = self.bar_rect().adjusted(-5, -5, 5, 5)
        if p.title_w:
            rect = rect.united(QRectF(p.title_x, p.bar_y, p.title_w, p.bar_h))
        if p.named_w:
            rect = rect.united(QRectF(p.named_x, p.lane_y, p.named_w, p.bar_y - p.lane_y))
        return rect

    def boundingRect(self) -> QRectF:
        return self._rect

    def set_selected(self, selected: bool) -> None:
        if selected != self._selected:
            self._selected = selected
            self.setZValue(Z_SELECTED if selected else Z_EPISODE)
            self.update()

    def is_selected(self) -> bool:
        return self._selected

    def clear_hover(self) -> None:
        self._hovered = False
        self.update()

    def hoverEnterEvent(self, event) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        look = self._view.look()
        item = self.placed.item
        if self._selected and not self._view.exporting():
            self._paint_ring(painter, look)
        elif self._hovered and not self._view.exporting():
            painter.setPen(QPen(look.muted, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            self._draw_shape(painter, self.bar_rect().adjusted(-2.5, -2.5, 2.5, 2.5))
        self._paint_bar(painter, look, item)
        self._paint_title(painter, look, item)
        if item.named_label and self.placed.named_w:
            self._paint_named(painter, look, item)

    def _draw_shape(self, painter: QPainter, rect: QRectF) -> None:
        if self.placed.dot:
            painter.drawEllipse(rect)
        else:
            radius = min(rect.height() / 2, 6.0)
            painter.drawRoundedRect(rect, radius, radius)

    def _paint_ring(self, painter: QPainter, look: Look) -> None:
        halo = QColor(look.accent)
        halo.setAlpha(70)
        painter.setPen(QPen(halo, 6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        self._draw_shape(painter, self.bar_rect().adjusted(-3, -3, 3, 3))
        painter.setPen(QPen(look.accent, 2.2))
        self._draw_shape(painter, self.bar_rect().adjusted(-3, -3, 3, 3))

    def _paint_bar(self, painter: QPainter, look: Look, item: TimelineItem) -> None:
        fill, edge = look.side(item.side), look.edge(item.side)
        if item.planned:
            tint = QColor(fill)
            tint.setAlpha(60)
            pen = QPen(edge if look.theme == "light" else fill, 1.6, Qt.PenStyle.DashLine)
            pen.setDashPattern([3.0, 2.0])
            painter.setPen(pen)
            painter.setBrush(QBrush(tint))
        else:
            painter.setPen(QPen(edge, 2.0 if item.named_label else 1.0))
            painter.setBrush(QBrush(fill))
        inset = 1.0 if item.named_label or item.planned else 0.5
        self._draw_shape(painter, self.bar_rect().adjusted(inset, inset, -inset, -inset))

    def _paint_title(self, painter: QPainter, look: Look, item: TimelineItem) -> None:
        p = self.placed
        font = QFont(look.title)
        if item.named_label:
            font.setWeight(QFont.Weight.DemiBold)
        text = elide(item.title, font, p.title_w)
        if not text:
            return
        on_chip = p.title_inside and not item.planned
        painter.setFont(font)
        painter.setPen(QColor(INK_ON_CHIP) if on_chip else look.text)
        align = Qt.AlignmentFlag.AlignVCenter
        align |= Qt.AlignmentFlag.AlignLeft if p.title_x >= p.x0 else Qt.AlignmentFlag.AlignRight
        painter.drawText(QRectF(p.title_x, p.bar_y, p.title_w, p.bar_h), align, text)

    def _paint_named(self, painter: QPainter, look: Look, item: TimelineItem) -> None:
        p = self.placed
        text = elide(item.named_label or "", look.named, p.named_w)
        if not text:
            return
        painter.setFont(look.named)
        painter.setPen(look.accent)
        align = Qt.AlignmentFlag.AlignBottom
        align |= Qt.AlignmentFlag.AlignRight if p.named_x < p.x0 - 0.5 else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(p.named_x, p.lane_y, p.named_w, p.bar_y - p.lane_y - 5), align, text)
