"""The episodes behind the sidebar: a tree of years and their episodes, and its search and filters.

The tree is a :class:`QStandardItemModel` (items held by Qt) and the search a plain
:class:`QSortFilterProxyModel` on each row's search text, so the tree, a keystroke in the search
box and a theme change cost no call into Python per row: with ten thousand episodes the view
and the proxies do their walking in C++. Each row's height is its ``SizeHintRole``, measured by
the sidebar for the tree's width (:meth:`EpisodeModel.set_heights`). The actor, side, type and
year filters are a proxy underneath (:class:`EpisodeChoices`), asked again only when a choice
changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop.core.episodes.grouping import Episode

_Index = QModelIndex | QPersistentModelIndex
EPISODE_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 12
YEAR_ROW = 0  # kept for callers: a year row is a top-level row, an episode row its child


def _search_text(episode: Episode, words: str) -> str:
    """What the search box matches: title, summary, participants, type, name, place, the year (or
    years) and the dates as the row writes them."""
    names = " ".join(p.name for p in episode.participants)
    extra = f"{episode.type_label} {episode.named_label or ''} {episode.place or ''}"
    years = " ".join(str(year) for year in range(episode.first.year, episode.last.year + 1))
    return f"{episode.title} {episode.summary} {names} {extra} {years} {words}"


def _tooltip(episode: Episode, words: str) -> str:
    named = f"<br><i>Named episode: {episode.named_label}</i>" if episode.named_label else ""
    named += "<br><i>✎ corrected by you</i>" if episode.edited else ""
    return (
        f"<b>{episode.title}</b><br>{words} · {episode.type_label}"
        f"{' (planned)' if episode.planned else ''}<br>{episode.summary}{named}"
    )


def _accessible_text(episode: Episode, words: str) -> str:
    return f"{words}: {episode.title}; {len(episode.articles)} sources"


#: What an episode row answers for each role, from the episode and its dates in words (worked out
#: once per row); year rows answer only DisplayRole.
_EPISODE_DATA: dict[int, Callable[[Episode, str], object]] = {
    int(Qt.ItemDataRole.DisplayRole): lambda episode, _words: episode.title,
    int(EPISODE_ROLE): lambda episode, _words: episode,
    int(ID_ROLE): lambda episode, _words: episode.id,
    int(SEARCH_ROLE): _search_text,
    int(Qt.ItemDataRole.ToolTipRole): _tooltip,
    int(Qt.ItemDataRole.AccessibleTextRole): _accessible_text,
}

_EPISODE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _year_text(year: int, n: int) -> str:
    return f"{year}  ·  {n} episode{'s' if n != 1 else ''}"


class EpisodeModel(QStandardItemModel):
    """Years at the top level, their episodes (in date order) below."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._years: list[int] = []
        self._by_year: dict[int, list[Episode]] = {}
        self._items: dict[str, QStandardItem] = {}  # episode id -> its row

    def set_episodes(self, episodes: list[Episode]) -> None:
        self.clear()
        self._by_year = {}
        for episode in sorted(episodes, key=lambda e: (e.first, e.last)):
            self._by_year.setdefault(episode.first.year, []).append(episode)
        self._years = sorted(self._by_year)
        self._items = {}
        rows = [self._year_item(year) for year in self._years]  # built apart: one insertion
        if rows:
            self.invisibleRootItem().appendRows(rows)

    def _year_item(self, year: int) -> QStandardItem:
        episodes = self._by_year[year]
        item = QStandardItem(_year_text(year, len(episodes)))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        children = []
        for episode in episodes:
            child = QStandardItem()
            words = episode.date_words()
            for role, answer in _EPISODE_DATA.items():
                child.setData(answer(episode, words), role)
            child.setFlags(_EPISODE_FLAGS)
            self._items[episode.id] = child
            children.append(child)
        item.appendRows(children)
        return item

    def episodes(self) -> list[Episode]:
        return [e for year in self._years for e in self._by_year[year]]

    def index_of(self, episode_id: str) -> QModelIndex:
        item = self._items.get(episode_id)
        return item.index() if item is not None else QModelIndex()

    def set_heights(self, height: Callable[[Episode], int], width: int, year_height: int) -> None:
        """Every row's size for a tree ``width`` wide (``height(episode)`` in pixels, a year row
        ``year_height``); the views lay out again once, from the sizes, without asking the
        delegate row by row."""
        self.layoutAboutToBeChanged.emit()
        self.blockSignals(True)
        try:
            role = Qt.ItemDataRole.SizeHintRole
            root = self.invisibleRootItem()
            for y, year in enumerate(self._years):
                root.child(y).setData(QSize(width, year_height), role)
                for episode in self._by_year[year]:
                    self._items[episode.id].setData(QSize(width, height(episode)), role)
        finally:
            self.blockSignals(False)
        self.layoutChanged.emit()


class EpisodeChoices(QSortFilterProxyModel):
    """The actor, side, type and year filters (a year row shows while it has episodes)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.actor = ""
        self.side = ""
        self.type = ""
        self.year = 0

    def set_filters(self, actor: str = "", side: str = "", type_: str = "", year: int = 0) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.10: the non-deprecated way
            self.beginFilterChange()
            self.actor, self.side, self.type, self.year = actor, side, type_, year
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.actor, self.side, self.type, self.year = actor, side, type_, year
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if not parent.isValid():
            return False  # a year row shows only through its episodes (recursive filtering)
        if not (self.actor or self.side or self.type or self.year):
            return True
        episode: Episode | None = self.sourceModel().index(row, 0, parent).data(EPISODE_ROLE)
        return episode is not None and self._chosen(episode)

    def _chosen(self, episode: Episode) -> bool:
        if self.actor and self.actor not in {p.key for p in episode.participants}:
            return False
        if self.side and self.side not in {p.side for p in episode.participants}:
            return False
        if self.type and self.type not in {e.type for e in episode.events}:
            return False
        return not self.year or episode.first.year == self.year


class EpisodeFilter(QSortFilterProxyModel):
    """Text search (title, summary, participants, type, name, place, year, dates; any case) over
    the actor, side, type and year filters; years stay while they have matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.choices = EpisodeChoices(self)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(SEARCH_ROLE)
        super().setSourceModel(self.choices)

    def setSourceModel(self, model) -> None:  # type: ignore[override]
        """The episodes to filter (the choices' proxy stands between them and this one)."""
        self.choices.setSourceModel(model)

    def set_filters(self, actor: str = "", side: str = "", type_: str = "", year: int = 0) -> None:
        self.choices.set_filters(actor, side, type_, year)

    @property
    def actor(self) -> str:
        return self.choices.actor

    @property
    def side(self) -> str:
        return self.choices.side

    @property
    def type(self) -> str:
        return self.choices.type

    @property
    def year(self) -> int:
        return self.choices.year

    def from_episodes(self, index: QModelIndex) -> QModelIndex:
        """The row of this proxy showing a row of the episode model (invalid when filtered out)."""
        return self.mapFromSource(self.choices.mapFromSource(index))
