"""A lesson as a PDF handout: one 16:9 page per slide, every slide fully built.

Pages are 254 × 142.875 mm (10 × 5.625 in, the shape of a widescreen slide). At 192 dots
per inch that is exactly the 1920 × 1080 canvas the slides are laid out on, so a page is
the slide as the class saw it, painted by the same :class:`SlidePainter` — in the light
scheme by default (paper is white). Text stays text: the PDF is searchable and its fonts
are embedded as subsets. Needs a QGuiApplication; no window is shown.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from desktop import APP_NAME
from desktop.core.files.fileio import WriteError, atomic_path
from desktop.core.present.slides import Deck
from desktop.ui.present.canvas import H, W
from desktop.ui.present.painter import SlidePainter

PAGE_MM = QSizeF(254.0, 142.875)
RESOLUTION = 192  # dots per inch: a page is then 1920 × 1080 dots


def write_deck_pdf(deck: Deck, path: str | os.PathLike[str], theme: str = "light") -> int:
    """Write every slide of ``deck`` (fully built) to ``path``; return the number of pages.

    Raises OSError naming the path and the reason when it cannot be written (a missing
    folder, no permission, a full disk); nothing is left behind in that case. A deck
    without slides raises ValueError before anything is written.
    """
    if not deck.slides:
        raise ValueError("the lesson has no slide to export")
    path = Path(path)
    painter_ = SlidePainter(theme)
    with atomic_path(path) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(deck.title)
        writer.setCreator(APP_NAME)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(PAGE_MM, QPageSize.Unit.Millimeter, "Slide 16:9", QPageSize.SizeMatchPolicy.ExactMatch),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
                QPageLayout.Unit.Millimeter,
            )
        )
        page = writer.pageLayout().paintRectPixels(RESOLUTION)
        painter = QPainter()
        if not painter.begin(writer):
            raise WriteError(f"cannot write {path}: the PDF could not be started")
        try:
            total = len(deck.slides)
            for number, slide in enumerate(deck.slides, 1):
                if number > 1:
                    writer.newPage()
                rect = QRectF(0, 0, page.width(), page.height()) if page.width() > 0 else QRectF(0, 0, W, H)
                painter_.paint(painter, rect, slide, slide.last_step(), number, total)
        finally:
            painter.end()
    return len(deck.slides)


__all__ = ["PAGE_MM", "write_deck_pdf"]
