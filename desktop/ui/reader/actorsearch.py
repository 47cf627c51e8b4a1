"""A search over the actor list, by names and aliases: the "This is …" chooser's list and the
"Add an actor" field of the dialog that makes an event of a sentence (issue 13)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

#: The item data roles of a listed actor: its id, and every word it is named by (casefolded).
ID_ROLE = Qt.ItemDataRole.UserRole
WORDS_ROLE = Qt.ItemDataRole.UserRole + 1
#: How many rows the list of matches shows before it scrolls.
MATCH_ROWS = 5


def actor_words(actor) -> str:
    """The names, aliases, surnames and short forms of ``actor``, casefolded, for a search."""
    words = (actor.name, *actor.aliases, *actor.surnames, *actor.short_forms)
    return " ".join(words).casefold()


def fill_actors(widget: QListWidget, actors, leave_out: str = "") -> None:
    """List ``actors`` by name (``leave_out`` the id of one not to list), each searchable."""
    for actor in sorted(actors, key=lambda a: a.name.casefold()):
        if actor.id == leave_out:
            continue
        item = QListWidgetItem(actor.name, widget)
        item.setData(ID_ROLE, actor.id)
        item.setData(WORDS_ROLE, actor_words(actor))
        if actor.aliases:
            item.setToolTip("Also: " + ", ".join(actor.aliases))


def filter_actors(widget: QListWidget, text: str) -> QListWidgetItem | None:
    """Show the listed actors one of whose names contains ``text``; make the first shown current."""
    needle = text.strip().casefold()
    first = None
    for row in range(widget.count()):
        item = widget.item(row)
        hidden = bool(needle) and needle not in item.data(WORDS_ROLE)
        item.setHidden(hidden)
        if not hidden and first is None:
            first = item
    widget.setCurrentItem(first)
    return first


class ActorSearch(QWidget):
    """A search field over the actor list and the actors it matches, to add one.

    The matches show once something is typed; Enter (in the field), a double click or "Add"
    adds the current match (``added``: actor id and name) and clears the field. Enter in the
    field never reaches the dialog's default button; Up and Down move through the matches.
    """

    added = Signal(str, str)

    def __init__(self, actors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("ActorSearch")
        self.search.setAccessibleName("Add an actor")
        self.search.setPlaceholderText("Search names and aliases")
        self.search.setClearButtonEnabled(True)
        self.add = QPushButton("&Add", self)
        self.add.setAutoDefault(False)
        self.add.setToolTip("Add the actor chosen below to the event")
        self.matches = QListWidget(self)
        self.matches.setAccessibleName("Matching actors")
        fill_actors(self.matches, actors)
        row = max(self.matches.sizeHintForRow(0), 16) if self.matches.count() else 18
        self.matches.setFixedHeight(row * MATCH_ROWS + 2 * self.matches.frameWidth())
        self.setFocusProxy(self.search)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.search, 1)
        line.addWidget(self.add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.matches)
        layout.addStretch(1)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.add.clicked.connect(self.add_current)
        self.matches.itemDoubleClicked.connect(lambda _item: self.add_current())
        self._filter("")

    def _filter(self, text: str) -> None:
        first = filter_actors(self.matches, text) if text.strip() else None
        self.matches.setVisible(bool(text.strip()))
        self.add.setEnabled(first is not None)

    def current(self) -> tuple[str, str] | None:
        """The match that "Add" would add: (actor id, name), or None."""
        item = self.matches.currentItem()
        if item is None or item.isHidden() or not self.search.text().strip():
            return None
        return item.data(ID_ROLE), item.text()

    def add_current(self) -> bool:
        chosen = self.current()
        if chosen is None:
            return False
        self.search.clear()
        self.added.emit(*chosen)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.text().strip():
                self.add_current()
                return True  # Enter here adds an actor; it does not accept the dialog
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.matches.isVisible():
                self._step(-1 if key == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, by: int) -> None:
        """The next (or previous) shown match becomes current."""
        shown = [self.matches.item(r) for r in range(self.matches.count()) if not self.matches.item(r).isHidden()]
        if not shown:
            return
        current = self.matches.currentItem()
        index = shown.index(current) if current in shown else -1
        self.matches.setCurrentItem(shown[max(0, min(len(shown) - 1, index + by))])


__all__ = ["ActorSearch", "actor_words", "fill_actors", "filter_actors"]
