"""The reader's note on an episode, on its slide: a panel in large type along the foot of the slide.

It takes the timeline strip's place at the slide's last build step (``NOTE``), as tall as the
note needs and no taller than :data:`TALLEST`; the quotes above make room for it from the
first step, so nothing moves when it appears. The type is as large as fits, never smaller than
:data:`SMALLEST` px on the 1080-px canvas (read from the back row); a note longer than that is
cut at a word with "…" (the Notes panel has all of it).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QTextDocument

from desktop.core.present.slides import NOTE_LABEL
from desktop.ui.present.canvas import MARGIN, H, W, draw_doc, font, rich, text_height

LARGEST, SMALLEST = 36, 28
TALLEST = 224.0
BOTTOM = H - 50.0  # the panel's foot: level with the slide counter
WIDTH = W - 2 * MARGIN - 180  # the counter keeps its corner
PAD, BAR = 18.0, 8.0


@dataclass(frozen=True)
class NotePanel:
    rect: QRectF
    doc: QTextDocument
    label_font: QFont
    text: str  # the words shown (cut with "…" when the note is too long)


def _label_font() -> QFont:
    f = font(20, bold=True)
    f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
    return f


def _html(text: str) -> str:
    return "".join(f'<p style="line-height:118%; margin:0">{html.escape(line)}</p>' for line in text.splitlines())


def _cut(text: str) -> str:
    """``text`` a few words shorter, ending in "…"."""
    text = text.removesuffix("…").rstrip()
    keep = max(1, int(len(text) * 0.85))
    head = text[:keep].rsplit(" ", 1)[0] if " " in text[:keep] else text[:keep]
    return head.rstrip(" ,;:.—-") + "…"


def layout(text: str) -> NotePanel:
    """The note's panel: the largest type in which it fits :data:`TALLEST`, else cut to fit."""
    label_f = _label_font()
    inner = WIDTH - 3 * PAD - BAR
    room = TALLEST - 2 * PAD - text_height(NOTE_LABEL.upper(), label_f, inner) - 8
    shown = text
    while True:
        for px in range(LARGEST, SMALLEST - 1, -2):
            doc = rich(_html(shown), font(px), inner)
            if doc.size().height() <= room:
                break
        if doc.size().height() <= room or len(shown) < 12:
            break
        shown = _cut(shown)
    height = min(TALLEST, 2 * PAD + text_height(NOTE_LABEL.upper(), label_f, inner) + 8 + doc.size().height())
    return NotePanel(QRectF(MARGIN, BOTTOM - height, WIDTH, height), doc, label_f, shown)


def paint(p: QPainter, panel: NotePanel, scheme) -> None:
    """The panel in the slide's colours: the panel ground, a bar in the date colour, the label in the accent."""
    rect = panel.rect
    p.save()
    p.setPen(QColor(0, 0, 0, 0))
    p.setBrush(QColor(scheme.panel))
    p.drawRoundedRect(rect, 18, 18)
    p.setBrush(QColor(scheme.date))
    p.drawRoundedRect(QRectF(rect.x() + PAD, rect.y() + PAD, BAR, rect.height() - 2 * PAD), 3, 3)
    x = rect.x() + PAD + BAR + PAD
    label = NOTE_LABEL.upper()
    p.setFont(panel.label_font)
    p.setPen(QColor(scheme.accent))
    label_h = text_height(label, panel.label_font, rect.width())
    p.drawText(QRectF(x, rect.y() + PAD - 2, rect.width() - 3 * PAD - BAR, label_h + 4), label)
    draw_doc(p, panel.doc, x, rect.y() + PAD + label_h + 8, scheme.text)
    p.restore()
