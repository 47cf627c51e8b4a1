"""Long articles' documents, parsed off the UI thread.

Qt parses rich text in ``setHtml`` on the calling thread: for the HTML of a long article (the
hostile corpus holds 10,000 dates in one paragraph, 2.3 MB of HTML) that is most of a second in
which the window cannot answer. "The QTextDocument, QTextCursor, and all related classes are
reentrant" (Qt, *Thread-Support in Qt Modules*): a document without a parent may be built in a
worker thread, moved to the UI thread there (``moveToThread`` is called by the thread that owns
the object), and only then handed to the pane. Articles of ordinary length are still drawn at
once (:data:`BUILD_OFF_THREAD` is far above them), so nothing changes for them.

PySide 6.11 holds Python's interpreter lock through ``QTextDocument.setHtml``, ``setPageSize`` and
``documentLayout()`` (seen in gdb: no release around the call), so a worker thread that parses
or lays out a long document in one call freezes the window's thread as long, waiting for the
lock. So the worker parses in pieces (:func:`parse_in_pieces`, the lock free between two) and
does not lay out at all (the pane lays the document out again when it takes it anyway): the
layout is the pane's, made lazily a slice per turn of the event loop
(:meth:`desktop.ui.reader.browser.ArticleBrowser.take_document`), and so that it can be, a very
long paragraph is cut into blocks first (:mod:`desktop.ui.reader.blocks`).

The document is an :class:`OfflineDocument`: what it asks to load is refused, as in every other
view (its ``loadResource`` refuses everything but ``data:`` and records what it refused).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCursor, QTextDocument, QTextOption

from desktop.ui.reader.blocks import CHUNK_HTML, html_chunks, split_long_paragraphs
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
    parse_in_pieces(doc, split_long_paragraphs(html))
    root = doc.rootFrame()
    frame = root.frameFormat()
    frame.setTopMargin(like.top)
    frame.setBottomMargin(like.bottom)
    frame.setLeftMargin(like.side)
    frame.setRightMargin(like.side)
    root.setFrameFormat(frame)
    doc.moveToThread(QCoreApplication.instance().thread())  # with its layout, a child
    return doc


#: Closes each piece while the next is parsed: an empty paragraph without margins, removed at the end.
_SENTINEL = "<p style='margin-top:0px; margin-bottom:0px'>\u2063</p>"


def parse_in_pieces(doc: OfflineDocument, html: str, size: int = CHUNK_HTML) -> None:
    """``doc.setHtml(html)``, a piece of about ``size`` characters at a time.

    PySide holds Python's interpreter lock through ``setHtml`` (and through a layout): parsed in
    one call on a worker thread, 2.3 MB of HTML still froze the window for a quarter of a second,
    as its thread waited for the lock. Between two pieces the lock goes to the window. The
    document is the one ``setHtml`` makes (the same text, positions, block and character formats;
    ``tests/ui/test_reader_long.py``): each piece begins with a paragraph and is inserted in place
    of the empty paragraph that closes the one before; that paragraph's block takes the format of
    the piece's first paragraph (which an insertion of one block leaves out), the last empty
    paragraph is removed, and the last block's format is taken from the last piece parsed alone."""
    pieces = html_chunks(html, size)
    if len(pieces) == 1:
        doc.setHtml(html)
        return
    doc.setUndoRedoEnabled(False)
    doc.setHtml(pieces[0] + _SENTINEL)
    cursor, keep = QTextCursor(doc), QTextCursor.MoveMode.KeepAnchor
    formats: dict[str, QTextBlockFormat] = {}
    for piece in pieces[1:]:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, keep)
        start = cursor.selectionStart()
        cursor.insertHtml(piece + _SENTINEL)
        opening = piece[: piece.index(">") + 1]
        if opening not in formats:
            sample = _alone(doc, opening + "x</p>")  # kept while its block is read
            formats[opening] = QTextBlockFormat(sample.firstBlock().blockFormat())
            del sample
        first = QTextCursor(doc)
        first.setPosition(start)
        first.setBlockFormat(formats[opening])
    last = doc.lastBlock()
    cursor.setPosition(last.position() - 1)
    cursor.setPosition(last.position() + last.length() - 1, keep)
    cursor.removeSelectedText()
    alone = _alone(doc, pieces[-1])
    cursor.setBlockFormat(QTextBlockFormat(alone.lastBlock().blockFormat()))
    doc.refused += [url for url in alone.refused if url not in doc.refused]
    doc.setUndoRedoEnabled(True)


def _alone(like: QTextDocument, html: str) -> OfflineDocument:
    """``html`` parsed in a document of its own, set up as ``like`` is."""
    doc = OfflineDocument()
    doc.setDefaultFont(like.defaultFont())
    doc.setDefaultStyleSheet(like.defaultStyleSheet())
    doc.setDefaultTextOption(like.defaultTextOption())
    doc.setHtml(html)
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
