"""The slide canvas: a 1920 × 1080 surface, its colour schemes and the text helpers slides are set in.

Everything on a slide is laid out on this canvas and scaled to the target, so a slide looks
the same from 1280 × 720 to 4K and nothing reflows between screens.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QFont, QFontMetricsF, QPainter, QPalette, QTextDocument

from desktop.core.annotate import palette
from desktop.core.annotate.document import SANS_FAMILIES, SERIF_FAMILIES
from desktop.ui.shell.offline import OfflineDocument

W, H = 1920.0, 1080.0  # the canvas every slide is laid out on
MARGIN = 96.0
WRAP = int(Qt.TextFlag.TextWordWrap)


@dataclass(frozen=True)
class Scheme:
    background: str
    text: str
    muted: str
    faint: str
    accent: str
    date: str
    panel: str
    rule: str
    markers: dict  # marker -> (background, foreground)


SCHEMES = {
    # Projectors wash out mid-greys: near-black ground, near-white text, muted still AA-readable.
    "dark": Scheme(
        "#101114",
        "#F4F4F2",
        "#B4B8BF",
        "#6E737B",
        "#8DB4E8",
        palette.date_colour("dark"),
        "#1D1F24",
        "#34373D",
        {
            "same": ("#1F3B57", "#BFD7F2"),
            "changed": ("#5A2530", "#FFC2CC"),
            "partial": ("#4D4718", "#F2E7A6"),
            "none": ("#333438", "#C8C8C8"),
        },
    ),
    "light": Scheme(
        "#FFFFFF",
        "#1D1D1F",
        "#55595F",
        "#9A9EA5",
        "#2F5D9A",
        palette.date_colour("light"),
        "#F3F2EF",
        "#D9D6D0",
        {
            "same": ("#DCE8F5", "#1F4E79"),
            "changed": ("#FBDDE2", "#8E1B30"),
            "partial": ("#F6EFC6", "#6B5A00"),
            "none": ("#EDEDED", "#555555"),
        },
    ),
}
PRESENCE_COLOURS = {"all": "same", "some": "partial", "one": "partial", "none": "none"}


def font(px: float, bold: bool = False, serif: bool = False, italic: bool = False) -> QFont:
    f = QFont()
    f.setFamilies(list(SERIF_FAMILIES if serif else SANS_FAMILIES))
    f.setPixelSize(max(1, round(px)))
    f.setBold(bold)
    f.setItalic(italic)
    return f


def text_height(text: str, f: QFont, width: float) -> float:
    return QFontMetricsF(f).boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()


def fit_font(text: str, width: float, height: float, largest: int, smallest: int, **style) -> QFont:
    """The largest font (in steps of 2 px) in which ``text`` wraps into the box."""
    for px in range(largest, smallest - 1, -2):
        f = font(px, **style)
        if text_height(text, f, width) <= height:
            return f
    return font(smallest, **style)


def rich(html_body: str, f: QFont, width: float) -> QTextDocument:
    doc = OfflineDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(f)
    doc.setHtml(html_body)
    doc.setTextWidth(width)
    return doc


def draw_doc(p: QPainter, doc: QTextDocument, x: float, y: float, colour: str) -> None:
    p.save()
    p.translate(x, y)
    ctx = QAbstractTextDocumentLayout.PaintContext()
    ctx.palette.setColor(QPalette.ColorRole.Text, QColor(colour))
    doc.documentLayout().draw(p, ctx)
    p.restore()
