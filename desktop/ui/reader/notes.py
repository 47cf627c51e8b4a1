"""The reader's notes (issue 13): "Add Note…" on a selected passage, an episode or a comparison cell.

Notes are annotations of kind ``note`` (:mod:`desktop.core.annotations.notes`) kept in the same
store and on the same undo stack as the corrections (:class:`CorrectionsController`): adding,
editing and deleting a note are each one Edit → Undo. A passage with a note wears a dotted
underline and a ✎ after it, with the note's words as its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QCursor, QTextCursor, QUndoCommand
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMenu, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.core.annotations import notes as core
from desktop.core.annotations.records import Annotation
from desktop.core.text.markup import block_spans


class NoteDialog(QDialog):
    """A small Markdown text box for a note, with the place it is written on above it."""

    def __init__(self, place: str, body: str = "", parent: QWidget | None = None, title: str = "Add Note") -> None:
        super().__init__(parent)
        self.setObjectName("NoteDialog")
        self.setWindowTitle(title)
        self.place = QLabel(place, self)
        self.place.setWordWrap(True)
        self.place.setObjectName("Hint")
        self.edit = QPlainTextEdit(body, self)
        self.edit.setAccessibleName("Note (Markdown)")
        self.edit.setPlaceholderText("Your note (Markdown: *emphasis*, **bold**, - lists)")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.place)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.buttons)
        self.resize(440, 260)
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.body()))

    def body(self) -> str:
        return self.edit.toPlainText().strip()


def ask_body(parent: QWidget | None, place: str, body: str = "", title: str = "Add Note") -> str:
    """The note written in a :class:`NoteDialog` ("" when cancelled)."""
    dialog = NoteDialog(place, body, parent, title)
    try:
        return dialog.body() if dialog.exec() == QDialog.DialogCode.Accepted else ""
    finally:
        dialog.deleteLater()


class NoteCommand(QUndoCommand):
    """Adding (``old`` None), editing or deleting (``new`` None) one note, undoable."""

    def __init__(self, controller: NotesController, old: Annotation | None, new: Annotation | None, text: str):
        super().__init__(text)
        self.controller, self.old, self.new = controller, old, new

    def _swap(self, out: Annotation | None, into: Annotation | None) -> None:
        store = self.controller.corrections
        kept = [a for a in store.annotations if out is None or a.id != out.id]
        if into is not None:
            index = next((i for i, a in enumerate(store.annotations) if out is not None and a.id == out.id), len(kept))
            kept.insert(index, into)
        store.store(kept)
        self.controller.changed.emit()

    def redo(self) -> None:
        self._swap(self.old, self.new)

    def undo(self) -> None:
        self._swap(self.new, self.old)


def selection_span(pane, plain: str, body: str) -> tuple[int, int] | None:
    """The plain-text (start, end) of the pane's selection, or None (nothing selected)."""
    cursor = pane.browser.textCursor()
    if not cursor.hasSelection():
        return None
    doc = pane.browser.document()
    blocks = [doc.findBlockByNumber(i).text() for i in range(doc.blockCount())]
    spans = block_spans(body)
    ends = []
    for position in (cursor.selectionStart(), cursor.selectionEnd()):
        block = doc.findBlock(position)
        ends.append(core.plain_offset(blocks, plain, spans, block.blockNumber(), position - block.position()))
    if None in ends or ends[0] >= ends[1]:
        return None
    start, end = ends
    while start < end and plain[start].isspace():
        start += 1
    while end > start and plain[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


class NotesController(QObject):
    """Adds, edits and deletes notes through the corrections' store and undo stack."""

    changed = Signal()  # the notes changed (the panel and the panes redraw)
    message = Signal(str)

    def __init__(self, workspace, reader_control, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.reader = reader_control
        self.corrections = reader_control.corrections
        self.episode_title = lambda episode_id: episode_id  # set by install: the sidebar's titles
        reader_control.extra_marks = self.marks
        reader_control.area.panes_changed.connect(self._attach)
        self.changed.connect(reader_control.refresh_all)
        if self.corrections.io is not None:  # an import may bring notes: marks and the panel redraw
            self.corrections.io.imported.connect(self.changed)
        self._attach()
        reader_control.refresh_all()

    def notes(self) -> list[Annotation]:
        return core.notes_of(self.corrections.annotations)

    def marks(self, article_id: str) -> list:
        analysis = self.workspace.corrected_analysis(article_id)
        if analysis is None or not any(n.article == article_id for n in self.notes()):
            return []
        return core.note_highlights(analysis, self.notes())

    # -- the reader's menu
    def _attach(self) -> None:
        for pane in self.reader.area.panes:
            browser = pane.browser
            if getattr(browser, "notes_hooked", False):
                continue
            earlier = browser.extend_menu  # the corrections' entries stay first

            def extend(menu: QMenu, href: str, earlier=earlier, pane=pane) -> None:
                if earlier is not None:
                    earlier(menu, href)
                if pane.browser.textCursor().hasSelection():
                    action = menu.addAction("Add Note…")
                    action.setObjectName("Add Note…")
                    action.triggered.connect(lambda _checked=False: self.add_passage_note(pane))

            browser.extend_menu = extend
            browser.notes_hooked = True

    # -- adding
    def _push(self, old: Annotation | None, new: Annotation | None, text: str) -> None:
        self.corrections.stack.push(NoteCommand(self, old, new, text))
        self.message.emit(f"{text} (Edit → Undo takes it back)")

    def add_passage_note(self, pane=None, body: str | None = None) -> Annotation | None:
        """A note on the selected passage of ``pane`` (the current one by default)."""
        pane = pane or self.reader.area.current_pane()
        analysis = self.workspace.corrected_analysis(pane.article_id) if pane and pane.article_id else None
        article = self.workspace.article(pane.article_id) if analysis is not None else None
        span = selection_span(pane, analysis.text, article.body) if article is not None else None
        if span is None:
            self.message.emit("Select a passage of an analysed article to add a note to it")
            return None
        quoted = analysis.text[span[0] : span[1]]
        body = body if body is not None else ask_body(pane, f"On “{_short(quoted)}” in {article.title}")
        if not body:
            return None
        note = core.passage_note(article.id, analysis.text, *span, body)
        self._push(None, note, f"Note on “{_short(quoted, 40)}”")
        return note

    def add_episode_note(self, episode_id: str, body: str | None = None, parent=None) -> Annotation | None:
        title = self.episode_title(episode_id)
        body = body if body is not None else ask_body(parent, f"On the episode “{title}”")
        if not body:
            return None
        note = core.episode_note(episode_id, body)
        self._push(None, note, f"Note on the episode “{_short(title, 40)}”")
        return note

    def add_cell_note(self, facet: str, label: str, episode_id: str, body: str | None = None, parent=None):
        title = self.episode_title(episode_id)
        body = body if body is not None else ask_body(parent, f"On “{label}” of “{title}”")
        if not body:
            return None
        note = core.cell_note(facet, episode_id, body)
        self._push(None, note, f"Note on “{label}” of “{_short(title, 40)}”")
        return note

    # -- editing and deleting
    def edit(self, note: Annotation, body: str | None = None, parent=None) -> None:
        body = body if body is not None else ask_body(parent, "Edit your note", note.body, "Edit Note")
        if body and body != note.body:
            self._push(note, core.with_body(note, body), "Note edited")

    def delete(self, note: Annotation) -> None:
        self._push(note, None, "Note deleted")


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def cell_at_pointer(view) -> tuple[str, str, str] | None:
    """(facet id, facet label, episode id) of the comparison cell under the pointer, or None."""
    browser, comparison = view.browser, view.comparison
    if comparison is None:
        return None
    cursor = browser.cursorForPosition(browser.viewport().mapFromGlobal(QCursor.pos()))
    table = cursor.currentTable()
    if table is None:
        return None
    cell = table.cellAt(cursor)
    column = cell.column() - 2  # the gutter and the facet's label come first
    gutter = QTextCursor(table.cellAt(cell.row(), 0).firstCursorPosition())
    names = [n for n in _anchor_names(gutter) if n.startswith("facet-")]
    if not names or not 0 <= column < len(comparison.subjects):
        return None
    facet = comparison.facet(names[0].removeprefix("facet-"))
    episodes = comparison.subjects[column].episodes
    if facet is None or not episodes:
        return None
    return facet.id, facet.label, episodes[0]


def _anchor_names(cursor: QTextCursor) -> list[str]:
    block = cursor.block()
    names = []
    it = block.begin()
    while not it.atEnd():
        names += it.fragment().charFormat().anchorNames()
        it += 1
    return names
