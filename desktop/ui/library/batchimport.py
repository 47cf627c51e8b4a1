"""Several files at once: imported one after the other off the UI thread, with a progress bar and
Cancel (the file being read finishes, nothing after it starts). Duplicates are skipped; each file
that was not imported is listed with its reason; the rest are imported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop.core.library.importing import ImportOutcome, import_one
from desktop.ui.shell.tasks import TaskRunner


class BatchImport(QObject):
    """Import ``sources`` into ``folder``; ``finished`` carries every :class:`ImportOutcome`."""

    finished = Signal(list)

    def __init__(self, sources: list[str], window: QWidget, folder: Path | None = None) -> None:
        super().__init__(window)
        self.sources = list(sources)
        self.folder = folder
        self.window = window
        self.outcomes: list[ImportOutcome] = []
        self.cancelled = False
        self.done = False
        self._runner = TaskRunner(self)
        self.progress = QProgressDialog("Importing…", "Cancel", 0, len(self.sources), window)
        self.progress.setWindowTitle("Importing Articles")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)

    def start(self) -> None:
        self.progress.show()
        self._next()

    def cancel(self) -> None:
        self.cancelled = True
        self.progress.setLabelText("Cancelling after the current file…")

    def _next(self) -> None:
        done = len(self.outcomes)
        if self.cancelled or done == len(self.sources):
            self._finish()
            return
        source = self.sources[done]
        self.progress.setValue(done)
        self.progress.setLabelText(f"Importing {Path(source).name} ({done + 1} of {len(self.sources)})")
        self._runner.run(lambda: import_one(source, self.folder), self._one_done, lambda m: self._one_failed(source, m))

    def _one_done(self, outcome: ImportOutcome) -> None:
        self.outcomes.append(outcome)
        self._next()

    def _one_failed(self, source: str, message: str) -> None:
        self.outcomes.append(ImportOutcome(source, problem=f"could not be read ({message})"))
        self._next()

    def _finish(self) -> None:
        self.progress.setValue(len(self.sources))
        self.progress.hide()
        self.done = True
        self.finished.emit(self.outcomes)
        report = summary(self.outcomes, len(self.sources), self.cancelled)
        problems = [f"{Path(o.source).name}: {o.problem}" for o in self.outcomes if o.path is None]
        if problems or self.cancelled:
            QMessageBox.warning(self.window, "Import finished with problems", report + "\n\n" + "\n".join(problems))
        self.progress.deleteLater()


def summary(outcomes: list[ImportOutcome], total: int, cancelled: bool) -> str:
    imported = sum(1 for o in outcomes if o.path is not None)
    text = f"Imported {imported} of {total} file{'s' if total != 1 else ''}"
    if cancelled:
        text += f"; cancelled, {total - len(outcomes)} not tried"
    return text
