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

The scene items live in :mod:`~desktop.ui.episodes.timeline_axis` (backdrop, axis band, row
labels, corner) and :mod:`~desktop.ui.episodes.timeline_episode` (episodes, tooltips); colours,
fonts and sizes in :mod:`~desktop.ui.episodes.timeline_look`; the zoom buttons in
:mod:`~desktop.ui.episodes.timeline_zoom`; PNG and SVG export in
:mod:`~desktop.ui.episodes.timeline_export`.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QToolTip, QWidget

from desktop.core.episodes.timeline import TimelineItem, TimelineLayout, layout
from desktop.ui.episodes.timeline_axis import _Backdrop, _Corner, _Gutter, _Header
from desktop.ui.episodes.timeline_episode import EpisodeItem, place_labels
from desktop.ui.episodes.timeline_export import export_size, write_png, write_svg
from desktop.ui.episodes.timeline_input import TimelineInput
from desktop.ui.episodes.timeline_look import Look, gutter_width
from desktop.ui.episodes.timeline_zoom import MAX_ZOOM, ZOOM_STEP, ZoomButtons, reveal
from desktop.ui.shell.theme import CHROME, THEME_EVENTS, current_theme

#: A resize lays the timeline out again once no other resize came for this long.
RESIZE_SETTLE_MS = 150


class TimelineView(TimelineInput, QGraphicsView):
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
        self._kinds: dict[str, str] = {}
        self._theme = self._app_theme = current_theme()
        self._look = Look.make(self._theme, self.font())
        self._zoom = 1.0
        self._layout = layout([], [], 400)
        self._episodes: dict[str, EpisodeItem] = {}
        self._overlays: tuple[_Header, _Gutter, _Corner] | None = None
        self._backdrop: _Backdrop | None = None
        self._built_items: list[TimelineItem] | None = None  # the items the scene holds graphics of
        self._widths: dict[tuple[str, str], dict[tuple[bool, str], float]] = {}  # by the fonts: a title's width
        self._selected: str | None = None
        self._exporting = False
        self._press: QPoint | None = None
        self._press_scroll = (0, 0)
        self._dragging = False
        scene = QGraphicsScene(self)
        # no BSP index: the overlays move on every scroll and items paint from a layout that is
        # replaced as a whole; a stale index entry is a crash, a linear lookup is cheap here
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
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
        self._buttons = ZoomButtons(self, self.zoom_out, self.zoom_reset, self.zoom_in)
        self._stale = False  # items changed while hidden: laid out when next shown
        # a resize re-lays out once the user stops resizing (the old layout stays meanwhile)
        self._resize_settle = QTimer(self)
        self._resize_settle.setSingleShot(True)
        self._resize_settle.setInterval(RESIZE_SETTLE_MS)
        self._resize_settle.timeout.connect(self._resized)
        self._built_for = (QSize(), QSize())  # the view's and its viewport's size when laid out
        self._rebuild()

    # -- public API ----------------------------------------------------------------------

    def set_items(
        self,
        items: Sequence[TimelineItem],
        rows: Sequence[tuple[str, str]],
        theme: str = "light",
        kinds: Mapping[str, str] | None = None,
    ) -> None:
        """Show ``items`` in ``rows`` (key, label); zoom goes back to fit-to-width.

        ``kinds`` names each episode's event type (episode id -> "Visit"), for the tooltips.
        """
        self._items = list(items)
        self._rows = list(rows)
        self._kinds = dict(kinds or {})
        self._theme = theme if theme in CHROME else "light"
        self._look = Look.make(self._theme, self.font())
        if self._selected not in {i.id for i in self._items}:
            self._selected = None
        self._zoom = 1.0
        if self.isVisible():
            self._rebuild()
            self.horizontalScrollBar().setValue(0)
            self.verticalScrollBar().setValue(0)
        else:  # laying out thousands of episodes for a hidden dock can wait until it shows
            self._stale = True
        self.zoom_changed.emit(self._zoom)

    def set_theme(self, theme: str) -> None:
        """Redraw in the "light" or "dark" chrome colours (zoom and scroll are kept).

        Only colours change (the fonts, hence the layout, are the theme's too): the items paint
        from :meth:`look`, so the scene is repainted, not rebuilt."""
        theme = theme if theme in CHROME else "light"
        if theme == self._theme:
            return
        self._theme = theme
        self._look = Look.make(theme, self.font())
        self.scene().setBackgroundBrush(self._look.base)
        self.setBackgroundBrush(self._look.base)
        self.scene().update()
        self.viewport().update()

    def theme(self) -> str:
        return self._theme

    def select(self, episode_id: str | None) -> bool:
        """Highlight an episode and scroll it into view; ``None`` or an unknown id clears it.

        Returns whether the episode is on the timeline. Emits nothing.
        """
        if self.isVisible():
            self._settle()
        if self._stale:  # hidden: remembered, shown when the timeline is laid out
            found = episode_id is not None and any(i.id == episode_id for i in self._items)
            self._selected = episode_id if found else None
            return found
        previous = self._episodes.get(self._selected or "")
        graphic = self._episodes.get(episode_id or "")
        self._selected = episode_id if graphic is not None else None
        if previous is not None and previous is not graphic:
            previous.set_selected(False)
        if graphic is not None:
            graphic.set_selected(True)
            self._reveal(graphic.sceneBoundingRect())
        return graphic is not None

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
        self._settle()
        return self._layout

    def shown_layout(self) -> TimelineLayout:  # what the scene shows now (for painting: never lays out)
        return self._layout

    def _fresh(self) -> None:
        """Lay out now what was left for later while the view was hidden."""
        if self._stale:
            self._rebuild()

    def _settle(self) -> None:
        """Lay out now what was left for later: while hidden, or until a resize settles."""
        if self._resize_settle.isActive():
            self._resized()
        self._fresh()

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
        """Episodes per row (counted once per layout: the row labels ask at every paint)."""
        self._fresh()
        if self._row_counts is None:
            self._row_counts = dict(Counter(placed.item.row for placed in self._layout.items))
        return self._row_counts

    def episode_item(self, episode_id: str) -> EpisodeItem | None:
        self._settle()
        return self._episodes.get(episode_id)

    def item_rect(self, episode_id: str) -> QRect:
        """Where an episode's bar (or dot) is, in viewport coordinates; empty if unknown."""
        graphic = self.episode_item(episode_id)
        if graphic is None:
            return QRect()
        return self.mapFromScene(graphic.bar_rect()).boundingRect()

    def episode_at(self, pos: QPoint) -> EpisodeItem | None:
        """The episode under a viewport point (not one hidden under the axis or the row labels)."""
        self._settle()
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
        self._settle()
        return export_size(self._layout, scale)

    def export_png(self, path: str | os.PathLike[str], scale: float = 2.0) -> None:
        """Save the whole timeline (at the current zoom) as a PNG; raises OSError on failure.

        Selection and hover are left out. Written atomically: a failure leaves no file.
        """
        self._settle()
        write_png(Path(path), self._layout, scale, self._look.base, self._render_all)

    def export_svg(self, path: str | os.PathLike[str]) -> None:
        """Save the whole timeline as SVG (text stays text); raises OSError on failure."""
        self._settle()
        write_svg(Path(path), self._layout, self._render_all)

    # -- building ------------------------------------------------------------------------

    def _make_layout(self) -> TimelineLayout:
        left = gutter_width(self._look.row, [label for _, label in self._rows])
        viewport = self.viewport().size()
        width = left + max(viewport.width() - left, 240)
        title_fm = QFontMetricsF(self._look.title)
        bold = QFont(self._look.title)
        bold.setWeight(QFont.Weight.DemiBold)
        bold_fm = QFontMetricsF(bold)
        named_fm = QFontMetricsF(self._look.named)
        named_titles = {i.title for i in self._items if i.named_label}
        metrics = self._look.metrics()

        widths = self._widths.setdefault((self._look.title.key(), self._look.named.key()), {})

        def measure(text: str) -> float:  # named episodes have their titles in demibold (kept per text)
            key = (text in named_titles, text)
            if key not in widths:
                widths[key] = (bold_fm if key[0] else title_fm).horizontalAdvance(text) + 1
            return widths[key]

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
        """Lay out again: the same episodes (a resize, a zoom) keep their scene items and move;
        new episodes replace every scene item."""
        self._stale = False
        self._resize_settle.stop()
        self._built_for = (self.size(), self.viewport().size())
        self._row_counts: dict[str, int] | None = None
        # scene.clear() deletes the C++ items: forget them first, so that a scroll or resize
        # on the way never pins or paints a deleted item; and take the items painted from the
        # view's layout out before it changes (the scene must see their bounding rects unchanged)
        scene = self.scene()
        kept = self._episodes if self._built_items is self._items else {}
        for fixed in (*(self._overlays or ()), self._backdrop) if kept else ():
            scene.removeItem(fixed)
        if not kept:
            scene.clear()
        self._overlays = self._backdrop = None
        self._episodes = {}
        self._layout = self._make_layout()
        self._built_items = self._items
        scene.setBackgroundBrush(self._look.base)
        self.setBackgroundBrush(self._look.base)
        self._backdrop = _Backdrop(self)
        scene.addItem(self._backdrop)
        for placed in self._layout.items:
            graphic = kept.pop(placed.item.id, None)
            if graphic is None:
                graphic = EpisodeItem(placed, self, self._kinds.get(placed.item.id, ""))
                scene.addItem(graphic)
            else:
                graphic.relayout(placed)
            graphic.set_selected(placed.item.id == self._selected)
            self._episodes[placed.item.id] = graphic
        for gone in kept.values():
            scene.removeItem(gone)
        lay = self._layout
        plot = QRectF(lay.left, lay.header, lay.width - lay.left, lay.height - lay.header)
        # a label may reach over the breaks beside its cluster, never into the next cluster
        cl = lay.clusters
        spans = [
            (c.x0, c.x1, cl[i - 1].x1 if i else lay.left, cl[i + 1].x0 if i + 1 < len(cl) else lay.width)
            for i, c in enumerate(cl)
        ]
        place_labels(list(self._episodes.values()), self._look, plot, spans)
        self._overlays = (_Header(self), _Gutter(self), _Corner(self))
        for overlay in self._overlays:
            scene.addItem(overlay)
        scene.setSceneRect(QRectF(0, 0, self._layout.width, self._layout.height))
        self._pin_overlays()
        self._buttons.place(self.viewport().geometry(), self._layout.left, self._layout.header, self._zoom)

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
        reveal(self, self._layout, rect, margin)

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

    # -- events --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """The application's palette changed (a new theme): follow it."""
        if event.type() in THEME_EVENTS and current_theme() != self._app_theme:
            self._app_theme = current_theme()
            self.set_theme(self._app_theme)
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A burst of resizes (a dock or the window dragged) lays the timeline out once, settled."""
        super().resizeEvent(event)
        if not self.isVisible():
            self._stale = True
        elif self._stale:
            self._rebuild()
        elif self._needs_layout():
            self._buttons.place(self.viewport().geometry(), self._layout.left, self._layout.header, self._zoom)
            self._resize_settle.start()

    def _needs_layout(self) -> bool:
        """Resized, or a scroll bar changed the width to fit (one that changes only the height, never)."""
        outer, viewport = self._built_for
        return self.size() != outer or self.viewport().width() != viewport.width()

    def _resized(self) -> None:
        self._resize_settle.stop()
        if not self._needs_layout():
            return
        if self._zoom == 1.0:
            self._rebuild()
        else:
            self._relayout_keeping_view()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._rebuild()
            self.horizontalScrollBar().setValue(0)
            self.verticalScrollBar().setValue(0)
            if self._selected in self._episodes:
                self._reveal(self._episodes[self._selected].sceneBoundingRect())
        super().showEvent(event)

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

    def _pick(self, episode_id: str) -> None:
        """The user chose an episode: select it and say so."""
        if self._selected != episode_id:
            self.select(episode_id)
        else:
            self._reveal(self._episodes[episode_id].sceneBoundingRect())
        self.episode_clicked.emit(episode_id)
