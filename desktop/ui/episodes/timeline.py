"""The timeline view: episodes on a broken time axis, one row per actor role.

:class:`TimelineView` draws a :class:`desktop.core.episodes.timeline.TimelineLayout` (all geometry
comes from the Qt-free core) in a ``QGraphicsScene``:

* a backdrop (row stripes, tick grid, the zig-zag breaks that stand for the years left
  out), episodes as rounded bars (dots for one-day episodes) coloured by side, named
  episodes emphasised with their name above, planned ones hollow and dashed;
* an axis band at the top and the row labels on the left that stay put while the
  timeline scrolls under them (they are scene items moved with the scroll bars, so
  exports draw them too).

Zooming re-lays the timeline out at a larger width rather than scaling the view, so
text stays crisp and the zoom is horizontal only; the date under the mouse stays where
it was. At zoom 1 the timeline fits the width of the view and follows its size.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QToolButton,
    QToolTip,
    QWidget,
)

from desktop.core.annotate import palette
from desktop.core.episodes.timeline import (
    Break,
    Cluster,
    Metrics,
    PlacedItem,
    TimelineItem,
    TimelineLayout,
    layout,
)
from desktop.core.files.fileio import atomic_path
from desktop.ui.shell.theme import CHROME

ZOOM_STEP = 1.25
MAX_ZOOM = 80.0
MAX_EXPORT_PX = 16000  # a PNG export never gets wider or taller than this
INK_ON_CHIP = "#111111"  # text on a side colour, as in the reader (palette.py)

Z_BACKDROP, Z_EPISODE, Z_SELECTED, Z_HEADER, Z_GUTTER, Z_CORNER = -10, 0, 1, 10, 11, 12


# ----------------------------------------------------------------------------- styling


def _mix(colour: str, other: str, amount: float) -> QColor:
    """``amount`` of ``colour`` over ``other``."""
    a, b = QColor(colour), QColor(other)
    return QColor(
        round(a.red() * amount + b.red() * (1 - amount)),
        round(a.green() * amount + b.green() * (1 - amount)),
        round(a.blue() * amount + b.blue() * (1 - amount)),
    )


@dataclass(frozen=True)
class Look:
    """Colours and fonts of one theme, derived from the chrome colours and the widget font."""

    theme: str
    base: QColor
    panel: QColor
    window: QColor
    text: QColor
    muted: QColor
    border: QColor
    grid: QColor
    stripe: QColor
    accent: QColor
    title: QFont
    named: QFont
    year: QFont
    tick: QFont
    gap: QFont
    row: QFont
    count: QFont

    @classmethod
    def make(cls, theme: str, font: QFont) -> Look:
        c = CHROME[theme]
        size = font.pointSizeF() if font.pointSizeF() > 0 else 9.0
        return cls(
            theme=theme,
            base=QColor(c["base"]),
            panel=QColor(c["panel"]),
            window=QColor(c["window"]),
            text=QColor(c["text"]),
            muted=QColor(c["muted"]),
            border=QColor(c["border"]),
            grid=_mix(c["border"], c["base"], 0.55),
            stripe=_mix(c["panel"], c["base"], 0.9 if theme == "light" else 0.6),
            accent=QColor(c["accent"]),
            title=_font(font, size),
            named=_font(font, size * 0.85, QFont.Weight.Bold, spacing=0.4),
            year=_font(font, size * 1.1, QFont.Weight.Bold),
            tick=_font(font, size * 0.85),
            gap=_font(font, size * 0.8, italic=True),
            row=_font(font, size, QFont.Weight.DemiBold),
            count=_font(font, size * 0.85),
        )

    def side(self, side: str) -> QColor:
        return QColor(palette.colour(side, self.theme))

    def edge(self, side: str) -> QColor:
        """The outline of a side's bar: darker than its fill, so light fills keep an edge."""
        return self.side(side).darker(165 if self.theme == "light" else 130)

    def metrics(self) -> Metrics:
        """Layout sizes that follow the font, so a bigger font gets taller bars."""
        title = QFontMetricsF(self.title)
        named = QFontMetricsF(self.named)
        tick = QFontMetricsF(self.tick)
        year = QFontMetricsF(self.year)
        bar = math.ceil(title.height() + 4)
        strip = math.ceil(named.height() + 5)  # room for the selection ring under the name
        widest_tick = max(tick.horizontalAdvance(s) for s in ("30 Sep", "Nov 2018", "2018"))
        return Metrics(
            bar=bar,
            named_strip=strip,
            lane=strip + bar + 3,
            dot=max(12, round(bar * 0.7)),
            min_bar=max(10, round(bar * 0.6)),
            header=math.ceil(year.height() + tick.height() + 16),
            row_pad=4,
            min_tick=math.ceil(widest_tick + 18),
        )


def _font(
    base: QFont, size: float, weight: QFont.Weight | None = None, *, italic: bool = False, spacing: float = 0.0
) -> QFont:
    font = QFont(base)
    font.setPointSizeF(max(size, 6.0))
    if weight is not None:
        font.setWeight(weight)
    font.setItalic(italic)
    if spacing:
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
    return font


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


def _elide(text: str, font: QFont, width: float) -> str:
    """``text`` cut with an ellipsis to ``width``; empty when not even one letter fits."""
    if width <= 0:
        return ""
    fm = QFontMetricsF(font)
    if fm.horizontalAdvance(text) <= width:
        return text
    elided = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return "" if elided in ("", "…") else elided


def _zigzag(x: float, top: float, bottom: float, amplitude: float = 3.5, step: float = 7.0) -> QPainterPath:
    path = QPainterPath(QPointF(x, top))
    y, flip = top, 1
    while y < bottom:
        y = min(y + step, bottom)
        path.lineTo(x + flip * amplitude, y)
        flip = -flip
    return path


# ------------------------------------------------------------------------------- items


class _Backdrop(QGraphicsItem):
    """Row stripes, the tick grid and the zig-zag breaks: everything behind the episodes."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self.setZValue(Z_BACKDROP)

    def boundingRect(self) -> QRectF:
        lay = self._view.timeline_layout()
        return QRectF(0, 0, lay.width, lay.height)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.timeline_layout(), self._view.look()
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
            _paint_break(painter, brk, lay.header, bottom, look)
        if not lay.items:
            painter.setPen(look.muted)
            painter.setFont(look.title)
            area = QRectF(lay.left, lay.header, lay.width - lay.left, lay.height - lay.header)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No dated episodes to show")


def _paint_break(painter: QPainter, brk: Break, top: float, bottom: float, look: Look) -> None:
    """The time left out: a band in the window colour between two zig-zag lines."""
    painter.fillRect(QRectF(brk.x0, top, brk.x1 - brk.x0, bottom - top), look.window)
    painter.setPen(QPen(look.muted, 1.1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for x in (brk.x0 + 3.5, brk.x1 - 3.5):
        painter.drawPath(_zigzag(x, top, bottom))


class _Header(QGraphicsItem):
    """The axis band: year labels, tick labels and what each break leaves out."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__()
        self._view = view
        self.setZValue(Z_HEADER)

    def boundingRect(self) -> QRectF:
        lay = self._view.timeline_layout()
        return QRectF(0, 0, lay.width, lay.header)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.timeline_layout(), self._view.look()
        h = lay.header
        painter.fillRect(self.boundingRect(), look.base)
        year_h = QFontMetricsF(look.year).height()
        tick_fm = QFontMetricsF(look.tick)
        plot_left = self._view.visible_plot_left()
        for cluster in lay.clusters:
            self._paint_year(painter, cluster, look, plot_left, year_h)
            painter.setFont(look.tick)
            for tick in cluster.ticks:
                painter.setPen(QPen(look.border if tick.major else look.grid, 1))
                painter.drawLine(QPointF(tick.x, h - 8), QPointF(tick.x, h))
                painter.setPen(look.text if tick.major else look.muted)
                room = min(cluster.x1 - tick.x - 4, tick_fm.horizontalAdvance(tick.label) + 2)
                painter.drawText(
                    QRectF(tick.x + 3, h - 8 - tick_fm.height(), room, tick_fm.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    _elide(tick.label, look.tick, room),
                )
            painter.setPen(QPen(look.border, 1))
            painter.drawLine(QPointF(cluster.x0, h - 0.5), QPointF(cluster.x1, h - 0.5))
        for brk in lay.breaks:
            self._paint_break_label(painter, brk, look, h)
        if not lay.clusters:
            painter.setPen(QPen(look.border, 1))
            painter.drawLine(QPointF(0, h - 0.5), QPointF(lay.width, h - 0.5))

    @staticmethod
    def _paint_year(painter: QPainter, cluster: Cluster, look: Look, plot_left: float, year_h: float) -> None:
        """The cluster's year, at its start or, when that is scrolled away, at the left edge."""
        width = QFontMetricsF(look.year).horizontalAdvance(cluster.label) + 2
        x = min(max(cluster.x0 + 4, plot_left + 4), cluster.x1 - width - 4)
        x = max(x, cluster.x0 + 4)
        painter.setFont(look.year)
        painter.setPen(look.text)
        painter.drawText(
            QRectF(x, 5, cluster.x1 - x - 2, year_h),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            _elide(cluster.label, look.year, cluster.x1 - x - 2),
        )

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
        lay = self._view.timeline_layout()
        return QRectF(0, lay.header, lay.left, lay.height - lay.header)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.timeline_layout(), self._view.look()
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
        lay = self._view.timeline_layout()
        return QRectF(0, 0, lay.left, lay.header)

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None):
        lay, look = self._view.timeline_layout(), self._view.look()
        painter.fillRect(self.boundingRect(), look.panel)
        painter.setPen(QPen(look.border, 1))
        painter.drawLine(QPointF(0, lay.header - 0.5), QPointF(lay.left, lay.header - 0.5))
        painter.drawLine(QPointF(lay.left - 0.5, 0), QPointF(lay.left - 0.5, lay.header))


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
        text = _elide(item.title, font, p.title_w)
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
        text = _elide(item.named_label or "", look.named, p.named_w)
        if not text:
            return
        painter.setFont(look.named)
        painter.setPen(look.accent)
        align = Qt.AlignmentFlag.AlignBottom
        align |= Qt.AlignmentFlag.AlignRight if p.named_x < p.x0 - 0.5 else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(p.named_x, p.lane_y, p.named_w, p.bar_y - p.lane_y - 5), align, text)


# -------------------------------------------------------------------------------- view


class TimelineView(QGraphicsView):
    """Episodes on a broken time axis; click or use Left/Right to pick one.

    ``episode_clicked`` is emitted when the user picks an episode (mouse or keyboard),
    not when :meth:`select` is called.
    """

    episode_clicked = Signal(str)
    zoom_changed = Signal(float)

    def sizeHint(self) -> QSize:  # docked at the bottom: room for three rows
        return QSize(900, 300)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[TimelineItem] = []
        self._rows: list[tuple[str, str]] = []
        self._theme = "light"
        self._look = Look.make(self._theme, self.font())
        self._zoom = 1.0
        self._layout = layout([], [], 400)
        self._episodes: dict[str, EpisodeItem] = {}
        self._overlays: tuple[_Header, _Gutter, _Corner] | None = None
        self._selected: str | None = None
        self._exporting = False
        self._press: QPoint | None = None
        self._press_scroll = (0, 0)
        self._dragging = False
        self.setScene(QGraphicsScene(self))
        self.setObjectName("TimelineView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumHeight(120)
        self.horizontalScrollBar().valueChanged.connect(self._pin_overlays)
        self.verticalScrollBar().valueChanged.connect(self._pin_overlays)
        self._buttons = self._make_buttons()
        self._apply_button_style()
        self._rebuild()

    # -- public API ----------------------------------------------------------------------

    def set_items(self, items: Sequence[TimelineItem], rows: Sequence[tuple[str, str]], theme: str = "light") -> None:
        """Show ``items`` in ``rows`` (key, label); zoom goes back to fit-to-width."""
        self._items = list(items)
        self._rows = list(rows)
        self._theme = theme if theme in CHROME else "light"
        self._look = Look.make(self._theme, self.font())
        if self._selected not in {i.id for i in self._items}:
            self._selected = None
        self._zoom = 1.0
        self._apply_button_style()
        self._rebuild()
        self.horizontalScrollBar().setValue(0)
        self.verticalScrollBar().setValue(0)
        self.zoom_changed.emit(self._zoom)

    def set_theme(self, theme: str) -> None:
        """Redraw in the "light" or "dark" chrome colours (zoom and scroll are kept)."""
        theme = theme if theme in CHROME else "light"
        if theme == self._theme:
            return
        self._theme = theme
        self._look = Look.make(theme, self.font())
        self._apply_button_style()
        self._relayout_keeping_view()

    def theme(self) -> str:
        return self._theme

    def select(self, episode_id: str | None) -> bool:
        """Highlight an episode and scroll it into view; ``None`` or an unknown id clears it.

        Returns whether the episode is on the timeline. Emits nothing.
        """
        found = episode_id in self._episodes
        self._selected = episode_id if found else None
        for eid, graphic in self._episodes.items():
            graphic.set_selected(eid == self._selected)
        if found:
            self._reveal(self._episodes[episode_id].sceneBoundingRect())
        return found

    def selected_id(self) -> str | None:
        return self._selected

    def zoom(self) -> float:
        """1.0 = the whole timeline fits the width of the view."""
        return self._zoom

    def zoom_in(self) -> None:
        self._set_zoom(self._zoom * ZOOM_STEP, self._zoom_anchor())

    def zoom_out(self) -> None:
        self._set_zoom(self._zoom / ZOOM_STEP, self._zoom_anchor())

    def zoom_reset(self) -> None:
        self._set_zoom(1.0, self._zoom_anchor())

    def timeline_layout(self) -> TimelineLayout:
        return self._layout

    def look(self) -> Look:
        """The current colours and fonts."""
        return self._look

    def exporting(self) -> bool:
        return self._exporting

    def visible_plot_left(self) -> float:
        """Scene x of the left edge of the plot as seen (right of the row labels)."""
        if self._exporting:
            return self._layout.left
        return self.mapToScene(QPoint(0, 0)).x() + self._layout.left

    def row_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for placed in self._layout.items:
            counts[placed.item.row] = counts.get(placed.item.row, 0) + 1
        return counts

    def episode_item(self, episode_id: str) -> EpisodeItem | None:
        return self._episodes.get(episode_id)

    def item_rect(self, episode_id: str) -> QRect:
        """Where an episode's bar (or dot) is, in viewport coordinates; empty if unknown."""
        graphic = self._episodes.get(episode_id)
        if graphic is None:
            return QRect()
        return self.mapFromScene(graphic.bar_rect()).boundingRect()

    def episode_at(self, pos: QPoint) -> EpisodeItem | None:
        """The episode under a viewport point (not one hidden under the axis or the row labels)."""
        for graphic in self.items(pos):
            if isinstance(graphic, EpisodeItem):
                return graphic
            if isinstance(graphic, _Header | _Gutter | _Corner):
                return None
        return None

    def tooltip_at(self, pos: QPoint) -> str:
        graphic = self.episode_at(pos)
        return graphic.toolTip() if graphic is not None else ""

    def export_size(self, scale: float = 2.0) -> QSize:
        """The size in pixels of :meth:`export_png` at ``scale`` (capped at MAX_EXPORT_PX)."""
        scale = self._export_scale(scale)
        return QSize(math.ceil(self._layout.width * scale), math.ceil(self._layout.height * scale))

    def export_png(self, path: str | os.PathLike[str], scale: float = 2.0) -> None:
        """Save the whole timeline (at the current zoom) as a PNG; raises OSError on failure.

        Selection and hover are left out. Written atomically: a failure leaves no file.
        """
        target = Path(path)
        size = self.export_size(scale)
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        if image.isNull():
            raise OSError(f"cannot write {target}: an image of {size.width()}×{size.height()} px is too big")
        factor = self._export_scale(scale)
        dots_per_metre = round(96 * factor / 0.0254)
        image.setDotsPerMeterX(dots_per_metre)
        image.setDotsPerMeterY(dots_per_metre)
        image.fill(self._look.base)
        painter = QPainter(image)
        painter.scale(factor, factor)
        self._render_all(painter)
        painter.end()
        with atomic_path(target) as tmp:
            if not image.save(str(tmp), "PNG"):
                raise OSError(f"cannot write {target}: the PNG could not be encoded or written")

    def export_svg(self, path: str | os.PathLike[str]) -> None:
        """Save the whole timeline as SVG (text stays text); raises OSError on failure."""
        target = Path(path)
        size = QSize(math.ceil(self._layout.width), math.ceil(self._layout.height))
        with atomic_path(target) as tmp:
            generator = QSvgGenerator()
            generator.setFileName(str(tmp))
            generator.setSize(size)
            generator.setViewBox(QRect(QPoint(0, 0), size))
            generator.setResolution(96)
            generator.setTitle("Overtures timeline")
            generator.setDescription("Belarus's overtures to the West: episodes over time")
            painter = QPainter()
            if not painter.begin(generator):
                raise OSError(f"cannot write {target}: the SVG writer could not start")
            self._render_all(painter)
            painter.end()

    # -- building ------------------------------------------------------------------------

    def _gutter_width(self) -> float:
        fm = QFontMetricsF(self._look.row)
        widest = max((fm.horizontalAdvance(label) for _, label in self._rows), default=60.0)
        return float(min(max(widest + 28, 112), 200))

    def _make_layout(self) -> TimelineLayout:
        left = self._gutter_width()
        viewport = self.viewport().size()
        width = left + max(viewport.width() - left, 240)
        title_fm = QFontMetricsF(self._look.title)
        bold = QFont(self._look.title)
        bold.setWeight(QFont.Weight.DemiBold)
        bold_fm = QFontMetricsF(bold)
        named_fm = QFontMetricsF(self._look.named)
        named_titles = {i.title for i in self._items if i.named_label}
        metrics = self._look.metrics()

        def measure(text: str) -> float:  # named episodes have their titles in demibold
            return (bold_fm if text in named_titles else title_fm).horizontalAdvance(text) + 1

        return layout(
            self._items,
            self._rows,
            width,
            height_px=max(viewport.height(), 0),
            left_px=left,
            zoom=self._zoom,
            measure=measure,
            measure_named=lambda text: named_fm.horizontalAdvance(text) + 1,
            metrics=replace(metrics, max_label=metrics.max_label * min(self._zoom, 2.0)),
        )

    def _rebuild(self) -> None:
        """Lay out again and replace every scene item."""
        self._layout = self._make_layout()
        scene = self.scene()
        scene.clear()
        self._episodes = {}
        scene.setBackgroundBrush(self._look.base)
        self.setBackgroundBrush(self._look.base)
        scene.addItem(_Backdrop(self))
        for placed in self._layout.items:
            graphic = EpisodeItem(placed, self)
            graphic.set_selected(placed.item.id == self._selected)
            scene.addItem(graphic)
            self._episodes[placed.item.id] = graphic
        self._overlays = (_Header(self), _Gutter(self), _Corner(self))
        for overlay in self._overlays:
            scene.addItem(overlay)
        scene.setSceneRect(QRectF(0, 0, self._layout.width, self._layout.height))
        self._pin_overlays()
        self._place_buttons()

    def _relayout_keeping_view(self) -> None:
        """Rebuild, keeping the date at the left of the plot where it was."""
        anchor = QPoint(round(self._layout.left) + 1, 0)
        day = self._layout.day_for(self.mapToScene(anchor).x())
        top = self.verticalScrollBar().value()
        self._rebuild()
        self._scroll_to_day(day, anchor.x())
        self.verticalScrollBar().setValue(top)

    # -- zoom and scrolling --------------------------------------------------------------

    def _zoom_anchor(self) -> int:
        """Zoom around the selected episode when it is in view, else around the middle."""
        left = round(self._layout.left)
        graphic = self._episodes.get(self._selected or "")
        if graphic is not None:
            x = self.mapFromScene(graphic.bar_rect().center()).x()
            if left <= x <= self.viewport().width():
                return x
        return (left + self.viewport().width()) // 2

    def _set_zoom(self, zoom: float, anchor_x: int) -> None:
        zoom = min(max(zoom, 1.0), MAX_ZOOM)
        if math.isclose(zoom, self._zoom):
            return
        day = self._layout.day_for(self.mapToScene(QPoint(anchor_x, 0)).x())
        self._zoom = zoom
        self._rebuild()
        self._scroll_to_day(day, anchor_x)
        self.zoom_changed.emit(zoom)

    def _scroll_to_day(self, day: float, viewport_x: int) -> None:
        """Scroll so that ``day`` is drawn at ``viewport_x``."""
        bar = self.horizontalScrollBar()
        bar.setValue(round(self._layout.x_for_day(day) - viewport_x))

    def _reveal(self, rect: QRectF, margin: float = 24) -> None:
        """Scroll the least needed to show ``rect`` clear of the axis band and row labels."""
        hbar, vbar = self.horizontalScrollBar(), self.verticalScrollBar()
        view_left = self.mapToScene(QPoint(0, 0)).x() + self._layout.left
        view_right = self.mapToScene(QPoint(self.viewport().width(), 0)).x()
        if rect.left() - margin < view_left:
            hbar.setValue(hbar.value() - round(view_left - rect.left() + margin))
        elif rect.right() + margin > view_right:
            shift = min(rect.right() + margin - view_right, rect.left() - margin - view_left)
            hbar.setValue(hbar.value() + round(shift))
        view_top = self.mapToScene(QPoint(0, 0)).y() + self._layout.header
        view_bottom = self.mapToScene(QPoint(0, self.viewport().height())).y()
        if rect.top() < view_top:
            vbar.setValue(vbar.value() - round(view_top - rect.top() + 4))
        elif rect.bottom() > view_bottom:
            vbar.setValue(vbar.value() + round(rect.bottom() - view_bottom + 4))

    def _pin_overlays(self, *_args) -> None:
        """Keep the axis band at the top and the row labels at the left of the viewport."""
        if self._overlays is None:
            return
        header, gutter, corner = self._overlays
        if self._exporting:
            x = y = 0.0
        else:
            origin = self.mapToScene(QPoint(0, 0))
            x, y = max(0.0, origin.x()), max(0.0, origin.y())
        header.setPos(0, y)
        gutter.setPos(x, 0)
        corner.setPos(x, y)

    # -- exporting -----------------------------------------------------------------------

    def _export_scale(self, scale: float) -> float:
        scale = scale if scale > 0 else 1.0
        longest = max(self._layout.width, self._layout.height, 1.0)
        return min(scale, MAX_EXPORT_PX / longest)

    def _render_all(self, painter: QPainter) -> None:
        """The whole scene with the axis and row labels at their home, without selection."""
        self._exporting = True
        for graphic in self._episodes.values():
            graphic.clear_hover()
        self._pin_overlays()
        try:
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            rect = QRectF(0, 0, self._layout.width, self._layout.height)
            self.scene().render(painter, rect, rect)
        finally:
            self._exporting = False
            self._pin_overlays()

    # -- zoom buttons --------------------------------------------------------------------

    def _make_buttons(self) -> list[QToolButton]:
        buttons = []
        for text, tip, slot in (
            ("−", "Zoom out (−)", self.zoom_out),
            ("Fit", "Fit the whole timeline to the width (0)", self.zoom_reset),
            ("+", "Zoom in (+, Ctrl+wheel)", self.zoom_in),
        ):
            button = QToolButton(self)
            button.setObjectName("TimelineZoom")
            button.setText(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setAutoRaise(True)
            button.clicked.connect(slot)
            buttons.append(button)
        return buttons

    def _apply_button_style(self) -> None:
        c = CHROME[self._theme]
        self.setStyleSheet(
            f"QToolButton#TimelineZoom {{ color: {c['text']}; background: {c['base']};"
            f" border: 1px solid {c['border']}; border-radius: 5px; padding: 0px; }}"
            f" QToolButton#TimelineZoom:hover {{ background: {c['hover']}; }}"
            f" QToolButton#TimelineZoom:disabled {{ color: {c['border']}; }}"
        )

    def _place_buttons(self) -> None:
        """The zoom buttons in the top-left corner, over the corner item."""
        height = 22
        widths = (24, 34, 24)
        origin = self.viewport().geometry().topLeft()
        total = sum(widths) + 4 * (len(widths) - 1)
        x = origin.x() + max(6, round((self._layout.left - total) / 2))
        y = origin.y() + max(2, round((self._layout.header - height) / 2))
        for button, width in zip(self._buttons, widths, strict=True):
            button.setGeometry(x, y, width, height)
            button.raise_()
            x += width + 4
        self._buttons[0].setEnabled(self._zoom > 1.0)
        self._buttons[1].setEnabled(self._zoom > 1.0)
        self._buttons[2].setEnabled(self._zoom < MAX_ZOOM)

    # -- events --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._zoom == 1.0:
            self._rebuild()
        else:
            self._relayout_keeping_view()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self._pin_overlays()

    def viewportEvent(self, event: QEvent) -> bool:
        """Tooltips for exactly what :meth:`episode_at` sees (nothing through the row labels)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            graphic = self.episode_at(event.pos())
            if graphic is None:
                QToolTip.hideText()
                event.ignore()
            else:
                area = self.mapFromScene(graphic.sceneBoundingRect()).boundingRect()
                QToolTip.showText(event.globalPos(), graphic.toolTip(), self.viewport(), area)
            return True
        return super().viewportEvent(event)

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

    def _pick(self, episode_id: str) -> None:
        """The user chose an episode: select it and say so."""
        if self._selected != episode_id:
            self.select(episode_id)
        else:
            self._reveal(self._episodes[episode_id].sceneBoundingRect())
        self.episode_clicked.emit(episode_id)
