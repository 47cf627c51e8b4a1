"""A message strip above the reader: files that failed to load, and other problems."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class Banner(QWidget):
    """Shows a one-line summary; "Details" lists every problem; "Dismiss" hides it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._title = ""
        self._problems: list[str] = []
        self.label = QLabel(self)
        self.label.setObjectName("BannerText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QToolButton(self)
        self.details.setText("Details…")
        self.details.clicked.connect(self.show_details)
        self.dismiss = QToolButton(self)
        self.dismiss.setText("Dismiss")
        self.dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.dismiss)
        self.hide()

    def show_problems(self, title: str, problems: Sequence[str]) -> None:
        """Show ``title`` and the first problem; keep the full list for Details."""
        self._title = title
        self._problems = list(problems)
        first = html.escape(self._problems[0]) if self._problems else ""
        more = f" (and {len(self._problems) - 1} more)" if len(self._problems) > 1 else ""
        self.label.setText(f"<b>{html.escape(title)}</b> {first}{more}")
        self.details.setVisible(len(self._problems) > 0)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def problems(self) -> list[str]:
        return list(self._problems)

    def show_details(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self._title,
            self._title,
            QMessageBox.StandardButton.Close,
            self,
        )
        box.setInformativeText("The rest of the library loaded normally.")
        box.setDetailedText("\n".join(self._problems))
        box.open()
