"""The library list's filter (a proxy over :class:`desktop.ui.library.listmodel.LibraryModel`)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

_Index = QModelIndex | QPersistentModelIndex
#: More rows than this in or out of the list at a keystroke: one re-layout rather than row by row.
BULK_CHANGE = 200


def _differences(before: list[bool] | bool, after: list[bool] | bool) -> int:
    if before is True and after is True:
        return 0
    if before is True or after is True:
        mask = after if before is True else before
        return mask.count(False)
    return sum(a != b for a, b in zip(before, after, strict=True))


class LibraryProxy(QSortFilterProxyModel):
    """The list's filter: the field's words (in title, outlet or date), and the outlet, date range and
    actor or side of the search filters. A change of any of them decides every row in one pass over
    the model's precomputed keys (the search key, outlet and date of each row); the proxy then only
    reads that answer per row. The order is the model's own (:meth:`sort` asks the model), so rows
    coming back after a keystroke are never compared in Python either."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._words = ""
        self._outlet: str | None = None
        self._range: tuple[str, str] | None = None
        self._ids: set[str] | None = None  # under an actor or side filter: the articles that match
        self._mask: list[bool] | bool | None = None  # per source row: shown? (True: all; None: to work out)

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        model.on_keys_changed(self._keys_changed)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def _keys_changed(self, row: int | None) -> None:
        if row is None or (isinstance(self._mask, list) and row >= len(self._mask)):
            self._mask = None
        elif isinstance(self._mask, list):
            self._mask[row] = self._decide(row, row + 1)[0]

    def _changed(self, **state) -> None:
        """Decide every row at once; many rows in or out re-lay the list out once (rather than one
        insert or remove per run of rows, thousands of them at 10,000 articles)."""
        before = self._mask
        for key, value in state.items():
            setattr(self, key, value)
        after = self._work_out()
        if before is None or _differences(before, after) > BULK_CHANGE:
            self._mask = after
            self.invalidate()
            return
        self.beginFilterChange()
        self._mask = after
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

    def filtering(self) -> bool:
        return bool(self._words) or self._ids is not None or self._outlet is not None or self._range is not None

    def _decide(self, start: int, end: int) -> list[bool]:
        """Whether each source row in ``start:end`` is shown: one pass per constraint, no per-row call."""
        keys = self.sourceModel().keys()
        shown = [True] * (end - start)
        if self._words:
            words = self._words
            shown = [words in h for h in keys.haystacks[start:end]]
        if self._ids is not None:
            ids = self._ids
            shown = [s and i in ids for s, i in zip(shown, keys.ids[start:end], strict=True)]
        if self._outlet is not None:
            outlet = self._outlet
            shown = [s and o == outlet for s, o in zip(shown, keys.outlets[start:end], strict=True)]
        if self._range is not None:
            low, high = self._range
            shown = [
                s and d is not None and low <= d <= high for s, d in zip(shown, keys.dates[start:end], strict=True)
            ]
        return shown

    def _work_out(self) -> list[bool] | bool:
        return self._decide(0, self.sourceModel().rowCount()) if self.filtering() else True

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        mask = self._mask
        if mask is None:
            mask = self._mask = self._work_out()
        return mask is True or mask[source_row]
