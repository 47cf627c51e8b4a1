"""The Coverage view: one episode as each of its sources tells it, one column per source.

The document is written by :func:`desktop.core.compare.coverage_html.coverage_html` and shown
in an :class:`~desktop.ui.shell.offline.OfflineBrowser` (nothing is loaded from outside). The
coverage is built on a worker (:class:`~desktop.ui.shell.tasks.TaskRunner`); a newer request
supersedes an older one. Clicking a sentence or a name asks for the article at that place.
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.compare.coverage import Coverage
from desktop.core.compare.coverage_html import coverage_html, episode_coverage
from desktop.ui.shell.offline import OfflineBrowser
from desktop.ui.shell.tasks import TaskRunner

BUILDING = "Building the coverage…"
PLACEHOLDER = (
    "<p style='color:gray'>Choose an episode with two or more sources and "
    "<b>Episodes → Coverage of this Episode</b> to see how each source tells it.</p>"
)


def _build(episode_set, analyses: dict, episode_id: str) -> Coverage | ValueError:
    """The coverage (on a worker thread), or the error that says why there is none."""
    try:
        return episode_coverage(episode_set, analyses, episode_id)
    except ValueError as exc:  # an unknown id or too few sources: the user's, not a bug
        return exc


class CoverageView(QWidget):
    """A line naming the episode, an export button and the coverage document."""

    sentence_requested = Signal(str, int, int)  # article id, start, end
    export_requested = Signal()
    message = Signal(str)

    def __init__(self, workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.coverage: Coverage | None = None
        self.episode_id = ""
        self._pending: str | None = None
        self._generation = 0
        self._runner = TaskRunner(self)

        self.heading = QLabel(self)
        self.heading.setObjectName("Hint")
        self.export = QPushButton("Export PDF…", self)
        self.export.setEnabled(False)
        self.export.clicked.connect(self.export_requested)
        bar = QHBoxLayout()
        bar.setContentsMargins(10, 8, 10, 6)
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.export)

        self.browser = OfflineBrowser(self)
        self.browser.setObjectName("CoverageDocument")
        self.browser.setAccessibleName("Coverage of one episode")
        self.browser.anchorClicked.connect(self._link)
        self.browser.setHtml(PLACEHOLDER)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

    def _analyses(self) -> dict:
        return {a.article.id: a for a in self.workspace.analyses()}

    def building(self) -> bool:
        return self._pending is not None

    def show_episode(self, episode_id: str) -> bool:
        """Build the coverage of ``episode_id`` on a worker; False when there are no episodes yet."""
        episode_set = self.workspace.episodes
        self._generation += 1
        if episode_set is None:
            self._pending = None
            return False
        generation = self._generation
        self._pending = episode_id
        self.heading.setText(BUILDING)
        self.export.setEnabled(False)
        analyses = self._analyses()
        self._runner.run(
            lambda: _build(episode_set, analyses, episode_id),
            lambda result: self._built(generation, episode_id, result),
            lambda text: self._built(generation, episode_id, ValueError(f"The coverage failed: {text}")),
        )
        return True

    def _built(self, generation: int, episode_id: str, result: Coverage | ValueError) -> None:
        if generation != self._generation:
            return  # a newer request is under way or done
        self._pending = None
        if isinstance(result, ValueError):
            self.message.emit(str(result).splitlines()[0])
            self._show_heading()
            return
        self.coverage = result
        self.episode_id = episode_id
        self.render()
        self.message.emit("")

    def _show_heading(self) -> None:
        c = self.coverage
        self.export.setEnabled(c is not None)
        if c is None:
            self.heading.setText("")
            return
        differs = sum(1 for r in c.rows if r.differs)
        self.heading.setText(f"{c.title} · {len(c.columns)} sources · {differs} of {len(c.rows)} questions differ")

    def render(self) -> None:
        if self.coverage is None or self.building():
            return
        bar = self.browser.verticalScrollBar()
        value = bar.value()
        self.browser.setHtml(coverage_html(self.coverage, self.workspace.options.theme))
        bar.setValue(value)
        self._show_heading()

    def _link(self, url: QUrl) -> None:
        target = unquote(url.toString())
        if target.startswith("sentence:"):
            _scheme, article, start, end = target.rsplit(":", 3)
            self.sentence_requested.emit(article, int(start), int(end))
        elif target.startswith("cite:"):
            self.browser.scrollToAnchor(f"cite-{target.split(':', 1)[1]}")


__all__ = ["BUILDING", "CoverageView"]
