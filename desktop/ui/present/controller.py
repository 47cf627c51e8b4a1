"""Classroom mode wired to the main window: start, edit, open and export the lesson.

:class:`PresentationController` connects the registry's ``present.*`` actions. It keeps
the current lesson (the file named by the ``lesson_file`` setting, else the bundled
default), builds the deck from what the workspace has analysed, and shows it in a
:class:`~desktop.ui.present.presentation.SlideView` of its own — a separate top-level window, so
leaving (Esc) finds the main window exactly as it was: same tab, panes and scroll.
With a second screen the slides go there and the presenter view fills the teacher's
screen; with one, the slides stay full screen and S opens the presenter view as a
window of its own above them, which the teacher can move.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.core.files import paths
from desktop.core.present.deck import build_deck
from desktop.core.present.lessons import Lesson, LessonError, default_lesson, default_lesson_path, load_lesson
from desktop.core.present.slides import Deck
from desktop.ui.present.lessondialog import FILTER, LessonDialog, ask_problems, open_lesson_file
from desktop.ui.present.presentation import Presentation, SlideView
from desktop.ui.present.presenterview import PresenterView


def floating_geometry(area: QRect) -> QRect:
    """Where the presenter view opens over full-screen slides: the lower right of the screen,
    big enough for a legible next-slide preview, never larger than the screen."""
    width = min(area.width(), max(900, area.width() // 2))
    height = min(area.height(), max(600, area.height() * 3 // 5))
    return QRect(area.right() + 1 - width, area.bottom() + 1 - height, width, height)


class PresentationController(QObject):
    message = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.settings = window.settings
        self.presentation: Presentation | None = None
        self.view: SlideView | None = None
        self.presenter: PresenterView | None = None
        self.dialog: LessonDialog | None = None
        self.message_box: QMessageBox | None = None
        self._waiting = False
        self.lesson, self.path, self.problems = self._load_current()
        actions = window.actions
        for action_id, slot in (
            ("present.start", self.start),
            ("present.edit_lesson", self.edit_lesson),
            ("present.open_lesson", self.open_lesson),
            ("present.export_pdf", self.export_pdf),
        ):
            actions.connect(action_id, slot)
            action = actions[action_id]
            if not action.associatedObjects():  # in no menu yet: its shortcut (F5) needs a widget
                window.addAction(action)
        self.message.connect(lambda text: window.statusBar().showMessage(text, 8000))

    # ------------------------------------------------------------------ the lesson
    def _load_current(self) -> tuple[Lesson, str, list[str]]:
        """The lesson of the ``lesson_file`` setting, else the bundled one."""
        path = self.settings["lesson_file"]
        if path:
            try:
                lesson, problems = load_lesson(path)
                return lesson, path, problems
            except LessonError as exc:
                self.settings["lesson_file"] = ""
                fallback = default_lesson()
                return fallback, str(default_lesson_path()), [f"{exc}; opened the bundled lesson instead"]
        return default_lesson(), str(default_lesson_path()), []

    def set_lesson(self, lesson: Lesson, path: str = "") -> None:
        """Make ``lesson`` current; remember its file if it is one of the teacher's."""
        self.lesson, self.path, self.problems = lesson, path, []
        if path and Path(path) != default_lesson_path():
            self.settings["lesson_file"] = str(path)

    def warn(self, title: str, problems: list[str]) -> QMessageBox:
        self.message_box = ask_problems(self.window, title, problems)
        return self.message_box

    def open_lesson(self, path: str | None = None) -> bool:
        """Open a lesson file (asking which if not told); its valid part opens, problems listed."""
        if path is None:
            folder = paths.lessons_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path, _filter = QFileDialog.getOpenFileName(self.window, "Open Lesson", str(folder), FILTER)
            if not path:
                return False
        opened = open_lesson_file(self.window, path)
        if isinstance(opened, QMessageBox):
            self.message_box = opened
            return False
        lesson, problems = opened
        self.set_lesson(lesson, str(path))
        self.problems = problems  # shown again over the first slide; missing episodes come from the deck
        if self.workspace.episodes is not None:
            from desktop.core.present.lessons import check_lesson

            problems = problems + check_lesson(lesson, self.workspace.episodes)
        if problems:
            self.warn(f"Some of {Path(path).name} could not be used", problems)
        self.message.emit(f"Lesson “{lesson.title}” opened: {len(lesson.slides)} slides (F5 presents it)")
        return True

    def edit_lesson(self) -> LessonDialog:
        """The lesson dialog (non-blocking); "Use This Lesson" makes its lesson current."""
        dialog = LessonDialog(self.lesson, self.workspace.episodes, self.path, self.window)
        dialog.saved.connect(lambda path: self.set_lesson(dialog.lesson(), path))
        dialog.accepted.connect(lambda: self.set_lesson(dialog.lesson(), dialog.path))
        self.dialog = dialog
        dialog.open()
        return dialog

    def deck(self) -> Deck | None:
        episodes = self.workspace.episodes
        if episodes is None:
            return None
        workspace = self.workspace  # the reader's notes on an episode go on its slide
        return build_deck(
            self.lesson, episodes, workspace.analyses(), workspace.analyzer.gazetteer, notes=workspace.corrections
        )

    # ------------------------------------------------------------------ presenting
    def start(self) -> None:
        """Present the lesson from its first slide (once the episodes are ready)."""
        if self.view is not None:
            self.view.activateWindow()
            return
        if self.workspace.episodes is None:
            self.message.emit("Preparing the lesson: the articles are still being analysed…")
            if not self._waiting:
                self._waiting = True
                self.workspace.episodes_ready.connect(self._start_when_ready)
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            deck = self.deck()
        finally:
            QApplication.restoreOverrideCursor()
        self.presentation = Presentation(deck, self)
        self.view = SlideView(self.presentation)
        self.view.leave_requested.connect(self.stop)
        self.view.presenter_requested.connect(self.toggle_presenter)
        screens = QGuiApplication.screens()
        home = self.window.screen()
        others = [s for s in screens if s is not home]
        target = others[0] if others else home
        if target is not None:
            self.view.setGeometry(target.geometry())
        self.view.showFullScreen()
        if target is not None and self.view.windowHandle() is not None:
            self.view.windowHandle().setScreen(target)
        self.view.activateWindow()
        self.view.setFocus()
        problems = self.problems + deck.problems
        if problems:
            self.view.show_notice("Left out of this lesson:\n" + "\n".join(f"• {p}" for p in problems[:4]))
            self.message.emit(f"{len(problems)} problem(s) with the lesson: {problems[0]}")
        if others:
            self.toggle_presenter()

    def _start_when_ready(self) -> None:
        self._waiting = False
        self.workspace.episodes_ready.disconnect(self._start_when_ready)
        self.start()

    def toggle_presenter(self) -> None:
        """S: open the presenter view (on the teacher's screen, or floating above the slides)."""
        if self.presentation is None:
            return
        if self.presenter is not None:
            self._close_presenter()
            if self.view is not None:
                self.view.activateWindow()
                self.view.setFocus()
            return
        presenter = PresenterView(self.presentation)
        presenter.leave_requested.connect(self.stop)
        presenter.presenter_requested.connect(self.toggle_presenter)
        presenter.fullscreen_requested.connect(lambda: self.view and self.view.toggle_full_screen())
        presenter.closed.connect(self._presenter_closed)
        self.presenter = presenter
        home = self.window.screen()
        area = home.availableGeometry() if home is not None else None
        if not self.single_screen():
            if area is not None:
                presenter.setGeometry(area)
            presenter.showMaximized()
        else:
            # One screen: the slides stay full screen and the presenter view floats above them,
            # a window of its own the teacher can move (kept above the slides' window).
            presenter.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            if area is not None and area.width() > 0:
                presenter.setGeometry(floating_geometry(area))
            if self.view is not None and self.view.windowHandle() is not None:
                presenter.winId()  # the native window, so it can be tied to the slides' window
                presenter.windowHandle().setTransientParent(self.view.windowHandle())
            presenter.show()
        presenter.raise_()
        presenter.activateWindow()
        presenter.setFocus()

    def _close_presenter(self) -> None:
        presenter, self.presenter = self.presenter, None
        if presenter is not None:
            presenter.closed.disconnect(self._presenter_closed)
            presenter.close()
            presenter.deleteLater()

    def _presenter_closed(self) -> None:
        self.presenter = None

    def single_screen(self) -> bool:
        return len(QGuiApplication.screens()) < 2

    def stop(self) -> None:
        """Esc: close the slides and the presenter view; the main window is as it was."""
        self._close_presenter()
        if self.view is not None:
            view, self.view = self.view, None
            view.close()
            view.deleteLater()
        self.presentation = None
        self.window.raise_()
        self.window.activateWindow()

    # ------------------------------------------------------------------ handout
    def export_pdf(self, path: str | None = None) -> str:
        """Write the lesson as a PDF handout (asking where if not told); return the path or ""."""
        if self.workspace.episodes is None:
            self.message.emit("Episodes are still being extracted; try again in a moment")
            return ""
        if path is None:
            from desktop.ui.compare.exportdialog import ask_save_path

            name = "".join(c if c.isalnum() else "-" for c in self.lesson.title.lower()).strip("-")[:40]
            path = ask_save_path(
                self.window, "Export Lesson Handout", f"{name or 'lesson'}.pdf", "PDF files (*.pdf)", self.settings
            )
            if not path:
                self.message.emit("Export cancelled; nothing was written")
                return ""
        from desktop.ui.present.slidepdf import write_deck_pdf

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            deck = self.deck()
            pages = write_deck_pdf(deck, path)
        except (OSError, ValueError) as exc:
            QApplication.restoreOverrideCursor()
            self.message_box = QMessageBox(
                QMessageBox.Icon.Warning,
                "The handout could not be exported",
                f"{exc}\n\nNothing was written.",
                QMessageBox.StandardButton.Ok,
                self.window,
            )
            self.message_box.setWindowModality(Qt.WindowModality.WindowModal)
            self.message_box.open()
            return ""
        QApplication.restoreOverrideCursor()
        self.message.emit(f"Lesson handout exported to {path} ({pages} slides)")
        return str(path)
