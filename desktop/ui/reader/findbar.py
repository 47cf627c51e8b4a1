"""Find in the current pane or in all open panes: a bar under the reader (Ctrl+F, F3, Shift+F3,
Enter, Shift+Enter, Esc); from there, the same text in the library's search."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.ui.reader.panes import ElidedLabel
from desktop.ui.shell import icons
from desktop.ui.shell.theme import THEME_EVENTS, current_theme

#: The find bar's buttons and the icon each shows.
_ICONS = {"previous": "previous", "next": "next", "close_button": "close-pane"}


class FindBar(QWidget):
    find_requested = Signal(str, bool, bool)  # text, backward, case sensitive (all panes: see all_panes)
    library_search_requested = Signal(str)  # the text, to search the whole library for
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in pane")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find text")
        self.edit.returnPressed.connect(lambda: self.find(backward=False))
        self.edit.installEventFilter(self)  # Shift+Enter: the previous match
        self.edit.textChanged.connect(self._typed)
        self.typing = False  # the find under way extends the text typed: it starts at the current match
        self.previous = QToolButton(self)
        self.previous.setToolTip("Previous match (Shift+F3)")
        self.previous.clicked.connect(lambda: self.find(backward=True))
        self.next = QToolButton(self)
        self.next.setToolTip("Next match (F3)")
        self.next.clicked.connect(lambda: self.find(backward=False))
        self.case = QCheckBox("Match case", self)
        self.all_panes = QCheckBox("All panes", self)
        self.all_panes.setToolTip("Find in every open pane; Enter and Shift+Enter go from pane to pane")
        self.all_panes.toggled.connect(self._scope_changed)
        self.all_panes.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the typing in the field
        self.library_button = QToolButton(self)
        self.library_button.setText("Search the library")
        self.library_button.setToolTip("Search every article of the library for this text")
        self.library_button.clicked.connect(self.search_library)
        self.status = ElidedLabel(self)  # the counts per pane can be long: cut with "…", whole in the tooltip
        self.status.setObjectName("FindStatus")
        self.close_button = close = QToolButton(self)
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close find bar")
        close.clicked.connect(self.close_bar)
        self._set_icons()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 6, 5)
        layout.addWidget(QLabel("Find:", self))
        self.edit.setMinimumWidth(self.edit.fontMetrics().averageCharWidth() * 22)
        layout.addWidget(self.edit, 2)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.case)
        layout.addWidget(self.all_panes)
        layout.addWidget(self.status, 3)
        layout.addWidget(self.library_button)
        layout.addWidget(close)
        self.hide()

    def _set_icons(self) -> None:
        """The buttons' icons in the theme's ink (light on the dark theme)."""
        theme = current_theme()
        for attribute, name in _ICONS.items():
            getattr(self, attribute).setIcon(icons.icon(name, theme))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in THEME_EVENTS:
            self._set_icons()
        super().changeEvent(event)

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def find(self, backward: bool = False) -> None:
        text = self.edit.text()
        if not text:
            self.set_result(None, 0)
            return
        self.find_requested.emit(text, backward, self.case.isChecked())

    def _typed(self, _text: str) -> None:
        self.typing = True
        try:
            self.find(backward=False)
        finally:
            self.typing = False

    def _scope_changed(self, all_panes: bool) -> None:
        self.edit.setPlaceholderText("Find in all panes" if all_panes else "Find in pane")
        self.find(backward=False)

    def search_library(self) -> None:
        """Hand the text to the library's search (nothing to hand over: nothing happens)."""
        text = self.edit.text().strip()
        if text:
            self.library_search_requested.emit(text)

    def set_result(self, found: bool | None, count: int, summary: str = "", detail: str = "") -> None:
        """Say what was found: ``summary`` (if given) instead of the count, ``detail`` as tooltip."""
        if found is None:
            self.status.setText("")
        elif not found:
            self.status.setText(summary or "Not found")
        else:
            self.status.setText(summary or f"{count} match{'es' if count != 1 else ''}")
        self.status.setToolTip(detail or self.status.text())
        self.edit.setProperty("notFound", "true" if found is False else "false")
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)

    def eventFilter(self, watched, event: QEvent) -> bool:
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.find(backward=True)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
