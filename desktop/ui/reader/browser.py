"""The text browser of a reader pane: actor and date links reported, nothing loaded, and
lines kept to a comfortable measure however wide the pane."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QFrame, QMenu, QWidget

from desktop.core.annotate.document import SERIF_FAMILIES
from desktop.ui.shell.offline import OfflineBrowser

#: The longest line the reader draws, in average characters of the reading font: a wide pane
#: centres its text between margins that follow the width (on a 4K screen lines would run to
#: 250 characters). Set as the document's side margins, so marks and scrolling are the document's.
MEASURE_CHARS = 90


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
        self.extend_menu = None  # called with (menu, href under the pointer) before a context menu shows

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
