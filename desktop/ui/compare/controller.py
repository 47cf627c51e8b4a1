"""The comparison tab: choosing episodes, following links to the reader, exporting the PDF."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTabWidget

from desktop.core.compare.handout import default_ids
from desktop.ui.compare.view import ComparisonView
from desktop.ui.reader.controller import ReaderController
from desktop.ui.shell.workspace import Workspace

PAPER_FILTERS = {"a4": "PDF handout, A4 (*.pdf)", "letter": "PDF handout, US Letter (*.pdf)"}


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
        self.view.show_ids(ids or default_ids(self.workspace.episodes))
        self.tabs.setCurrentWidget(self.view)
        self.view.browser.setFocus()

    def show_sentence(self, article_id: str, start: int, end: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.reader.show_mention(article_id, start, end)

    def export(self, path: str | None = None, paper: str | None = None) -> str:
        """Ask where to save (unless told) and write the PDF; return the path or ""."""
        if self.workspace.episodes is None:
            self.message.emit("Episodes are still being extracted; try again in a moment")
            return ""
        ids = self.view.ids() or default_ids(self.workspace.episodes)
        if path is None:
            from pathlib import Path

            folder = Path(self.settings["last_export_dir"] or Path.home())
            preferred = PAPER_FILTERS.get(self.settings["paper"], PAPER_FILTERS["a4"])
            path, chosen = QFileDialog.getSaveFileName(
                self.view.window(),
                "Export Comparison to PDF",
                str(folder / "overtures-comparison.pdf"),
                ";;".join(PAPER_FILTERS.values()),
                preferred,
            )
            if not path:
                self.message.emit("Export cancelled; nothing was written")
                return ""
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            paper = next((key for key, text in PAPER_FILTERS.items() if text == chosen), "a4")
            self.settings["paper"] = paper
            self.settings["last_export_dir"] = str(Path(path).parent)
        from desktop.ui.compare.pdf import export_comparison

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = export_comparison(
                path,
                self.workspace.episodes,
                {a.article.id: a for a in self.workspace.analyses()},
                gazetteer=self.workspace.analyzer.gazetteer,
                sides=dict(self.workspace.analyzer.sides()),
                ids=ids,
                paper=paper or "a4",
            )
        except (OSError, ValueError) as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self.view.window(), "The comparison could not be exported", f"{exc}\n\nNothing was written."
            )
            return ""
        QApplication.restoreOverrideCursor()
        self.message.emit(f"Comparison exported to {path} ({pages} pages)")
        return path
