"""Find in the current pane: a bar under the reader (Ctrl+F, F3, Shift+F3, Esc)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from desktop.ui.shell import icons


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
        self.previous.setIcon(icons.icon("previous"))
        self.previous.setToolTip("Previous match (Shift+F3)")
        self.previous.clicked.connect(lambda: self.find(backward=True))
        self.next = QToolButton(self)
        self.next.setIcon(icons.icon("next"))
        self.next.setToolTip("Next match (F3)")
        self.next.clicked.connect(lambda: self.find(backward=False))
        self.case = QCheckBox("Match case", self)
        self.status = QLabel(self)
        self.status.setObjectName("FindStatus")
        close = QToolButton(self)
        close.setIcon(icons.icon("close-pane"))
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
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
