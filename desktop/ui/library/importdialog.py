"""The Import dialog: what was extracted from a file, a web page or pasted text, shown with editable
fields (title, outlet, author, URL, date and how it was found, the body with furniture dropped),
saved as Markdown with front matter into the user's articles folder. A duplicate of an article
already there (same URL or nearly the same text) is offered as Skip or Replace. The network is used
only when the user presses Fetch, off the UI thread, with a timeout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.drafts import Duplicate, ImportDraft, ImportFailure, find_duplicate, save_draft
from desktop.core.library.importing import is_url
from desktop.core.library.sources import draft_from_file
from desktop.core.library.web import FETCH_TIMEOUT, draft_from_url
from desktop.ui.shell.tasks import TaskRunner

IMPORT_FILTER = "Articles (*.md *.markdown *.txt *.html *.htm *.pdf);;All files (*)"
FOUND_BY = {
    "metadata": "found in the page's metadata",
    "url": "found in the address",
    "text": "found in the text",
    "front matter": "from the file's front matter",
    "unknown": "not found: enter it if you know it",
    "user": "entered by you",
}


def choose_files(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, "Import Articles", str(Path.home()), IMPORT_FILTER)
    return list(files)


class DuplicateBar(QFrame):
    """ "Already in your library": Skip (nothing is written) or Replace (the old file is overwritten)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.skip = QPushButton("Skip", self)
        self.skip.setToolTip("Keep the article already in your library; write nothing")
        self.replace = QPushButton("Replace", self)
        self.replace.setToolTip("Overwrite the article in your library with this one")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.skip)
        row.addWidget(self.replace)
        self.hide()

    def offer(self, duplicate: Duplicate) -> None:
        self.label.setText(
            f"<b>Already in your library</b> as “{duplicate.article_id}” ({duplicate.why}). "
            "Skip this one, or replace the old one?"
        )
        self.show()
        self.replace.setFocus()


class ImportDialog(QDialog):
    """Check and correct one draft, then save it; ``batch_requested`` hands several files on."""

    saved = Signal(object)  # Path of the written file
    batch_requested = Signal(list)  # several files chosen: imported in the background

    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import Article")
        self.setObjectName("ImportDialog")
        self.folder = folder
        self.draft: ImportDraft | None = None
        self.duplicate: Duplicate | None = None
        self.saved_path: Path | None = None
        self._runner = TaskRunner(self)
        self._build()
        self.resize(720, 640)

    # -- assembly
    def _build(self) -> None:
        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://… an article's address")
        self.url.setAccessibleName("Article address")
        self.url.returnPressed.connect(self.fetch)
        self.fetch_button = QPushButton("Fetch", self)
        self.fetch_button.setToolTip(f"Download the page now (gives up after {FETCH_TIMEOUT:.0f} s)")
        self.fetch_button.clicked.connect(self.fetch)
        self.files_button = QPushButton("Choose Files…", self)
        self.files_button.setToolTip("Saved web pages (.html), PDFs with a text layer, .md and .txt files")
        self.files_button.clicked.connect(self.choose_files)
        source_row = QHBoxLayout()
        source_row.addWidget(self.url, 1)
        source_row.addWidget(self.fetch_button)
        source_row.addWidget(self.files_button)

        self.status = QLabel("Choose a file, or enter an address and press Fetch.", self)
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.duplicate_bar = DuplicateBar(self)
        self.duplicate_bar.skip.clicked.connect(self.skip)
        self.duplicate_bar.replace.clicked.connect(lambda: self.save(replace=True))

        self.title = QLineEdit(self)
        self.outlet = QLineEdit(self)
        self.author = QLineEdit(self)
        self.article_url = QLineEdit(self)
        self.date = QLineEdit(self)
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.date.textEdited.connect(lambda _t: self.date_found.setText(FOUND_BY["user"]))
        self.date_found = QLabel(self)
        self.date_found.setObjectName("Hint")
        date_row = QHBoxLayout()
        date_row.addWidget(self.date)
        date_row.addWidget(self.date_found, 1)
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName("Article text")
        self.furniture = QLabel(self)
        self.furniture.setObjectName("Hint")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (("&Title", self.title), ("&Outlet", self.outlet), ("&Author", self.author)):
            field.setAccessibleName(label.replace("&", ""))
            form.addRow(label, field)
        self.article_url.setAccessibleName("Address")
        form.addRow("Add&ress", self.article_url)
        self.date.setAccessibleName("Published")
        date_label = QLabel("&Published", self)
        date_label.setBuddy(self.date)
        form.addRow(date_label, date_row)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton("Save to Library", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(lambda: self.save(replace=False))
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(source_row)
        layout.addWidget(self.status)
        layout.addWidget(self.duplicate_bar)
        layout.addLayout(form)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.furniture)
        layout.addWidget(self.buttons)
        self._set_editable(False)

    def _set_editable(self, on: bool) -> None:
        for widget in (self.title, self.outlet, self.author, self.article_url, self.date, self.body):
            widget.setEnabled(on)
        self.save_button.setEnabled(on)

    # -- sources
    def choose_files(self) -> None:
        files = choose_files(self)
        if len(files) > 1:
            self.batch_requested.emit(files)
            self.accept()
        elif files:
            self.load_file(files[0])

    def load_file(self, path: str | Path) -> None:
        try:
            self.show_draft(draft_from_file(path))
        except ImportFailure as failure:
            self.show_problem(f"{Path(failure.source).name}: {failure.reason}")

    def load_paste(self, text: str) -> None:
        """Pasted text: an address goes into the address field (fetched on request); text becomes a draft."""
        from desktop.core.library.sources import draft_from_paste

        text = text.strip()
        if is_url(text) and len(text.split()) == 1:
            self.url.setText(text)
            self.status.setText("Press Fetch to download the page at this address.")
            self.fetch_button.setFocus()
            return
        try:
            self.show_draft(draft_from_paste(text))
        except ImportFailure as failure:
            self.show_problem(f"The pasted text {failure.reason}.")

    def fetch(self) -> None:
        url = self.url.text().strip()
        if not is_url(url):
            self.show_problem("Enter an address starting with http:// or https://")
            return
        self.fetch_button.setEnabled(False)
        self.status.setText(f"Fetching {url} …")
        self._runner.run(lambda: _fetch(url), self._fetched, self._fetch_failed)

    def _fetched(self, result: ImportDraft | ImportFailure) -> None:
        self.fetch_button.setEnabled(True)
        if isinstance(result, ImportFailure):
            self.show_problem(
                f"{result.reason}. Check the address and your connection, or save the page "
                "from your browser and import the file. Nothing was saved."
            )
        else:
            self.show_draft(result)

    def _fetch_failed(self, message: str) -> None:
        self.fetch_button.setEnabled(True)
        self.show_problem(f"The page could not be read ({message}). Nothing was saved.")

    # -- the draft
    def show_problem(self, text: str) -> None:
        self.status.setObjectName("ErrorText")
        self.status.setStyleSheet("color: #b3261e;")
        self.status.setText(text)

    def show_draft(self, draft: ImportDraft) -> None:
        self.draft, self.duplicate = draft, None
        self.duplicate_bar.hide()
        self.status.setStyleSheet("")
        self.status.setText(f"Extracted from {_source_name(draft.source)}. Correct anything before saving.")
        self.title.setText(draft.title)
        self.outlet.setText(draft.outlet or "")
        self.author.setText(draft.author or "")
        self.article_url.setText(draft.url or "")
        self.date.setText(draft.published.isoformat() if draft.published else "")
        self.date_found.setText(FOUND_BY.get(draft.date_found_by, draft.date_found_by))
        self.body.setPlainText(draft.body)
        n = len(draft.furniture_removed)
        self.furniture.setText(f"{n} line{'s' if n != 1 else ''} of page furniture dropped" if n else "")
        self.furniture.setToolTip("\n".join(draft.furniture_removed[:30]))
        self._set_editable(True)
        self.title.setFocus()

    def edited_draft(self) -> ImportDraft | None:
        """The draft with the user's corrections; None (and a message) when a field is wrong."""
        draft = self.draft
        if draft is None:
            return None
        title, body = self.title.text().strip(), self.body.toPlainText().strip()
        if not title or not body:
            self.show_problem("An article needs a title and some text.")
            return None
        try:
            published = dt.date.fromisoformat(self.date.text().strip()) if self.date.text().strip() else None
        except ValueError:
            self.show_problem("The date must be written as YYYY-MM-DD, e.g. 2019-05-02.")
            return None
        changed_date = published != draft.published
        return ImportDraft(
            title=title,
            body=body,
            source=draft.source,
            outlet=self.outlet.text().strip() or None,
            author=self.author.text().strip() or None,
            url=self.article_url.text().strip() or None,
            published=published,
            date_found_by=("user" if published else "unknown") if changed_date else draft.date_found_by,
            furniture_removed=list(draft.furniture_removed),
            article_id="" if title != draft.title or changed_date else draft.article_id,
        )

    def save(self, replace: bool = False) -> None:
        draft = self.edited_draft()
        if draft is None:
            return
        if replace:
            self._write(draft, self.duplicate.path if self.duplicate else None)
            return
        # every article of the folder is compared: off the UI thread, the dialog waits
        self.save_button.setEnabled(False)
        self.status.setText("Checking your library for the same article…")
        folder = self.folder
        self._runner.run(
            lambda: find_duplicate(draft, folder),
            lambda duplicate: self._checked(draft, duplicate),
            lambda message: self._checked(draft, None),
        )

    def _checked(self, draft: ImportDraft, duplicate: Duplicate | None) -> None:
        self.save_button.setEnabled(True)
        self.duplicate = duplicate
        if duplicate is not None:
            self.status.setText("Choose what to do with the article already in your library.")
            self.duplicate_bar.offer(duplicate)
            return
        self._write(draft, None)

    def _write(self, draft: ImportDraft, target: Path | None) -> None:
        try:
            self.saved_path = save_draft(draft, self.folder, replace=target)
        except OSError as error:
            self.show_problem(f"The article could not be saved ({error.strerror or error}). Nothing was written.")
            return
        self.saved.emit(self.saved_path)
        self.accept()

    def skip(self) -> None:
        self.duplicate_bar.hide()
        self.reject()


def _fetch(url: str) -> ImportDraft | ImportFailure:
    try:
        return draft_from_url(url, FETCH_TIMEOUT)
    except ImportFailure as failure:
        # a fresh exception: the original's context holds the HTTP response (an open socket)
        return ImportFailure(failure.source, failure.reason)


def _source_name(source: str) -> str:
    return source if is_url(source) or source == "pasted text" else Path(source).name
