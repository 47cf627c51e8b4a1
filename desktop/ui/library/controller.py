"""Opening, importing and reloading articles, with clear messages when a file is bad."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from desktop.core.files import paths
from desktop.core.files.fileio import copy_atomic
from desktop.core.text.articles import ArticleError, Corpus, load_article, load_default_corpus
from desktop.ui.library.view import LibraryModel
from desktop.ui.shell.workspace import Workspace

FILE_FILTER = "Articles (*.md *.markdown *.txt);;All files (*)"


class LibraryController(QObject):
    open_article = Signal(str)  # article id to show in a new pane
    problems_changed = Signal(list)  # list[str] of "file: problem"
    message = Signal(str)
    library_changed = Signal()  # articles were imported: the search index is out of date

    def __init__(self, workspace: Workspace, model: LibraryModel, window: QWidget) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.model = model
        self.window = window
        workspace.corpus_changed.connect(lambda: model.set_articles(workspace.articles()))
        workspace.analysis_ready.connect(self._analysed)

    def attach(self, view) -> None:
        """Ctrl+V and drops on the library's list import; an import brings the search index up to date."""
        from desktop.ui.library.intake import LibraryIntake

        self.intake = LibraryIntake(view.tree)
        self.intake.pasted.connect(lambda text: self.import_dialog(paste=text))
        self.intake.dropped.connect(self.import_sources)
        self.library_changed.connect(view.search.invalidate)
        self.workspace.corpus_changed.connect(view.search.invalidate)

    def _analysed(self, article_id: str) -> None:
        analysis = self.workspace.analysis(article_id)
        if analysis is not None and analysis.anchor_inferred:
            self.model.set_inferred_date(article_id, analysis.anchor)

    def problems(self) -> list[str]:
        """Files that could not be loaded, and what of the user's actors file could not be used."""
        return [str(p) for p in self.workspace.corpus.problems] + list(self.workspace.analyzer.gazetteer.problems)

    def open_files(self, files: list[str] | None = None) -> None:
        """Load article files into the library for this session and open the first."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        if files is None:
            files, _ = QFileDialog.getOpenFileNames(self.window, "Open Articles", str(Path.home()), FILE_FILTER)
        errors = []
        opened = []
        for name in files:
            try:
                article = load_article(Path(name))
            except ArticleError as exc:
                errors.append(str(exc))
                continue
            if self.workspace.article(article.id) is None:
                self.workspace.add_article(article)
            opened.append(article.id)
        for article_id in opened[:1]:
            self.open_article.emit(article_id)
        if errors:
            QMessageBox.warning(
                self.window,
                "Some files could not be opened",
                "These files could not be opened; nothing else was affected:\n\n" + "\n".join(errors),
            )

    def import_files(self) -> None:
        """Copy articles into the user's library folder (validated first)."""
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Import Articles into Library", str(Path.home()), FILE_FILTER
        )
        if not files:
            return
        target = paths.user_articles_dir()
        errors, copied = [], []
        for name in files:
            source = Path(name)
            try:
                load_article(source)
                target.mkdir(parents=True, exist_ok=True)
                destination = target / source.name
                if destination.exists():
                    errors.append(f"{source.name}: a file of that name is already in the library")
                    continue
                copy_atomic(source, destination)
                copied.append(source.name)
            except ArticleError as exc:
                errors.append(str(exc))
            except OSError as exc:
                errors.append(f"{source.name}: could not be copied to {target} ({exc.strerror or exc})")
        if copied:
            self.reload()
            self.message.emit(f"Imported {len(copied)} article(s) into {target}")
        if errors:
            QMessageBox.warning(self.window, "Some files were not imported", "\n".join(errors))

    # -- the Import dialog (File → Import…, Ctrl+V and drops on the library list)
    def import_dialog(self, files: list[str] | None = None, paste: str | None = None):
        """Open the Import dialog, with a file or pasted text already extracted when given."""
        from desktop.ui.library.importdialog import ImportDialog

        dialog = ImportDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._imported)
        dialog.batch_requested.connect(self.import_batch)
        if files:
            dialog.load_file(files[0])
        elif paste is not None:
            dialog.load_paste(paste)
        self.last_dialog = dialog
        dialog.open()
        return dialog

    def import_sources(self, sources: list[str]) -> None:
        """Dropped files or addresses: one opens the dialog, several import in the background."""
        if len(sources) > 1:
            self.import_batch(sources)
        elif sources and sources[0].startswith(("http://", "https://")):
            self.import_dialog(paste=sources[0])
        elif sources:
            self.import_dialog(files=sources)

    def import_batch(self, files: list[str]):
        from desktop.ui.library.batchimport import BatchImport, summary

        batch = BatchImport(files, self.window)
        batch.finished.connect(
            lambda outcomes: self._batch_done(summary(outcomes, len(files), batch.cancelled), outcomes)
        )
        self.last_batch = batch
        batch.start()
        return batch

    def _batch_done(self, text: str, outcomes: list) -> None:
        if any(o.path is not None for o in outcomes):
            self.reload()
        self.library_changed.emit()
        self.message.emit(text)

    def _imported(self, path) -> None:
        self.reload()
        self.library_changed.emit()
        article = next((a for a in self.workspace.articles() if a.path and Path(a.path) == Path(path)), None)
        self.message.emit(f"Imported into your library: {path}")
        if article is not None:
            self.open_article.emit(article.id)

    def reload(self) -> None:
        corpus: Corpus = load_default_corpus()
        self.workspace.set_corpus(corpus)
        self.problems_changed.emit(self.problems())
        self.workspace.request_analysis()
        self.message.emit(f"Library reloaded: {len(corpus)} articles")
