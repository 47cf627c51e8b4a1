"""File → Export Annotations… and File → Import Annotations… (issue 13).

The reader's corrections and notes leave as a W3C Web Annotation JSON-LD file (written
atomically) and come back from one, with the checks ``overtures annotations import`` makes
(:mod:`desktop.core.annotations.exchange`). An import is one step on the corrections' undo
stack: the window's highlighting, legend, episodes and notes show it at once, and Edit → Undo
takes it back. Its report says what was imported, what was already there, what was for
articles the library does not have, what no longer finds its words (orphaned) and what was
malformed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.core.annotations import notes as core_notes
from desktop.core.annotations.exchange import (
    DEFAULT_NAME,
    FILE_FILTER,
    ImportReport,
    export_text,
    plan_import,
    read_file,
)
from desktop.core.annotations.records import Annotation
from desktop.core.annotations.store import merge_new
from desktop.core.files.fileio import WriteError, write_text_atomic
from desktop.core.text.markup import plain_text

#: At most this many lines of each list in the report's text (all of them under Show Details…).
SHOWN = 8


class LibraryTexts(Mapping):
    """Article id -> plain text, for the library's articles an import names (only those are read)."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        self._text = cache(lambda article_id: plain_text(workspace.article(article_id).body))

    def __getitem__(self, article_id: str) -> str:
        if self.workspace.article(article_id) is None:
            raise KeyError(article_id)
        return self._text(article_id)

    def __contains__(self, article_id: object) -> bool:
        return isinstance(article_id, str) and self.workspace.article(article_id) is not None

    def __iter__(self) -> Iterator[str]:
        return (a.id for a in self.workspace.articles())

    def __len__(self) -> int:
        return len(self.workspace.articles())


class ImportCommand(QUndoCommand):
    """The annotations an import added: redo adds them (those not there yet), undo takes them out."""

    def __init__(self, io: AnnotationsIO, added: list[Annotation], text: str) -> None:
        super().__init__(text)
        self.io = io
        self.added = list(added)

    def redo(self) -> None:
        merged, _added = merge_new(self.io.corrections.annotations, self.added)
        self.io.store(merged)

    def undo(self) -> None:
        gone = {a.id for a in self.added}
        self.io.store([a for a in self.io.corrections.annotations if a.id not in gone])


def _plural(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _what(note: Annotation) -> str:
    return "a note" if note.is_note else ("an episode edit" if note.is_episode_edit else "a correction")


def _bullets(lines: list[str], most: int = SHOWN) -> str:
    shown = [f"• {line}" for line in lines[:most]]
    if len(lines) > most:
        shown.append(f"• … and {len(lines) - most} more (Show Details…)")
    return "\n".join(shown)


class AnnotationsIO(QObject):
    """The two File actions, over the corrections' store and undo stack."""

    message = Signal(str)
    imported = Signal()  # the store changed by an import or its undo (notes panel, marks)

    def __init__(self, corrections, actions, parent: QObject | None = None) -> None:
        super().__init__(parent or corrections)
        self.corrections = corrections
        self.workspace = corrections.workspace
        self.report_box: QMessageBox | None = None  # the last report or warning shown
        actions.connect("file.export_annotations", self.export_dialog)
        actions.connect("file.import_annotations", self.import_dialog)

    def window(self) -> QWidget:
        return self.corrections.area.window()

    def settings(self):
        return getattr(self.window(), "settings", None)

    def _folder(self) -> str:
        settings = self.settings()
        folder = Path(settings["last_export_dir"]) if settings is not None and settings["last_export_dir"] else None
        return str(folder if folder is not None and folder.is_dir() else Path.home())

    def _remember(self, path: str) -> None:
        settings = self.settings()
        if settings is not None:
            settings["last_export_dir"] = str(Path(path).parent)

    def store(self, annotations: list[Annotation]) -> None:
        self.corrections.store(annotations)
        self.imported.emit()

    # -- export
    def export_dialog(self) -> str:
        """Ask where, then write every correction and note there; returns the path or ""."""
        annotations = self.corrections.annotations
        if not annotations:
            self.message.emit("You have no corrections or notes to export yet")
            return ""
        path, _filter = QFileDialog.getSaveFileName(
            self.window(), "Export Annotations", str(Path(self._folder()) / DEFAULT_NAME), FILE_FILTER
        )
        if not path:
            self.message.emit("Export cancelled; nothing was written")
            return ""
        if Path(path).suffix.lower() not in (".jsonld", ".json"):
            path += ".jsonld"
        return self.export_to(path)

    def export_to(self, path: str) -> str:
        annotations = self.corrections.annotations
        try:
            write_text_atomic(path, export_text(annotations))
        except (WriteError, OSError) as exc:
            self._warn("The annotations could not be exported", f"{exc}\n\nNothing was written.")
            return ""
        self._remember(path)
        notes = len(core_notes.notes_of(annotations))
        corrections = len(annotations) - notes
        self.message.emit(f"Exported {_plural(corrections, 'correction')} and {_plural(notes, 'note')} to {path}")
        return path

    # -- import
    def import_dialog(self) -> ImportReport | None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window(), "Import Annotations", self._folder(), f"{FILE_FILTER};;All files (*)"
        )
        if not path:
            return None
        return self.import_from(path)

    def import_from(self, path: str) -> ImportReport | None:
        """Import the annotation file ``path``: its valid part added (one undoable step), the rest reported."""
        try:
            data = read_file(path)
        except ValueError as exc:
            self._warn("The annotations could not be imported", f"{exc}\n\nNothing was imported.")
            return None
        self._remember(path)
        report = plan_import(data, self.corrections.annotations, LibraryTexts(self.workspace))
        if report.added:
            text = f"Import of {_plural(len(report.added), 'annotation')} from {Path(path).name}"
            self.corrections.stack.push(ImportCommand(self, report.added, text))
        self._report(Path(path).name, report)
        return report

    def _title(self, article_id: str) -> str:
        article = self.workspace.article(article_id)
        return f"“{article.title}”" if article is not None else article_id

    def report_text(self, name: str, report: ImportReport) -> tuple[str, str, str]:
        """The report's headline, its body and its full details, as the user reads them."""
        total = len(report.added) + len(report.already) + len(report.refused) + len(report.malformed)
        if report.added:
            head = f"Imported {len(report.added)} of {_plural(total, 'annotation')} from {name}."
        else:
            head = f"Nothing new was imported from {name} ({_plural(total, 'annotation')} in the file)."
        sections = self._sections(report)
        if report.added:
            sections.append("Edit → Undo takes the import back.")
        details = "\n".join(
            [f"already there: {n.id}" for n in report.already]
            + [f"orphaned: {n.id} ({n.article})" for n in report.orphaned]
            + [f"no such article: {n.id} ({n.article})" for n in report.refused]
            + [f"malformed: {line}" for line in report.malformed]
        )
        return head, "\n\n".join(sections), details

    def _sections(self, report: ImportReport) -> list[str]:
        """One paragraph for each kind of annotation that was not simply imported."""
        sections = []
        if report.already:
            already = _plural(len(report.already), "was", "were")
            sections.append(f"{already} already there (importing a file twice adds nothing).")
        if report.orphaned:
            lines = [
                f"{_what(n).capitalize()} on “{n.quote.exact}” in {self._title(n.article)}" for n in report.orphaned
            ]
            where = "View → Notes" if all(n.is_note for n in report.orphaned) else "View → Corrections"
            sections.append(
                "No longer matching their article's words, kept as orphaned and not applied "
                f"({where} lists them):\n{_bullets(lines)}"
            )
        if report.refused:
            lines = [f"{_what(n).capitalize()} on the article “{n.article}”" for n in report.refused]
            sections.append(f"Left out, for articles your library does not have:\n{_bullets(lines)}")
        if report.malformed:
            sections.append(f"Left out, malformed:\n{_bullets(report.malformed)}")
        return sections

    def _report(self, name: str, report: ImportReport) -> None:
        head, body, details = self.report_text(name, report)
        icon = QMessageBox.Icon.Warning if report.problems or report.orphaned else QMessageBox.Icon.Information
        box = self._box(icon, "Annotations Imported" if report.added else "Nothing New Imported", head, body)
        if details:
            box.setDetailedText(details)
        box.open()
        self.message.emit(head)

    def _warn(self, title: str, text: str) -> None:
        self._box(QMessageBox.Icon.Warning, title, text).open()

    def _box(self, icon, title: str, text: str, informative: str = "") -> QMessageBox:
        if self.report_box is not None:
            self.report_box.deleteLater()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window())
        box.setObjectName("AnnotationsReport")
        box.setWindowModality(Qt.WindowModality.WindowModal)
        if informative:
            box.setInformativeText(informative)
        self.report_box = box
        return box


def install(corrections, actions) -> AnnotationsIO:
    """The File actions of ``corrections`` (a :class:`CorrectionsController`); messages in the status bar."""
    io = AnnotationsIO(corrections, actions)
    io.message.connect(corrections.message)
    return io
