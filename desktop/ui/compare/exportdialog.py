"""Asking where to save an export, remembering the folder the user chose last; the PDF export's
dialog (paper size, the episodes exported) before the plain save dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.files.settings import Settings


def ask_save_path(
    parent: QWidget, title: str, default_name: str, file_filter: str, settings: Settings | None = None
) -> str:
    """The chosen path (with the right suffix), or "" if the dialog was cancelled."""
    folder = Path(settings["last_export_dir"]) if settings is not None and settings["last_export_dir"] else Path.home()
    if not folder.is_dir():
        folder = Path.home()
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(folder / default_name), file_filter)
    if not path:
        return ""
    suffix = Path(default_name).suffix
    if suffix and not path.lower().endswith(suffix):
        path += suffix
    if settings is not None:
        settings["last_export_dir"] = str(Path(path).parent)
    return path


#: The paper sizes of the PDF handout: settings key, what the user reads.
PAPERS = (("a4", "A4"), ("letter", "US Letter"))

#: The one-page summary's choices: the value of ``comparison_handout(summary=…)``, what the user reads.
SUMMARIES = (
    ("", "None"),
    ("first", "One page first, then the full comparison"),
    ("only", "Only the one-page summary"),
)

#: What the plain save dialog offers under "Files of type".
PDF_FILTER = "PDF files (*.pdf)"


class ExportDialog(QDialog):
    """Before the save dialog: the episodes the handout compares (a list), its paper and its one-page
    summary (combos)."""

    def __init__(self, parent: QWidget | None, episodes: list[str], paper: str = "a4", notes: int = 0) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.setWindowTitle("Export Comparison to PDF")
        self.paper = QComboBox(self)
        self.paper.setAccessibleName("Paper size")
        for key, label in PAPERS:
            self.paper.addItem(label, key)
        self.paper.setCurrentIndex(max(self.paper.findData(paper), 0))
        self.summary = QComboBox(self)
        self.summary.setObjectName("ExportSummary")
        self.summary.setAccessibleName("One-page summary")
        self.summary.setToolTip(
            "A page with the summary sentences, their sources and the facets at a glance:\n"
            "as the handout's first page, or alone"
        )
        for key, label in SUMMARIES:
            self.summary.addItem(label, key)
        self.episodes = QListWidget(self)
        self.episodes.setObjectName("ExportEpisodes")
        self.episodes.setAccessibleName("Episodes exported")
        self.episodes.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.episodes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.episodes.addItems(episodes)
        rows = max(len(episodes), 2)
        self.episodes.setFixedHeight(self.episodes.sizeHintForRow(0) * rows + 2 * self.episodes.frameWidth() + 4)
        hint = QLabel("Choose other episodes in the comparison's pickers.", self)
        hint.setObjectName("Hint")
        hint.setWordWrap(True)
        self.buttons = buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = buttons.addButton("Export…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Paper size:", self.paper)
        form.addRow("One-page &summary:", self.summary)
        form.addRow(f"Episodes ({len(episodes)}):", self.episodes)
        self.notes = QCheckBox(f"Include notes ({notes} of yours on these episodes and sources)", self)
        self.notes.setObjectName("IncludeNotes")
        self.notes.setToolTip("End the handout with a section of your notes, each under its place")
        self.notes.setVisible(notes > 0)
        form.addRow("", self.notes)
        self.summary.currentIndexChanged.connect(lambda: self.notes.setEnabled(self.chosen_summary() != "only"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.paper.setFocus()

    def chosen_paper(self) -> str:
        """The settings key of the paper chosen ("a4", "letter")."""
        return self.paper.currentData()

    def chosen_summary(self) -> str:
        """The one-page summary chosen: "" none, "first", "only"."""
        return self.summary.currentData()


def ask_export(
    parent: QWidget | None, episodes: list[str], settings: Settings, notes: int = 0
) -> tuple[str, str, bool, str] | None:
    """Ask for the paper (remembered in ``settings``), the one-page summary and, when there are
    ``notes``, whether to include them; then where to save. ``(path, paper, include notes, summary)``
    or None."""
    dialog = ExportDialog(parent, episodes, settings["paper"] or "a4", notes)
    try:
        result = dialog.exec()
        if getattr(result, "value", result) != QDialog.DialogCode.Accepted.value:
            return None
        paper = settings["paper"] = dialog.chosen_paper()
        summary = dialog.chosen_summary()
        include = notes > 0 and dialog.notes.isChecked() and summary != "only"
    finally:
        dialog.deleteLater()
    name = "overtures-summary.pdf" if summary == "only" else "overtures-comparison.pdf"
    path = ask_save_path(parent, "Export Comparison to PDF", name, PDF_FILTER, settings)
    return (path, paper, include, summary) if path else None
