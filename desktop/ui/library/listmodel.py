"""The library list's model: the corpus's articles as rows, sorted by the model itself (so the
filter proxy above it never compares rows in Python), with each row's search key kept ready."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, QTimer

from desktop.core.text.articles import Article, format_published

#: Drag-and-drop payload: article ids, one per line.
ARTICLE_MIME = "application/x-overtures-article-ids"
ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
BYLINE_ROLE = Qt.ItemDataRole.UserRole + 3
#: A row's title, outlet and date as shown, case-folded: what the filter field's words match.
FILTER_KEY_ROLE = Qt.ItemDataRole.UserRole + 4

TITLE, OUTLET, DATE = range(3)
_HEADERS = ("Title", "Outlet", "Published")
_Index = QModelIndex | QPersistentModelIndex
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
    | Qt.ItemFlag.ItemIsDragEnabled
)
#: Inferred dates arriving during an analysis re-sort the list once per pause, not once per date.
RESORT_MS = 200


class RowKeys:
    """Per row, in the model's order: the search key, the id, the case-folded outlet and the ISO date
    (what the filter tests), computed once and patched when one row changes."""

    def __init__(self, model: LibraryModel) -> None:
        articles = model.articles_view()
        self.haystacks = [model.haystack(a) for a in articles]
        self.ids = [a.id for a in articles]
        self.outlets = [(a.outlet or "").casefold() for a in articles]
        self.dates = [model.iso_date(a) for a in articles]

    def patch(self, model: LibraryModel, row: int) -> None:
        article = model.article(row)
        self.haystacks[row] = model.haystack(article)
        self.dates[row] = model.iso_date(article)


class LibraryModel(QAbstractTableModel):
    """Rows are :class:`Article` records, in the order of the chosen sort; dates inferred by analysis
    can be added later. Whoever caches per-row state (the filter) listens with :meth:`on_keys_changed`:
    it is told of a change before the model's signals go out."""

    def __init__(self, articles: list[Article] | None = None, parent=None) -> None:
        super().__init__(parent)
        self._source: list[Article] = list(articles or [])  # as given: ties keep this order
        self._articles: list[Article] = list(self._source)
        self._rows: dict[str, int] = {}
        self._inferred: dict[str, dt.date] = {}
        self._keys: RowKeys | None = None
        self._listeners: list[Callable[[int | None], None]] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._resort = QTimer(self)
        self._resort.setSingleShot(True)
        self._resort.setInterval(RESORT_MS)
        self._resort.timeout.connect(self._apply_sort)
        self._index_rows()

    # -- the list
    def set_articles(self, articles: list[Article]) -> None:
        self.beginResetModel()
        self._source = list(articles)
        self._articles = self._sorted()
        self._index_rows()
        self._touch()
        self.endResetModel()

    def on_keys_changed(self, listener: Callable[[int | None], None]) -> None:
        """``listener(row)`` when one row's keys changed, ``listener(None)`` when rows moved or changed."""
        self._listeners.append(listener)

    def _index_rows(self) -> None:
        self._rows = {a.id: row for row, a in enumerate(self._articles)}

    def _touch(self, row: int | None = None) -> None:
        if row is not None and self._keys is not None:
            self._keys.patch(self, row)
        else:
            self._keys = None
        for listener in self._listeners:
            listener(row)

    def keys(self) -> RowKeys:
        if self._keys is None:
            self._keys = RowKeys(self)
        return self._keys

    def articles_view(self) -> list[Article]:
        """The rows themselves (not a copy): for a filter pass."""
        return self._articles

    def haystacks(self) -> list[str]:
        """Each row's title, outlet and date as shown, case-folded: what the field's words match."""
        return self.keys().haystacks

    def haystack(self, article: Article) -> str:
        return f"{article.title}\n{article.outlet or '—'}\n{self._date_text(article)}".casefold()

    def iso_date(self, article: Article) -> str | None:
        date, _ = self.date_of(article)
        return date.isoformat() if date is not None else None

    def articles(self) -> list[Article]:
        return list(self._articles)

    def article(self, row: int) -> Article:
        return self._articles[row]

    def row_of(self, article_id: str) -> int:
        return self._rows.get(article_id, -1)

    def set_inferred_date(self, article_id: str, date: dt.date | None) -> None:
        row = self.row_of(article_id)
        if row < 0 or date is None or self._articles[row].published is not None:
            return
        self._inferred[article_id] = date
        self._touch(row)
        self.dataChanged.emit(self.index(row, TITLE), self.index(row, DATE))
        if self._sort is not None and self._sort[0] == DATE:
            self._resort.start()  # one re-sort once the dates stop coming

    def date_of(self, article: Article) -> tuple[dt.date | None, bool]:
        """The article's date and whether it was inferred from the text."""
        if article.published is not None:
            return article.published, False
        return self._inferred.get(article.id), article.id in self._inferred

    # -- sorting (by the model: the proxy above keeps this order)
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self._apply_sort()

    def _sorted(self) -> list[Article]:
        if self._sort is None:
            return list(self._source)
        column, order = self._sort
        keys = [self._sort_key(a, column) for a in self._source]
        ranks = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        return [self._source[i] for i in ranks]

    def _apply_sort(self) -> None:
        self._resort.stop()
        ordered = self._sorted()
        if all(a is b for a, b in zip(ordered, self._articles, strict=True)):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._articles[i.row()].id for i in old]
        self._articles = ordered
        self._index_rows()
        new = [self.index(self._rows[i], p.column()) for i, p in zip(ids, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self._touch()
        self.layoutChanged.emit()

    # -- Qt model
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        answer = self._ROLE_DATA.get(int(role))
        return answer(self, self._articles[index.row()], index.column()) if answer is not None else None

    def _byline(self, article: Article, _column: int) -> str:
        return f"{article.outlet or 'Outlet unknown'} · {self._date_text(article)}"

    def _display(self, article: Article, column: int) -> str:
        if column == TITLE:
            return article.title
        if column == OUTLET:
            return article.outlet or "—"
        return self._date_text(article)

    def _sort_key(self, article: Article, column: int) -> str:
        if column == DATE:
            date, _ = self.date_of(article)
            return date.isoformat() if date else "9999"
        return self._display(article, column).casefold()

    def _tooltip(self, article: Article, _column: int) -> str:
        lines = [f"<b>{_escape(article.title)}</b>", _escape(article.byline())]
        if article.url:
            lines.append(_escape(article.url))
        if article.path and not article.bundled:
            lines.append(f"File: {_escape(str(article.path))}")
        date, inferred = self.date_of(article)
        if inferred and date:
            lines.append(f"Date inferred from the text: {date:%d %B %Y}")
        return "<br>".join(lines)

    def _accessible_text(self, article: Article, _column: int) -> str:
        return f"{article.title}, {article.outlet or 'outlet unknown'}, {self._date_text(article)}"

    def _filter_key(self, article: Article, _column: int) -> str:
        row = self._rows.get(article.id)
        return self.keys().haystacks[row] if row is not None else self.haystack(article)

    #: What :meth:`data` answers for each role, from the row's article and the column.
    _ROLE_DATA: ClassVar[dict[int, Callable[[LibraryModel, Article, int], object]]] = {
        int(ARTICLE_ID_ROLE): lambda _self, article, _column: article.id,
        int(BYLINE_ROLE): _byline,
        int(Qt.ItemDataRole.DisplayRole): _display,
        int(SORT_ROLE): _sort_key,
        int(FILTER_KEY_ROLE): _filter_key,
        int(Qt.ItemDataRole.ToolTipRole): _tooltip,
        int(Qt.ItemDataRole.AccessibleTextRole): _accessible_text,
    }

    def _date_text(self, article: Article) -> str:
        if article.published is not None:
            prefix = "c. " if article.published_precision == "approximate" else ""
            return f"{prefix}{_short_date(article.published)}"
        date = self._inferred.get(article.id)
        return f"≈ {_short_date(date)} (inferred)" if date else format_published(article)

    def flags(self, index: _Index) -> Qt.ItemFlag:  # asked per row by the view's layout: a constant
        return _ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = []
        for index in indexes:
            article_id = self.data(index, ARTICLE_ID_ROLE)
            if article_id and article_id not in ids:
                ids.append(article_id)
        mime = QMimeData()
        mime.setData(ARTICLE_MIME, "\n".join(ids).encode("utf-8"))
        mime.setText("\n".join(ids))
        return mime


def _short_date(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
