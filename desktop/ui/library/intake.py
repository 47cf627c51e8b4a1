"""Getting articles in through the library list: Ctrl+V pastes the clipboard's text or address,
and files or web addresses dropped on the list are handed on for import (the list's own article
drags are left alone)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView

from desktop.ui.library.view import ARTICLE_MIME


def dropped_sources(mime) -> list[str]:
    """Local files and web addresses of a drop, in order; plain text that is an address too."""
    sources = []
    for url in mime.urls() if mime.hasUrls() else []:
        if url.isLocalFile():
            sources.append(url.toLocalFile())
        elif url.scheme() in ("http", "https"):
            sources.append(url.toString())
    text = mime.text().strip() if mime.hasText() else ""
    if not sources and text.startswith(("http://", "https://")) and len(text.split()) == 1:
        sources.append(text)
    return sources


class LibraryIntake(QObject):
    """Paste and drop on ``view`` (the library's list)."""

    pasted = Signal(str)
    dropped = Signal(list)

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        view.setAcceptDrops(True)
        view.viewport().setAcceptDrops(True)
        view.viewport().installEventFilter(self)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Paste), view)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.paste)
        self.shortcut = shortcut

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        if text.strip():
            self.pasted.emit(text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            return False
        mime = event.mimeData()
        if mime.hasFormat(ARTICLE_MIME) or not dropped_sources(mime):
            event.ignore()
            return True
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if kind == QEvent.Type.Drop:
            self.dropped.emit(dropped_sources(mime))
        return True
