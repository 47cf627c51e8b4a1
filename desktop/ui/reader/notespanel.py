"""The Notes panel (View → Notes, Ctrl+5): every note by article or episode, with search.

Clicking a note opens its place: the article in a pane, scrolled to the passage, or the episode
selected in the sidebar. Edit… and Delete act on the chosen note (each one Edit → Undo).
:func:`install` builds it into the main window's Notes dock once the deferred parts exist.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotations import notes as core
from desktop.ui.reader.notes import NotesController, cell_at_pointer

NOTE_ROLE = Qt.ItemDataRole.UserRole


class NotesPanel(QWidget):
    """A search box above the notes, grouped under their article or episode."""

    def __init__(self, control: NotesController, titles, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.control = control
        self.titles = titles  # () -> (article titles, episode titles)
        self.open_note = lambda note: None  # set by install
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search notes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search notes")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("NotesTree")
        self.tree.setAccessibleName("Notes")
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(self.refresh)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.customContextMenuRequested.connect(self._menu)
        self.edit_button.clicked.connect(lambda: self._act(lambda n: control.edit(n, parent=self)))
        self.delete_button.clicked.connect(lambda: self._act(control.delete))
        control.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        articles, episodes = self.titles()
        groups = core.group_notes(self.control.notes(), articles, episodes, self.search.text())
        self.tree.clear()
        for group in groups:
            head = QTreeWidgetItem(self.tree, [group.label])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            for note in group.notes:
                item = QTreeWidgetItem(head, [_row_text(note)])
                item.setData(0, NOTE_ROLE, note.id)
                item.setToolTip(0, note.body)
        self.tree.expandAll()
        total = len(self.control.notes())
        shown = sum(len(g.notes) for g in groups)
        if not total:
            self.status.setText("No notes yet: select a passage and press Ctrl+Alt+N")
        else:
            self.status.setText(f"{shown} of {total} notes" if shown != total else f"{total} notes")
        self._enable()

    def rows(self) -> list[str]:
        """What the panel shows, group headings unindented and notes indented (for tests, for reading)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            out.append(head.text(0))
            out += ["  " + head.child(j).text(0) for j in range(head.childCount())]
        return out

    def current_note(self):
        item = self.tree.currentItem()
        note_id = item.data(0, NOTE_ROLE) if item is not None else None
        return next((n for n in self.control.notes() if n.id == note_id), None)

    def _enable(self) -> None:
        chosen = self.current_note() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _act(self, action) -> None:
        note = self.current_note()
        if note is not None:
            action(note)

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.tree.setCurrentItem(item)
        note = self.current_note()
        if note is not None:
            self.open_note(note)

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None or item.data(0, NOTE_ROLE) is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self.tree)
        menu.addAction("Edit…").triggered.connect(self.edit_button.click)
        menu.addAction("Delete").triggered.connect(self.delete_button.click)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.tree.viewport().mapToGlobal(pos))


def _row_text(note) -> str:
    words = core.plain(note.body)
    where = (
        f"“{_cut(note.quote.exact, 50)}” — "
        if note.quote
        else (f"[{note.cell.removeprefix('facet:')}] " if note.cell else "")
    )
    return where + _cut(words, 120)


def _cut(text: str, most: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _titles(window):
    def titles():
        articles = {a.id: a.title for a in window.workspace.articles()}
        episode_set = window.workspace.episodes
        episodes = {e.id: e.title for e in episode_set.episodes} if episode_set is not None else {}
        return articles, episodes

    return titles


def _open(window, note) -> None:
    """Open a note's place: its passage in a pane, or its episode in the sidebar."""
    if note.article:
        pane = window.reader_control.open(note.article)
        if pane is not None:
            window.reader.scroll_to(note.article, core.note_anchor(note))
        return
    if not window.episodes.select(note.episode):
        window.show_message("That episode is not in the library's episodes now")
        return
    window._show_dock(window.episodes_dock, True)


def install(window) -> NotesController:
    """The notes of ``window``: the controller, the Notes dock's panel and every "Add Note…"."""
    control = NotesController(window.workspace, window.reader_control, window)
    titles = _titles(window)
    control.episode_title = lambda episode_id: titles()[1].get(episode_id, episode_id)
    control.message.connect(window.show_message)
    window.notes = NotesPanel(control, titles, window)
    window.notes.open_note = lambda note: _open(window, note)
    window.notes_dock.setWidget(window.notes)
    window.workspace.episodes_ready.connect(window.notes.refresh)
    window.workspace.corpus_changed.connect(window.notes.refresh)
    window.actions.connect("edit.add_note", control.add_passage_note)
    window.episodes.note_requested.connect(lambda episode_id: control.add_episode_note(episode_id, parent=window))
    browser = window.comparison.browser

    def comparison_menu(menu: QMenu, _href: str) -> None:
        cell = cell_at_pointer(window.comparison)
        if cell is not None:
            facet, label, episode_id = cell
            action = menu.addAction(f"Add Note on “{label}”…")
            action.triggered.connect(lambda: control.add_cell_note(facet, label, episode_id, parent=window))

    browser.extend_menu = comparison_menu
    return control
