"""Opening, importing and reloading articles, with clear messages when a file is bad."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
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

    def __init__(self, workspace: Workspace, model: LibraryModel, window: QWidget) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.model = model
        self.window = window
        workspace.corpus_changed.connect(lambda: model.set_articles(workspace.articles()))
        workspace.analysis_ready.connect(self._analysed)

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

    def reload(self) -> None:
        corpus: Corpus = load_default_corpus()
        self.workspace.set_corpus(corpus)
        self.problems_changed.emit(self.problems())
        self.workspace.request_analysis()
        self.message.emit(f"Library reloaded: {len(corpus)} articles")
