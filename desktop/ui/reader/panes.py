"""The reader: one to three articles side by side, each in a pane with its header."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate.document import Highlight
from desktop.ui.library.view import ARTICLE_MIME
from desktop.ui.reader.browser import MEASURE_CHARS, ArticleBrowser, reading_font
from desktop.ui.reader.building import BUILD_OFF_THREAD, LAYING_OUT, DocumentBuilder, Like
from desktop.ui.shell import icons
from desktop.ui.shell.theme import THEME_EVENTS, current_theme

MAX_PANES = 3


class ElidedLabel(QLabel):
    """One line of text, cut with "…" at the label's width; ``text()`` keeps the whole text (it is
    in the tooltip too), so a long title never takes the reader's lines."""

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        rect = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.style().drawItemText(painter, rect, flags, self.palette(), self.isEnabled(), text, self.foregroundRole())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return QSize(80, super().sizeHint().height())


class ReaderPane(QWidget):
    """One article: title, outlet and date above its highlighted text."""

    close_requested = Signal(object)
    focused = Signal(object)
    article_dropped = Signal(object, str)  # pane, article id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article_id: str | None = None
        self.highlights: tuple[Highlight, ...] = ()
        self._shown: tuple | None = None  # (article id, html, css, size) of a long article's document
        self._builder = DocumentBuilder(self)
        self._when_shown: list = []  # what waits for the document being built (a scroll to a mark)

        self.header = QWidget(self)
        self.header.setObjectName("PaneHeader")
        self.title = ElidedLabel(self.header)
        self.title.setObjectName("PaneTitle")
        self.byline = ElidedLabel(self.header)
        self.byline.setObjectName("PaneByline")
        self.close_button = QToolButton(self.header)
        self.close_button.setObjectName("PaneClose")
        self.close_button.setToolTip("Close this pane (Ctrl+W)")
        self.close_button.setAccessibleName("Close pane")
        self.close_button.setIcon(icons.icon("close-pane", current_theme()))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(lambda: self.close_requested.emit(self))

        # one row: the title (bold, cut with "…"), the byline (muted), the close button; the
        # whole of both is in their tooltips, and the reader keeps its lines
        head = QHBoxLayout(self.header)
        head.setContentsMargins(14, 3, 6, 3)
        head.setSpacing(10)
        head.addWidget(self.title, 3)
        head.addWidget(self.byline, 2)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.browser = ArticleBrowser(self)
        self.browser.measure_chars = MEASURE_CHARS
        self.browser.setAccessibleName("Article text")
        self.browser.installEventFilter(self)
        self.browser.viewport().installEventFilter(self)
        self.browser.viewport().setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.browser, 1)

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: the close button's icon in the theme's ink, so it shows on dark too."""
        if event.type() in THEME_EVENTS:
            self.close_button.setIcon(icons.icon("close-pane", current_theme()))
        super().changeEvent(event)

    # -- content
    def show_article(
        self,
        article_id: str,
        title: str,
        byline: str,
        css: str,
        body: str,
        point_size: float = 12.0,
    ) -> None:
        """Show an article; keep the reading position if it is the same article.

        A long article's document is built off the UI thread (:mod:`desktop.ui.reader.building`):
        until it is ready the pane shows what it showed (the same article) or a short note.
        """
        same = article_id == self.article_id
        self.article_id = article_id
        self.title.setText(title)
        self.byline.setText(byline)
        self.title.setToolTip(title)
        self.byline.setToolTip(byline)
        if len(body) > BUILD_OFF_THREAD:
            self._show_long(same, (article_id, body, css, point_size))
            return
        self._builder.cancel()
        restore = self._position() if same else None
        if self._shown is not None:  # a long article's document: emptied, not laid out again in the new font
            self.browser.clear()
        self._shown = None
        self.browser.document().setDefaultFont(reading_font(point_size))
        self.browser.document().setDefaultStyleSheet(css)
        self.browser.setHtml(body)
        self.browser.set_reading_margins()
        self._restore(restore)
        self._run_waiting()

    def _position(self) -> tuple[float, tuple[int, int] | None]:
        """The reading position to keep across a new drawing of the same text: the scroll
        fraction, and the selection (a find hit or a selection survives new highlighting)."""
        cursor = self.browser.textCursor()
        return self.scroll_fraction(), (cursor.anchor(), cursor.position()) if cursor.hasSelection() else None

    def _restore(self, position: tuple[float, tuple[int, int] | None] | None) -> None:
        if position is None:
            return
        fraction, selection = position
        self.set_scroll_fraction(fraction)
        if selection is not None:
            restored = self.browser.textCursor()
            restored.setPosition(min(selection[0], self.browser.document().characterCount() - 1))
            restored.setPosition(
                min(selection[1], self.browser.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor
            )
            self.browser.setTextCursor(restored)

    def _show_long(self, same: bool, what: tuple) -> None:
        """A long article: parsed off the UI thread, then swapped in; nothing is done again if
        the pane shows (or is building) exactly this already."""
        if what == (self._builder.requested if self._builder.pending else self._shown):
            return
        if not same:  # another article: a short note until it is ready, never the last one's text
            self._shown = None
            self.browser.setHtml(LAYING_OUT)
        _article_id, body, css, point_size = what
        font = reading_font(point_size)
        width = self.browser.scrolled_width()  # laid out at the width it will have
        like = Like(self.browser.document(), width, self.browser.side_margin(font, width))
        self._builder.build(what, body, css, font, like, lambda doc: self._swap_in(what, doc, same))

    def _swap_in(self, what: tuple, doc, same: bool) -> None:
        """On the UI thread: the built document (None: the worker failed, drawn here instead)."""
        restore = self._position() if same else None
        if doc is None:
            _article_id, body, css, point_size = what
            self.browser.document().setDefaultFont(reading_font(point_size))
            self.browser.document().setDefaultStyleSheet(css)
            self.browser.setHtml(body)
        else:
            doc.refused = self.browser.refused  # what it refuses to load is the browser's record
            doc.setParent(self.browser)  # owned by the browser: the next setDocument deletes it
            # Its margins and width are those it is laid out with here, once: the scroll bar it
            # needs is shown first (else its showing would narrow the text, and lay it all out again).
            policy = self.browser.verticalScrollBarPolicy()
            self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
            self.browser.take_document(doc)
            self.browser.setVerticalScrollBarPolicy(policy)
        self.browser.set_reading_margins()  # as they are, unless the zoom changed the measure
        self._shown = what
        self._restore(restore)
        self._run_waiting()

    @property
    def building(self) -> bool:
        """A long article's document is being built (what is shown is a note or the last drawing)."""
        return self._builder.pending

    def when_shown(self, call) -> None:
        """``call()`` now, or once the document being built is shown (a scroll to its marks)."""
        if self.building:
            self._when_shown.append(call)
        else:
            call()

    def _run_waiting(self) -> None:
        waiting, self._when_shown = self._when_shown, []
        for call in waiting:
            call()

    def plain_text(self) -> str:
        return self.browser.toPlainText()

    def scroll_fraction(self) -> float:
        if self.browser.laying_out:  # a fraction of the whole, not of what is laid out yet
            self.browser.lay_out_all()
        bar = self.browser.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def set_scroll_fraction(self, fraction: float) -> None:
        if self.browser.laying_out and fraction > 0:
            self.browser.lay_out_all()
        bar = self.browser.verticalScrollBar()
        bar.setValue(round(fraction * bar.maximum()))

    def scroll_to_anchor(self, name: str) -> None:
        """Bring a named anchor into view, a little below the top edge."""
        self.browser.scrollToAnchor(name)
        bar = self.browser.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(max(0, bar.value() - self.browser.viewport().height() // 5))

    def set_current(self, current: bool) -> None:
        self.header.setProperty("current", "true" if current else "false")
        self.header.style().unpolish(self.header)
        self.header.style().polish(self.header)

    def find(self, text: str, backward: bool = False, case: bool = False) -> bool:
        flags = QTextDocument.FindFlag(0)
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        if case:
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.browser.find(text, flags):
            return True
        # Wrap around once.
        cursor = self.browser.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        self.browser.setTextCursor(cursor)
        return self.browser.find(text, flags)

    def count(self, text: str, case: bool = False) -> int:
        if not text:
            return 0
        haystack = self.plain_text()
        return haystack.count(text) if case else haystack.casefold().count(text.casefold())

    # -- events: focus and drops
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            self.focused.emit(self)
        elif kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if event.mimeData().hasFormat(ARTICLE_MIME):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop and event.mimeData().hasFormat(ARTICLE_MIME):
            ids = bytes(event.mimeData().data(ARTICLE_MIME)).decode("utf-8").split("\n")
            event.acceptProposedAction()
            if ids and ids[0]:
                self.article_dropped.emit(self, ids[0])
            return True
        elif kind == QEvent.Type.MouseButtonPress:
            self.focused.emit(self)
        return super().eventFilter(watched, event)


class ReaderArea(QStackedWidget):
    """Up to three panes in a splitter, with synchronized scrolling and an empty state."""

    def sizeHint(self) -> QSize:  # what the main window starts from
        return QSize(760, 460)

    panes_changed = Signal()
    current_changed = Signal(object)  # pane or None
    article_dropped = Signal(str, int)  # article id, pane index (-1 for a new pane)
    actor_clicked = Signal(str, str, int)
    date_clicked = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self._panes: list[ReaderPane] = []
        self._current: ReaderPane | None = None
        self._sync = True
        self._syncing = False

        self.empty = QLabel(
            "<p style='font-size:16px'><b>No article open</b></p>"
            "<p>Open an article from the library — double-click it, press Enter,<br>"
            "or drag it here. Up to three articles sit side by side.</p>",
            self,
        )
        self.empty.setObjectName("EmptyReader")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAcceptDrops(True)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.addWidget(self.empty)
        self.addWidget(self.splitter)

    # -- panes
    @property
    def panes(self) -> list[ReaderPane]:
        return list(self._panes)

    def current_pane(self) -> ReaderPane | None:
        return self._current

    def current_index(self) -> int:
        return self._panes.index(self._current) if self._current in self._panes else -1

    def article_ids(self) -> list[str]:
        return [p.article_id for p in self._panes if p.article_id]

    def pane_for(self, article_id: str) -> ReaderPane | None:
        for pane in self._panes:
            if pane.article_id == article_id:
                return pane
        return None

    def add_pane(self) -> ReaderPane:
        """A new empty pane at the right; if three are open, the current one is reused."""
        if len(self._panes) >= MAX_PANES:
            return self._current or self._panes[-1]
        pane = ReaderPane(self.splitter)
        pane.close_requested.connect(self.close_pane)
        pane.focused.connect(self.set_current)
        pane.article_dropped.connect(lambda p, aid: self.article_dropped.emit(aid, self._panes.index(p)))
        pane.browser.actor_clicked.connect(self.actor_clicked)
        pane.browser.date_clicked.connect(self.date_clicked)
        pane.browser.verticalScrollBar().valueChanged.connect(lambda _v, p=pane: self._scrolled(p))
        self.splitter.addWidget(pane)
        self._panes.append(pane)
        self._even_sizes()
        self.setCurrentWidget(self.splitter)
        self.set_current(pane)
        self.panes_changed.emit()
        return pane

    def close_pane(self, pane: ReaderPane | None = None) -> None:
        pane = pane or self._current
        if pane is None or pane not in self._panes:
            return
        index = self._panes.index(pane)
        self._panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        if self._panes:
            self.set_current(self._panes[min(index, len(self._panes) - 1)])
            self._even_sizes()
        else:
            self._current = None
            self.setCurrentWidget(self.empty)
            self.current_changed.emit(None)
        self.panes_changed.emit()

    def set_current(self, pane: ReaderPane | None) -> None:
        if pane is self._current:
            return
        self._current = pane
        for p in self._panes:
            p.set_current(p is pane and len(self._panes) > 1)
        self.current_changed.emit(pane)

    def step_current(self, step: int) -> None:
        if self._panes:
            index = (self.current_index() + step) % len(self._panes)
            self.set_current(self._panes[index])
            self._panes[index].browser.setFocus()

    def _even_sizes(self) -> None:
        if self._panes:
            width = max(1, self.splitter.width() // len(self._panes))
            self.splitter.setSizes([width] * len(self._panes))

    # -- scrolling
    @property
    def sync_scroll(self) -> bool:
        return self._sync

    def set_sync_scroll(self, on: bool) -> None:
        self._sync = bool(on)
        if self._sync and self._current is not None:
            self._scrolled(self._current)

    def _scrolled(self, source: ReaderPane) -> None:
        if not self._sync or self._syncing:
            return
        self._syncing = True
        try:
            fraction = source.scroll_fraction()
            for pane in self._panes:
                if pane is not source:
                    pane.set_scroll_fraction(fraction)
        finally:
            self._syncing = False

    def scroll_to(self, article_id: str, anchor: str) -> None:
        """Scroll one pane to an anchor without dragging the others along."""
        pane = self.pane_for(article_id)
        if pane is not None:
            pane.when_shown(lambda: self._scroll_alone(pane, anchor))

    def _scroll_alone(self, pane: ReaderPane, anchor: str) -> None:
        was = self._sync
        self._sync = False
        try:
            pane.scroll_to_anchor(anchor)
        finally:
            self._sync = was

    # -- drops on the empty state or the splitter
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(ARTICLE_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        if event.mimeData().hasFormat(ARTICLE_MIME):
            ids = bytes(event.mimeData().data(ARTICLE_MIME)).decode("utf-8").split("\n")
            event.acceptProposedAction()
            for article_id in ids[:MAX_PANES]:
                if article_id:
                    self.article_dropped.emit(article_id, -1)
