"""The comparison tab: choosing episodes, following links to the reader, exporting the PDF."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QTabWidget

from desktop.core.compare.handout import default_ids, subject_choices
from desktop.ui.compare.view import ComparisonView
from desktop.ui.reader.controller import ReaderController
from desktop.ui.shell.tasks import TaskRunner
from desktop.ui.shell.workspace import Workspace


class ComparisonController(QObject):
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        view: ComparisonView,
        tabs: QTabWidget,
        reader: ReaderController,
        settings,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.tabs = tabs
        self.reader = reader
        self.settings = settings
        self._runner = TaskRunner(self)
        self.job = None  # the PdfExport under way or last run
        self.progress: QProgressDialog | None = None  # its dialog, while it runs
        workspace.episodes_ready.connect(view.refresh_choices)
        workspace.options_changed.connect(view.render)
        view.sentence_requested.connect(self.show_sentence)
        view.export_requested.connect(self.export)
        view.message.connect(self.message)

    def compare(self, ids: list[str] | None = None) -> None:
        """Show the comparison of ``ids`` (2 to 4), or of the default trio."""
        if self.workspace.episodes is None:
            self.message.emit("Episodes are still being extracted; try again in a moment")
            return
        ids = [i for i in (ids or []) if i]
        if ids and not 2 <= len(ids) <= 4:
            self.message.emit("Select two to four episodes to compare (Ctrl+click in the Episodes sidebar)")
            return
        self.tabs.setCurrentWidget(self.view)  # first: the view says "Building…" while it is on show
        self.view.show_ids(ids or default_ids(self.workspace.episodes))
        self.view.browser.setFocus()

    def show_sentence(self, article_id: str, start: int, end: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.reader.show_mention(article_id, start, end)

    def export(self, path: str | None = None, paper: str | None = None, notes: bool = False, summary: str = "") -> str:
        """Ask for the paper, the one-page summary, the notes and where to save (unless told) and write
        the PDF; the path or "". ``summary``: "first" or "only" (see ``comparison_handout``)."""
        if self.workspace.episodes is None:
            self.message.emit("Episodes are still being extracted; try again in a moment")
            return ""
        ids = self.view.ids() or default_ids(self.workspace.episodes)
        if path is None:
            from desktop.ui.compare.exportdialog import ask_export

            labels = dict(subject_choices(self.workspace.episodes))
            count = self._note_count(ids)
            answer = ask_export(self.view.window(), [labels.get(i, i) for i in ids], self.settings, count)
            if answer is None:
                self.message.emit("Export cancelled; nothing was written")
                return ""
            path, paper, notes, summary = answer
        return self._write(path, ids, paper or "a4", notes, summary)

    def _notes(self) -> list:
        return [a for a in self.reader.corrections.annotations if a.is_note]

    def _note_count(self, ids: list[str]) -> int:
        """How many of the reader's notes the handout of ``ids`` would include."""
        notes = self._notes()
        if not notes:
            return 0
        from desktop.core.compare.handout_notes import handout_notes

        comparison = self.view.comparison  # the one on screen (built on a worker), if it is of ``ids``
        if comparison is None or self.view.ids() != ids:
            return len(notes)  # the box is offered; the section holds those that belong
        return len(handout_notes(comparison, notes))

    def _write(self, path: str, ids: list[str], paper: str, notes: bool = False, summary: str = "") -> str:
        """Write the PDF with a window-modal progress dialog (Cancel stops it); wait for the end.

        Like ``QDialog.exec``, this runs a local event loop: the window repaints while the
        handout is prepared on a worker and painted page by page; the caller gets the outcome.
        """
        from functools import partial

        from desktop.ui.compare.pdf import comparison_handout

        workspace = self.workspace
        prepare = partial(
            comparison_handout,
            workspace.episodes,
            {a.article.id: a for a in workspace.analyses()},
            gazetteer=workspace.analyzer.gazetteer,
            sides=dict(workspace.analyzer.sides()),
            ids=ids,
            paper=paper,
            notes=self._notes() if notes else (),
            summary=summary,
        )
        return self.write_pdf(path, prepare)

    def write_pdf(self, path: str, prepare, noun: str = "comparison") -> str:
        """Prepare (on a worker) and paint a handout to ``path`` with the progress dialog.

        ``prepare`` makes the :class:`~desktop.ui.compare.pdf.Handout` on any thread; ``noun``
        names the document in the dialog and messages ("comparison", "coverage").
        """
        if self.job is not None and not self.job.is_done():
            self.message.emit("An export is already running")
            return ""
        from functools import partial

        from desktop.ui.compare.exportjob import PdfExport

        job = self.job = PdfExport(self._runner, path, prepare, self)
        dialog = self.progress = self._progress_dialog()
        dialog.setWindowTitle(f"Exporting the {noun}")
        outcome: dict[str, object] = {}
        loop = QEventLoop(self)
        job.progressed.connect(partial(self._progressed, dialog))
        job.finished.connect(lambda pages: (outcome.update(pages=pages), loop.quit()))
        job.failed.connect(lambda text: (outcome.update(error=text), loop.quit()))
        job.cancelled.connect(lambda: (outcome.update(cancelled=True), loop.quit()))
        dialog.canceled.connect(job.cancel)
        job.start()
        dialog.show()
        if not job.is_done():
            loop.exec()
        if not job.is_done():  # the application is quitting
            job.cancel()
        dialog.canceled.disconnect(job.cancel)
        dialog.hide()
        dialog.deleteLater()
        self.progress = None
        return self._report(path, outcome, noun)

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog("Preparing the handout…", "Cancel", 0, 0, self.view.window())
        dialog.setWindowTitle("Exporting the comparison")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        return dialog

    @staticmethod
    def _progressed(dialog: QProgressDialog, done: int, steps: int, text: str) -> None:
        dialog.setMaximum(steps)
        dialog.setValue(done)
        dialog.setLabelText(text)

    def _report(self, path: str, outcome: dict, noun: str = "comparison") -> str:
        if "error" in outcome:
            QMessageBox.warning(
                self.view.window(),
                f"The {noun} could not be exported",
                f"{outcome['error']}\n\nNothing was written.",
            )
            return ""
        if "pages" not in outcome:
            self.message.emit("Export cancelled; nothing was written")
            return ""
        pages = outcome["pages"]
        self.message.emit(f"{noun.capitalize()} exported to {path} ({pages} page{'' if pages == 1 else 's'})")
        return path
