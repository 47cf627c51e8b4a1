"""The Corrections panel (View → Corrections, Ctrl+6): every correction and episode edit you made.

One row per correction: its article (or episode), what it changes and its state — applied,
orphaned (its words or its episode are gone: kept, never applied to other words) or waiting
for the analysis. Revert takes a correction out (Edit → Undo puts it back); Open Its Place
shows its words in the reader or its episode in the sidebar. :func:`install` builds the dock,
and says clearly when the stored corrections could not be read.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotations import listing
from desktop.core.annotations.anchoring import anchor

ID_ROLE = Qt.ItemDataRole.UserRole
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # (where, what, state)


class CorrectionsPanel(QWidget):
    """The list of corrections, with Open Its Place and Revert."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.workspace = window.workspace
        self.corrections = window.reader_control.corrections
        self.problem = QLabel(self)
        self.problem.setObjectName("Hint")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.tree = QListWidget(self)  # a row: what it changes, then where and its state, wrapped
        self.tree.setObjectName("CorrectionsList")
        self.tree.setAccessibleName("Corrections")
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setResizeMode(QListView.ResizeMode.Adjust)
        self.tree.setUniformItemSizes(False)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.status = QLabel(self)
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)
        self.open_button = QPushButton("Open Its Place", self)
        self.revert_button = QPushButton("Revert", self)
        self.revert_button.setToolTip("Take the correction out (Edit → Undo puts it back)")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.problem)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._timer = QTimer(self, singleShot=True, interval=80)  # analyses arrive in bursts
        self._timer.timeout.connect(self.refresh)
        self.tree.itemActivated.connect(self.open_place)
        self.tree.currentItemChanged.connect(self._enable)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.open_button.clicked.connect(self.open_place)
        self.revert_button.clicked.connect(self.revert)
        # bound methods, not lambdas: Qt drops them with the panel (a window closing emits more)
        self.corrections.stack.indexChanged.connect(self._soon)
        self.workspace.episodes_ready.connect(self._soon)
        self.workspace.analysis_ready.connect(self._soon)
        self.refresh()

    def _soon(self, *_args) -> None:
        self._timer.start()

    # -- content
    def _rows(self) -> list[listing.Row]:
        texts = self.workspace.texts()  # read for the corrected articles only
        articles = {a.id: a.title for a in self.workspace.articles()}
        episode_set = self.workspace.episodes
        episodes = {}  # as extracted (a merged episode is named still), then as the reader edited them
        for source in (self.workspace.extracted, episode_set):
            episodes.update({e.id: e.title for e in source.episodes} if source is not None else {})
        orphaned = [n.id for n in self.workspace.episode_outcome.orphaned]
        return listing.rows(self.corrections.annotations, texts, articles, episodes, orphaned, episode_set is not None)

    def refresh(self) -> None:
        chosen = self.current_id()
        rows = self._rows()
        self.tree.clear()
        for row in rows:
            mark = "⚠ " if row.state == listing.ORPHANED else "✎ "
            item = QListWidgetItem(f"{mark}{row.what}\n{row.where} · {row.state}", self.tree)
            item.setData(ID_ROLE, row.note.id)
            item.setData(ROW_ROLE, (row.where, row.what, row.state))
            made = f" on {row.note.created[:10]}" if row.note.created else ""
            item.setToolTip(f"{row.what}\n{row.where}\n✎ corrected by you{made}\n{_state_tip(row.state)}")
            if row.note.id == chosen:
                self.tree.setCurrentItem(item)
        orphaned = sum(r.state == listing.ORPHANED for r in rows)
        if not rows:
            self.status.setText("No corrections yet: right-click a highlight or an episode to correct it")
        else:
            self.status.setText(f"{len(rows)} corrections" + (f" · {orphaned} orphaned" if orphaned else ""))
        self._enable()

    def rows(self) -> list[tuple[str, str, str]]:
        """What the panel shows (for tests, for reading), brought up to date first."""
        if self._timer.isActive():
            self._timer.stop()
            self.refresh()
        return [tuple(self.tree.item(i).data(ROW_ROLE)) for i in range(self.tree.count())]

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    # -- the chosen correction
    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def current(self):
        wanted = self.current_id()
        return next((a for a in self.corrections.annotations if a.id == wanted), None)

    def choose(self, row: int) -> None:
        self.tree.setCurrentRow(row)

    def _enable(self, *_args) -> None:
        chosen = self.current() is not None
        self.open_button.setEnabled(chosen)
        self.revert_button.setEnabled(chosen)

    def revert(self) -> None:
        note = self.current()
        if note is not None:
            what = listing.describe(note)
            self.corrections.push(None, f"Correction reverted: {what}", removed=(note,))

    def open_place(self, *_args) -> None:
        """The correction's words in a reader pane, or its episode in the sidebar."""
        note = self.current()
        if note is None:
            return
        window = self.window
        if note.is_episode_edit and note.kind != "episode-add-event" and window.episodes.select(note.episode):
            window._show_dock(window.episodes_dock, True)
            return
        analysis = self.workspace.analysis(note.article) if note.article else None
        span = anchor(analysis.text, note.quote) if analysis is not None and note.quote is not None else None
        if span is None:
            window.show_message("Its words are not in the article now: the correction is orphaned (kept, not applied)")
            if note.article:
                window.reader_control.open(note.article)
            return
        window.reader_control.show_mention(note.article, *span)

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self.tree)
        menu.addAction("Open Its Place").triggered.connect(self.open_place)
        menu.addAction("Revert").triggered.connect(self.revert)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.tree.viewport().mapToGlobal(pos))


def _state_tip(state: str) -> str:
    return {
        listing.APPLIED: "Applied: the analysis shows it",
        listing.ORPHANED: "Orphaned: its words or its episode are gone; it is kept, and applied to nothing else",
    }.get(state, "The article is not analysed yet")


def report_broken_store(window, problems: list[str]) -> QMessageBox | None:
    """Say clearly that the stored corrections and notes could not be read (not modal)."""
    if not problems:
        return None
    box = QMessageBox(QMessageBox.Icon.Warning, "Your corrections could not be read", "\n\n".join(problems))
    box.setParent(window, box.windowFlags())
    box.setObjectName("BrokenCorrections")
    box.setInformativeText("New corrections and notes are kept in a new file; the old one is left for you to mend.")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    window.statusBar().showMessage(problems[0], 15000)
    return box


def install(window) -> CorrectionsPanel:
    """The Corrections dock (beside the Notes), and the message of a store that could not be read."""
    panel = CorrectionsPanel(window, window)
    dock = window.add_dock(
        "Corrections", "CorrectionsDock", panel, Qt.DockWidgetArea.RightDockWidgetArea, "view.corrections"
    )
    window.tabifyDockWidget(window.notes_dock, dock)
    if not (window.settings["window_state"] and window.restoreDockWidget(dock)):  # as a saved layout had it
        dock.show()  # made after the window was shown: it would stay hidden
        window.legend_dock.raise_()
    window.corrections_dock = dock
    problems = list(getattr(window.reader_control.corrections, "problems", []))
    panel.show_problem("\n".join(problems))
    report_broken_store(window, problems)
    return panel
