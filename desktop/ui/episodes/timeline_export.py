"""Writing the whole timeline to a PNG or an SVG file, atomically (a failure leaves no file)."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from desktop.core.episodes.timeline import TimelineLayout
from desktop.core.files.fileio import atomic_path

MAX_EXPORT_PX = 16000  # a PNG export never gets wider or taller than this

Render = Callable[[QPainter], None]


def export_scale(lay: TimelineLayout, scale: float) -> float:
    """``scale`` (1.0 when not positive), lowered so that no side passes MAX_EXPORT_PX."""
    scale = scale if scale > 0 else 1.0
    longest = max(lay.width, lay.height, 1.0)
    return min(scale, MAX_EXPORT_PX / longest)


def export_size(lay: TimelineLayout, scale: float) -> QSize:
    """The size in pixels of a PNG of ``lay`` at ``scale`` (capped at MAX_EXPORT_PX)."""
    scale = export_scale(lay, scale)
    return QSize(math.ceil(lay.width * scale), math.ceil(lay.height * scale))


def write_png(target: Path, lay: TimelineLayout, scale: float, background: QColor, render: Render) -> None:
    """Draw with ``render`` on a ``background`` image of :func:`export_size` and save it as PNG."""
    size = export_size(lay, scale)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    if image.isNull():
        raise OSError(f"cannot write {target}: an image of {size.width()}×{size.height()} px is too big")
    factor = export_scale(lay, scale)
    dots_per_metre = round(96 * factor / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    image.fill(background)
    painter = QPainter(image)
    painter.scale(factor, factor)
    render(painter)
    painter.end()
    with atomic_path(target) as tmp:
        if not image.save(str(tmp), "PNG"):
            raise OSError(f"cannot write {target}: the PNG could not be encoded or written")


def write_svg(target: Path, lay: TimelineLayout, render: Render) -> None:
    """Draw with ``render`` into an SVG file of the layout's size (text stays text)."""
    size = QSize(math.ceil(lay.width), math.ceil(lay.height))
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
        render(painter)
        painter.end()
