"""What the reader does: open articles into panes, re-render on news, find, mark evidence."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from desktop.core.annotate.document import Highlight
from desktop.ui.reader import findall
from desktop.ui.reader.corrections import CorrectionsController
from desktop.ui.reader.findbar import FindBar
from desktop.ui.reader.panes import MAX_PANES, ReaderArea, ReaderPane
from desktop.ui.shell.workspace import Workspace


def _number(n: int) -> str:
    return {1: "one", 2: "two", 3: "three", 4: "four"}.get(n, str(n))


@dataclass(frozen=True)
class Placement:
    """Where :meth:`ReaderController.open_many` put a set of articles."""

    shown: tuple[str, ...] = ()  # in a pane now, in the order asked for
    reused: tuple[str, ...] = ()  # of those, the ones that were open already
    not_shown: tuple[str, ...] = ()  # no pane free: the user has to close one
    unknown: tuple[str, ...] = ()  # not in the library


class ReaderController(QObject):
    """Keeps the panes of a :class:`ReaderArea` in step with the :class:`Workspace`."""

    message = Signal(str)  # for the status bar
    library_search = Signal(str)  # the find bar's text, for the library's search field

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
        find_bar.library_search_requested.connect(self.library_search)
        self.corrections = CorrectionsController(workspace, area, self)
        self.corrections.message.connect(self.message)
        self.extra_marks = lambda _article_id: ()  # marks every render adds (the notes: ui/reader/notes.py)

    # -- opening
    def open(self, article_id: str, new_pane: bool = True) -> ReaderPane | None:
        """Show an article: where it is already open, else in a new pane (if fewer than three are
        open), else in the current pane; the status bar says which pane it took."""
        pane, note = self._open(article_id, new_pane)
        if note:
            self.message.emit(note)
        return pane

    def _open(self, article_id: str, new_pane: bool) -> tuple[ReaderPane | None, str]:
        """The pane now showing ``article_id`` and what the user should be told about it."""
        article = self.workspace.article(article_id)
        if article is None:
            return None, f"No article with id “{article_id}” in the library"
        existing = self.area.pane_for(article_id)
        if existing is not None:
            self.area.set_current(existing)
            return existing, f"“{article.title}” is already open in {self._pane_name(existing)}"
        if (new_pane or not self.area.panes) and len(self.area.panes) < MAX_PANES:
            pane, note = self.area.add_pane(), ""
        else:
            pane = self.area.current_pane() or self.area.panes[-1]
            note = self._replace_note(pane, article.title)
        self._render(pane, article_id, ())
        self.area.set_current(pane)
        self.workspace.request_analysis([article_id])
        return pane, note

    def _replace_note(self, pane: ReaderPane, title: str) -> str:
        old = self.workspace.article(pane.article_id) if pane.article_id else None
        if old is None:
            return ""
        full = f"All {_number(MAX_PANES)} panes are in use: " if len(self.area.panes) >= MAX_PANES else ""
        return f"{full}“{title}” replaced “{old.title}” in {self._pane_name(pane)}"

    def _pane_name(self, pane: ReaderPane) -> str:
        panes = self.area.panes
        names = {1: ["the reader"], 2: ["the left pane", "the right pane"]}
        names[3] = ["the left pane", "the middle pane", "the right pane"]
        index = panes.index(pane)
        return names[len(panes)][index] if len(panes) in names else f"pane {index + 1}"

    def open_many(self, article_ids: Sequence[str]) -> Placement:
        """Show these articles without closing or replacing an open pane: one already open keeps its
        pane, the others go into free or new panes while fewer than three are open, and the rest are
        reported as not shown. The first one shown becomes the current pane."""
        shown: list[str] = []
        reused: list[str] = []
        not_shown: list[str] = []
        unknown: list[str] = []
        for article_id in dict.fromkeys(article_ids):
            if self.workspace.article(article_id) is None:
                unknown.append(article_id)
            elif self.area.pane_for(article_id) is not None:
                reused.append(article_id)
                shown.append(article_id)
            elif (pane := self._free_pane()) is not None:
                self._render(pane, article_id, ())
                shown.append(article_id)
            else:
                not_shown.append(article_id)
        if shown:
            self.area.set_current(self.area.pane_for(shown[0]))
            self.workspace.request_analysis(shown)
        return Placement(tuple(shown), tuple(reused), tuple(not_shown), tuple(unknown))

    def _free_pane(self) -> ReaderPane | None:
        """A pane showing nothing, else a new one while there is room, else None."""
        for pane in self.area.panes:
            if pane.article_id is None:
                return pane
        return self.area.add_pane() if len(self.area.panes) < MAX_PANES else None

    def describe(self, placement: Placement) -> str:
        """What :meth:`open_many` did, in words for the status bar (titles, not ids)."""

        def titles(ids: Sequence[str]) -> str:
            names = [f"“{self.workspace.article(i).title}”" for i in ids]
            return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

        opened = [i for i in placement.shown if i not in placement.reused]
        parts = []
        if placement.reused:
            parts.append(f"{titles(placement.reused)} {'was' if len(placement.reused) == 1 else 'were'} already open")
        if opened:
            parts.append(f"opened {titles(opened)} in {'a new pane' if len(opened) == 1 else 'new panes'}")
        sentences = ["; ".join(parts)] if parts else []
        if placement.not_shown:
            total = len(placement.shown) + len(placement.not_shown)
            sentences.append(
                f"{len(placement.shown)} of {total} sources shown: all {_number(MAX_PANES)} panes are in use, "
                f"close a pane to see {titles(placement.not_shown)}"
            )
        if placement.unknown:
            n = len(placement.unknown)
            sentences.append(f"{n} source{'s are' if n != 1 else ' is'} not in the library")
        return "".join(f"{s[0].upper()}{s[1:]}. " for s in sentences).strip()

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
            self.workspace.body_html(article_id, (*pane.highlights, *self.extra_marks(article_id))),
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
    def show_evidence(self, spans: dict[str, list[tuple[int, int]]]) -> Placement:
        """A new selection: take the marks of the last one off every pane, show the articles of
        ``spans`` (see :meth:`open_many`, no pane is closed), then mark and scroll to the sentences."""
        self.clear_evidence(keep=spans)
        placement = self.open_many(list(spans))
        for article_id in placement.shown:
            marks = [Highlight(s, e, "evidence", anchor=f"evidence-{i}") for i, (s, e) in enumerate(spans[article_id])]
            self._render(self.area.pane_for(article_id), article_id, marks)
        for article_id in placement.shown:  # after every render: a render may move the synchronized panes
            if spans[article_id]:
                self.area.scroll_to(article_id, "evidence-0")
        return placement

    def clear_evidence(self, keep: Collection[str] = ()) -> None:
        """Take the evidence and mention marks off every pane but those showing ``keep``."""
        for pane in self.area.panes:
            if pane.article_id and pane.highlights and pane.article_id not in keep:
                self._render(pane, pane.article_id, ())

    def show_mention(self, article_id: str, start: int, end: int) -> None:
        already_open = self.area.pane_for(article_id) is not None
        pane, note = self._open(article_id, new_pane=True)
        if note and not already_open:  # a missing article or a replaced pane; an open one is just shown
            self.message.emit(note)
        if pane is None:
            return
        self._render(pane, article_id, [Highlight(start, end, "evidence", anchor="mention")])
        self.area.set_current(pane)
        self.area.scroll_to(article_id, "mention")

    # -- find
    def _find(self, text: str, backward: bool, case: bool) -> None:
        if self.find_bar.typing and self.area.current_pane() is not None:
            findall.rewind(self.area.current_pane())  # "Mi" after "M": the same place, if it matches
        if self.find_bar.all_panes.isChecked():
            self._find_all(text, backward, case)
            return
        pane = self.area.current_pane()
        if pane is None:
            self.find_bar.set_result(False, 0)
            return
        found = pane.find(text, backward, case)
        self.find_bar.set_result(found, pane.count(text, case))

    def _find_all(self, text: str, backward: bool, case: bool) -> None:
        """The next match in any open pane (that pane becomes the current one), counts per pane."""
        pane = findall.step(self.area.panes, self.area.current_pane(), text, backward, case)
        if pane is not None:
            self.area.set_current(pane)
        counts = [(p.title.text(), p.count(text, case)) for p in self.area.panes if p.article_id]
        total = sum(n for _title, n in counts)
        self.find_bar.set_result(pane is not None, total, findall.summary(counts), findall.summary(counts, short=False))
