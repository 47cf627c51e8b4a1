"""The comparison as a PDF handout: running header, page numbers, full pages.

Qt's own ``QTextDocument.print_`` has no running headers, so pages are laid out here: the
document is paginated to the body area of the page (:mod:`desktop.ui.compare.paginate`: a
row that crosses the foot of a page continues on the next one under its repeated label, a
heading keeps with what follows), and each page is painted with its header and footer.
Text stays text (searchable, fonts embedded as subsets by Qt's PDF engine).
Needs a QGuiApplication (the command line makes an offscreen one); no window is shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from desktop import APP_NAME
from desktop.core.annotate import palette
from desktop.core.annotate.document import SANS_FAMILIES, SERIF_FAMILIES
from desktop.core.compare.html import SECTIONS, comparison_html
from desktop.core.compare.records import Comparison
from desktop.core.episodes.timeline import TimelineItem, layout
from desktop.core.files.fileio import WriteError, atomic_path
from desktop.ui.compare.paginate import paginate
from desktop.ui.shell.offline import OfflineDocument

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
RESOLUTION = 300  # dots per inch of the PDF's coordinate system
STRIP_NAME = "overtures-timeline-strip.png"
COMPARISON_FOOTER = (
    "Markers:  = same in all   ≠ changed   ◐ in some only   ∅ nowhere   ·   [n] sources, listed at the end"
)
COVERAGE_FOOTER = "Markers:  = same in all sources   ≠ differs   ·   sources listed on the first page"
SUMMARY_FOOTER = "Markers:  = same in all   ≠ changed   ◐ in some only   ∅ nowhere   ·   [n] sources, listed below"
#: The one-page summary (issue 14): none, as the handout's first page, or the summary alone.
SUMMARY_MODES = ("", "first", "only")
#: How much the summary page may be shrunk to fit one page, and by how much at a time.
MAX_ZOOM, ZOOM_STEP = 3.0, 1.08


def _font(families: Sequence[str], points: float, bold: bool = False, *, pixels: bool = False) -> QFont:
    """A font; with ``pixels`` its size is set for painting in 96-dpi units (page furniture)."""
    font = QFont()
    font.setFamilies(list(families))
    if pixels:
        font.setPixelSize(max(1, round(points * 96 / 72)))
    else:
        font.setPointSizeF(points)
    font.setBold(bold)
    return font


def timeline_strip(
    all_items: Sequence[TimelineItem], compared: Mapping[str, tuple[int, str]], width: int = 1800
) -> QImage:
    """A strip locating the compared episodes (labelled) among all the others (grey dots)."""
    rows = [("all", "")]
    items = [TimelineItem(i.id, i.title, i.first, i.last, "all", i.side, "", "", 1) for i in all_items]
    if not items:
        return QImage()
    placed = layout(items, rows, width)
    height = 150
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    axis_y = 92
    painter.setPen(QPen(QColor("#9A9A9A"), 2))
    for cluster in placed.clusters:
        painter.drawLine(QPointF(cluster.x0, axis_y), QPointF(cluster.x1, axis_y))
        painter.setFont(_font(SANS_FAMILIES, 15, bold=True))
        painter.setPen(QColor("#333333"))
        painter.drawText(
            QRectF(cluster.x0, axis_y + 10, max(60.0, cluster.width), 28),
            Qt.AlignmentFlag.AlignLeft,
            cluster.label,
        )
        painter.setPen(QPen(QColor("#9A9A9A"), 2))
    for gap in placed.breaks:
        painter.setPen(QPen(QColor("#B0B0B0"), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(gap.x0 + 4, axis_y), QPointF(gap.x1 - 4, axis_y))
        painter.setFont(_font(SANS_FAMILIES, 11))
        painter.setPen(QColor("#777777"))
        painter.drawText(
            QRectF(gap.x0 - 30, axis_y + 36, gap.x1 - gap.x0 + 60, 22),
            Qt.AlignmentFlag.AlignHCenter,
            gap.label,
        )
    for p in placed.items:
        x = (p.x0 + p.x1) / 2
        if p.item.id in compared:
            continue
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#C8C8C8"))
        painter.drawEllipse(QPointF(x, axis_y), 6, 6)
    label_font = _font(SANS_FAMILIES, 13, bold=True)
    for p in placed.items:
        if p.item.id not in compared:
            continue
        number, text = compared[p.item.id]
        x = (p.x0 + p.x1) / 2
        painter.setPen(QPen(QColor("#1D1D1F"), 2))
        painter.setBrush(QColor(palette.colour(p.item.side)))
        painter.drawEllipse(QPointF(x, axis_y), 13, 13)
        painter.setFont(label_font)
        painter.drawText(QRectF(x - 13, axis_y - 13, 26, 26), Qt.AlignmentFlag.AlignCenter, str(number))
        if not text:
            continue
        text = f"{number}  {text}"
        width_text = QFontMetricsF(label_font).horizontalAdvance(text) + 8
        left = min(max(4.0, x - width_text / 2), width - width_text - 4)
        painter.drawText(QRectF(left, axis_y - 62, width_text, 40), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return image


@dataclass(frozen=True)
class Handout:
    """What the PDF shows, made in pure Python (safe on a worker thread): HTML and page text."""

    html: str
    subjects: str
    compared: dict[str, tuple[int, str]]
    timeline: Sequence[TimelineItem] = ()
    paper: str = "a4"
    title: str = "Comparison of episodes"
    footer: str = COMPARISON_FOOTER
    summary_html: str = ""  # the one-page summary, painted first ("" none); ``html`` "" for it alone


def prepare_handout(
    comparison: Comparison,
    analyses: Mapping,
    *,
    sides: Mapping | None = None,
    timeline: Sequence[TimelineItem] = (),
    paper: str = "a4",
    title: str = "Comparison of episodes",
    exported: dt.date | None = None,
    summary: str = "",
) -> Handout:
    """The handout's HTML and running text; no Qt object is made, so any thread may call it.

    ``summary``: "first" begins the handout with the one-page summary (and leaves "In brief" out
    of the pages that follow), "only" makes the summary the whole handout.
    """
    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    if summary not in SUMMARY_MODES:
        raise ValueError(f"unknown summary {summary!r}; use one of {', '.join(m for m in SUMMARY_MODES if m)}")
    exported = exported or dt.date.today()
    subjects = " · ".join(s.label for s in comparison.subjects)
    on_paper = f"Exported on {exported.day} {exported:%B %Y} from {APP_NAME}."
    page = _summary_page(comparison, analyses, sides, title, on_paper, summary)
    if summary == "only":
        return Handout("", subjects, {}, (), paper, title, SUMMARY_FOOTER, page)
    sections = [s for s in SECTIONS if s != "summary"] if summary else SECTIONS
    html = comparison_html(comparison, analyses, "light", for_print=True, sides=sides, title=title, sections=sections)
    strip_html = ""
    compared: dict[str, tuple[int, str]] = {}
    for number, subject in enumerate(comparison.subjects, 1):
        for position, episode_id in enumerate(subject.episodes):
            compared[episode_id] = (number, subject.label if position == 0 else "")
    if timeline:
        strip_html = f'<h3>Where the episodes sit in time</h3><p><img src="{STRIP_NAME}" width="900"></p>'
    intro = (
        f'<p style="color:#555555">{subjects}<br>{on_paper} '
        "Every extract is quoted from the sources and numbered; the sources are listed at the end.</p>"
    )
    html = html.replace("</h2>", "</h2>" + intro + strip_html, 1)
    return Handout(html, subjects, compared, tuple(timeline), paper, title, summary_html=page)


def _summary_page(comparison: Comparison, analyses: Mapping, sides, title: str, on_paper: str, summary: str) -> str:
    """The one-page summary's HTML ("" when the handout has none)."""
    if not summary:
        return ""
    from desktop.core.compare.summary_page import summary_page_html

    what = "The full comparison follows." if summary == "first" else "A one-page summary of the comparison."
    intro = f'<p class="note">{on_paper} {what} Every sentence names the rows of the table it is written from.</p>'
    return summary_page_html(comparison, analyses, sides=sides, title=title, intro=intro)


class HandoutPainter:
    """Lays a :class:`Handout` out for a PDF file and paints it one page at a time.

    Makes Qt GUI objects (QPdfWriter, QTextDocument, fonts): use it on the UI thread (or a
    command line's only thread). ``paint_page`` in order 0 … ``pages - 1``, then ``close``.
    """

    header_h = 40.0
    footer_h = 40.0

    def __init__(self, tmp: str | Path, handout: Handout, path: str | Path | None = None) -> None:
        self.handout = handout
        writer = self.writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setTitle(f"{handout.title}: {handout.subjects}")
        writer.setCreator(APP_NAME)
        margins = QMarginsF(16, 14, 16, 14)
        writer.setPageLayout(
            QPageLayout(
                QPageSize(PAPERS[handout.paper]),
                QPageLayout.Orientation.Landscape,
                margins,
                QPageLayout.Unit.Millimeter,
            )
        )
        page = self.page = writer.pageLayout().paintRectPixels(RESOLUTION)
        scale = self.scale = RESOLUTION / 96.0  # the document is laid out at screen scale, painted at 300 dpi
        self.body = QSizeF(page.width() / scale, (page.height() - (self.header_h + self.footer_h) * scale) / scale)

        self.summary, self.zoom = self._fitted(handout.summary_html) if handout.summary_html else (None, 1.0)
        self.doc = self._body(handout) if handout.html else None
        self.lead = 1 if self.summary is not None else 0  # pages before the body's
        self.pages = self.lead + (self.doc.pageCount() if self.doc is not None else 0)

        self.painter = QPainter()
        if not self.painter.begin(writer):
            raise WriteError(f"cannot write {path or tmp}: the PDF could not be started")

    def _document(self, html: str) -> OfflineDocument:
        doc = OfflineDocument()
        doc.setDefaultFont(_font(SERIF_FAMILIES, 8.5))
        doc.setDocumentMargin(0)
        if self.handout.timeline and STRIP_NAME in html:
            doc.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(STRIP_NAME),
                timeline_strip(self.handout.timeline, self.handout.compared),
            )
        doc.setHtml(html)
        root = doc.rootFrame().frameFormat()
        root.setMargin(0)
        doc.rootFrame().setFrameFormat(root)
        return doc

    def _body(self, handout: Handout) -> OfflineDocument:
        """The handout's body laid out to the body area, paginated (a row that goes on, a heading kept)."""
        doc = self._document(handout.html)
        doc.setPageSize(self.body)
        paginate(doc, self.body.height())
        return doc

    def _fitted(self, html: str) -> tuple[OfflineDocument, float]:
        """The summary laid out on one page: on a larger page if need be, painted smaller (the zoom)."""
        doc = self._document(html)
        zoom = 1.0
        while True:
            doc.setPageSize(QSizeF(self.body.width() * zoom, self.body.height() * zoom))
            if doc.pageCount() <= 1 or zoom >= MAX_ZOOM:
                return doc, zoom
            zoom *= ZOOM_STEP

    def paint_page(self, number: int) -> None:
        painter, page = self.painter, self.page
        if number:
            self.writer.newPage()
        _page_furniture(
            painter,
            page.width(),
            page.height(),
            self.scale,
            self.header_h,
            self.footer_h,
            number + 1,
            self.pages,
            self.handout.title,
            self.handout.subjects,
            self.handout.footer,
        )
        if number < self.lead:
            self._paint(self.summary, 0, self.zoom)
        else:
            self._paint(self.doc, number - self.lead, 1.0)

    def _paint(self, doc: QTextDocument, number: int, zoom: float) -> None:
        """Page ``number`` of ``doc`` in the body area (a document laid out ``zoom`` times larger, shrunk)."""
        painter = self.painter
        width, height = self.body.width() * zoom, self.body.height() * zoom
        painter.save()
        painter.scale(self.scale / zoom, self.scale / zoom)
        painter.translate(0, self.header_h * zoom - number * height)
        doc.drawContents(painter, QRectF(0, number * height, width, height - 3 * zoom))
        painter.restore()

    def close(self) -> None:
        """Finish the PDF file (also after an interruption: the caller then removes it)."""
        if self.painter.isActive():
            self.painter.end()


def write_handout(path: str | Path, handout: Handout) -> int:
    """Write ``handout`` to ``path`` atomically, all at once; return the number of pages."""
    path = Path(path)
    with atomic_path(path) as tmp:
        job = HandoutPainter(tmp, handout, path)
        try:
            for number in range(job.pages):
                job.paint_page(number)
        finally:
            job.close()
    return job.pages


def _fitted_line(text: str, room: float, points: float = 7.5, least: float = 5.5) -> tuple[QFont, str]:
    """A font for ``text`` in ``room`` (96-dpi pixels): smaller, down to ``least`` points, then elided."""
    while True:
        font = _font(SANS_FAMILIES, points, pixels=True)
        metrics = QFontMetricsF(font)
        if metrics.horizontalAdvance(text) <= room or points <= least:
            return font, metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(room, 0.0))
        points -= 0.5


def _page_furniture(
    painter: QPainter,
    width: float,
    height: float,
    scale: float,
    header_h: float,
    footer_h: float,
    number: int,
    pages: int,
    title: str,
    subjects: str,
    footer: str = COMPARISON_FOOTER,
) -> None:
    """Running header (app, title, subjects) and footer (page N of M, the legend's key)."""
    painter.save()
    painter.scale(scale, scale)
    w = width / scale
    h = height / scale
    painter.setPen(QColor("#555555"))
    heading = _font(SANS_FAMILIES, 7.5, bold=True, pixels=True)
    painter.setFont(heading)
    left = f"{APP_NAME} · {title}"
    painter.drawText(QRectF(0, 0, w, 20), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    room = w - QFontMetricsF(heading).horizontalAdvance(left) - 24
    font, subjects = _fitted_line(subjects, room)
    painter.setFont(font)
    painter.drawText(QRectF(0, 0, w, 20), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, subjects)
    painter.setPen(QPen(QColor("#BBBBBB"), 0.8))
    painter.drawLine(QPointF(0, 26), QPointF(w, 26))
    painter.drawLine(QPointF(0, h - footer_h + 12), QPointF(w, h - footer_h + 12))
    painter.setPen(QColor("#555555"))
    painter.drawText(
        QRectF(0, h - footer_h + 16, w, 20),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        footer,
    )
    painter.drawText(
        QRectF(0, h - footer_h + 16, w, 20),
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        f"Page {number} of {pages}",
    )
    painter.restore()


def comparison_handout(
    episode_set,
    analyses: Mapping,
    *,
    gazetteer=None,
    sides: Mapping | None = None,
    ids: Sequence[str] | None = None,
    paper: str = "a4",
    notes: Sequence = (),
    summary: str = "",
) -> Handout:
    """Compare ``ids`` (the default trio if none) and prepare the handout: pure Python, any thread.

    ``notes`` (the reader's annotations): those on the compared episodes, their cells and their
    sources' passages end the handout as a notes section ("Include notes"). ``summary``: "first"
    begins it with the one-page summary, "only" makes that summary the whole handout.

    Raises ``UnknownEpisodes`` (listing the valid ids) or ``ValueError`` for a wrong number of
    episodes or paper size.
    """
    from desktop.core.compare.handout import build_comparison
    from desktop.core.episodes.timeline_items import timeline_items

    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    comparison = build_comparison(episode_set, analyses, ids)
    items = timeline_items(episode_set, gazetteer)[0] if gazetteer is not None else []
    handout = prepare_handout(comparison, analyses, sides=sides, timeline=items, paper=paper, summary=summary)
    if notes and handout.html:
        from desktop.core.compare.handout_notes import notes_section

        titles = {key: a.article.title for key, a in analyses.items()}
        handout = dataclasses.replace(handout, html=handout.html + notes_section(comparison, notes, titles))
    return handout


def export_comparison(
    path: str | Path,
    episode_set,
    analyses: Mapping,
    *,
    gazetteer=None,
    sides: Mapping | None = None,
    ids: Sequence[str] | None = None,
    paper: str = "a4",
    notes: Sequence = (),
    summary: str = "",
) -> int:
    """Compare ``ids`` (the default trio if none) and write the handout; return its pages.

    Raises ``UnknownEpisodes`` (listing the valid ids), ``ValueError`` for a wrong number of
    episodes or paper size, ``OSError`` when the file cannot be written — before anything
    is written in the first two cases, and leaving nothing behind in the third.
    """
    handout = comparison_handout(
        episode_set, analyses, gazetteer=gazetteer, sides=sides, ids=ids, paper=paper, notes=notes, summary=summary
    )
    return write_handout(path, handout)


def coverage_handout(
    episode_set, analyses: Mapping, episode_id: str, *, paper: str = "a4", exported: dt.date | None = None
) -> Handout:
    """The coverage of one episode as a handout: pure Python, any thread.

    Raises ``UnknownEpisodes`` (listing the valid ids), ``TooFewSources`` or ``ValueError``
    (paper size) before anything is written.
    """
    from desktop.core.compare.coverage_html import coverage_html, coverage_subjects, episode_coverage

    if paper not in PAPERS:
        raise ValueError(f"unknown paper size {paper!r}; use one of {', '.join(PAPERS)}")
    cov = episode_coverage(episode_set, analyses, episode_id)
    exported = exported or dt.date.today()
    html = coverage_html(cov, "light", for_print=True)
    intro = (
        f"<p>{_episode_line(episode_set.get(episode_id), cov)}</p>"
        f'<p style="color:#555555">Exported on {exported.day} {exported:%B %Y} '
        f"from {APP_NAME}. Every sentence is quoted from its source.</p>"
    )
    html = html.replace("</h2>", "</h2>" + intro, 1)
    return Handout(html, coverage_subjects(cov), {}, (), paper, f"Coverage: {cov.title}", COVERAGE_FOOTER)


def _episode_line(episode, cov) -> str:
    """The episode in one line: what, when, where, and by how many sources of which kinds."""
    from desktop.core.compare.html_text import esc

    when = episode.date_words() if episode is not None else ""
    place = f" in {episode.place}" if episode is not None and episode.place else ""
    kinds = list(dict.fromkeys(c.kind for c in cov.columns))
    told = f"told by {len(cov.columns)} sources ({', '.join(kinds)})"
    return f"<b>The episode:</b> {esc(cov.title)}" + (f", {esc(when)}{esc(place)}" if when else "") + f"; {esc(told)}."


def export_coverage(path: str | Path, episode_set, analyses: Mapping, episode_id: str, *, paper: str = "a4") -> int:
    """Write the coverage handout of ``episode_id`` to ``path`` (atomically); return its pages."""
    return write_handout(path, coverage_handout(episode_set, analyses, episode_id, paper=paper))
