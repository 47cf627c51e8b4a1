"""One episode on the timeline: its bar or dot, its title and name, selection and hover, its tooltip.

Labels are never cut and never overlap: :func:`place_labels` keeps a title or a name only
where it fits whole and clear of every other label and bar; the rest is in the tooltip.
"""

from __future__ import annotations

import bisect
import html
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from desktop.core.episodes.timeline import PlacedItem, TimelineItem
from desktop.ui.episodes.timeline_look import INK_ON_CHIP, Z_EPISODE, Z_SELECTED, Look

if TYPE_CHECKING:
    from desktop.ui.episodes.timeline import TimelineView


def tooltip_html(item: TimelineItem, kind: str = "") -> str:
    """The hover text of an episode: title, name, event type, dates, summary, sources."""
    lines = [f"<b>{html.escape(item.title)}</b>"]
    if item.named_label:
        lines.append(f"<i>{html.escape(item.named_label)}</i>")
    if kind:
        lines.append(html.escape(kind))
    when = html.escape(item.date_words)
    lines.append(f"{when} · planned" if item.planned else when)
    if item.summary:
        lines.append(html.escape(item.summary))
    lines.append(f"{item.sources} source{'' if item.sources == 1 else 's'}")
    return "<p style='white-space:normal'>" + "<br>".join(lines) + "</p>"


class EpisodeItem(QGraphicsItem):
    """One episode: bar or dot, its title (on the bar or beside it) and its name above."""

    def __init__(self, placed: PlacedItem, view: TimelineView, kind: str = "") -> None:
        super().__init__()
        self.placed = placed
        self._view = view
        self._selected = False
        self._hovered = False
        self._title_at: QRectF | None = None  # set by place_labels
        self._named_at: QRectF | None = None
        self._widths: dict[tuple[str, str], float] = {}  # (font, text) → width: a re-layout measures nothing
        self.setZValue(Z_EPISODE)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip_html(placed.item, kind))
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
        rect = self.bar_rect().adjusted(-5, -5, 5, 5)
        for label in self.label_rects():
            rect = rect.united(label)
        return rect

    def boundingRect(self) -> QRectF:
        return self._rect

    def title_font(self, look: Look) -> QFont:
        font = QFont(look.title)
        if self.placed.item.named_label:
            font.setWeight(QFont.Weight.DemiBold)
        return font

    def relayout(self, placed: PlacedItem) -> None:
        """Move to a new layout's place (a resize or a zoom): the same episode, labels to be placed."""
        self.prepareGeometryChange()
        self.placed = placed
        self._title_at = self._named_at = None
        self._rect = self._bounds()

    def _width(self, font: QFont, text: str) -> float:
        key = (font.key(), text)
        width = self._widths.get(key)
        if width is None:
            width = self._widths[key] = QFontMetricsF(font).horizontalAdvance(text) + 1
        return width

    def title_places(self, look: Look, gap: float = 6.0) -> list[QRectF]:
        """Where the whole title could go, best first: on the bar, then beside it."""
        bar = self.bar_rect()
        width = self._width(self.title_font(look), self.placed.item.title)
        y, h = self.placed.bar_y, self.placed.bar_h
        places = [QRectF(bar.left() + 5, y, width, h)] if width + 10 <= bar.width() and not self.placed.dot else []
        after, before = QRectF(bar.right() + gap, y, width, h), QRectF(bar.left() - gap - width, y, width, h)
        # the side the layout chose first (it knows where the cluster ends)
        return [*places, before, after] if self.placed.title_x < self.placed.x0 else [*places, after, before]

    def named_places(self, look: Look) -> list[QRectF]:
        """Where the whole name could go above the bar: from its start, or ending with it."""
        p = self.placed
        width = self._width(look.named, p.item.named_label or "")
        top, height = p.lane_y, p.bar_y - p.lane_y - 5
        return [QRectF(p.x0, top, width, height), QRectF(p.x1 - width, top, width, height)]

    def set_labels(self, title: QRectF | None, named: QRectF | None) -> None:
        """Show the title and the name at these places (None: in the tooltip only)."""
        self.prepareGeometryChange()
        self._title_at, self._named_at = title, named
        self._rect = self._bounds()

    @property
    def show_title(self) -> bool:
        return self._title_at is not None

    @property
    def show_named(self) -> bool:
        return self._named_at is not None

    def label_rects(self, look: Look | None = None) -> list[QRectF]:
        """The labels as drawn: the title and the name, where they are shown."""
        return [r for r in (self._title_at, self._named_at) if r is not None]

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
        if self.show_named:
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
        if not self.show_title:
            return
        on_chip = self.bar_rect().contains(self._title_at) and not item.planned
        painter.setFont(self.title_font(look))
        painter.setPen(QColor(INK_ON_CHIP) if on_chip else look.text)
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        painter.drawText(self._title_at, align, item.title)

    def _paint_named(self, painter: QPainter, look: Look, item: TimelineItem) -> None:
        painter.setFont(look.named)
        painter.setPen(look.accent)
        painter.drawText(
            self._named_at, Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft, item.named_label or ""
        )


class _Grid:
    """Rectangles filed by the cells of a grid they cover: asking whether a rectangle meets one
    looks only at those in its cells (thousands of episodes: not every label against every bar)."""

    W, H = 256.0, 64.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[tuple[object, QRectF]]] = defaultdict(list)

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        left, top, right, bottom = rect.getCoords()
        xs = range(math.floor(left / self.W), math.floor(right / self.W) + 1)
        ys = range(math.floor(top / self.H), math.floor(bottom / self.H) + 1)
        return [(i, j) for i in xs for j in ys]

    def add(self, rect: QRectF, owner: object = None) -> None:
        for key in self._keys(rect):
            self._cells[key].append((owner, rect))

    def hits(self, rect: QRectF, owner: object = None) -> bool:
        """Whether ``rect`` meets a rectangle filed here (other than ``owner``'s)."""
        cells = self._cells
        return any(
            (owner is None or other is not owner) and rect.intersects(placed)
            for key in self._keys(rect)
            for other, placed in cells.get(key, ())
        )


def place_labels(
    graphics: list[EpisodeItem], look: Look, plot: QRectF, spans: Sequence[tuple[float, float, float, float]] = ()
) -> None:
    """Give each label the first place where it fits whole, inside ``plot`` and inside the room
    of its episode's stretch of time, clear of the other labels and bars; a label with no such
    place is left to the tooltip. ``spans``: each cluster's x0 and x1, and its room's.

    Names first (they say the most), then titles, each in time order.
    """
    bars, taken = _Grid(), _Grid()
    for g in graphics:
        bars.add(g.bar_rect().adjusted(-1, -1, 1, 1), g)
    starts = [a for a, _b, _r0, _r1 in spans]  # the clusters in time order: found by bisection
    rooms: dict[int, QRectF] = {}

    def span_of(x: float) -> tuple[float, float]:
        i = bisect.bisect_right(starts, x + 0.5)
        for a, b, r0, r1 in spans[max(0, i - 2) : i]:
            if a - 0.5 <= x <= b + 0.5:
                return r0, r1
        return plot.left(), plot.right()

    def room(owner: EpisodeItem) -> QRectF:
        found = rooms.get(id(owner))
        if found is None:
            x0, x1 = span_of(owner.placed.x0)
            left, right = max(x0, plot.left()), min(x1, plot.right())
            found = rooms[id(owner)] = QRectF(left, plot.top(), right - left, plot.height())
        return found

    def free(owner: EpisodeItem, rect: QRectF) -> bool:
        return room(owner).contains(rect) and not taken.hits(rect) and not bars.hits(rect, owner)

    def first_free(owner: EpisodeItem, places: list[QRectF]) -> QRectF | None:
        place = next((r for r in places if free(owner, r)), None)
        if place is not None:
            taken.add(place)
        return place

    ordered = sorted(graphics, key=lambda g: (g.placed.item.first, g.placed.x0))
    named = {id(g): first_free(g, g.named_places(look)) if g.placed.item.named_label else None for g in ordered}
    for g in ordered:
        g.set_labels(first_free(g, g.title_places(look)), named[id(g)])
