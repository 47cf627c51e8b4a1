"""Long articles' documents, parsed off the UI thread.

Qt parses rich text in ``setHtml`` on the calling thread: for the HTML of a long article (the
hostile corpus holds 10,000 dates in one paragraph, 2.3 MB of HTML) that is most of a second in
which the window cannot answer. "The QTextDocument, QTextCursor, and all related classes are
reentrant" (Qt, *Thread-Support in Qt Modules*): a document without a parent may be built in a
worker thread, moved to the UI thread there (``moveToThread`` is called by the thread that owns
the object), and only then handed to the pane, which lays it out and paints it. Articles of
ordinary length are still drawn at once (:data:`BUILD_OFF_THREAD` is far above them), so
nothing changes for them.

The document is an :class:`OfflineDocument`: what it asks to load is refused, as in every other
view (its ``loadResource`` refuses everything but ``data:`` and records what it refused).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QSizeF
from PySide6.QtGui import QFont, QTextDocument, QTextOption

from desktop.ui.shell.offline import OfflineDocument
from desktop.ui.shell.tasks import TaskRunner

#: HTML longer than this is parsed on a worker thread (a bundled article's is under 40,000
#: characters; about seven characters of HTML are made per character of text).
BUILD_OFF_THREAD = 300_000
#: What a pane shows while the first document of a long article is being built.
LAYING_OUT = "<p style='color:gray'><i>Laying out this long article…</i></p>"


def build_document(html: str, css: str, font: QFont, like: Like) -> OfflineDocument:
    """On a worker thread: the document of ``html``, laid out, moved to the UI thread.

    It is set up as the pane's own document is (``like``: the margins, the text option and the
    width), so that taking it costs the pane one layout (``QTextEdit.setDocument`` always lays
    the document out again; each change of its margins or wrap mode would be one more)."""
    doc = OfflineDocument()
    doc.setDocumentMargin(like.margin)
    doc.setDefaultTextOption(like.option)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet(css)
    doc.setHtml(html)
    root = doc.rootFrame()
    frame = root.frameFormat()
    frame.setTopMargin(like.top)
    frame.setBottomMargin(like.bottom)
    frame.setLeftMargin(like.side)
    frame.setRightMargin(like.side)
    root.setFrameFormat(frame)
    if like.width > 0:  # laid out here at the pane's width: the pane's own layout of it is the last
        doc.setPageSize(QSizeF(like.width, -1))
        doc.documentLayout()
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
