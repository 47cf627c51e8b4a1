"""Classroom mode: slides painted full screen, driven by the keys presenters and clickers send.

:class:`SlidePainter` paints a :class:`~desktop.core.present.slides.Slide` at a build step on any
QPainter — the screen, the presenter view's previews, the PDF handout. Everything is laid
out on a 1920 × 1080 canvas and scaled to the target, so a slide looks the same from
1280 × 720 to 4K (body text is 28 px or more at 1080 lines) and nothing reflows between
screens. :class:`Presentation` holds where the class is (slide, step, black or white
screen, zoom); :class:`SlideView` is the full-screen window and its keys:

* next: Right, Down, Page Down, Space, Enter, N, a click, the wheel down;
* previous: Left, Up, Page Up, Backspace, P, a right click, the wheel up;
* Home / End; a slide number then Enter (or G, the number, Enter) jumps;
* B or . blacks the screen, W or , whitens it (any key returns); F toggles full screen;
* Z, + or = zooms into the quote and back; S opens the presenter view; Esc leaves.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from desktop.core.annotate import palette
from desktop.core.annotate.document import SANS_FAMILIES, SERIF_FAMILIES
from desktop.core.episodes.timeline import TimelineItem, layout
from desktop.core.present.slides import COUNTERPART, HIGHLIGHTS, MARKERS, NEW, QUOTE, VERDICT, Deck, Quote, Slide

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
# Keys shared by the slide window and the presenter view.
NEXT = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_N})
PREVIOUS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P})
ENTER = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
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
    doc = QTextDocument()
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


class SlidePainter:
    """Paints slides on the 1920 × 1080 canvas, scaled into whatever rectangle it is given."""

    def __init__(self, theme: str = "dark") -> None:
        self.s = SCHEMES[theme]
        self.theme = theme

    # ------------------------------------------------------------------ entry
    def paint(
        self,
        p: QPainter,
        rect: QRectF,
        slide: Slide | None,
        step: int,
        number: int = 0,
        total: int = 0,
        zoom: bool = False,
    ) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.fillRect(rect, QColor(self.s.background))
        scale = min(rect.width() / W, rect.height() / H)
        p.translate(rect.x() + (rect.width() - W * scale) / 2, rect.y() + (rect.height() - H * scale) / 2)
        p.scale(scale, scale)
        p.setClipRect(QRectF(0, 0, W, H))
        if slide is not None:
            if zoom and slide.quotes:
                self.zoomed(p, slide, step)
            else:
                {"title": self.title, "episode": self.episode, "comparison": self.table, "motifs": self.table}[
                    slide.kind
                ](p, slide, step)
            if total:
                self.counter(p, slide, step, number, total)
        p.restore()

    # ------------------------------------------------------------------ pieces
    def text(self, p: QPainter, rect: QRectF, text: str, f: QFont, colour: str, flags=0) -> float:
        p.setFont(f)
        p.setPen(QColor(colour))
        bound = p.boundingRect(rect, int(flags) | WRAP, text)
        p.drawText(rect, int(flags) | WRAP, text)
        return bound.height()

    def kicker(self, p: QPainter, text: str, y: float = 58) -> None:
        f = font(26, bold=True)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2.5)
        self.text(p, QRectF(MARGIN, y, W - 2 * MARGIN, 40), text.upper(), f, self.s.accent)

    def counter(self, p: QPainter, slide: Slide, step: int, number: int, total: int) -> None:
        f = font(22)
        label = f"{number} / {total}"
        width = QFontMetricsF(f).horizontalAdvance(label)
        self.text(p, QRectF(W - MARGIN - width - 4, H - 52, width + 8, 30), label, f, self.s.faint)
        if len(slide.steps) > 1:  # which build step: small dots left of the number
            x = W - MARGIN - width - 24
            for n in reversed(range(len(slide.steps))):
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(self.s.muted if n <= step else self.s.rule))
                p.drawEllipse(QPointF(x, H - 37), 4.5, 4.5)
                x -= 16

    def chip_fonts(self) -> tuple[QFont, QFont, QFont]:
        return font(28, bold=True), font(20), font(20, bold=True)

    def chip_width(self, chip) -> float:
        name_f, detail_f, code_f = self.chip_fonts()
        m = QFontMetricsF
        text_w = max(m(name_f).horizontalAdvance(chip.name), m(detail_f).horizontalAdvance(chip.detail))
        return m(code_f).horizontalAdvance(chip.code) + 20 + text_w + 46

    def chip(self, p: QPainter, x: float, y: float, chip, max_width: float) -> float:
        """A side-coloured chip: code badge, name, and the role below; returns its width."""
        name_f, detail_f, code_f = self.chip_fonts()
        code_w = QFontMetricsF(code_f).horizontalAdvance(chip.code) + 20
        inner = min(max_width, self.chip_width(chip)) - code_w - 46
        name = QFontMetricsF(name_f).elidedText(chip.name, Qt.TextElideMode.ElideRight, inner)
        detail = QFontMetricsF(detail_f).elidedText(chip.detail, Qt.TextElideMode.ElideRight, inner)
        width, height = code_w + inner + 46, 80.0 if chip.detail else 58.0
        path = QPainterPath()
        path.addRoundedRect(QRectF(x, y, width, height), 14, 14)
        p.fillPath(path, QColor(palette.colour(chip.side, "light")))
        badge = QRectF(x + 14, y + (height - 34) / 2, code_w, 34)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#1D1D1F"))
        p.drawRoundedRect(badge, 8, 8)
        self.text(p, badge, chip.code, code_f, "#FFFFFF", Qt.AlignmentFlag.AlignCenter)
        tx = badge.right() + 14
        if chip.detail:
            self.text(p, QRectF(tx, y + 8, inner + 4, 38), name, name_f, "#111111")
            self.text(p, QRectF(tx, y + 46, inner + 4, 28), detail, detail_f, "#26282C")
        else:
            self.text(p, QRectF(tx, y + 10, inner + 4, 38), name, name_f, "#111111")
        return width

    def group_width(self, chips) -> float:
        return sum(self.chip_width(c) for c in chips) + 16 * max(0, len(chips) - 1)

    def chips(self, p: QPainter, x: float, y: float, width: float, label: str, chips) -> None:
        f = font(20, bold=True)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.text(p, QRectF(x, y, max(width, 300), 28), label.upper(), f, self.s.muted)
        squeeze = min(1.0, width / max(1.0, self.group_width(chips)))
        for chip in chips:
            x += self.chip(p, x, y + 34, chip, self.chip_width(chip) * squeeze) + 16

    def quote_html(self, quote: Quote, highlights: bool) -> str:
        """The quote with its spans; before the highlights step only the side codes show, faintly
        (the same layout, so nothing moves when the colours arrive)."""
        out, at = [], 0
        t = quote.text
        for span in quote.spans:
            if span.start < at:
                continue
            out.append(html.escape(t[at : span.start]))
            words = html.escape(t[span.start : span.end])
            code = ""
            if span.kind in ("actor", "demonym") and span.code.isalpha():
                ink = self.s.muted if highlights else self.s.faint  # the same room at every step: nothing moves
                code = f'<sup style="color:{ink}; font-size:55%">&#8202;{html.escape(span.code)}</sup>'
            if not highlights:
                out.append(words + code)
            elif span.kind == "date":
                out.append(f'<span style="color:{self.s.date}; text-decoration:underline">{words}</span>')
            elif span.kind == "demonym":  # the side's colour as ink: lighter on the dark ground, darker on paper
                colour = palette.colour(span.side, "light")
                colour = colour if self.theme == "dark" else QColor(colour).darker(170).name()
                out.append(f'<span style="color:{colour}; text-decoration:underline">{words}</span>{code}')
            else:
                colour = palette.colour(span.side, "light")
                out.append(f'<span style="background-color:{colour}; color:#111111">{words}</span>{code}')
            at = span.end
        out.append(html.escape(t[at:]))
        return f'<p style="line-height:132%">{"".join(out)}</p>'

    def quotes_doc(self, quotes, highlights: bool, f: QFont, width: float) -> QTextDocument:
        parts = []
        source_px = max(20, round(f.pixelSize() * 0.66))
        for q in quotes:
            parts.append(self.quote_html(q, highlights))
            parts.append(
                f'<p style="color:{self.s.muted}; font-family:{SANS_FAMILIES[2]}; font-size:{source_px}px; '
                f'margin-top:6px; margin-bottom:{round(f.pixelSize() * 0.8)}px">— {html.escape(q.source)}</p>'
            )
        return rich("".join(parts), f, width)

    def fitted_quotes(self, quotes, highlights: bool, width: float, height: float, largest: int, smallest: int):
        for px in range(largest, smallest - 1, -2):
            doc = self.quotes_doc(quotes, highlights, font(px, serif=True), width)
            if doc.size().height() <= height:
                return doc
        return doc

    def quote_block(self, p: QPainter, rect: QRectF, quotes, highlights: bool, largest: int, smallest: int) -> None:
        doc = self.fitted_quotes(quotes, highlights, rect.width() - 34, rect.height(), largest, smallest)
        p.fillRect(QRectF(rect.x(), rect.y() + 6, 6, doc.size().height() - 20), QColor(self.s.accent))
        draw_doc(p, doc, rect.x() + 34, rect.y(), self.s.text)

    def strip(self, p: QPainter, rect: QRectF, strip) -> None:
        """The episode among all the others, on the broken time axis of the timeline."""
        items = [TimelineItem(i.id, i.title, i.first, i.last, "all", i.side, "", "", 1) for i in strip.items]
        placed = layout(items, [("all", "")], rect.width())
        sx = rect.width() / max(placed.width, 1.0)
        axis = rect.y() + 46
        X = lambda v: rect.x() + v * sx  # noqa: E731
        p.setPen(QPen(QColor(self.s.faint), 2))
        for c in placed.clusters:
            p.setPen(QPen(QColor(self.s.faint), 2))
            p.drawLine(QPointF(X(c.x0), axis), QPointF(X(c.x1), axis))
            self.text(p, QRectF(X(c.x0), axis + 14, max(90.0, c.width * sx), 28), c.label, font(20, True), self.s.muted)
        for gap in placed.breaks:
            p.setPen(QPen(QColor(self.s.rule), 2, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(X(gap.x0) + 4, axis), QPointF(X(gap.x1) - 4, axis))
        current = []
        for item in placed.items:
            x = X((item.x0 + item.x1) / 2)
            if item.item.id in strip.current:
                current.append((x, item))
                continue
            lesson = item.item.id in strip.lesson
            p.setPen(QPen(QColor(self.s.muted), 2.5) if lesson else Qt.PenStyle.NoPen)
            p.setBrush(QColor(self.s.background if lesson else self.s.faint))
            p.drawEllipse(QPointF(x, axis), 8 if lesson else 5, 8 if lesson else 5)
        f, taken = font(20, bold=True), rect.x() - 1
        for x, item in sorted(current, key=lambda c: c[0]):
            p.setPen(QPen(QColor(self.s.background), 3))
            p.setBrush(QColor(self.s.date))
            p.drawEllipse(QPointF(x, axis), 13, 13)
            label = f"{item.item.first:%B %Y}"
            w = QFontMetricsF(f).horizontalAdvance(label) + 8
            left = min(max(rect.x(), x - w / 2), rect.right() - w)
            if left > taken:  # a label that would overlap the one before is left out
                self.text(p, QRectF(left, axis - 44, w, 28), label, f, self.s.date, Qt.AlignmentFlag.AlignCenter)
                taken = left + w + 12

    # ------------------------------------------------------------------ slides
    def title(self, p: QPainter, slide: Slide, step: int) -> None:
        self.kicker(p, slide.kicker, 150)
        width = W - 2 * MARGIN
        f = fit_font(slide.title, width, 210, 88, 56, bold=True)
        y = 200 + self.text(p, QRectF(MARGIN, 200, width, 220), slide.title, f, self.s.text)
        y += 16 + self.text(p, QRectF(MARGIN, y + 16, width, 120), slide.subtitle, font(38), self.s.muted)
        y = max(y + 60, 520)
        p.fillRect(QRectF(MARGIN, y - 30, 120, 5), QColor(self.s.accent))
        rows = slide.agenda
        per_column = (len(rows) + 1) // 2 if len(rows) > 5 else len(rows)
        col_w = width / (2 if per_column < len(rows) else 1)
        for n, (year, label) in enumerate(rows):
            x = MARGIN + (n // per_column) * col_w
            yy = y + (n % per_column) * 64
            colour = self.s.date if year else self.s.accent
            self.text(p, QRectF(x, yy, 130, 56), year or "⇄", font(36, bold=True), colour)
            self.text(p, QRectF(x + 140, yy + 2, col_w - 160, 56), label, font(34), self.s.text)
        for line in slide.outlets:
            self.text(p, QRectF(MARGIN, H - 110, width - 200, 40), line, font(24), self.s.muted)

    def episode(self, p: QPainter, slide: Slide, step: int) -> None:
        self.kicker(p, slide.kicker)
        # The date in large type, the title and the dates in words beside it.
        year_f = fit_font(slide.year, 450, 200, 190, 96, bold=True)
        self.text(p, QRectF(MARGIN - 8, 96, 480, 210), slide.year, year_f, self.s.date)
        x, width = 620.0, W - MARGIN - 620
        when = " · ".join(part for part in (slide.date_words, slide.place) if part)
        title_f = fit_font(slide.title, width, 150, 60, 36, bold=True)
        y = 112 + self.text(p, QRectF(x, 112, width, 160), slide.title, title_f, self.s.text)
        y += 10 + self.text(p, QRectF(x, y + 10, width, 90), when, font(32), self.s.date)
        if slide.outlets:
            source = "Source: " + " · ".join(slide.outlets)
            self.text(p, QRectF(x, y + 8, width, 40), source, font(24), self.s.muted)
        # Messenger -> counterpart: natural widths when they fit, else squeezed in proportion.
        room, arrow = W - 2 * MARGIN - 80, 80.0
        mine, theirs = self.group_width(slide.messengers), self.group_width(slide.counterparts)
        if mine + theirs > room:
            mine, theirs = room * mine / (mine + theirs), room * theirs / (mine + theirs)
        if slide.messengers:
            self.chips(p, MARGIN, 372, mine, "Messenger", slide.messengers)
        if slide.counterparts and slide.shows(COUNTERPART, step):
            x = MARGIN + mine + (arrow if slide.messengers else 0)
            if slide.messengers:
                centre = Qt.AlignmentFlag.AlignCenter
                self.text(p, QRectF(x - arrow, 406, arrow, 80), "→", font(52), self.s.muted, centre)
            self.chips(p, x, 372, theirs, "Counterpart", slide.counterparts)
        # Quotes, and the sources' verdict beside them (wider for the longer text).
        top, bottom = 530.0, 905.0
        right = W - MARGIN
        if slide.verdict is not None:
            quoted = sum(len(q.text) for q in slide.quotes) or 1
            share = len(slide.verdict.text) / (len(slide.verdict.text) + quoted)
            right = W - MARGIN - max(560.0, min(860.0, (W - 2 * MARGIN) * share))
            if slide.shows(VERDICT, step):
                self.verdict(p, QRectF(right + 48, top, W - MARGIN - right - 48, bottom - top), slide)
        if slide.quotes and slide.shows(QUOTE, step):
            box = QRectF(MARGIN, top, right - MARGIN, bottom - top)
            self.quote_block(p, box, slide.quotes, slide.shows(HIGHLIGHTS, step), 38, 26)
        if slide.strip is not None:
            self.strip(p, QRectF(MARGIN, 932, W - 2 * MARGIN - 180, 90), slide.strip)

    def verdict(self, p: QPainter, rect: QRectF, slide: Slide) -> None:
        f = font(20, bold=True)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        inner = rect.adjusted(28, 24, -28, -20)
        label = slide.verdict_label.upper()
        head = text_height(label, f, inner.width())
        body = inner.adjusted(0, head + 14, 0, 0)
        for px in range(32, 21, -2):
            doc = self.quotes_doc([slide.verdict], True, font(px, serif=True, italic=True), body.width())
            if doc.size().height() <= body.height():
                break
        panel = QRectF(rect.x(), rect.y(), rect.width(), min(rect.height(), head + doc.size().height() + 44 + 14))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(self.s.panel))
        p.drawRoundedRect(panel, 18, 18)
        self.text(p, QRectF(inner.x(), inner.y(), inner.width(), head + 4), label, f, self.s.accent)
        draw_doc(p, doc, body.x(), body.y(), self.s.text)

    def zoomed(self, p: QPainter, slide: Slide, step: int) -> None:
        """Z: the quote alone, as large as it fits."""
        self.kicker(p, f"{slide.kicker} · {slide.year}")
        self.quote_block(
            p,
            QRectF(MARGIN + 40, 150, W - 2 * MARGIN - 80, H - 260),
            slide.quotes,
            slide.shows(HIGHLIGHTS, step),
            72,
            36,
        )

    def table(self, p: QPainter, slide: Slide, step: int) -> None:
        """The comparison's facet rows or the motifs: a marker column, a label, one column per episode."""
        self.kicker(p, slide.kicker)
        self.text(p, QRectF(MARGIN, 96, W - 2 * MARGIN, 80), slide.title, font(58, bold=True), self.s.text)
        self.text(p, QRectF(MARGIN, 168, W - 2 * MARGIN, 44), slide.subtitle, font(30), self.s.muted)
        reveal = slide.shows(MARKERS, step) or MARKERS not in slide.steps
        n = max(1, len(slide.columns))
        gutter, label_w = 72.0, 330.0
        col_w = (W - 2 * MARGIN - gutter - label_w) / n
        xs = [MARGIN + gutter + label_w + i * col_w for i in range(n)]
        y = 236.0
        for x, column in zip(xs, slide.columns, strict=True):
            self.text(p, QRectF(x + 12, y, col_w - 24, 40), column.label, font(30, bold=True), self.s.text)
            self.text(p, QRectF(x + 12, y + 40, col_w - 24, 64), column.date_words, font(22), self.s.date)
        y += 108
        bottom = H - 76.0
        if slide.extras:
            bottom -= 44 + sum(text_height(f"{h}: {t}", font(26), W - 2 * MARGIN) + 10 for h, t in slide.extras)
        rows = slide.rows
        # One size for every cell: the largest at which every row, each as tall as it needs, fits.
        for px in range(30, 21, -2):
            cell_f, label_f = font(px), font(min(px, 28), bold=True)
            heights = [
                max(
                    [text_height(c.text, cell_f, col_w - 24) for c in r.cells]
                    + [text_height(r.label, label_f, label_w - 16)]
                )
                + 22
                for r in rows
            ]
            if sum(heights) <= bottom - y:
                break
        tallest = max(heights, default=0.0)
        if tallest * len(rows) <= bottom - y:  # rows of one height when they fit: a calmer grid
            heights = [tallest] * len(rows)
        spare = max(0.0, (bottom - y - sum(heights)) / max(1, len(rows)))
        heights = [h + min(spare, 40.0) for h in heights]
        top = y
        for r_index, (row, row_h) in enumerate(zip(rows, heights, strict=True)):
            if r_index % 2 == 0:
                p.fillRect(QRectF(MARGIN, top, W - 2 * MARGIN, row_h), QColor(self.s.panel))
            colours = self.s.markers.get(PRESENCE_COLOURS.get(row.marker, row.marker), self.s.markers["none"])
            if reveal:
                centre = QPointF(MARGIN + gutter / 2, top + row_h / 2)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(colours[0]))
                p.drawEllipse(centre, 24, 24)
                self.text(
                    p,
                    QRectF(centre.x() - 24, centre.y() - 24, 48, 48),
                    row.symbol,
                    font(30, bold=True),
                    colours[1],
                    Qt.AlignmentFlag.AlignCenter,
                )
            self.text(
                p,
                QRectF(MARGIN + gutter, top, label_w - 16, row_h),
                row.label,
                label_f,
                self.s.text,
                Qt.AlignmentFlag.AlignVCenter,
            )
            for x, cell in zip(xs, row.cells, strict=True):
                doc = rich(self.cell_html(cell, reveal), cell_f, col_w - 24)
                draw_doc(p, doc, x + 12, top + (row_h - doc.size().height()) / 2, self.s.text)
            top += row_h
        bottom = top
        if slide.extras and (slide.shows(NEW, step) or NEW not in slide.steps):
            yy = bottom + 28
            f = font(20, bold=True)
            f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
            self.text(p, QRectF(MARGIN, yy, 900, 30), "New in one episode only".upper(), f, self.s.accent)
            yy += 36
            for head, text in slide.extras:
                body = f'<b style="color:{self.s.date}">{html.escape(head)}:</b> {html.escape(text)}'
                doc = rich(f"<p>{body}</p>", font(26), W - 2 * MARGIN)
                draw_doc(p, doc, MARGIN, yy, self.s.text)
                yy += doc.size().height() + 10

    def cell_html(self, cell, reveal: bool) -> str:
        if cell.empty:
            return f'<p style="color:{self.s.faint}"><i>{html.escape(cell.text)}</i></p>'
        text = html.escape(cell.text)
        if reveal:
            for word in cell.emphasis:  # the terms only this cell has: underlined in the marker colour
                w = html.escape(word)
                colour = self.s.markers["changed"][1]
                text = text.replace(w, f'<span style="color:{colour}; text-decoration:underline">{w}</span>', 1)
        return f"<p>{text}</p>"


# ====================================================================== state


class Presentation(QObject):
    """Where the class is: slide, build step, blank screen, zoom, a slide number being typed."""

    changed = Signal()

    def __init__(self, deck: Deck, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.index = 0
        self.step = 0
        self.blank = ""  # "" | "black" | "white"
        self.zoom = False
        self.typed: str | None = None  # digits of a jump; "" after G
        self.clock = QElapsedTimer()
        self.clock.start()

    def slide(self, index: int | None = None) -> Slide | None:
        index = self.index if index is None else index
        return self.deck.slides[index] if 0 <= index < len(self.deck.slides) else None

    def _set(self, index: int, step: int) -> None:
        if not self.deck.slides:
            return
        index = max(0, min(index, len(self.deck.slides) - 1))
        self.index, self.step, self.zoom = index, max(0, min(step, self.deck.slides[index].last_step())), False
        self.changed.emit()

    def next(self) -> None:
        slide = self.slide()
        if slide is not None and self.step < slide.last_step():
            self.step += 1
            self.changed.emit()
        elif self.index < len(self.deck.slides) - 1:
            self._set(self.index + 1, 0)

    def previous(self) -> None:
        if self.step > 0:
            self.step -= 1
            self.changed.emit()
        elif self.index > 0:
            self._set(self.index - 1, self.deck.slides[self.index - 1].last_step())

    def first(self) -> None:
        self._set(0, 0)

    def last(self) -> None:
        self._set(len(self.deck.slides) - 1, 0)

    def go(self, number: int) -> None:
        """Jump to slide ``number`` (1-based), unbuilt."""
        self._set(number - 1, 0)

    def set_blank(self, kind: str) -> None:
        self.blank = "" if self.blank == kind else kind
        self.changed.emit()

    def toggle_zoom(self) -> None:
        slide = self.slide()
        self.zoom = not self.zoom and slide is not None and bool(slide.quotes)
        self.changed.emit()

    def preview(self) -> tuple[int, int]:
        """(index, step) that "next" would show, for the presenter view."""
        slide = self.slide()
        if slide is not None and self.step < slide.last_step():
            return self.index, self.step + 1
        return self.index + 1, 0

    def key(self, key: int, text: str = "") -> str:
        """Act on a key; return what the window must do itself ("leave", "fullscreen",
        "presenter"), "done" when handled here, or "" for a key that means nothing."""
        key = Qt.Key(key)
        if self.blank:  # any key brings the class back
            self.blank = ""
            self.changed.emit()
            return "done"
        if self.typed is not None:
            if text.isdigit():
                self.typed += text
            elif key == Qt.Key.Key_Backspace:
                self.typed = self.typed[:-1] if self.typed else None
            elif key in ENTER:
                typed, self.typed = self.typed, None
                if typed:
                    self.go(int(typed))
            elif key == Qt.Key.Key_Escape:
                self.typed = None
            else:
                self.typed = None
                return self.key(key, text)
            self.changed.emit()
            return "done"
        if text.isdigit():
            self.typed = text
        elif key == Qt.Key.Key_G:
            self.typed = ""
        elif key in NEXT or key in ENTER:
            self.next()
        elif key in PREVIOUS:
            self.previous()
        elif key == Qt.Key.Key_Home:
            self.first()
        elif key == Qt.Key.Key_End:
            self.last()
        elif key in (Qt.Key.Key_B, Qt.Key.Key_Period):
            self.set_blank("black")
        elif key in (Qt.Key.Key_W, Qt.Key.Key_Comma):
            self.set_blank("white")
        elif key in (Qt.Key.Key_Z, Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            if key != Qt.Key.Key_Minus or self.zoom:
                self.toggle_zoom()
        elif key == Qt.Key.Key_F:
            return "fullscreen"
        elif key == Qt.Key.Key_S:
            return "presenter"
        elif key == Qt.Key.Key_Escape:
            return "leave"
        else:
            return ""
        self.changed.emit()
        return "done"


# ====================================================================== widgets


class SlideCanvas(QWidget):
    """Paints one slide at one step (the presenter view's current and next previews)."""

    def __init__(self, parent: QWidget | None = None, theme: str = "dark") -> None:
        super().__init__(parent)
        self.painter = SlidePainter(theme)
        self.slide: Slide | None = None
        self.step = 0
        self.caption = ""
        self.setMinimumSize(192, 108)

    def show_slide(self, slide: Slide | None, step: int, caption: str = "") -> None:
        self.slide, self.step, self.caption = slide, step, caption
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        if self.slide is None:
            p.setPen(QColor("#B4B8BF"))
            p.setFont(font(max(12, self.height() / 12)))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.caption or "End of the lesson")
        else:
            self.painter.paint(p, QRectF(self.rect()), self.slide, self.step)
        p.end()


class SlideView(QWidget):
    """The audience's window: the current slide full screen, the keys, the clicks."""

    leave_requested = Signal()
    presenter_requested = Signal()

    def __init__(self, presentation: Presentation, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.presentation = presentation
        self.painter = SlidePainter("dark")
        self.setObjectName("SlideView")
        self.setWindowTitle(f"{presentation.deck.title} — Overtures")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(640, 360)
        self.notice = ""
        self._notice_timer = QTimer(self, singleShot=True, interval=8000, timeout=self._clear_notice)
        self._cursor_timer = QTimer(self, singleShot=True, interval=2500, timeout=self._hide_cursor)
        presentation.changed.connect(self.update)

    # -- for tests and the presenter view
    def current_index(self) -> int:
        return self.presentation.index

    def step_index(self) -> int:
        return self.presentation.step

    def visible_title(self) -> str:
        slide = self.presentation.slide()
        return "" if slide is None or self.presentation.blank else slide.title

    def visible_text(self) -> str:
        slide = self.presentation.slide()
        if slide is None or self.presentation.blank:
            return ""
        if self.presentation.zoom:
            return "\n".join(f"{q.text} — {q.source}" for q in slide.quotes)
        return slide.plain_text(self.presentation.step)

    def show_notice(self, text: str) -> None:
        """A short message over the slides (what a lesson file left out), fading after a while."""
        self.notice = text
        self._notice_timer.start()
        self.update()

    def _clear_notice(self) -> None:
        self.notice = ""
        self.update()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # -- events
    def keyPressEvent(self, event) -> None:
        action = self.presentation.key(event.key(), event.text())
        if action == "leave":
            self.leave_requested.emit()
        elif action == "fullscreen":
            self.toggle_full_screen()
        elif action == "presenter":
            self.presenter_requested.emit()
        elif not action:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        p = self.presentation
        if p.blank:
            p.key(Qt.Key.Key_Space)
        elif event.button() == Qt.MouseButton.LeftButton:
            p.next()
        elif event.button() == Qt.MouseButton.RightButton:
            p.previous()

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.presentation.next() if delta < 0 else self.presentation.previous()

    def mouseMoveEvent(self, event) -> None:
        self.unsetCursor()
        self._cursor_timer.start()

    def _hide_cursor(self) -> None:
        if self.isFullScreen():
            self.setCursor(Qt.CursorShape.BlankCursor)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        pres = self.presentation
        if pres.blank:
            p.fillRect(self.rect(), QColor("#000000" if pres.blank == "black" else "#FFFFFF"))
            p.end()
            return
        slide = pres.slide()
        self.painter.paint(p, QRectF(self.rect()), slide, pres.step, pres.index + 1, len(pres.deck.slides), pres.zoom)
        if slide is None:
            p.setPen(QColor("#B4B8BF"))
            p.setFont(font(self.height() / 24))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "This lesson has no slide to show")
        overlay = f"Go to slide: {pres.typed}▏" if pres.typed is not None else self.notice
        if overlay:
            scale = self.height() / H
            f = font(26 * scale)
            p.setFont(f)
            box = p.boundingRect(QRectF(0, 0, self.width() * 0.8, self.height()), WRAP, overlay)
            box = QRectF(24 * scale, 24 * scale, box.width() + 40 * scale, box.height() + 24 * scale)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 210))
            p.drawRoundedRect(box, 10 * scale, 10 * scale)
            p.setPen(QColor("#F4F4F2"))
            p.drawText(box.adjusted(20 * scale, 12 * scale, -20 * scale, -12 * scale), WRAP, overlay)
        p.end()
