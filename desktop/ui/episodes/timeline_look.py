"""How the timeline looks: colours and fonts per theme, sizes that follow the font, drawing helpers.

Shared by the scene items (:mod:`desktop.ui.episodes.timeline_axis`,
:mod:`desktop.ui.episodes.timeline_episode`) and the view (:mod:`desktop.ui.episodes.timeline`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainterPath

from desktop.core.annotate import palette
from desktop.core.episodes.timeline import Metrics
from desktop.ui.shell.theme import CHROME

INK_ON_CHIP = "#111111"  # text on a side colour, as in the reader (palette.py)

Z_BACKDROP, Z_EPISODE, Z_SELECTED, Z_HEADER, Z_GUTTER, Z_CORNER = -10, 0, 1, 10, 11, 12


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


def gutter_width(font: QFont, labels: list[str]) -> float:
    """The row labels' column: the widest label and a margin, within 112 to 200 pixels."""
    fm = QFontMetricsF(font)
    widest = max((fm.horizontalAdvance(label) for label in labels), default=60.0)
    return float(min(max(widest + 28, 112), 200))


def elide(text: str, font: QFont, width: float) -> str:
    """``text`` cut with an ellipsis to ``width``; empty when not even one letter fits."""
    if width <= 0:
        return ""
    fm = QFontMetricsF(font)
    if fm.horizontalAdvance(text) <= width:
        return text
    elided = fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
    return "" if elided in ("", "…") else elided


def zigzag(
    x: float,
    top: float,
    bottom: float,
    amplitude: float = 3.5,
    step: float = 7.0,
    within: tuple[float, float] | None = None,
) -> QPainterPath:
    """A zig-zag line down from ``top`` to ``bottom``; ``within`` (y from, y to) keeps only the
    part there, the same points as the whole line would have (it starts a period earlier)."""
    start, end = top, bottom
    if within is not None:
        start = max(top, top + math.floor((within[0] - top) / (2 * step)) * 2 * step)
        end = min(bottom, within[1] + 2 * step)
    path = QPainterPath(QPointF(x, start))
    y, flip = start, 1
    while y < end:
        y = min(y + step, end)
        path.lineTo(x + flip * amplitude, y)
        flip = -flip
    return path
