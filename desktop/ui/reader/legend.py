"""The legend: sides and kinds with their colours (switchable), actors, and their mentions.

Colour is never the only cue: every chip has its label and side code beside it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate import palette
from desktop.core.annotate.document import SideInfo, side_info
from desktop.core.annotate.mentions import ActorEntry, Mention, MentionIndex
from desktop.ui.reader.legend_toggles import KEY_ROLE, ToggleDelegate, ToggleListModel, ToggleListView, chip

_Index = QModelIndex | QPersistentModelIndex

KINDS = (
    ("person", "People"),
    ("state", "States and governments"),
    ("organisation", "Organisations"),
    ("bloc", "Blocs and groups"),
    ("demonym", "Adjectives for a side (Belarusian…)"),
    ("date", "Dates"),
)


class FitWidthDelegate(QStyledItemDelegate):
    """Rows as wide as the view, so a long line is elided (full text in the tooltip), not scrolled."""

    def sizeHint(self, option, index) -> QSize:
        size = super().sizeHint(option, index)
        view = self.parent()
        width = view.viewport().width() - 2 * view.spacing() if isinstance(view, QListView) else size.width()
        return QSize(min(size.width(), max(width, 40)), size.height())


class ActorListModel(QAbstractTableModel):
    """Actors mentioned in the corpus: name (with side chip) and number of mentions."""

    HEADERS = ("Actor", "Mentions")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[ActorEntry] = []
        self._sides: dict[str, SideInfo] = {}
        self._theme = "light"

    def set_entries(self, entries: list[ActorEntry], sides: dict[str, SideInfo], theme: str) -> bool:
        """Show ``entries``; returns whether they changed. The same entries in another theme only
        change their chips' colours (computed when asked for): repainted, not listed again."""
        if entries == self._entries and sides == self._sides:
            if theme != self._theme and entries:
                self._theme = theme
                last = self.index(len(entries) - 1, 0)
                self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DecorationRole])
            return False
        self.beginResetModel()
        self._entries, self._sides, self._theme = entries, sides, theme
        self.endResetModel()
        return True

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        info = side_info(self._sides, entry.side)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return entry.name if entry.linked else f"{entry.name} (not in the actor list)"
            return entry.count
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return chip(palette.colour(entry.side, self._theme), "solid" if entry.linked else "dashed")
        if role == Qt.ItemDataRole.ToolTipRole:
            counts = f"{entry.count} mentions in {entry.articles} article(s)"
            return f"{entry.name} — {info.label} ({info.code}), {entry.kind}; {counts}"
        if role == KEY_ROLE:
            return entry.key
        if role == Qt.ItemDataRole.UserRole + 5:  # sort
            return entry.count if index.column() == 1 else entry.name.casefold()
        return None


class MentionListModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._mentions: list[Mention] = []

    def set_mentions(self, mentions: list[Mention]) -> None:
        self.beginResetModel()
        self._mentions = mentions
        self.endResetModel()

    def mention(self, row: int) -> Mention:
        return self._mentions[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._mentions)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m = self._mentions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{m.article_title}\n{self.excerpt(m)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{m.snippet}\n\n“{m.text}” ({m.via}) in {m.article_title}. Click or press Enter to show it."
        return None

    @staticmethod
    def excerpt(m: Mention, before: int = 24) -> str:
        """One line of the snippet that starts just before the mention, so the mention is in view."""
        start = max(0, m.snippet_start - before)
        if start:
            space = m.snippet.find(" ", start, m.snippet_start)
            start = space + 1 if space != -1 else start
        return ("…" if start else "") + m.snippet[start:]


class LegendPanel(QWidget):
    """Sides and kinds (switchable), the actors of the corpus, and one actor's mentions."""

    def sizeHint(self) -> QSize:  # what the main window starts from
        return QSize(270, 560)

    hidden_sides_changed = Signal(frozenset)
    hidden_kinds_changed = Signal(frozenset)
    mention_activated = Signal(str, int, int)  # article id, start, end
    add_actor_requested = Signal(str)  # name of an unlinked person

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sides = ToggleListModel(self)
        self.kinds = ToggleListModel(self)
        self.actors = ActorListModel(self)
        self.mentions = MentionListModel(self)
        self.sides.toggled.connect(self.hidden_sides_changed)
        self.kinds.toggled.connect(self.hidden_kinds_changed)
        self._index = MentionIndex()
        self._current_key = ""

        self.side_view = self._list(self.sides, "Sides")
        self.kind_view = self._list(self.kinds, "Kinds")

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Find an actor…")
        self.filter.setClearButtonEnabled(True)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.actors)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole + 5)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.actor_view = QTreeView(self)
        self.actor_view.setObjectName("ActorList")
        self.actor_view.setAccessibleName("Actors mentioned in the corpus")
        self.actor_view.setModel(self.proxy)
        self.actor_view.setRootIsDecorated(False)
        self.actor_view.setSortingEnabled(True)
        self.actor_view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
        self.actor_view.setUniformRowHeights(True)
        self.actor_view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.actor_view.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.actor_view.header().setStretchLastSection(False)
        self.actor_view.selectionModel().currentChanged.connect(lambda current, _prev: self._show_actor(current))
        self.actor_view.activated.connect(self._show_actor)

        self.mention_title = QLabel("Choose an actor, or click one in the text, to list its mentions.", self)
        self.mention_title.setObjectName("Hint")
        self.mention_title.setWordWrap(True)
        self.add_button = QPushButton("Add to My Actors…", self)
        self.add_button.setToolTip("This person is not in the actor list; add them to your own list")
        self.add_button.hide()
        self.add_button.clicked.connect(
            lambda: self.add_actor_requested.emit(self._current_key.removeprefix("unlinked:"))
        )
        self.mention_view = QListView(self)
        self.mention_view.setObjectName("MentionList")
        self.mention_view.setAccessibleName("Mentions of the chosen actor")
        self.mention_view.setModel(self.mentions)
        self.mention_view.setWordWrap(False)  # two lines a row (title, excerpt): five rows in view
        self.mention_view.setLayoutMode(QListView.LayoutMode.Batched)  # thousands of mentions: laid out a
        self.mention_view.setBatchSize(200)  # batch per turn, each row made when first laid out (LazyMentions)
        self.mention_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.mention_view.setItemDelegate(FitWidthDelegate(self.mention_view))
        self.mention_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.mention_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mention_view.setAlternatingRowColors(True)
        self.mention_view.setSpacing(2)
        self.mention_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.mention_view.setMinimumHeight(self.MENTION_ROWS * self._mention_row_height())
        self.mention_view.hide()  # until an actor is chosen: its rows' room goes to sides and actors
        self.mention_view.activated.connect(self._mention_activated)  # Enter, double-click
        single = self.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, self.mention_view)
        if not single:  # styles that activate on a single click already do it through activated
            self.mention_view.clicked.connect(self._mention_activated)

        top = QWidget(self)
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addWidget(self._heading("Sides"))
        top_box.addWidget(self.side_view)
        top_box.addWidget(self._heading("Kinds"))
        top_box.addWidget(self.kind_view)
        middle = QWidget(self)
        middle_box = QVBoxLayout(middle)
        middle_box.setContentsMargins(0, 0, 0, 0)
        middle_box.addWidget(self._heading("Actors in the corpus"))
        middle_box.addWidget(self.filter)
        middle_box.addWidget(self.actor_view)
        bottom = QWidget(self)
        bottom_box = QVBoxLayout(bottom)
        bottom_box.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.mention_title, 1)
        head.addWidget(self.add_button)
        bottom_box.addLayout(head)
        bottom_box.addWidget(self.mention_view)
        self.top_scroll = QScrollArea(self)
        self.top_scroll.setWidget(top)
        self.top_scroll.setWidgetResizable(True)
        self.top_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.top_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        for part in (self.top_scroll, middle, bottom):
            splitter.addWidget(part)
        splitter.setSizes([260, 260, 240])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(splitter)

    MENTION_ROWS = 5  # the mentions list shows at least this many

    def _mention_row_height(self) -> int:
        lines = 2 * self.mention_view.fontMetrics().lineSpacing()
        return lines + 2 * self.mention_view.spacing() + 12  # item margins, and a little air

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("SidebarHeading")
        return label

    def _list(self, model: ToggleListModel, name: str) -> QListView:
        view = ToggleListView(self)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setWordWrap(True)  # long side names wrap; the tooltip has them too
        view.setTextElideMode(Qt.TextElideMode.ElideNone)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setResizeMode(QListView.ResizeMode.Adjust)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setItemDelegate(ToggleDelegate(view))
        view.clicked.connect(lambda index, m=model: self._toggle(m, index))
        return view

    @staticmethod
    def _toggle(model: ToggleListModel, index: QModelIndex) -> None:
        state = model.data(index, Qt.ItemDataRole.CheckStateRole)
        new = Qt.CheckState.Unchecked if state == Qt.CheckState.Checked else Qt.CheckState.Checked
        model.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)

    # -- content
    def set_sides(self, sides: dict[str, SideInfo], theme: str, hidden: frozenset[str]) -> None:
        rows = [(key, f"{info.label} · {info.code}", chip(palette.colour(key, theme))) for key, info in sides.items()]
        if self.sides.set_rows(rows):
            self._fit(self.side_view)
        self.sides.set_hidden(hidden)

    def set_kinds(self, theme: str, hidden: frozenset[str]) -> None:
        grey = palette.colour("other", theme)
        rows = []
        for key, label in KINDS:
            if key == "demonym":
                icon = chip(palette.colour("belarus", theme), "dotted")
            elif key == "date":
                icon = chip(palette.date_colour(theme))
            else:
                icon = chip(grey)
            rows.append((key, label, icon))
        if self.kinds.set_rows(rows):
            self._fit(self.kind_view)
        self.kinds.set_hidden(hidden)

    def _fit(self, view: ToggleListView) -> None:
        view.doItemsLayout()
        view.fit()

    def set_index(self, index: MentionIndex, sides: dict[str, SideInfo], theme: str) -> None:
        """Show ``index``; the same index again (a theme change) only recolours the chips: the
        actors and the chosen actor's mentions stay listed as they are."""
        same = index is self._index
        changed = self.actors.set_entries(index.entries(), sides, theme)
        self._index = index
        self.sides.set_counts(dict(index.side_counts))
        self.kinds.set_counts(dict(index.kind_counts))
        if self._current_key and (changed or not same):
            self.show_actor(self._current_key)

    def show_actor(self, key: str) -> None:
        """List every mention of an actor (an id, or "unlinked:Name")."""
        self._current_key = key
        entry = self._index.entry(key)
        mentions = self._index.mentions(key)
        self.mentions.set_mentions(mentions)
        self.mention_view.setVisible(bool(mentions))
        if entry is None:
            self.mention_title.setText("No mention of this actor in the analysed articles.")
            self.add_button.hide()
            return
        n_articles = entry.articles  # counted by the index: the mentions are made as their rows are shown
        self.mention_title.setText(
            f"<b>{entry.name}</b> — {len(mentions)} mention{'s' if len(mentions) != 1 else ''} "
            f"in {n_articles} article{'s' if n_articles != 1 else ''}"
        )
        self.add_button.setVisible(not entry.linked)

    def _show_actor(self, proxy_index: QModelIndex) -> None:
        if proxy_index.isValid():
            self.show_actor(self.proxy.data(proxy_index, KEY_ROLE))

    def _mention_activated(self, index: QModelIndex) -> None:
        m = self.mentions.mention(index.row())
        self.mention_activated.emit(m.article_id, m.start, m.end)
