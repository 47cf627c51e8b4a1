"""Rich text that never reaches out: no remote fetch, no local file read, for any HTML we show.

Articles are the user's files, and a page saved from the web can hold ``<img src="http://…">``,
``file:///etc/…`` links or raw HTML. Qt's text classes load images and style sheets through
``loadResource`` (QTextBrowser reads local files and its search paths); these subclasses answer
every such request with nothing, except ``data:`` images the app itself embeds. Links stay
inert text for the reader's own handlers (actors and dates), never opened by Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser

#: URL schemes a document may load from: only what the app writes into its own HTML.
ALLOWED_SCHEMES = frozenset({"data"})


def allowed(url: QUrl) -> bool:
    return url.scheme().lower() in ALLOWED_SCHEMES


class OfflineDocument(QTextDocument):
    """A QTextDocument (PDF export, slides) that loads no resource from outside."""

    #: Every URL Qt asked for, for tests and for the log.
    refused: list[str]

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.refused = []

    def loadResource(self, kind: int, url: QUrl):
        if allowed(url):
            return super().loadResource(kind, url)
        self.refused.append(url.toString())
        return None


class OfflineBrowser(QTextBrowser):
    """A QTextBrowser that opens no link and loads no resource from outside."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.refused: list[str] = []
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, url: QUrl):
        if allowed(url):
            return super().loadResource(kind, url)
        self.refused.append(url.toString())
        return None
