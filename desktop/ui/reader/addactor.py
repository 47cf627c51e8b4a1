"""A small dialog to add a person found in the text to the user's own actor list."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desktop.core.annotate.document import SideInfo
from desktop.core.annotate.records import KINDS


class AddActorDialog(QDialog):
    def __init__(self, name: str, sides: dict[str, SideInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add to My Actors")
        self._name = QLineEdit(name, self)
        self._kind = QComboBox(self)
        self._kind.addItems(list(KINDS))
        self._side = QComboBox(self)
        for key, info in sides.items():
            self._side.addItem(f"{info.label} ({info.code})", key)
        other = self._side.findData("other")
        if other >= 0:
            self._side.setCurrentIndex(other)
        self._aliases = QLineEdit(self)
        self._aliases.setPlaceholderText("Other spellings, separated by commas")
        note = QLabel("Saved in your own actor list; the bundled list is not changed.", self)
        note.setObjectName("Hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._name.textChanged.connect(
            lambda text: buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
        )
        form = QFormLayout(self)
        form.addRow("Name", self._name)
        form.addRow("Kind", self._kind)
        form.addRow("Side", self._side)
        form.addRow("Also spelled", self._aliases)
        form.addRow(note)
        form.addRow(buttons)

    def name(self) -> str:
        return self._name.text().strip()

    def kind(self) -> str:
        return self._kind.currentText()

    def side(self) -> str:
        return self._side.currentData() or "other"

    def aliases(self) -> list[str]:
        return [a.strip() for a in self._aliases.text().split(",") if a.strip()]
