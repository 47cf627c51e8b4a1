"""Editing a lesson: which slides, in what order, with what notes; saved as a ``.lesson`` file.

A slide is added from one list (the named episodes first, then comparison, motifs, a title
slide, then every episode by date), removed, moved with the buttons or by dragging, and
given notes in Markdown with a live preview. Lessons are saved to and opened from the
user's lessons folder (``paths.lessons_dir()``) by default.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.files import paths
from desktop.core.present.lessons import (
    SUFFIX,
    Lesson,
    LessonError,
    LessonSlide,
    default_lesson_path,
    lesson_label,
    load_lesson,
    save_lesson,
    slide_problems,
)
from desktop.core.present.slides import notes_html

FILTER = f"Lessons (*{SUFFIX} *.yaml *.yml *.json);;All files (*)"
ROLE = Qt.ItemDataRole.UserRole


def slide_choices(episode_set) -> list[tuple[str, str, str]]:
    """(label, kind, ref) for the Add list: named episodes, the other kinds, every episode."""
    choices = []
    if episode_set is not None:
        for rule in episode_set.curation.named:
            if episode_set.matches.get(rule.id):
                choices.append((f"★ {rule.label}", "episode", rule.id))
    choices += [
        ("⇄ Comparison of the default episodes", "comparison", ""),
        ("◎ Recurring motifs", "motifs", ""),
        ("▣ Title slide", "title", ""),
    ]
    if episode_set is not None:
        choices += [(f"{e.first:%Y-%m-%d} · {e.title}", "episode", e.id) for e in episode_set.episodes]
    return choices


def ask_problems(parent: QWidget, title: str, problems: list[str]) -> QMessageBox:
    """A non-blocking warning listing what a lesson file got wrong (the valid part is open)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText("The rest of the lesson opened. " + ("Problems:" if len(problems) > 1 else "Problem:"))
    box.setDetailedText("\n".join(problems))
    box.setText(f"{title}\n\n" + "\n".join(f"• {p}" for p in problems[:6]) + ("\n…" if len(problems) > 6 else ""))
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def open_lesson_file(parent: QWidget, path: str) -> tuple[Lesson, list[str]] | QMessageBox:
    """The lesson of ``path`` and its problems; or, when it cannot be opened, the open warning saying why."""
    try:
        return load_lesson(path)
    except LessonError as exc:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "The lesson could not be opened",
            str(exc),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()
        return box


class LessonDialog(QDialog):
    """Edit a copy of a lesson; ``lesson()`` is the result, ``path`` where it was saved."""

    saved = Signal(str)

    def __init__(self, lesson: Lesson, episode_set=None, path: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit Lesson")
        self.setObjectName("LessonDialog")
        self.episode_set = episode_set
        self.path = path
        self.message_box: QMessageBox | None = None
        # Items carry an int key into this dict: drag and drop copies item data, and a
        # Python object could not travel through Qt's mime data.
        self._by_key: dict[int, LessonSlide] = {}
        self.resize(1000, 640)

        self.title = QLineEdit(self)
        self.subtitle = QLineEdit(self)
        self.subtitle.setPlaceholderText("Optional: a line under the title")
        self.slides = QListWidget(self)
        self.slides.setObjectName("LessonSlides")
        self.slides.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.slides.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.slides.setAlternatingRowColors(True)
        self.choices = QComboBox(self)
        self.choices.setObjectName("SlideChoices")
        # Long episode titles must not widen the list column: the popup shows them whole.
        self.choices.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choices.setMinimumContentsLength(24)
        for label, kind, ref in slide_choices(episode_set):
            self.choices.addItem(label, (kind, ref))
        self.add_button = self._button("Add", "Add the chosen slide after the selected one", self.add_chosen)
        self.remove_button = self._button("Remove", "Remove the selected slide", self.remove_current)
        self.up_button = self._button("Move Up", "Move the selected slide up (or drag it)", lambda: self.move(-1))
        self.down_button = self._button("Move Down", "Move the selected slide down (or drag it)", lambda: self.move(1))
        self.notes = QPlainTextEdit(self)
        self.notes.setObjectName("NotesEditor")
        self.notes.setPlaceholderText("Notes for this slide, in Markdown: what to point out, questions for the class…")
        self.preview = QTextBrowser(self)
        self.preview.setObjectName("NotesPreview")
        self.where = QLabel(self)
        self.where.setWordWrap(True)

        add_row = QHBoxLayout()
        add_row.addWidget(self.choices, 1)
        add_row.addWidget(self.add_button)
        moves = QHBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            moves.addWidget(button)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(QLabel("Slides (drag to reorder):", self))
        left_box.addWidget(self.slides, 1)
        left_box.addLayout(moves)
        left_box.addLayout(add_row)
        notes_split = QSplitter(Qt.Orientation.Vertical, self)
        notes_split.addWidget(self.notes)
        notes_split.addWidget(self.preview)
        right = QWidget(self)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(QLabel("Teacher's notes (Markdown) and preview:", self))
        right_box.addWidget(notes_split, 1)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        self._split = split

        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Subtitle:", self.subtitle)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton("Open…", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_as_button = self.buttons.addButton("Save As…", QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton("Use This Lesson", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.open_button.clicked.connect(lambda: self.open_file())
        self.save_button.clicked.connect(lambda: self.save())
        self.save_as_button.clicked.connect(lambda: self.save(ask=True))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(self.where)
        layout.addWidget(self.buttons)

        self.slides.currentItemChanged.connect(self._current_changed)
        self.slides.model().rowsMoved.connect(lambda *_: self._relabel())
        self.notes.textChanged.connect(self._notes_changed)
        self.set_lesson(lesson, path)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._share_width)  # once the dialog has its final size

    def _share_width(self) -> None:
        width = self._split.width()
        self._split.setSizes([width * 2 // 5, width - width * 2 // 5])  # the notes get the room

    def _button(self, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    # -- the lesson in the widgets
    def set_lesson(self, lesson: Lesson, path: str = "") -> None:
        self.path = path
        self.title.setText(lesson.title)
        self.subtitle.setText(lesson.subtitle)
        self.slides.clear()
        self._by_key.clear()
        for slide in lesson.slides:
            self._append(copy.copy(slide))
        if self.slides.count():
            self.slides.setCurrentRow(0)
        self._relabel()

    def lesson(self) -> Lesson:
        slides = [self.slide_at(row) for row in range(self.slides.count())]
        return Lesson(
            self.title.text().strip() or "Untitled lesson", [copy.copy(s) for s in slides], self.subtitle.text().strip()
        )

    def slide_at(self, row: int) -> LessonSlide:
        return self._by_key[self.slides.item(row).data(ROLE)]

    def _append(self, slide: LessonSlide, row: int | None = None) -> QListWidgetItem:
        key = max(self._by_key, default=0) + 1
        self._by_key[key] = slide
        item = QListWidgetItem()
        item.setData(ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsDropEnabled)
        if row is None:
            self.slides.addItem(item)
        else:
            self.slides.insertItem(row, item)
        return item

    def _relabel(self) -> None:
        missing = {}
        if self.episode_set is not None:
            missing = dict(slide_problems(self.lesson(), self.episode_set))
        for row in range(self.slides.count()):
            item = self.slides.item(row)
            slide = self.slide_at(row)
            label = f"{row + 1}. {lesson_label(slide, self.episode_set)}"
            if slide.notes.strip():
                label += "  ✎"
            if row in missing:
                label += "  ⚠ not in the library"
                item.setToolTip(missing[row])
            else:
                item.setToolTip("")
            item.setText(label)
        where = self.path if self.path else "not saved yet"
        self.where.setText(f"{self.slides.count()} slides · {where}")
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.slides.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.slides.count() - 1)
        self.notes.setEnabled(row >= 0)

    def _current_changed(self, current, _previous) -> None:
        slide = self._by_key.get(current.data(ROLE)) if current is not None else None
        self.notes.blockSignals(True)
        self.notes.setPlainText(slide.notes if slide is not None else "")
        self.notes.blockSignals(False)
        self._render_preview()
        self._update_buttons()

    def _notes_changed(self) -> None:
        item = self.slides.currentItem()
        if item is not None:
            slide = self._by_key[item.data(ROLE)]
            had = bool(slide.notes.strip())
            slide.notes = self.notes.toPlainText()
            if had != bool(slide.notes.strip()):
                self._relabel()
        self._render_preview()

    def _render_preview(self) -> None:
        text = self.notes.toPlainText()
        self.preview.setHtml(notes_html(text) if text.strip() else "<p><i>No notes for this slide.</i></p>")

    # -- editing
    def add_slide(self, kind: str, ref: str = "", notes: str = "") -> None:
        """Add a slide after the selected one (at the end if none is selected)."""
        row = self.slides.currentRow()
        row = self.slides.count() if row < 0 else row + 1
        self._append(LessonSlide(kind, ref, notes), row)
        self.slides.setCurrentRow(row)
        self._relabel()

    def add_chosen(self) -> None:
        kind, ref = self.choices.currentData()
        self.add_slide(kind, ref)

    def remove_current(self) -> None:
        row = self.slides.currentRow()
        if row >= 0:
            self.slides.takeItem(row)
            self.slides.setCurrentRow(min(row, self.slides.count() - 1))
            self._relabel()

    def move(self, delta: int) -> None:
        row = self.slides.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.slides.count():
            return
        item = self.slides.takeItem(row)
        self.slides.insertItem(target, item)
        self.slides.setCurrentRow(target)
        self._relabel()

    # -- files
    def _folder(self) -> Path:
        folder = paths.lessons_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return Path.home()
        return folder

    def save(self, path: str | None = None, ask: bool = False) -> str:
        """Save to ``path``, to the file it came from, or where the teacher chooses; return it."""
        if path is None and (ask or not self.path or Path(self.path) == default_lesson_path()):
            name = (self.title.text().strip() or "lesson").lower()
            name = "".join(c if c.isalnum() else "-" for c in name).strip("-")[:40] or "lesson"
            path, _filter = QFileDialog.getSaveFileName(
                self, "Save Lesson", str(self._folder() / f"{name}{SUFFIX}"), FILTER
            )
            if not path:
                return ""
            if not Path(path).suffix:
                path += SUFFIX
        path = path or self.path
        try:
            save_lesson(self.lesson(), path)
        except OSError as exc:
            self.message_box = QMessageBox(
                QMessageBox.Icon.Warning,
                "The lesson could not be saved",
                f"{exc}\n\nNothing was written.",
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.message_box.open()
            return ""
        self.path = str(path)
        self._relabel()
        self.saved.emit(self.path)
        return self.path

    def open_file(self, path: str | None = None) -> bool:
        """Open a lesson file into the dialog; a malformed one opens with its problems listed."""
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, "Open Lesson", str(self._folder()), FILTER)
            if not path:
                return False
        opened = open_lesson_file(self, path)
        if isinstance(opened, QMessageBox):
            self.message_box = opened
            return False
        lesson, problems = opened
        self.set_lesson(lesson, str(path))
        if problems:
            self.message_box = ask_problems(self, f"Some of {Path(path).name} could not be used", problems)
        return True
