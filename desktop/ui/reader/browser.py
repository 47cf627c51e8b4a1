"""The text browser of a reader pane: actor and date links reported, nothing loaded, and
lines kept to a comfortable measure however wide the pane."""

from __future__ import annotations

import math
import time
from urllib.parse import parse_qs, unquote, urlparse

import shiboken6
from PySide6.QtCore import QPoint, QSizeF, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QFrame, QMenu, QWidget

from desktop.core.annotate.document import SERIF_FAMILIES
from desktop.ui.shell.offline import OfflineBrowser

#: The longest line the reader draws, in average characters of the reading font: a wide pane
#: centres its text between margins that follow the width (on a 4K screen lines would run to
#: 250 characters). Set as the document's side margins, so marks and scrolling are the document's.
MEASURE_CHARS = 90
#: The longest a turn of the event loop lays a taken document out for (seconds).
LAYOUT_SLICE = 0.012
#: The fewest and most characters laid out in one slice (the first slice lays out the least).
SLICE_CHARS = (2_000, 200_000)


def reading_font(point_size: float) -> QFont:
    font = QFont()
    font.setFamilies(list(SERIF_FAMILIES))
    font.setPointSizeF(point_size)
    return font


class ArticleBrowser(OfflineBrowser):
    """A text browser that reports clicks on actors and dates instead of following links, and
    loads nothing an article's HTML points at (see :mod:`desktop.ui.shell.offline`)."""

    actor_clicked = Signal(str, str, int)  # actor id (or "unlinked:Name"), article id, start
    date_clicked = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(28)
        self.measure_chars: int | None = None  # a reader pane's: MEASURE_CHARS (the comparison: none)
        self.set_reading_margins()
        self._taken: QTextDocument | None = None  # the document of take_document, while shown
        self._unlaid = None  # its first block not laid out yet
        self._slice_chars = SLICE_CHARS[0]  # what one slice lays out, fitted to LAYOUT_SLICE
        self.extend_menu = None  # called with (menu, href under the pointer) before a context menu shows

    def take_document(self, doc: QTextDocument) -> None:
        """Show ``doc`` (a long article's, built off the UI thread) without laying it all out now.

        Qt lays a document out lazily, a step per 10 ms, but each step twice the last (up to
        200,000 characters: a freeze of a tenth of a second and more). The document's layout is
        made here at the viewport's width, so the pane's ``setDocument`` starts from it and lays
        out only what it shows; the rest is laid out :data:`LAYOUT_SLICE` at a time, block by
        block, by :meth:`_lay_out_more`, each of which also brings Qt's own step back to its first
        size (a block marked changed restarts it). The document taken before is deleted."""
        old, self._taken, self._unlaid = self._taken, doc, None
        doc.setPageSize(QSizeF(self.viewport().width(), -1))
        doc.documentLayout()  # the first step only: a few blocks
        self.setDocument(doc)
        if old is not None and old is not doc and shiboken6.isValid(old):
            old.deleteLater()
        self._unlaid, self._slice_chars = doc.begin(), SLICE_CHARS[0]
        QTimer.singleShot(0, self._lay_out_more)

    @property
    def laying_out(self) -> bool:
        """A taken document is still being laid out (its height, and a scroll fraction, will grow)."""
        return self._unlaid is not None and self._taken is not None and self.document() is self._taken

    def _lay_out_more(self) -> None:
        """One slice of the layout: the next blocks, about :data:`LAYOUT_SLICE` of work (in one
        call, each call into Qt being a wait for the interpreter lock when a worker thread runs)."""
        if not shiboken6.isValid(self) or not self.laying_out:
            return  # laid out, or its text replaced meanwhile
        first, block, chars = self._unlaid, self._unlaid, 0
        while block.isValid() and chars < self._slice_chars:
            chars += block.length()
            block = block.next()
        start = time.perf_counter()
        self.document().markContentsDirty(first.position(), chars)  # lays them out; Qt's step restarts
        spent = max(time.perf_counter() - start, 1e-4)
        self._slice_chars = min(SLICE_CHARS[1], max(SLICE_CHARS[0], int(chars * LAYOUT_SLICE / spent)))
        self._unlaid = block if block.isValid() else None
        if self._unlaid is not None:
            QTimer.singleShot(0, self._lay_out_more)

    def lay_out_all(self) -> None:
        """The whole document laid out now and the scroll bar's range set from it (a reading
        position kept as a fraction of the whole needs the whole; Qt would set the range a turn
        later)."""
        self._unlaid = None
        height = self.document().documentLayout().documentSize().height()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, math.ceil(height) - self.viewport().height()))

    def setHtml(self, html: str) -> None:  # new text: the blocks left to lay out are gone
        self._unlaid = None
        super().setHtml(html)

    def clear(self) -> None:
        self._unlaid = None
        super().clear()

    def contextMenuEvent(self, event) -> None:
        """The standard menu, with what :attr:`extend_menu` adds for the highlight under the pointer
        (under the text cursor when the keyboard asked for the menu)."""
        if event.reason() == event.Reason.Keyboard:
            self.menu_at_cursor()
            return
        self._show_menu(event.pos(), self.anchorAt(event.pos()))

    def menu_at_cursor(self) -> None:
        self._show_menu(self.cursorRect().center(), self.textCursor().charFormat().anchorHref())

    def _show_menu(self, pos: QPoint, href: str) -> None:
        menu = self.createStandardContextMenu(pos)
        if self.extend_menu is not None:
            self.extend_menu(menu, href)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.open_menu(menu, self.viewport().mapToGlobal(pos))

    def open_menu(self, menu: QMenu, where: QPoint) -> None:
        menu.popup(where)

    def set_reading_margins(self) -> None:
        """Less room above and below than at the sides (the document margin, 28 px, or what keeps
        a line to :data:`MEASURE_CHARS`); call after ``setHtml``, which resets them."""
        root = self.document().rootFrame()
        frame = root.frameFormat()
        side = self.side_margin()
        if (frame.topMargin(), frame.bottomMargin(), frame.leftMargin(), frame.rightMargin()) == (10, 14, side, side):
            return  # as they are: a new frame format would lay the whole document out again
        frame.setTopMargin(10)
        frame.setBottomMargin(14)
        frame.setLeftMargin(side)
        frame.setRightMargin(side)
        root.setFrameFormat(frame)

    def side_margin(self, font: QFont | None = None, width: int | None = None) -> int:
        """The root frame's side margin that centres a line of :attr:`measure_chars` (of ``font``,
        else the document's) in the viewport (or ``width``); the document margin (28 px) when it is
        narrower or the browser has no measure."""
        margin = self.document().documentMargin()
        if not self.measure_chars:
            return int(margin)
        font = font if font is not None else self.document().defaultFont()
        measure = QFontMetricsF(font).averageCharWidth() * self.measure_chars
        width = self.viewport().width() if width is None else width
        return int(max(margin, (width - measure) / 2))

    def scrolled_width(self) -> int:
        """The viewport's width with the vertical scroll bar shown (a long document's)."""
        bar = self.verticalScrollBar()
        return self.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())

    def resizeEvent(self, event) -> None:  # the viewport's resizes come here too
        super().resizeEvent(event)
        if self.measure_chars:
            self.set_reading_margins()

    def _on_anchor(self, url: QUrl) -> None:
        parsed = urlparse(url.toString())
        query = parse_qs(parsed.query)
        start = int(query.get("start", ["0"])[0] or 0)
        if parsed.scheme == "actor":
            self.actor_clicked.emit(unquote(parsed.path), unquote(query.get("article", [""])[0]), start)
        elif parsed.scheme == "date":
            self.date_clicked.emit(unquote(parsed.path), start)
