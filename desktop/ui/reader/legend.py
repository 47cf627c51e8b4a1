"""The legend: sides and kinds with their colours (switchable), actors, and their mentions.

Colour is never the only cue: every chip has its label and side code beside it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
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
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate import palette
from desktop.core.annotate.document import SideInfo, side_info
from desktop.core.annotate.mentions import ActorEntry, Mention, MentionIndex

_Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

KINDS = (
    ("person", "People"),
    ("state", "States and governments"),
    ("organisation", "Organisations"),
    ("bloc", "Blocs and groups"),
    ("demonym", "Adjectives for a side (Belarusian…)"),
    ("date", "Dates"),
)


def chip(colour: str, style: str = "solid", size: int = 14) -> QIcon:
    """A small swatch: solid (named actor), tint with dotted line (demonym), dashed (unlinked)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    if style != "solid":
        fill.setAlpha(110)
    painter.setBrush(fill)
    painter.setPen(QPen(QColor(colour).darker(140), 1))
    painter.drawRoundedRect(QRectF(1, 1, size - 2, size - 4), 3, 3)
    if style in ("dotted", "dashed"):
        pen = QPen(QColor(colour).darker(200), 1.5)
        pen.setStyle(Qt.PenStyle.DotLine if style == "dotted" else Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(1, size - 1, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


class ToggleListModel(QAbstractListModel):
    """Checkable rows (sides or kinds) with a chip, a label and a count."""

    toggled = Signal(frozenset)  # the keys switched off

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, QIcon]] = []  # key, label, icon
        self._counts: dict[str, int] = {}
        self._hidden: set[str] = set()

    def set_rows(self, rows: list[tuple[str, str, QIcon]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def set_hidden(self, hidden: set[str] | frozenset[str]) -> None:
        self._hidden = set(hidden)
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def hidden(self) -> frozenset[str]:
        return frozenset(self._hidden)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        key, label, icon = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            count = self._counts.get(key)
            return f"{label}  ({count})" if count else label
        if role == Qt.ItemDataRole.DecorationRole:
            return icon
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Unchecked if key in self._hidden else Qt.CheckState.Checked
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Show or hide the highlighting of: {label}"
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        key = self._rows[index.row()][0]
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked:
            self._hidden.discard(key)
        else:
            self._hidden.add(key)
        self.dataChanged.emit(index, index, [role])
        self.toggled.emit(frozenset(self._hidden))
        return True

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return super().flags(index)
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable


class ToggleDelegate(QStyledItemDelegate):
    """Leaves mouse clicks to the view's ``clicked`` (one toggle per click, on the box or the label).

    The base delegate toggles a check box itself when the click lands on its indicator; with the
    row's ``clicked`` also toggling, a click on the box toggled twice and seemed ignored. Keys
    (Space) still reach the base delegate, which toggles once.
    """

    _MOUSE = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick)

    def editorEvent(self, event, model, option, index) -> bool:
        if event.type() in self._MOUSE:
            return False
        return super().editorEvent(event, model, option, index)

    def sizeHint(self, option, index) -> QSize:
        """As tall as the label needs when it wraps at the view's width (long side names)."""
        view = self.parent()
        if not isinstance(view, QListView):
            return super().sizeHint(option, index)
        width = max(view.viewport().width(), 80)
        check = view.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, view) + 8
        wrapped = QStyleOptionViewItem(option)
        wrapped.rect = QRect(0, 0, width - check, 1000)
        size = super().sizeHint(wrapped, index)
        return QSize(width, size.height())


class ToggleListView(QListView):
    """A list of toggles as tall as its rows (its scroll area scrolls), re-fitted when its width changes."""

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.doItemsLayout()
            self.fit()

    def fit(self) -> None:
        rows = self.model().rowCount() if self.model() else 0
        height = sum(self.sizeHintForRow(r) for r in range(rows)) + 2 * self.frameWidth() + 2
        self.setFixedHeight(max(height, 20))


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

    def set_entries(self, entries: list[ActorEntry], sides: dict[str, SideInfo], theme: str) -> None:
        self.beginResetModel()
        self._entries, self._sides, self._theme = entries, sides, theme
        self.endResetModel()

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
        self.sides.set_rows(rows)
        self.sides.set_hidden(hidden)
        self._fit(self.side_view)

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
        self.kinds.set_rows(rows)
        self.kinds.set_hidden(hidden)
        self._fit(self.kind_view)

    def _fit(self, view: ToggleListView) -> None:
        view.doItemsLayout()
        view.fit()

    def set_index(self, index: MentionIndex, sides: dict[str, SideInfo], theme: str) -> None:
        self._index = index
        self.actors.set_entries(index.entries(), sides, theme)
        self.sides.set_counts(dict(index.side_counts))
        self.kinds.set_counts(dict(index.kind_counts))
        if self._current_key:
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
        n_articles = len({m.article_id for m in mentions})
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
