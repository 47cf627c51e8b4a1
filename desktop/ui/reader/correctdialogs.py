"""The dialogs of the reader's corrections: which actor, which side, which date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate.timex import bounds


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def valid_timex(value: str) -> bool:
    """A TIMEX3 date value the reader may give: a day, month, year, week or range of them."""
    return bool(value) and bounds(value) is not None


class ActorChooser(QDialog):
    """Choose an actor from the actor list, searching its names and aliases."""

    def __init__(self, actors, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This Is …")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search names and aliases")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for actor in sorted(actors, key=lambda a: a.name.casefold()):
            if actor.id == current:
                continue
            item = QListWidgetItem(actor.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, actor.id)
            words = (actor.name, *actor.aliases, *actor.surnames, *actor.short_forms)
            item.setData(Qt.ItemDataRole.UserRole + 1, " ".join(words).casefold())
            if actor.aliases:
                item.setToolTip("Also: " + ", ".join(actor.aliases))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self.filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.filter("")

    def filter(self, text: str) -> None:
        """Show the actors one of whose names contains ``text``; the first shown is chosen."""
        needle = text.strip().casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)

    def actor_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else ""


class DateDialog(QDialog):
    """The date a passage means, as a TIMEX value (2022, 2022-04, 2022-04-12, 2022-W15, a/b)."""

    def __init__(self, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The Date Is …")
        self.edit = QLineEdit(value, self)
        self.edit.setPlaceholderText("2022-04-12, 2022-04, 2022 or 2022-W15")
        self.hint = QLabel("A day, a month, a year, a week, or a range such as 2022-04-01/2022-04-12", self)
        self.hint.setObjectName("Hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._check(value)

    def _check(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid_timex(text.strip()))

    def value(self) -> str:
        text = self.edit.text().strip()
        return text if valid_timex(text) else ""


class SideChooser(QDialog):
    """Choose the side a mention stands for instead of the one the analysis gave it."""

    def __init__(self, sides: dict, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Not This Side")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Sides")
        for side_id, info in sides.items():
            if side_id == current:
                continue
            item = QListWidgetItem(info.label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, side_id)
        self.list.setCurrentRow(0)
        self.buttons = _buttons(self)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("It stands for:", self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)

    def choose(self, side_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == side_id:
                self.list.setCurrentRow(row)

    def side(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
