"""The library list grouped by outlet or by year: a two-level model built from the flat
:class:`LibraryModel` when the grouping is chosen or the library changes (never per keystroke:
the field filters it through a recursive proxy)."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.ui.library.view import ARTICLE_ID_ROLE, ARTICLE_MIME, BYLINE_ROLE, SORT_ROLE, TITLE, LibraryModel


def _outlet(model: LibraryModel, article) -> tuple[str, str]:
    name = article.outlet or "Outlet unknown"
    return name, ("~" if not article.outlet else "") + name.casefold()


def _year(model: LibraryModel, article) -> tuple[str, str]:
    date, _ = model.date_of(article)
    return (str(date.year), str(date.year)) if date else ("Year unknown", "9999")


GROUPINGS = {"outlet": _outlet, "year": _year}


class GroupedArticles(QStandardItemModel):
    """Groups (outlet or year, with a count) holding the articles, in the flat model's roles."""

    def rebuild(self, model: LibraryModel, grouping: str) -> None:
        key = GROUPINGS[grouping]
        self.clear()
        groups: dict[str, QStandardItem] = {}
        for row, article in enumerate(model.articles()):
            name, sort_key = key(model, article)
            group = groups.get(name)
            if group is None:
                group = groups[name] = QStandardItem(name)
                group.setData(sort_key, SORT_ROLE)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.appendRow(group)
            index = model.index(row, TITLE)
            child = QStandardItem(article.title)
            for role in (ARTICLE_ID_ROLE, BYLINE_ROLE, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
                child.setData(model.data(index, role), role)
            child.setData(model.data(model.index(row, 2), SORT_ROLE), SORT_ROLE)  # by date within a group
            child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
            group.appendRow(child)
        for group in groups.values():
            group.setText(f"{group.text()} ({group.rowCount()})")

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        ids = list(dict.fromkeys(i.data(ARTICLE_ID_ROLE) for i in indexes if i.data(ARTICLE_ID_ROLE)))
        mime = QMimeData()
        mime.setData(ARTICLE_MIME, "\n".join(ids).encode("utf-8"))
        mime.setText("\n".join(ids))
        return mime


def grouped_proxy(parent) -> tuple[GroupedArticles, QSortFilterProxyModel]:
    model = GroupedArticles(parent)
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setRecursiveFilteringEnabled(True)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(0)
    return model, proxy
