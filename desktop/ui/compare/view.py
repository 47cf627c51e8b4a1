"""The comparison view: two to four episodes side by side, facet by facet, with diff markers.

All columns live in one rich-text document, so they always scroll together; next and
previous difference (F8 / Shift+F8, Alt+Down / Alt+Up) step through the rows and sentences
that differ, the way a diff tool steps through hunks. "Difference N of M" follows scrolling:
the current difference is the last one whose anchor is above the reading line near the top.
A row named by a sentence of the summary ("In brief") is a link: it scrolls to that row and
lights up the cells the sentence is written from.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from desktop.core.compare.handout import UnknownEpisodes, build_comparison, default_ids, subject_choices
from desktop.core.compare.html import comparison_html
from desktop.core.compare.html_text import cell_anchor
from desktop.core.compare.records import Comparison
from desktop.ui.reader.panes import ArticleBrowser
from desktop.ui.shell.tasks import TaskRunner

MAX_SUBJECTS = 4
NONE = ""
BUILDING = "Building the comparison…"
BUILDING_HTML = f"<p style='color:gray'><i>{BUILDING}</i></p>"
#: Where reading happens, in pixels below the top of the view: a difference above it is passed.
READING_LINE = 60


def _build(episode_set, analyses: dict, ids: list[str]) -> Comparison | ValueError:
    """The comparison (on a worker thread), or the error that says why there is none."""
    try:
        return build_comparison(episode_set, analyses, ids)
    except ValueError as exc:  # UnknownEpisodes is one: wrong ids are the user's, not a bug
        return exc


class ComparisonView(QWidget):
    """Pickers for the subjects, the comparison document, and difference navigation."""

    sentence_requested = Signal(str, int, int)  # article id, start, end
    export_requested = Signal()
    message = Signal(str)

    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.comparison: Comparison | None = None
        self.current = -1
        self._ids: list[str] = []
        self._pending: list[str] | None = None  # the ids of the comparison being built
        self._generation = 0  # of the latest request; older results are dropped
        self._announced = False  # the status bar was told "Building…"
        self._runner = TaskRunner(self)

        self.pickers: list[QComboBox] = []
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 6)
        bar.addWidget(QLabel("Compare:", self))
        for index in range(MAX_SUBJECTS):
            picker = QComboBox(self)
            picker.setAccessibleName(f"Episode {index + 1} to compare")
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(8)
            picker.activated.connect(lambda _i: self._picked())
            self.pickers.append(picker)
            bar.addWidget(picker, 1)
        self.previous = QToolButton(self)
        self.next = QToolButton(self)
        self.position = QLabel(self)
        self.position.setObjectName("Hint")
        self.export = QPushButton("Export PDF…", self)
        self.export.clicked.connect(self.export_requested)
        navigation = QHBoxLayout()
        navigation.setContentsMargins(10, 0, 10, 6)
        navigation.addWidget(self.previous)
        navigation.addWidget(self.next)
        navigation.addWidget(self.position, 1)
        navigation.addWidget(self.export)

        self.browser = ArticleBrowser(self)
        self.browser.setObjectName("ComparisonDocument")
        self.browser.setAccessibleName("Comparison of episodes")
        self.browser.anchorClicked.disconnect()
        self.browser.anchorClicked.connect(self._link)
        self.placeholder = "<p style='color:gray'>The comparison appears when the library has been analysed.</p>"
        self.browser.setHtml(self.placeholder)
        self._tops: list[float] | None = None  # document y of each difference's anchor (lazy)
        self._anchors: dict[str, int] | None = None  # document position of each anchor (lazy)
        self._lit: list[tuple] = []  # (table, row, column, format before) of the cells lit up
        self._stepping = False  # a step scrolls: the position is already right
        self.browser.verticalScrollBar().valueChanged.connect(self._follow_scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addLayout(navigation)
        layout.addWidget(self.browser, 1)

    def bind_actions(self, previous, next_) -> None:
        """Use the registry's actions for the buttons (one shortcut, one place)."""
        self.previous.setDefaultAction(previous)
        self.next.setDefaultAction(next_)
        previous.triggered.connect(lambda: self.step(-1))
        next_.triggered.connect(lambda: self.step(1))

    # -- subjects
    def refresh_choices(self) -> None:
        episode_set = self.workspace.episodes
        if episode_set is None:
            return
        choices = subject_choices(episode_set)
        ids = self._ids or default_ids(episode_set)
        for index, picker in enumerate(self.pickers):
            picker.blockSignals(True)
            picker.clear()
            picker.addItem("—" if index >= 2 else "Choose an episode…", NONE)
            for key, label in choices:
                picker.addItem(label, key)
            wanted = ids[index] if index < len(ids) else NONE
            found = picker.findData(wanted)
            picker.setCurrentIndex(max(found, 0))
            picker.blockSignals(False)
        self.show_ids(ids)

    def _picked(self) -> None:
        ids = [p.currentData() for p in self.pickers if p.currentData()]
        self.show_ids(list(dict.fromkeys(ids)))

    def ids(self) -> list[str]:
        """The episodes compared, or being compared if a comparison is being built."""
        return list(self._pending if self._pending is not None else self._ids)

    def show_ids(self, ids: list[str]) -> bool:
        """Compare these episodes (ids or named ids) on a worker; say what is wrong if it cannot.

        Returns whether a comparison was asked for. The view shows :data:`BUILDING` until it
        arrives; a newer request supersedes this one (its result is dropped, never shown).
        """
        episode_set = self.workspace.episodes
        self._generation += 1  # whatever is being built is now stale
        if episode_set is None:
            self._pending = None
            self._ids = list(ids)
            return False
        if len(ids) < 2:
            self._pending = None
            self.browser.setHtml("<p>Choose at least two episodes to compare.</p>")
            self.comparison = None
            self._update_position()
            return False
        generation = self._generation
        wanted = list(ids[:MAX_SUBJECTS])
        self._pending = wanted
        self._set_pickers(wanted)
        self.browser.setHtml(BUILDING_HTML)
        self.position.setText("")
        if self.isVisible():
            self._announced = True
            self.message.emit(BUILDING)
        analyses = self._analyses()
        self._runner.run(
            lambda: _build(episode_set, analyses, wanted),
            lambda result: self._built(generation, wanted, result),
            lambda text: self._built(generation, wanted, ValueError(f"The comparison failed: {text}")),
        )
        return True

    def building(self) -> bool:
        """Whether a comparison is being built (the view shows the placeholder)."""
        return self._pending is not None

    def _built(self, generation: int, ids: list[str], result: Comparison | ValueError) -> None:
        if generation != self._generation:
            return  # a newer request is under way or done: this result is stale
        self._pending = None
        announced, self._announced = self._announced, False
        if isinstance(result, ValueError):
            self._set_pickers(self._ids)
            if self.comparison is None:  # the previous comparison, if any, stays on show
                self.browser.setHtml(self.placeholder)
            self.render()
            if isinstance(result, UnknownEpisodes):
                self.message.emit(f"Unknown episode(s): {', '.join(result.unknown)}")
            else:
                self.message.emit(str(result))
            return
        self._ids = ids
        self.comparison = result
        self.current = -1
        self.render()
        if announced:
            self.message.emit("")  # the "Building…" message is over

    def _set_pickers(self, ids: list[str]) -> None:
        for index, picker in enumerate(self.pickers):
            wanted = ids[index] if index < len(ids) else NONE
            picker.blockSignals(True)
            picker.setCurrentIndex(max(picker.findData(wanted), 0))
            picker.blockSignals(False)

    def _analyses(self) -> dict:
        return {a.article.id: a for a in self.workspace.analyses()}

    def render(self) -> None:
        if self.comparison is None or self.building():
            return  # a comparison being built is rendered when it arrives
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        html = comparison_html(
            self.comparison,
            self._analyses(),
            self.workspace.options.theme,
            sides=dict(self.workspace.analyzer.sides()),
            title="Comparison of episodes",
        )
        self._tops = None
        self._anchors = None
        self._lit = []  # the old document's cells go with it
        self._stepping = True  # keep the current difference over a re-render
        try:
            self.browser.setHtml(html)
            bar.setValue(value)
        finally:
            self._stepping = False
        self._update_position()

    # -- differences
    def step(self, direction: int) -> None:
        if self.building():
            self.message.emit(BUILDING)
            return
        if self.comparison is None or not self.comparison.differences:
            self.message.emit("No differences to step through")
            return
        count = len(self.comparison.differences)
        self.current = (self.current + direction) % count if self.current >= 0 else (0 if direction > 0 else count - 1)
        difference = self.comparison.differences[self.current]
        self._stepping = True
        try:
            self.browser.scrollToAnchor(difference.anchor)
            bar = self.browser.verticalScrollBar()
            bar.setValue(max(0, bar.value() - 36))  # show the top of the row, not just its marker
        finally:
            self._stepping = False
        self._update_position()

    def _anchor_positions(self) -> dict[str, int]:
        """The document position of every ``<a name>`` anchor (found once per render)."""
        if self._anchors is None:
            found: dict[str, int] = {}
            block = self.browser.document().begin()
            while block.isValid():
                it = block.begin()
                while not it.atEnd():
                    fragment = it.fragment()
                    for name in fragment.charFormat().anchorNames():
                        found.setdefault(name, fragment.position())
                    it += 1
                block = block.next()
            self._anchors = found
        return self._anchors

    def _anchor_tops(self) -> list[float]:
        """The document y of each difference's ``diff-N`` anchor (measured once per render)."""
        if self._tops is None and self.comparison is not None:
            doc = self.browser.document()
            found = self._anchor_positions()
            offset = self.browser.verticalScrollBar().value()
            tops = []
            for difference in self.comparison.differences:
                position = found.get(difference.anchor)
                cursor = QTextCursor(doc)
                cursor.setPosition(position if position is not None else 0)
                tops.append(self.browser.cursorRect(cursor).top() + offset if position is not None else float("inf"))
            self._tops = tops
        return self._tops or []

    def _follow_scroll(self, value: int) -> None:
        """The current difference is the last one above the reading line of the view."""
        if self._stepping or self.comparison is None or self.building() or not self.comparison.differences:
            return
        line = value + READING_LINE
        current = -1
        for index, top in enumerate(self._anchor_tops()):
            if top <= line:
                current = index
        if current != self.current:
            self.current = current
            self._update_position()

    def current_difference(self):
        if self.comparison is None or self.current < 0:
            return None
        return self.comparison.differences[self.current]

    def _update_position(self) -> None:
        if self.comparison is None:
            self.position.setText("")
            return
        count = len(self.comparison.differences)
        difference = self.current_difference()
        if difference is None:
            self.position.setText(f"{count} differences · F8 for the next")
        else:
            self.position.setText(f"Difference {self.current + 1} of {count}: {difference.label}")

    # -- links
    def _link(self, url: QUrl) -> None:
        target = url.toString()
        if target.startswith("sentence:"):
            _scheme, article, start, end = unquote(target).split(":")
            self.sentence_requested.emit(article, int(start), int(end))
        elif target.startswith("cells:"):
            _scheme, facet, subjects = unquote(target).split(":")
            self.show_cells(facet, [int(s) for s in subjects.split(",") if s])
        elif target.startswith("cite:"):
            self.browser.scrollToAnchor(f"cite-{target.split(':', 1)[1]}")
        elif target.startswith("actor:"):
            self.browser.actor_clicked.emit(unquote(target[6:].split("?")[0]), "", 0)

    # -- the summary's cells
    def show_cells(self, facet: str, subjects: list[int]) -> None:
        """Scroll to a facet row and light up its cells of ``subjects`` (a summary sentence's)."""
        self._unlight()
        positions = [self._anchor_positions().get(cell_anchor(facet, s)) for s in subjects]
        cells = [cell for cell in (self._cell_at(p) for p in positions if p is not None) if cell is not None]
        if not cells:
            return
        self.browser.scrollToAnchor(cell_anchor(facet, subjects[0]))
        bar = self.browser.verticalScrollBar()
        bar.setValue(max(0, bar.value() - 36))  # the top of the row, not just its first line
        colour = QColor(self.browser.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlpha(70)
        for table, cell in cells:
            before = cell.format()
            lit = before.toTableCellFormat()
            lit.setBackground(colour)
            cell.setFormat(lit)
            self._lit.append((table, cell.row(), cell.column(), before))
        label = next((r.label for r in self.comparison.facets if r.id == facet), facet) if self.comparison else facet
        self.message.emit(f"{label}: the {len(cells)} cell{'s' if len(cells) != 1 else ''} the summary sentence says")

    def lit_cells(self) -> list[tuple[int, int]]:
        """(row, column) in their table of the cells lit up now."""
        return [(row, column) for _t, row, column, _f in self._lit]

    def _cell_at(self, position: int):
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        table = cursor.currentTable()
        return (table, table.cellAt(cursor)) if table is not None else None

    def _unlight(self) -> None:
        for table, row, column, before in self._lit:
            table.cellAt(row, column).setFormat(before)
        self._lit = []
