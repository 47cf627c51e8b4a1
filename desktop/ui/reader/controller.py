"""What the reader does: open articles into panes, re-render on news, find, mark evidence."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal

from desktop.core.annotate.document import Highlight
from desktop.ui.reader.findbar import FindBar
from desktop.ui.reader.panes import MAX_PANES, ReaderArea, ReaderPane
from desktop.ui.shell.workspace import Workspace


class ReaderController(QObject):
    """Keeps the panes of a :class:`ReaderArea` in step with the :class:`Workspace`."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        workspace: Workspace,
        area: ReaderArea,
        find_bar: FindBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.area = area
        self.find_bar = find_bar
        workspace.analysis_ready.connect(self._refresh_article)
        workspace.options_changed.connect(self.refresh_all)
        area.article_dropped.connect(self._dropped)
        find_bar.find_requested.connect(self._find)

    # -- opening
    def open(self, article_id: str, new_pane: bool = True) -> ReaderPane | None:
        """Show an article: in a new pane (if fewer than three) or in the current pane."""
        article = self.workspace.article(article_id)
        if article is None:
            self.message.emit(f"No article with id “{article_id}” in the library")
            return None
        existing = self.area.pane_for(article_id)
        if existing is not None:
            self.area.set_current(existing)
            return existing
        if new_pane and len(self.area.panes) < MAX_PANES:
            pane = self.area.add_pane()
        else:
            pane = self.area.current_pane() or self.area.add_pane()
        self._render(pane, article_id, ())
        self.workspace.request_analysis([article_id])
        if len(self.area.panes) == MAX_PANES and new_pane and pane is not None:
            self.message.emit("Three panes are open: the article replaced the current pane")
        return pane

    def open_many(self, article_ids: Sequence[str]) -> list[ReaderPane]:
        """Make the panes show exactly these articles, left to right."""
        ids = [i for i in dict.fromkeys(article_ids) if self.workspace.article(i)][:MAX_PANES]
        for pane in list(self.area.panes):
            if pane.article_id not in ids:
                self.area.close_pane(pane)
        panes = []
        for article_id in ids:
            pane = self.area.pane_for(article_id) or self.area.add_pane()
            if pane.article_id != article_id:
                self._render(pane, article_id, ())
            panes.append(pane)
        self.area.reorder(panes)
        self.workspace.request_analysis(ids)
        return panes

    def _dropped(self, article_id: str, pane_index: int) -> None:
        if pane_index < 0 or pane_index >= len(self.area.panes):
            self.open(article_id, new_pane=True)
            return
        pane = self.area.panes[pane_index]
        if self.area.pane_for(article_id) is None:
            self._render(pane, article_id, ())
            self.workspace.request_analysis([article_id])
        self.area.set_current(pane)

    # -- rendering
    def _render(self, pane: ReaderPane, article_id: str, highlights: Sequence[Highlight]) -> None:
        article = self.workspace.article(article_id)
        if article is None:
            return
        pane.highlights = tuple(highlights)
        pane.show_article(
            article_id,
            article.title,
            self.workspace.byline(article),
            self.workspace.css(),
            self.workspace.body_html(article_id, pane.highlights),
            self.workspace.font_size(),
        )

    def _refresh_article(self, article_id: str) -> None:
        for pane in self.area.panes:
            if pane.article_id == article_id:
                self._render(pane, article_id, pane.highlights)

    def refresh_all(self) -> None:
        for pane in self.area.panes:
            if pane.article_id:
                self._render(pane, pane.article_id, pane.highlights)

    # -- evidence and mentions
    def show_evidence(self, spans: dict[str, list[tuple[int, int]]]) -> None:
        """Open the articles of ``spans`` side by side and mark and scroll to the sentences."""
        ids = list(spans)[:MAX_PANES]
        self.open_many(ids)
        for pane in self.area.panes:
            if pane.article_id in spans:
                marks = [
                    Highlight(s, e, "evidence", anchor=f"evidence-{i}")
                    for i, (s, e) in enumerate(spans[pane.article_id])
                ]
                self._render(pane, pane.article_id, marks)
        for pane in self.area.panes:
            if spans.get(pane.article_id):
                self.area.scroll_to(pane.article_id, "evidence-0")

    def show_mention(self, article_id: str, start: int, end: int) -> None:
        pane = self.open(article_id, new_pane=True)
        if pane is None:
            return
        self._render(pane, article_id, [Highlight(start, end, "evidence", anchor="mention")])
        self.area.set_current(pane)
        self.area.scroll_to(article_id, "mention")

    # -- find
    def _find(self, text: str, backward: bool, case: bool) -> None:
        pane = self.area.current_pane()
        if pane is None:
            self.find_bar.set_result(False, 0)
            return
        found = pane.find(text, backward, case)
        self.find_bar.set_result(found, pane.count(text, case))
