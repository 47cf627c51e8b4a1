"""The library: the corpus's articles as a sortable, filterable, draggable list."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.library.listfilter import LibraryProxy
from desktop.ui.library.listmodel import (  # noqa: F401  (the list's names, imported from here too)
    ARTICLE_ID_ROLE,
    ARTICLE_MIME,
    BYLINE_ROLE,
    DATE,
    FILTER_KEY_ROLE,
    OUTLET,
    SORT_ROLE,
    TITLE,
    LibraryModel,
)
from desktop.ui.library.searchpanel import SearchPanel


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article: the title in bold (up to two lines), outlet and date below."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        title = QFont(option.font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() - 1))
        return title, small

    def _title_rect(self, option: QStyleOptionViewItem, title: str, font: QFont) -> QRect:
        width = max(40, option.rect.width() - 2 * self.PAD)
        metrics = QFontMetrics(font)
        bound = metrics.boundingRect(QRect(0, 0, width, 1000), int(Qt.TextFlag.TextWordWrap), title)
        return QRect(0, 0, width, min(bound.height(), 2 * metrics.lineSpacing()))

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        if index.data(ARTICLE_ID_ROLE) is None:  # a group's heading (outlet or year)
            return super().sizeHint(option, index) + QSize(0, self.PAD)
        title_font, small = self._fonts(option)
        title = self._title_rect(option, index.data() or "", title_font)
        return QSize(
            option.rect.width(),
            title.height() + QFontMetrics(small).lineSpacing() + 3 * self.PAD // 2 + 4,
        )

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        if index.data(ARTICLE_ID_ROLE) is None:
            option.font.setWeight(QFont.Weight.Bold)
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        ink = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        title_font, small = self._fonts(option)
        title = index.data() or ""
        rect = self._title_rect(option, title, title_font)
        rect.moveTo(option.rect.left() + self.PAD, option.rect.top() + self.PAD)
        painter.save()
        painter.setFont(title_font)
        painter.setPen(ink)
        metrics = QFontMetrics(title_font)
        if (
            metrics.boundingRect(QRect(0, 0, rect.width(), 1000), int(Qt.TextFlag.TextWordWrap), title).height()
            > rect.height()
        ):
            # more than two lines: keep the first line whole and elide the second
            title = metrics.elidedText(
                title,
                Qt.TextElideMode.ElideRight,
                rect.width() * 2 - metrics.averageCharWidth() * 4,
            )
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), title)
        painter.setFont(small)
        painter.setPen(ink if selected else muted)
        byline_rect = QRect(rect.left(), rect.bottom() + 3, rect.width(), QFontMetrics(small).lineSpacing())
        byline = QFontMetrics(small).elidedText(
            index.data(BYLINE_ROLE) or "", Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(byline_rect, 0, byline)
        painter.restore()


SORTS = (
    ("Oldest first", DATE, Qt.SortOrder.AscendingOrder),
    ("Newest first", DATE, Qt.SortOrder.DescendingOrder),
    ("Title", TITLE, Qt.SortOrder.AscendingOrder),
    ("Outlet", OUTLET, Qt.SortOrder.AscendingOrder),
)
GROUPINGS = (("Grouped by outlet", "outlet"), ("Grouped by year", "year"))


class LibraryView(QWidget):
    """A filter box over a sortable list of articles; Enter or double-click opens."""

    def sizeHint(self) -> QSize:  # what the main window starts from
        return QSize(270, 560)

    open_requested = Signal(str, bool)  # article id, in a new pane?

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = LibraryProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)

        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Search articles, actors…")
        self.filter.setToolTip("Filters the list as you type; searches the text and every spelling of an actor")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Search articles")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.grouped = None  # (model, proxy) once a grouping is chosen

        self.sort = QComboBox(self)
        self.sort.setAccessibleName("Sort articles")
        for label, _column, _order in SORTS:
            self.sort.addItem(label)
        for label, _grouping in GROUPINGS:
            self.sort.addItem(label)
        self.sort.currentIndexChanged.connect(self._sort_changed)
        self.count = QLabel(self)
        self.count.setObjectName("Hint")

        self.tree = QTreeView(self)
        self.tree.setObjectName("LibraryTree")
        self.tree.setModel(self.proxy)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegateForColumn(TITLE, ArticleDelegate(self.tree))
        self.tree.setColumnHidden(OUTLET, True)
        self.tree.setColumnHidden(DATE, True)
        self.tree.setSortingEnabled(True)
        self.tree.sortByColumn(DATE, Qt.SortOrder.AscendingOrder)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setAccessibleName("Library of articles")
        self.tree.setWordWrap(True)
        self.tree.activated.connect(self._activated)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.filter.returnPressed.connect(self._open_first_match)
        self.search = SearchPanel(self.filter, self)
        self.search.active_changed.connect(self._show_results)
        self.search.filters.changed.connect(self._constraints_changed)
        self.search.backend.analysed.connect(self._constraints_changed)  # the actor index is complete
        self.filters_button = QToolButton(self)
        self.filters_button.setText("Filters")
        self.filters_button.setCheckable(True)
        self.filters_button.setToolTip("Filter by actor, side, outlet and date range")
        self.filters_button.toggled.connect(self.search.show_filters)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tree)
        self.stack.addWidget(self.search)

        row = QHBoxLayout()
        row.addWidget(self.sort)
        row.addWidget(self.filters_button)
        row.addStretch(1)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.filter)
        layout.addLayout(row)
        layout.addWidget(self.search.filters)
        layout.addWidget(self.stack, 1)
        self.setFocusProxy(self.tree)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._update_count()

    def _sort_changed(self, index: int) -> None:
        if index >= len(SORTS):
            self._group(GROUPINGS[index - len(SORTS)][1])
            return
        if self.tree.model() is not self.proxy:
            self.tree.setModel(self.proxy)
            self.tree.setRootIsDecorated(False)
            self.tree.setColumnHidden(OUTLET, True)
            self.tree.setColumnHidden(DATE, True)
        _label, column, order = SORTS[index]
        self.tree.sortByColumn(column, order)

    def _group(self, grouping: str) -> None:
        """The list grouped by outlet or year; rebuilt when the grouping or the library changes."""
        from desktop.ui.library.grouping import grouped_proxy

        if self.grouped is None:
            self.grouped = grouped_proxy(self)
            self.filter.textChanged.connect(self.grouped[1].setFilterFixedString)
            self.model.modelReset.connect(self._regroup)
            self.grouped[1].setFilterFixedString(self.filter.text())
        self._grouping = grouping
        self.grouped[0].rebuild(self.model, grouping)
        self.tree.setModel(self.grouped[1])
        self.tree.setRootIsDecorated(True)
        self.tree.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.tree.expandAll()

    def _regroup(self) -> None:
        if self.tree.model() is not self.proxy and self.grouped is not None:
            self.grouped[0].rebuild(self.model, self._grouping)
            self.tree.expandAll()

    def _update_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        # as wide as its widest text for this library: a keystroke changing the count never
        # changes the dock's width (nor, at 10,000 articles, re-lays the timeline out beside it)
        n, metrics = str(total), self.count.fontMetrics()
        widest = max(metrics.horizontalAdvance(t) for t in (f"{n} of {n}", f"88 found in {n}", f"{n} articles"))
        if self.count.minimumWidth() != widest:
            self.count.setMinimumWidth(widest)
        if self.stack.currentIndex() == 1:
            self.count.setText(f"{len(self.search.hits)} found in {total}")
            return
        self.count.setText(f"{shown} of {total}" if shown != total else f"{total} articles")

    def _article_id(self, proxy_index: QModelIndex) -> str | None:
        return proxy_index.data(ARTICLE_ID_ROLE)

    def _activated(self, index: QModelIndex) -> None:
        article_id = self._article_id(index)
        if article_id:
            self.open_requested.emit(article_id, True)

    def _show_results(self, on: bool) -> None:
        self.stack.setCurrentIndex(1 if on else 0)
        self._update_count()

    def _constraints_changed(self) -> None:
        f = self.search.filters.filters()
        self.proxy.set_constraints(f.outlet, f.date_from, f.date_to)
        if f.actor or f.side:
            wanted = (f.actor, f.side)

            def show(ids: set[str]) -> None:
                current = self.search.filters.filters()
                if (current.actor, current.side) == wanted:  # not an answer to an older choice
                    self.proxy.set_ids(ids)

            self.search.backend.article_ids(f.actor, f.side, show)
        else:
            self.proxy.set_ids(None)

    def _open_first_match(self) -> None:
        if self.stack.currentIndex() == 1 and self.search.open_first():
            return
        if self.proxy.rowCount():
            self._activated(self.proxy.index(0, 0))

    def _context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        article_id = self._article_id(index) if index.isValid() else None
        if not article_id:
            return
        menu = QMenu(self)
        new_pane = QAction("Open in New Pane", menu)
        new_pane.triggered.connect(lambda: self.open_requested.emit(article_id, True))
        here = QAction("Open in Current Pane", menu)
        here.triggered.connect(lambda: self.open_requested.emit(article_id, False))
        menu.addAction(new_pane)
        menu.addAction(here)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    def select(self, article_id: str) -> None:
        row = self.model.row_of(article_id)
        if row >= 0 and self.tree.model() is self.proxy:
            self.tree.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        elif row >= 0:
            model = self.tree.model()
            found = model.match(model.index(0, 0), ARTICLE_ID_ROLE, article_id, 1, Qt.MatchFlag.MatchRecursive)
            if found:
                self.tree.setCurrentIndex(found[0])
