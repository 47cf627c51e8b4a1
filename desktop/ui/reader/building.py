"""Long articles' documents, parsed off the UI thread.

Qt parses rich text in ``setHtml`` on the calling thread: for the HTML of a long article (the
hostile corpus holds 10,000 dates in one paragraph, 2.3 MB of HTML) that is most of a second in
which the window cannot answer. "The QTextDocument, QTextCursor, and all related classes are
reentrant" (Qt, *Thread-Support in Qt Modules*): a document without a parent may be built in a
worker thread, moved to the UI thread there (``moveToThread`` is called by the thread that owns
the object), and only then handed to the pane. Articles of ordinary length are still drawn at
once (:data:`BUILD_OFF_THREAD` is far above them), so nothing changes for them.

The worker only parses: ``setHtml`` lets other threads run, but laying the document out holds
Python's interpreter lock for the whole layout (PySide does not release it there), which froze
the window as long, and the pane lays the document out again when it takes it anyway. The
layout is the pane's, made lazily a few blocks per turn of the event loop
(:meth:`desktop.ui.reader.browser.ArticleBrowser.take_document`); so that it can be, a very long
paragraph is cut into blocks first (:mod:`desktop.ui.reader.blocks`).

The document is an :class:`OfflineDocument`: what it asks to load is refused, as in every other
view (its ``loadResource`` refuses everything but ``data:`` and records what it refused).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QFont, QTextDocument, QTextOption

from desktop.ui.reader.blocks import split_long_paragraphs
from desktop.ui.shell.offline import OfflineDocument
from desktop.ui.shell.tasks import TaskRunner

#: HTML longer than this is parsed on a worker thread (a bundled article's is under 40,000
#: characters; about seven characters of HTML are made per character of text).
BUILD_OFF_THREAD = 300_000
#: What a pane shows while the first document of a long article is being built.
LAYING_OUT = "<p style='color:gray'><i>Laying out this long article…</i></p>"


def build_document(html: str, css: str, font: QFont, like: Like) -> OfflineDocument:
    """On a worker thread: the document of ``html`` (its very long paragraphs cut into blocks),
    parsed, not laid out, moved to the UI thread.

    It is set up as the pane's own document is (``like``: the margins and the text option), so
    that the pane lays it out once (each change of its margins or wrap mode would be a layout
    more)."""
    doc = OfflineDocument()
    doc.setDocumentMargin(like.margin)
    doc.setDefaultTextOption(like.option)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(css)
    doc.setHtml(split_long_paragraphs(html))
    root = doc.rootFrame()
    frame = root.frameFormat()
    frame.setTopMargin(like.top)
    frame.setBottomMargin(like.bottom)
    frame.setLeftMargin(like.side)
    frame.setRightMargin(like.side)
    root.setFrameFormat(frame)
    doc.moveToThread(QCoreApplication.instance().thread())  # with its layout, a child
    return doc


class Like:
    """What a built document copies from the pane's: its margins, its text option and the width
    of the text (values, taken on the UI thread)."""

    def __init__(self, doc: QTextDocument, width: int = 0, side: float = 0) -> None:
        self.width = width
        self.side = side
        frame = doc.rootFrame().frameFormat()
        self.margin = doc.documentMargin()
        self.top = frame.topMargin()
        self.bottom = frame.bottomMargin()
        self.option = QTextOption(doc.defaultTextOption())


class DocumentBuilder(QObject):
    """Builds one pane's documents, one at a time; a newer request (or :meth:`cancel`) makes an
    older one's document be dropped when it arrives."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner(self)
        self._serial = 0
        self.requested: tuple | None = None  # what the pending build shows (None: nothing pending)

    @property
    def pending(self) -> bool:
        return self.requested is not None

    def build(self, what: tuple, html: str, css: str, font: QFont, like: Like, then: Callable) -> None:
        """Parse ``html`` off the UI thread; ``then(document)`` on the UI thread when it is done
        (``then(None)`` if the worker failed: the caller draws it the ordinary way)."""
        self._serial += 1
        serial, self.requested = self._serial, what
        self._runner.run(
            lambda: build_document(html, css, QFont(font), like),
            lambda doc: self._done(serial, doc, then),
            lambda _message: self._done(serial, None, then),
        )

    def cancel(self) -> None:
        self._serial += 1
        self.requested = None

    def wait(self, msecs: int = 30000) -> bool:
        return self._runner.wait(msecs)

    def _done(self, serial: int, doc: OfflineDocument | None, then: Callable) -> None:
        if serial != self._serial:
            return  # superseded: the document goes with its last reference
        self.requested = None
        then(doc)
