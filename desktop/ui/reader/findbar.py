"""Find in the current pane: a bar under the reader (Ctrl+F, F3, Shift+F3, Esc)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.ui.shell import icons
from desktop.ui.shell.theme import THEME_EVENTS, current_theme

#: The find bar's buttons and the icon each shows.
_ICONS = {"previous": "previous", "next": "next", "close_button": "close-pane"}


class FindBar(QWidget):
    find_requested = Signal(str, bool, bool)  # text, backward, case sensitive
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
        self.edit.textChanged.connect(lambda _t: self.find(backward=False))
        self.previous = QToolButton(self)
        self.previous.setToolTip("Previous match (Shift+F3)")
        self.previous.clicked.connect(lambda: self.find(backward=True))
        self.next = QToolButton(self)
        self.next.setToolTip("Next match (F3)")
        self.next.clicked.connect(lambda: self.find(backward=False))
        self.case = QCheckBox("Match case", self)
        self.status = QLabel(self)
        self.status.setObjectName("FindStatus")
        self.close_button = close = QToolButton(self)
        close.setToolTip("Close (Esc)")
        close.setAccessibleName("Close find bar")
        close.clicked.connect(self.close_bar)
        self._set_icons()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 5, 6, 5)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous)
        layout.addWidget(self.next)
        layout.addWidget(self.case)
        layout.addWidget(self.status)
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

    def set_result(self, found: bool | None, count: int) -> None:
        if found is None:
            self.status.setText("")
        elif not found:
            self.status.setText("Not found")
        else:
            self.status.setText(f"{count} match{'es' if count != 1 else ''}")
        self.edit.setProperty("notFound", "true" if found is False else "false")
        self.edit.style().unpolish(self.edit)
        self.edit.style().polish(self.edit)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
