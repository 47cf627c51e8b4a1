"""Icons from ``resources/icons``: line drawings recoloured for the current theme."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QImage, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from desktop.core import paths

_STROKE = "#2B2B2B"  # the colour the SVG files are drawn in
_THEME_STROKE = {"light": "#2B2B2B", "dark": "#E3E3E3"}


@cache
def _svg(name: str) -> str:
    return paths.resource("icons", f"{name}.svg").read_text(encoding="utf-8")


class _SvgEngine(QIconEngine):
    """Draws an SVG at whatever size is asked, when it is asked (nothing at start-up)."""

    def __init__(self, svg: str) -> None:
        super().__init__()
        self._svg = svg
        self._renderer: QSvgRenderer | None = None
        self._pixmaps: dict[tuple[int, int, int], QPixmap] = {}

    def _render(self, painter: QPainter, rect: QRectF, mode: QIcon.Mode) -> None:
        if self._renderer is None:
            self._renderer = QSvgRenderer(QByteArray(self._svg.encode("utf-8")))
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.38)
        self._renderer.render(painter, rect)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        self._render(painter, QRectF(rect), mode)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        key = (size.width(), size.height(), int(mode.value))
        if key not in self._pixmaps:
            image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            self._render(painter, QRectF(0, 0, size.width(), size.height()), mode)
            painter.end()
            self._pixmaps[key] = QPixmap.fromImage(image)
        return self._pixmaps[key]

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._svg)


@cache
def icon(name: str, theme: str = "light") -> QIcon:
    """The icon ``name`` drawn in the theme's ink colour (an empty icon if it is missing)."""
    try:
        svg = _svg(name).replace(_STROKE, _THEME_STROKE.get(theme, _STROKE))
    except OSError:
        return QIcon()
    return QIcon(_SvgEngine(svg))


@cache
def app_icon() -> QIcon:
    return QIcon(_SvgEngine(_svg("overtures")))
