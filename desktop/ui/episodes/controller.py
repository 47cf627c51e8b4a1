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
        workspace.episodes_ready.connect(self.refresh)
        workspace.episodes_failed.connect(self.message)
        workspace.options_changed.connect(lambda: sidebar.set_theme(workspace.options.theme))
        sidebar.episode_selected.connect(self.show)

    def attach_timeline(self, timeline) -> None:
        self.timeline = timeline
        timeline.episode_clicked.connect(self.select)

    def refresh(self) -> None:
        episode_set = self.workspace.episodes
        if episode_set is None:
            return
        sides = dict(self.workspace.analyzer.sides())
        self.sidebar.set_episodes(episode_set, sides, self.workspace.options.theme)
        if self.timeline is not None:
            from desktop.core.episodes.timeline_items import timeline_items

            items, rows = timeline_items(episode_set, self.workspace.analyzer.gazetteer)
            self.timeline.set_items(items, rows, self.workspace.options.theme)
            if self.current:
                self.timeline.select(self.current)

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
