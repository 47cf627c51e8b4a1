"""The Coverage tab: opened from the episodes sidebar and timeline, and from the comparison.

:func:`install` puts it into the main window once the deferred parts are built: the tab, the
registry's ``episodes.coverage`` action (through the episode controller, which enables it for
an episode with two or more sources), ``file.export_coverage``, and under the comparison a
line of links, one per compared episode with two or more sources.
"""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget

from desktop.core.compare.coverage_html import source_count
from desktop.ui.compare.coverageview import CoverageView
from desktop.ui.reader.controller import ReaderController
from desktop.ui.shell.workspace import Workspace

TAB = "Coverage"
PDF_FILTER = "PDF handout (*.pdf)"


class CoverageController(QObject):
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        view: CoverageView,
        tabs: QTabWidget,
        reader: ReaderController,
        exporter,
        settings,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.view = view
        self.tabs = tabs
        self.reader = reader
        self.exporter = exporter  # the ComparisonController: its write_pdf runs the export job
        self.settings = settings
        workspace.options_changed.connect(view.render)
        view.sentence_requested.connect(self.show_sentence)
        view.export_requested.connect(self.export)
        view.message.connect(self.message)

    def show(self, episode_id: str) -> bool:
        """Open the Coverage tab on ``episode_id`` (built on a worker); False if it cannot be."""
        if self.workspace.episodes is None:
            self.message.emit("Episodes are still being extracted; try again in a moment")
            return False
        if self.tabs.indexOf(self.view) < 0:
            self.tabs.addTab(self.view, TAB)
        self.tabs.setCurrentWidget(self.view)
        self.view.show_episode(episode_id)
        self.view.browser.setFocus()
        return True

    def show_sentence(self, article_id: str, start: int, end: int) -> None:
        self.tabs.setCurrentIndex(0)
        self.reader.show_mention(article_id, start, end)

    def export(self, path: str | None = None, paper: str = "a4") -> str:
        """Ask where to save (unless told) and write the coverage PDF; return the path or ""."""
        episode_id = self.view.episode_id
        if not episode_id or self.workspace.episodes is None:
            self.message.emit("Open the coverage of an episode first (Episodes → Coverage of this Episode)")
            return ""
        if path is None:
            from desktop.ui.compare.exportdialog import ask_save_path

            path = ask_save_path(
                self.view.window(), "Export Coverage to PDF", "overtures-coverage.pdf", PDF_FILTER, self.settings
            )
            if not path:
                self.message.emit("Export cancelled; nothing was written")
                return ""
            paper = self.settings["paper"] if self.settings["paper"] in ("a4", "letter") else "a4"
        from desktop.ui.compare.pdf import coverage_handout

        analyses = {a.article.id: a for a in self.workspace.analyses()}
        prepare = partial(coverage_handout, self.workspace.episodes, analyses, episode_id, paper=paper)
        return self.exporter.write_pdf(path, prepare, "coverage")


class ComparisonLinks(QLabel):
    """Under the comparison's pickers: "Coverage: A · B", one link per episode with 2+ sources."""

    def __init__(self, comparison_view, workspace: Workspace, open_coverage) -> None:
        super().__init__(comparison_view)
        self.view = comparison_view
        self.workspace = workspace
        self.setObjectName("Hint")
        self.setContentsMargins(10, 0, 10, 6)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.linkActivated.connect(lambda target: open_coverage(target.removeprefix("coverage:")))
        self.hide()
        comparison_view.layout().insertWidget(2, self)
        comparison_view.browser.textChanged.connect(self.refresh)

    def episodes(self) -> list[tuple[str, str]]:
        """(id, title) of the compared episodes with two or more sources."""
        comparison, episode_set = self.view.comparison, self.workspace.episodes
        if comparison is None or episode_set is None or self.view.building():
            return []
        analysed = {a.article.id for a in self.workspace.analyses()}
        found = []
        for subject in comparison.subjects:
            for episode_id in subject.episodes:
                episode = episode_set.get(episode_id)
                count = source_count(episode, analysed) if episode is not None else 0
                if count >= 2:
                    name = subject.label if len(subject.episodes) == 1 else f"{subject.label}: {episode.title}"
                    found.append((episode.id, f"{name} ({count} sources)"))
        return found

    def refresh(self) -> None:
        found = self.episodes()
        links = " · ".join(f'<a href="coverage:{html.escape(i)}">{html.escape(label)}</a>' for i, label in found)
        self.setText(f"Coverage of one episode by its sources: {links}" if found else "")
        self.setVisible(bool(found))


def install(window) -> CoverageController:
    """Build the Coverage view and controller of ``window`` and wire its actions and links."""
    view = window.coverage = CoverageView(window.workspace, window)
    control = CoverageController(
        window.workspace,
        view,
        window.tabs,
        window.reader_control,
        window.comparison_control,
        window.settings,
        window,
    )
    episodes = window.episode_control
    episodes.attach_coverage_action(window.actions["episodes.coverage"])
    episodes.coverage_requested.connect(control.show)
    window.actions.connect("file.export_coverage", control.export)
    control.message.connect(window.show_message)
    window.coverage_links = ComparisonLinks(window.comparison, window.workspace, control.show)
    return control


__all__ = ["ComparisonLinks", "CoverageController", "install"]
