"""The library list's filter (a proxy over :class:`desktop.ui.library.view.LibraryModel`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

if TYPE_CHECKING:
    from desktop.core.text.articles import Article
    from desktop.ui.library.view import LibraryModel

_Index = QModelIndex | QPersistentModelIndex


class LibraryProxy(QSortFilterProxyModel):
    """The list's filter: the field's words (in title, outlet or date), and the outlet, date range and
    actor or side of the search filters. Each row is tested on the model's cached, case-folded text
    (no per-column data() calls): a keystroke re-tests rows and never rebuilds the list."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words = ""
        self._outlet: str | None = None
        self._range: tuple[str, str] | None = None
        self._ids: set[str] | None = None  # under an actor or side filter: the articles that match

    def _changed(self, **state) -> None:
        self.beginFilterChange()
        for key, value in state.items():
            setattr(self, key, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setFilterFixedString(self, pattern: str) -> None:  # the field's words
        self._changed(_words=pattern.casefold())

    def set_ids(self, ids: set[str] | None) -> None:
        self._changed(_ids=ids)

    def set_constraints(self, outlet: str | None, date_from: str | None, date_to: str | None) -> None:
        self._changed(
            _outlet=outlet.casefold() if outlet else None,
            _range=(date_from, date_to) if date_from and date_to else None,
        )

    def _accepts(self, model: LibraryModel, article: Article, haystack: str) -> bool:
        if self._words not in haystack or (self._ids is not None and article.id not in self._ids):
            return False
        if self._outlet is not None and (article.outlet or "").casefold() != self._outlet:
            return False
        if self._range is not None:
            date, _ = model.date_of(article)
            return date is not None and self._range[0] <= date.isoformat() <= self._range[1]
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        return self._accepts(model, model.articles_view()[source_row], model.haystacks()[source_row])
