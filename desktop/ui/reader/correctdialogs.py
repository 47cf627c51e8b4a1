"""The dialogs of the reader's corrections: which actor, which side, which date; and of the
episode edits: a new title, another episode, an event made from a sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate.timex import bounds
from desktop.ui.reader.actorsearch import ActorSearch, fill_actors, filter_actors


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
        fill_actors(self.list, actors, current)
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
        first = filter_actors(self.list, text)
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


# --------------------------------------------------------------------------- episode edits


class TitleDialog(QDialog):
    """A new title for an episode."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Rename Episode")
        self.edit = QLineEdit(title, self)
        self.edit.setAccessibleName("Episode title")
        self.edit.selectAll()
        self.buttons = _buttons(self)
        self.edit.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("The episode's title:", self))
        layout.addWidget(self.edit)
        layout.addWidget(self.buttons)
        self.resize(420, self.sizeHint().height())

    def title(self) -> str:
        return self.edit.text().strip()


class EpisodeChooser(QDialog):
    """Choose an episode (by title or date, with search): the one to merge or move into."""

    def __init__(self, episodes, prompt: str, parent: QWidget | None = None, title: str = "Choose Episode") -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search episodes")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Episodes")
        for episode in episodes:
            item = QListWidgetItem(f"{episode.date_words()} — {episode.title}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, episode.id)
        self.buttons = _buttons(self)
        self.search.textChanged.connect(self.filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(480, 420)
        self.filter("")

    def filter(self, text: str) -> None:
        needle = text.strip().casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())
            if not item.isHidden() and first is None:
                first = item
        self.list.setCurrentItem(first)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)

    def episode_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else ""


class EventDialog(QDialog):
    """An event made from a sentence: its type, actors and date (prefilled), and its episode."""

    OWN = ""  # the episode choice "an episode of its own"

    def __init__(self, sentence: str, types, actors, value: str, episodes, chosen: str, parent=None, known=()) -> None:
        """``types`` (id, label) pairs, ``actors`` (key, name, checked) triples, ``episodes`` the
        episodes it may join, ``chosen`` the id of the one first chosen ("" for its own);
        ``known`` the actor list, searched by names and aliases to add an actor the sentence
        does not name (:class:`~desktop.ui.reader.actorsearch.ActorSearch`)."""
        super().__init__(parent)
        self.setWindowTitle("Make an Event of This Sentence")
        words = " ".join(sentence.split())
        self.sentence = QLabel(f"“{words if len(words) < 300 else words[:299] + '…'}”", self)
        self.sentence.setWordWrap(True)
        self.sentence.setObjectName("Hint")
        self.type = QComboBox(self)
        self.type.setAccessibleName("Event type")
        for type_id, label in types:
            self.type.addItem(label, type_id)
        self.actors = QListWidget(self)
        self.actors.setAccessibleName("Actors")
        self.actors.setMaximumHeight(150)
        for key, name, checked in actors:
            self.add_actor(key, name, checked)
        self.actor_search = ActorSearch(known, self)
        self.actor_search.added.connect(self.add_actor)
        self.actor_search.setVisible(bool(known))
        self.date = QLineEdit(value, self)
        self.date.setAccessibleName("Date")
        self.date.setPlaceholderText("2022-04-12, 2022-04, 2022 or 2022-W15")
        self.episode = QComboBox(self)
        self.episode.setAccessibleName("Episode")
        self.episode.addItem("An episode of its own", self.OWN)
        for episode in episodes:
            self.episode.addItem(f"{episode.date_words()} — {episode.title}", episode.id)
        self.episode.setCurrentIndex(max(0, self.episode.findData(chosen)))
        self.problem = QLabel(self)
        self.problem.setObjectName("Hint")
        self.buttons = _buttons(self)
        form = QFormLayout()
        form.addRow("Type:", self.type)
        form.addRow("Actors (the first is the source):", self.actors)
        if known:
            form.addRow("Add an &actor:", self.actor_search)
        form.addRow("Date:", self.date)
        form.addRow("Episode:", self.episode)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sentence)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for signal in (self.date.textChanged, self.episode.currentIndexChanged, self.type.currentIndexChanged):
            signal.connect(self._check)
        self.resize(520, 480)
        self._check()

    def _check(self, *_args) -> None:
        value = self.date.text().strip()
        problem = ""
        if not self.event_type():
            problem = "Choose the kind of event"
        elif value and not valid_timex(value):
            problem = "The date should be a day, a month, a year, a week or a range"
        elif not value and not self.episode_id():
            problem = "An episode of its own needs a date"
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def event_type(self) -> str:
        return self.type.currentData() or ""

    def add_actor(self, key: str, name: str, checked: bool = True) -> None:
        """List the actor ``key`` (checked); one listed already is checked, not listed twice."""
        for row in range(self.actors.count()):
            item = self.actors.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                item.setCheckState(Qt.CheckState.Checked)
                self.actors.setCurrentItem(item)
                return
        item = QListWidgetItem(name, self.actors)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.actors.setCurrentItem(item)

    def actor_keys(self) -> tuple[str, ...]:
        items = (self.actors.item(row) for row in range(self.actors.count()))
        return tuple(i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked)

    def value(self) -> str:
        text = self.date.text().strip()
        return text if valid_timex(text) else ""

    def episode_id(self) -> str:
        return self.episode.currentData() or self.OWN
