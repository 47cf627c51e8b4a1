"""Selecting an episode: the sidebar, the timeline and the reader move together."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import QObject, Signal

from desktop.core.episodes.grouping import Episode
from desktop.ui.episodes.sidebar import EpisodeSidebar
from desktop.ui.reader.controller import ReaderController
from desktop.ui.shell.workspace import Workspace


class EpisodeController(QObject):
    message = Signal(str)
    episode_shown = Signal(str)
    coverage_requested = Signal(str)  # an episode id with two or more sources

    def __init__(
        self,
        workspace: Workspace,
        sidebar: EpisodeSidebar,
        reader: ReaderController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.sidebar = sidebar
        self.reader = reader
        self.timeline = None
        self.current: str | None = None
        self.coverage_action = None  # "Coverage of this Episode", enabled for 2+ sources
        workspace.episodes_ready.connect(self.refresh)
        workspace.episodes_failed.connect(self.message)
        workspace.options_changed.connect(lambda: sidebar.set_theme(workspace.options.theme))
        sidebar.episode_selected.connect(self.show)

    def attach_timeline(self, timeline) -> None:
        self.timeline = timeline
        timeline.episode_clicked.connect(self.select)
        if self.coverage_action is not None:
            self._offer(timeline)

    def attach_coverage_action(self, action) -> None:
        """Offer ``action`` in the sidebar's and timeline's context menus; it asks for coverage
        of the selected episode and is enabled only when that episode has two or more sources."""
        self.coverage_action = action
        action.triggered.connect(lambda _checked=False: self.request_coverage())
        self._offer(self.sidebar.tree)
        if self.timeline is not None:
            self._offer(self.timeline)
        self._update_coverage_action()

    def _offer(self, widget) -> None:
        """A right-click on ``widget`` offers the coverage action (unless it has a menu of its own)."""
        from PySide6.QtCore import Qt

        if widget.contextMenuPolicy() == Qt.ContextMenuPolicy.DefaultContextMenu:
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        widget.addAction(self.coverage_action)

    def sources(self, episode_id: str | None) -> int:
        """How many analysed source articles an episode has (0 for none or an unknown id)."""
        episode = self.episode(episode_id) if episode_id else None
        if episode is None:
            return 0
        # the episode's own articles looked up, not every analysis of the library made again
        return sum(1 for article_id in set(episode.articles) if self.workspace.analysis(article_id) is not None)

    def request_coverage(self, episode_id: str | None = None) -> None:
        episode_id = episode_id or self.current
        if self.sources(episode_id) < 2:
            self.message.emit("Coverage needs an episode told by two or more source articles")
            return
        self.coverage_requested.emit(episode_id)

    def _update_coverage_action(self) -> None:
        if self.coverage_action is not None:
            self.coverage_action.setEnabled(self.sources(self.current) >= 2)

    def refresh(self) -> None:
        episode_set = self.workspace.episodes
        if episode_set is None:
            return
        sides = dict(self.workspace.analyzer.sides())
        self.sidebar.set_episodes(episode_set, sides, self.workspace.options.theme)
        if self.timeline is not None:
            from desktop.core.episodes.timeline_items import timeline_items

            items, rows = timeline_items(episode_set, self.workspace.analyzer.gazetteer)
            kinds = {e.id: e.type_label + (" · ✎ corrected by you" if e.edited else "") for e in episode_set.episodes}
            self.timeline.set_items(items, rows, self.workspace.options.theme, kinds)
            if self.current:
                self.timeline.select(self.current)
        self._update_coverage_action()

    def episode(self, episode_id: str) -> Episode | None:
        episode_set = self.workspace.episodes
        return episode_set.get(episode_id) if episode_set else None

    def select(self, episode_id: str) -> None:
        """Select an episode from anywhere (timeline, lesson): the sidebar follows and shows it."""
        if not self.sidebar.select(episode_id, emit=False):
            self.message.emit(f"No episode “{episode_id}” in this library")
            return
        self.show(episode_id)

    def show(self, episode_id: str) -> None:
        episode = self.episode(episode_id)
        if episode is None:
            return
        self.current = episode_id
        self._update_coverage_action()
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for evidence in episode.primary_evidence:
            spans[evidence.article].append((evidence.start, evidence.end))
        placement = self.reader.show_evidence(dict(spans))
        if self.timeline is not None:
            self.timeline.select(episode_id)
        n = sum(len(v) for v in spans.values())
        sentences = f"{n} evidence sentence{'s' if n != 1 else ''}"
        articles = f"{len(spans)} article{'s' if len(spans) != 1 else ''}"
        where = self.reader.describe(placement)
        self.message.emit(f"{episode.title} — {sentences} in {articles}." + (f" {where}" if where else ""))
        self.episode_shown.emit(episode_id)
