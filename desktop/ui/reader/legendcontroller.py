"""Keeps the legend in step with the analyses, and acts on what the user picks in it.

The legend's index grows as analyses arrive (only the new ones are indexed, in chunks on the UI
thread) and is built again from scratch only when an analysis was replaced or dropped; a theme
change re-colours it without indexing anything.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QWidget

from desktop.core.annotate.analysis import ArticleAnalysis
from desktop.core.annotate.mentions import ActorEntry, Mention, MentionIndex, _snippet, actor_key
from desktop.core.annotate.records import VIA_DEMONYM
from desktop.ui.reader.controller import ReaderController
from desktop.ui.reader.legend import LegendPanel
from desktop.ui.shell.workspace import Workspace


class GrowingIndex(MentionIndex):
    """A :class:`MentionIndex` that analyses can be added to in any order, and that answers as the
    index built at once from the analyses in library order would (mentions in library order).

    ``order`` (article id -> position in the library) is set before anything is added. Only where
    each mention is (article, position in its analysis) is kept; a mention's snippet is made when
    its actor is shown, and the entries' counts are kept as analyses are added.
    """

    def __init__(self, order: dict[str, int] | None = None) -> None:
        super().__init__()
        self.indexed: dict[str, ArticleAnalysis] = {}  # article id -> the analysis indexed
        self.order: dict[str, int] = order or {}
        self._where: dict[str, list[tuple[str, int]]] = defaultdict(list)
        self._articles: dict[str, set[str]] = defaultdict(set)
        self._first: dict[str, tuple[int, int]] = {}  # where each key is first mentioned
        self._entries: list[ActorEntry] | None = None
        self.objects: set[int] = set()  # id() of each analysis indexed (they are kept: ids stay theirs)

    def add(self, analysis: ArticleAnalysis) -> None:
        article_id = analysis.article_id
        self.indexed[article_id] = analysis
        self.objects.add(id(analysis))
        position = self.order.get(article_id, 0)
        for i, m in enumerate(analysis.actors):
            self.side_counts[m.side] += 1
            self.kind_counts["demonym" if m.via == VIA_DEMONYM else m.kind] += 1
            if m.via == VIA_DEMONYM:
                continue
            key = actor_key(m.actor, m.name)
            self._where[key].append((article_id, i))
            self._articles[key].add(article_id)
            place = (position, i)
            if key not in self._first or place < self._first[key]:
                self._first[key] = place
                self._meta[key] = (m.name, m.kind, m.side, m.actor is not None)
        self.kind_counts["date"] += len(analysis.dates)
        self._entries = None

    def _mention(self, article_id: str, i: int) -> Mention:
        analysis = self.indexed[article_id]
        m = analysis.actors[i]
        snippet, offset = _snippet(analysis.text, analysis.sentence_at(m.start), m.start, m.end)
        return Mention(article_id, analysis.article.title, m.start, m.end, m.text, m.via, snippet, offset)

    def mentions(self, key: str) -> Sequence[Mention]:
        # a stable sort: an article's mentions keep their order in its analysis
        found = sorted(self._where.get(key, ()), key=lambda w: self.order.get(w[0], 0))
        return LazyMentions(found, self._mention)

    def entries(self) -> list[ActorEntry]:
        if self._entries is None:
            entries = [
                ActorEntry(key, *self._meta[key], len(where), len(self._articles[key]))
                for key, where in self._where.items()
            ]
            entries.sort(key=lambda e: (-e.count, e.name, self._first[e.key]))
            self._entries = entries
        return list(self._entries)

    def grows_into(self, analyses: list) -> bool:
        """Whether ``analyses`` are the indexed ones (the same objects) and some more."""
        present = {id(a) for a in analyses}  # by identity: no walk asking each analysis its article
        return len(present) >= len(self.indexed) and self.objects <= present


class LazyMentions(Sequence):
    """An actor's mentions, each made when a view asks for its row: the most mentioned actor of a
    big library is mentioned in thousands of articles, whose analyses are read back from the cache
    only for the rows in view (a list compares equal to it)."""

    def __init__(self, where: list[tuple[str, int]], make) -> None:
        self._where = where
        self._make = make
        self._made: dict[int, Mention] = {}

    def __len__(self) -> int:
        return len(self._where)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        if row < 0:
            row += len(self._where)
        made = self._made.get(row)
        if made is None:
            made = self._made[row] = self._make(*self._where[row])
        return made

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None


#: Analyses indexed in one turn of the event loop while the library is being analysed.
STEP = 24


class LegendController(QObject):
    message = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        panel: LegendPanel,
        dock: QDockWidget,
        reader: ReaderController,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace = workspace
        self.panel = panel
        self.dock = dock
        self.reader = reader
        self.window = window
        self._rebuild = QTimer(self)
        self._rebuild.setSingleShot(True)
        self._rebuild.setInterval(120)  # several analyses arriving together rebuild once
        self._rebuild.timeout.connect(self._grow_step)
        workspace.analysis_ready.connect(lambda _id: self._rebuild.start())
        workspace.options_changed.connect(self._options_changed)
        panel.hidden_sides_changed.connect(lambda hidden: workspace.set_options(hidden_sides=hidden))
        panel.hidden_kinds_changed.connect(lambda hidden: workspace.set_options(hidden_kinds=hidden))
        panel.mention_activated.connect(reader.show_mention)
        panel.add_actor_requested.connect(self.add_actor)
        reader.area.actor_clicked.connect(self.actor_clicked)
        self._theme = ""
        self._growing = False  # a step of the index's growth is to come
        self._shown: GrowingIndex | None = None  # the index the panel shows
        self._index: GrowingIndex | None = None
        self._order: dict[str, int] = {}
        workspace.corpus_changed.connect(self._forget_order)

    def _forget_order(self) -> None:
        self._order = {}  # positions in the new library; the index is built again

    def _options_changed(self) -> None:
        if self.workspace.options.theme != self._theme:
            if self._growing or self._rebuild.isActive():  # the index is catching up (analyses read back):
                self._recolour()  # the chips now, the lists when it has caught up (in the new theme)
                return
            self.rebuild()

    def _recolour(self) -> None:
        if self._shown is not None:
            self._show(self._shown)  # the index shown, in the new colours (its lists kept)

    def _grow_step(self) -> None:
        """Index at most :data:`STEP` new analyses, and come back for the rest after the UI has
        run; the panel shows the index once it has caught up."""
        analyses = self.workspace.analyses()
        if not analyses:
            return
        index = self._index_for(analyses)
        indexed = index.objects
        new = [a for a in analyses if id(a) not in indexed]
        for analysis in new[:STEP]:
            index.add(analysis)
        self._growing = len(new) > STEP
        if self._growing:
            QTimer.singleShot(0, self, self._grow_step)
        else:
            self._show(index)

    def rebuild(self) -> None:
        """Bring the legend up to date now (every new analysis indexed at once)."""
        analyses = self.workspace.analyses()
        if not analyses:
            return
        index = self._index_for(analyses)
        for analysis in analyses:
            if analysis.article_id not in index.indexed:
                index.add(analysis)
        self._show(index)

    def _show(self, index: GrowingIndex) -> None:
        self._shown = index
        options = self.workspace.options
        self._theme = options.theme
        sides = dict(self.workspace.analyzer.sides())
        self.panel.set_sides(sides, options.theme, options.hidden_sides)
        self.panel.set_kinds(options.theme, options.hidden_kinds)
        self.panel.set_index(index, sides, options.theme)

    def _index_for(self, analyses: list) -> GrowingIndex:
        """The last index if ``analyses`` only add to it (same library, same objects), else a new one."""
        order = self._order
        if len(order) != len(self.workspace.corpus.articles):  # the library changed
            order = self._order = {article_id: i for i, article_id in enumerate(self.workspace.corpus.ids())}
        index = self._index
        if index is None or index.order is not order or not index.grows_into(analyses):
            index = self._index = GrowingIndex(order)
        return index

    def actor_clicked(self, key: str, _article_id: str, _start: int) -> None:
        self.dock.show()
        self.dock.raise_()
        self.panel.show_actor(key)

    def add_actor(self, name: str) -> None:
        from desktop.ui.reader.addactor import AddActorDialog

        sides = dict(self.workspace.analyzer.sides())
        dialog = AddActorDialog(name, sides, self.window)
        if dialog.exec() != AddActorDialog.DialogCode.Accepted:
            return
        from desktop.core.annotate.user_actors import add_user_actor

        try:
            actor_id = add_user_actor(dialog.name(), kind=dialog.kind(), side=dialog.side(), aliases=dialog.aliases())
        except (OSError, ValueError) as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.window, "The actor could not be added", str(exc))
            return
        self.workspace.reanalyse_all()
        self.message.emit(f"Added “{dialog.name()}” to your actors (id {actor_id}); re-analysing the library")
        self.panel.show_actor(actor_id)
