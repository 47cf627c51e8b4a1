"""Painting a slide: :class:`SlidePainter` draws a slide at a build step on any QPainter.

The same painter serves the screen, the presenter view's previews and the PDF handout: it
lays the slide out on the :mod:`~desktop.ui.present.canvas` and scales it into the rectangle given.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QTextDocument

from desktop.core.annotate import palette
from desktop.core.annotate.document import SANS_FAMILIES
from desktop.core.episodes.timeline import TimelineItem, layout
from desktop.core.present.slides import COUNTERPART, HIGHLIGHTS, MARKERS, NEW, NOTE, QUOTE, VERDICT, Quote, Slide
from desktop.ui.present import readernote
from desktop.ui.present.canvas import (
    MARGIN,
    PRESENCE_COLOURS,
    SCHEMES,
    WRAP,
    H,
    W,
    draw_doc,
    fit_font,
    font,
    rich,
    text_height,
)


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
                {
                    "title": self.title,
                    "episode": self.episode,
                    "comparison": self.table,
                    "motifs": self.table,
                    "coverage": self.table,
                }[slide.kind](p, slide, step)
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
        self.episode_head(p, slide)
        self.cast(p, slide, step)
        note = readernote.layout(slide.reader_note) if slide.reader_note else None
        self.evidence(p, slide, step, min(905.0, note.rect.top() - 20) if note is not None else 905.0)
        if note is not None and slide.shows(NOTE, step):  # the reader's note, where the strip was
            readernote.paint(p, note, self.s)
        elif slide.strip is not None:
            self.strip(p, QRectF(MARGIN, 932, W - 2 * MARGIN - 180, 90), slide.strip)

    def episode_head(self, p: QPainter, slide: Slide) -> None:
        """The date in large type, the title and the dates in words beside it."""
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

    def cast(self, p: QPainter, slide: Slide, step: int) -> None:
        """Messenger -> counterpart: natural widths when they fit, else squeezed in proportion."""
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

    def evidence(self, p: QPainter, slide: Slide, step: int, bottom: float = 905.0) -> None:
        """Quotes, and the sources' verdict beside them (wider for the longer text), above ``bottom``."""
        top = 530.0
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

    def verdict(self, p: QPainter, rect: QRectF, slide: Slide) -> None:
        f = font(20, bold=True)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        inner = rect.adjusted(28, 24, -28, -20)
        label = slide.verdict_label.upper()
        head = text_height(label, f, inner.width())
        body = inner.adjusted(0, head + 14, 0, 0)
        for px in range(32, 19, -2):  # 20 px at the least: room for a note of the reader below
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
        grid = _Grid.of(len(slide.columns))
        y = 236.0
        for x, column in zip(grid.xs, slide.columns, strict=True):
            self.text(p, QRectF(x + 12, y, grid.col_w - 24, 40), column.label, font(30, bold=True), self.s.text)
            self.text(p, QRectF(x + 12, y + 40, grid.col_w - 24, 64), column.date_words, font(22), self.s.date)
        y += 108
        bottom = H - 76.0
        if slide.extras:
            bottom -= 44 + sum(text_height(f"{h}: {t}", font(26), W - 2 * MARGIN) + 10 for h, t in slide.extras)
        heights, cell_f, label_f = _row_heights(slide.rows, grid, bottom - y)
        top = y
        for r_index, (row, row_h) in enumerate(zip(slide.rows, heights, strict=True)):
            if r_index % 2 == 0:
                p.fillRect(QRectF(MARGIN, top, W - 2 * MARGIN, row_h), QColor(self.s.panel))
            if reveal:
                self.marker(p, row, QPointF(MARGIN + grid.gutter / 2, top + row_h / 2))
            label_box = QRectF(MARGIN + grid.gutter, top, grid.label_w - 16, row_h)
            self.text(p, label_box, row.label, label_f, self.s.text, Qt.AlignmentFlag.AlignVCenter)
            for x, cell in zip(grid.xs, row.cells, strict=True):
                doc = rich(self.cell_html(cell, reveal), cell_f, grid.col_w - 24)
                draw_doc(p, doc, x + 12, top + (row_h - doc.size().height()) / 2, self.s.text)
            top += row_h
        if slide.extras and (slide.shows(NEW, step) or NEW not in slide.steps):
            self.extras(p, slide, top + 28)

    def marker(self, p: QPainter, row, centre: QPointF) -> None:
        """A row's marker: its symbol in a disc of the marker's colour."""
        colours = self.s.markers.get(PRESENCE_COLOURS.get(row.marker, row.marker), self.s.markers["none"])
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(colours[0]))
        p.drawEllipse(centre, 24, 24)
        box = QRectF(centre.x() - 24, centre.y() - 24, 48, 48)
        self.text(p, box, row.symbol, font(30, bold=True), colours[1], Qt.AlignmentFlag.AlignCenter)

    def extras(self, p: QPainter, slide: Slide, y: float) -> None:
        """The lines under a table: the motifs new in one episode only."""
        f = font(20, bold=True)
        f.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 2)
        self.text(p, QRectF(MARGIN, y, 900, 30), "New in one episode only".upper(), f, self.s.accent)
        y += 36
        for head, text in slide.extras:
            body = f'<b style="color:{self.s.date}">{html.escape(head)}:</b> {html.escape(text)}'
            doc = rich(f"<p>{body}</p>", font(26), W - 2 * MARGIN)
            draw_doc(p, doc, MARGIN, y, self.s.text)
            y += doc.size().height() + 10

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


@dataclass(frozen=True)
class _Grid:
    """A table's columns on the canvas: the marker gutter, the label column, one column per episode."""

    gutter: float
    label_w: float
    col_w: float
    xs: tuple[float, ...]

    @classmethod
    def of(cls, columns: int) -> _Grid:
        n = max(1, columns)
        gutter, label_w = 72.0, 330.0
        col_w = (W - 2 * MARGIN - gutter - label_w) / n
        return cls(gutter, label_w, col_w, tuple(MARGIN + gutter + label_w + i * col_w for i in range(n)))


def _row_heights(rows, grid: _Grid, room: float) -> tuple[list[float], QFont, QFont]:
    """One size for every cell: the largest at which every row, each as tall as it needs, fits.

    Returns the rows' heights and the cell and label fonts.
    """
    for px in range(30, 21, -2):
        cell_f, label_f = font(px), font(min(px, 28), bold=True)
        heights = [
            max(
                [text_height(c.text, cell_f, grid.col_w - 24) for c in r.cells]
                + [text_height(r.label, label_f, grid.label_w - 16)]
            )
            + 22
            for r in rows
        ]
        if sum(heights) <= room:
            break
    tallest = max(heights, default=0.0)
    if tallest * len(rows) <= room:  # rows of one height when they fit: a calmer grid
        heights = [tallest] * len(rows)
    spare = max(0.0, (room - sum(heights)) / max(1, len(rows)))
    return [h + min(spare, 40.0) for h in heights], cell_f, label_f
