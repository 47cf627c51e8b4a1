"""The episodes behind the sidebar: a tree of years and their episodes, and its search and filters."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop.core.episodes.grouping import Episode

_Index = QModelIndex | QPersistentModelIndex
EPISODE_ROLE = Qt.ItemDataRole.UserRole + 10
ID_ROLE = Qt.ItemDataRole.UserRole + 11
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 12
YEAR_ROW = 0  # internal id of a year row; an episode row carries its year's row + 1


def _search_text(episode: Episode) -> str:
    """What the search box matches: title, summary, participants, type, name and place."""
    names = " ".join(p.name for p in episode.participants)
    extra = f"{episode.type_label} {episode.named_label or ''} {episode.place or ''}"
    return f"{episode.title} {episode.summary} {names} {extra}"


def _tooltip(episode: Episode) -> str:
    named = f"<br><i>Named episode: {episode.named_label}</i>" if episode.named_label else ""
    named += "<br><i>✎ corrected by you</i>" if episode.edited else ""
    return (
        f"<b>{episode.title}</b><br>{episode.date_words()} · {episode.type_label}"
        f"{' (planned)' if episode.planned else ''}<br>{episode.summary}{named}"
    )


def _accessible_text(episode: Episode) -> str:
    return f"{episode.date_words()}: {episode.title}; {len(episode.articles)} sources"


#: What an episode row answers for each role (year rows answer only DisplayRole).
_EPISODE_DATA: dict[int, Callable[[Episode], object]] = {
    int(Qt.ItemDataRole.DisplayRole): lambda episode: episode.title,
    int(EPISODE_ROLE): lambda episode: episode,
    int(ID_ROLE): lambda episode: episode.id,
    int(SEARCH_ROLE): _search_text,
    int(Qt.ItemDataRole.ToolTipRole): _tooltip,
    int(Qt.ItemDataRole.AccessibleTextRole): _accessible_text,
}


class EpisodeModel(QAbstractItemModel):
    """Years at the top level, their episodes (in date order) below."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._years: list[int] = []
        self._by_year: dict[int, list[Episode]] = {}

    def set_episodes(self, episodes: list[Episode]) -> None:
        self.beginResetModel()
        self._by_year = {}
        for episode in sorted(episodes, key=lambda e: (e.first, e.last)):
            self._by_year.setdefault(episode.first.year, []).append(episode)
        self._years = sorted(self._by_year)
        self.endResetModel()

    def episodes(self) -> list[Episode]:
        return [e for year in self._years for e in self._by_year[year]]

    def index_of(self, episode_id: str) -> QModelIndex:
        for y, year in enumerate(self._years):
            for row, episode in enumerate(self._by_year[year]):
                if episode.id == episode_id:
                    return self.index(row, 0, self.index(y, 0))
        return QModelIndex()

    # -- tree
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, YEAR_ROW) if row < len(self._years) else QModelIndex()
        if parent.internalId() == YEAR_ROW:
            year = self._years[parent.row()]
            if row < len(self._by_year[year]):
                return self.createIndex(row, 0, parent.row() + 1)
        return QModelIndex()

    def parent(self, index: _Index) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == YEAR_ROW:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, YEAR_ROW)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._years)
        if parent.internalId() == YEAR_ROW:
            return len(self._by_year[self._years[parent.row()]])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def _episode(self, index: _Index) -> Episode | None:
        if not index.isValid() or index.internalId() == YEAR_ROW:
            return None
        return self._by_year[self._years[index.internalId() - 1]][index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        episode = self._episode(index)
        if episode is None:
            return self._year_text(self._years[index.row()]) if role == Qt.ItemDataRole.DisplayRole else None
        getter = _EPISODE_DATA.get(int(role))
        return getter(episode) if getter is not None else None

    def _year_text(self, year: int) -> str:
        n = len(self._by_year[year])
        return f"{year}  ·  {n} episode{'s' if n != 1 else ''}"

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == YEAR_ROW:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class EpisodeFilter(QSortFilterProxyModel):
    """Text search plus actor, side, type and year filters; years stay while they have matches."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterRole(SEARCH_ROLE)
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
        index = self.sourceModel().index(row, 0, parent)
        episode: Episode | None = self.sourceModel().data(index, EPISODE_ROLE)
        if episode is None:
            return False  # a year row shows only through its episodes (recursive filtering)
        if self.actor and self.actor not in {p.key for p in episode.participants}:
            return False
        if self.side and self.side not in {p.side for p in episode.participants}:
            return False
        if self.type and self.type not in {e.type for e in episode.events}:
            return False
        if self.year and episode.first.year != self.year:
            return False
        return super().filterAcceptsRow(row, parent)
