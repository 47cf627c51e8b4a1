"""The episodes sidebar: dated events grouped by year, with actor chips, filters and search.

The tree's model and its filter live in :mod:`desktop.ui.episodes.episode_model`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate import palette
from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.core.episodes.grouping import Episode, EpisodeSet
from desktop.ui.episodes.episode_model import EPISODE_ROLE, ID_ROLE, EpisodeFilter, EpisodeModel


class EpisodeDelegate(QStyledItemDelegate):
    """Date (and named badge), title, then actor chips coloured by side and the source count."""

    PAD = 8
    CHIP_H = 18
    #: chips on a row at most (people first): the full cast is in the tooltip and the timeline
    MAX_CHIPS = 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.theme = "light"
        # (episode id, width, font) -> height: a row's height depends on nothing else
        self._heights: dict[tuple[str, int, str], int] = {}
        self._measures: dict[str, tuple] = {}  # font key → fonts and metrics for the row heights
        self._widths: dict[tuple[str, str], int] = {}  # (font key, chip text) → its width

    @staticmethod
    def _fonts(font: QFont) -> tuple[QFont, QFont, QFont]:
        title = QFont(font)
        title.setWeight(QFont.Weight.DemiBold)
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        date = QFont(small)
        date.setWeight(QFont.Weight.DemiBold)
        return title, small, date

    @staticmethod
    def year_height(font: QFont) -> int:
        return QFontMetrics(font).height() + 14

    def height_for(self, episode: Episode, width: int, font: QFont) -> int:
        """The height of an episode's row whose text is ``width`` wide (measured once per width
        and font; the rows carry it as their size, so no view asks the delegate row by row)."""
        key = (episode.id, width, font.key())
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = self._height(episode, width, font)
        return height

    def _height(self, episode: Episode, width: int, font: QFont) -> int:
        """As painted (:meth:`title_lines`, :meth:`_chip_rows`), with one measure of the title (it
        takes one line when it fits whole, else two) and each chip's text measured once."""
        measures = self._measures.get(font.key())
        if measures is None:
            title_font, small, _date = self._fonts(font)
            measures = self._measures[font.key()] = (QFontMetrics(title_font), small, QFontMetrics(small))
        title_metrics, small, small_metrics = measures
        words = episode.title.split()
        lines = (
            0 if not words else 1 if len(words) == 1 or title_metrics.horizontalAdvance(" ".join(words)) <= width else 2
        )
        chips_h = self._chip_rows(episode, width, small, small_metrics) * (self.CHIP_H + 4)
        return self.PAD + small_metrics.lineSpacing() + 2 + lines * title_metrics.lineSpacing() + 6 + chips_h + self.PAD

    def forget_sizes(self) -> None:
        """Drop the remembered row heights (new episodes: an id may now name another title)."""
        self._heights.clear()

    @staticmethod
    def title_lines(title: str, width: int, font: QFont, most: int = 2) -> list[str]:
        """The title in at most ``most`` lines, broken at spaces; a longer one ends in "…" at a
        word (the whole title is in the tooltip)."""
        metrics = QFontMetrics(font)
        lines: list[str] = []
        words = title.split()
        while words and len(lines) < most - 1:
            line = words.pop(0)
            while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
                line += " " + words.pop(0)
            lines.append(line)
        if words:
            rest = " ".join(words)
            if metrics.horizontalAdvance(rest) > width:
                kept = rest.split()
                while len(kept) > 1 and metrics.horizontalAdvance(" ".join(kept) + " …") > width:
                    kept.pop()
                rest = " ".join(kept) + " …"
            lines.append(rest)
        return lines

    def _chips(self, episode: Episode) -> list[tuple[str, str]]:
        people = [p for p in episode.participants if p.kind == "person"][: self.MAX_CHIPS]
        others = [p for p in episode.participants if p.kind != "person"][: max(0, self.MAX_CHIPS - len(people))]
        return [(p.short, p.side) for p in people + others]

    def _chip_rows(self, episode: Episode, width: int, font: QFont, metrics: QFontMetrics | None = None) -> int:
        metrics = metrics or QFontMetrics(font)
        x, rows, key = 0, 1, font.key()
        for text, _side in [*self._chips(episode), (self._sources_text(episode), "")]:
            w = self._widths.get((key, text))
            if w is None:
                w = self._widths[(key, text)] = metrics.horizontalAdvance(text) + 12
            if x and x + w > width:
                rows += 1
                x = 0
            x += w + 4
        return rows

    @staticmethod
    def _sources_text(episode: Episode) -> str:
        n = len(episode.articles)
        return f"{n} source{'s' if n != 1 else ''}"

    @staticmethod
    def _date_text(episode: Episode) -> str:
        """The date line: planned, and a pen when the reader edited the episode."""
        return episode.date_words() + (" · planned" if episode.planned else "") + (" · ✎" if episode.edited else "")

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        self.initStyleOption(option, index)
        episode: Episode | None = index.data(EPISODE_ROLE)
        style = option.widget.style() if option.widget else None
        blank = QStyleOptionViewItem(option)
        blank.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, blank, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal = option.palette
        ink = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        painter.save()
        if episode is None:
            font = QFont(option.font)
            font.setWeight(QFont.Weight.Bold)
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(option.rect.adjusted(4, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), index.data())
            painter.restore()
            return
        title_font, small, date_font = self._fonts(option.font)
        x0 = option.rect.left() + self.PAD
        width = option.rect.width() - 2 * self.PAD
        y = option.rect.top() + self.PAD
        # line 1: date, planned mark and named badge
        painter.setFont(date_font)
        painter.setPen(QColor(palette.date_colour(self.theme)) if not selected else ink)
        date_text = self._date_text(episode)
        badge_width = QFontMetrics(small).horizontalAdvance(episode.named_label) + 20 if episode.named_label else 0
        date_text = QFontMetrics(date_font).elidedText(
            date_text, Qt.TextElideMode.ElideRight, max(40, width - badge_width)
        )
        painter.drawText(QRect(x0, y, width - badge_width, QFontMetrics(small).lineSpacing()), 0, date_text)
        if episode.named_label:
            badge = episode.named_label
            metrics = QFontMetrics(small)
            bw = metrics.horizontalAdvance(badge) + 12
            rect = QRectF(option.rect.right() - self.PAD - bw, y - 1, bw, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Link))
            painter.drawRoundedRect(rect, 7, 7)
            painter.setFont(small)
            painter.setPen(pal.color(QPalette.ColorRole.Base))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), badge)
        y += QFontMetrics(small).lineSpacing() + 2
        # title
        painter.setFont(title_font)
        painter.setPen(ink)
        line_h = QFontMetrics(title_font).lineSpacing()
        for line in self.title_lines(episode.title, width, title_font):
            painter.drawText(QRect(x0, y, width, line_h), 0, line)
            y += line_h
        y += 6
        # chips
        painter.setFont(small)
        metrics = QFontMetrics(small)
        x = x0
        for text, side in [*self._chips(episode), (self._sources_text(episode), "")]:
            w = metrics.horizontalAdvance(text) + 12
            if x > x0 and x + w > x0 + width:
                x = x0
                y += self.CHIP_H + 4
            rect = QRectF(x, y, w, self.CHIP_H)
            if side:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(palette.colour(side, self.theme)))
                painter.drawRoundedRect(rect, 9, 9)
                painter.setPen(QColor("#111111"))
            else:
                painter.setPen(muted if not selected else ink)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
            x += w + 4
        painter.restore()


class EpisodeTree(QTreeView):
    """The episodes' tree: rows wrap to its width, so a new width measures the rows again.

    Once the resizing has stopped, and only when shown: a hidden tree (its dock behind another
    tab) would measure rows at a width it will not have, and measuring thousands of rows at
    every step of a drag would stall the window. A theme change keeps the width: no new sizes.
    """

    width_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fitted_width = -1  # the width the rows were last measured for
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(60)
        self._refit.timeout.connect(self._check_width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._refit.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._check_width()

    def _check_width(self) -> None:
        if self.isVisible() and self.viewport().width() != self.fitted_width:
            self.width_changed.emit()


class EpisodeSidebar(QWidget):
    """Search, filters, the episode tree, and a note on named episodes that match nothing."""

    def sizeHint(self) -> QSize:  # what the main window starts from
        return QSize(300, 560)

    episode_selected = Signal(str)
    compare_requested = Signal(list)
    note_requested = Signal(str)  # episode id: its context menu's "Add Note…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EpisodeModel(self)
        self.proxy = EpisodeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.delegate = EpisodeDelegate(self)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search episodes…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search episodes")
        self.search.textChanged.connect(self._search)
        self.actor = QComboBox(self)
        self.actor.setAccessibleName("Filter by actor")
        self.side = QComboBox(self)
        self.side.setAccessibleName("Filter by side")
        self.type = QComboBox(self)
        self.type.setAccessibleName("Filter by type")
        self.year = QComboBox(self)
        self.year.setAccessibleName("Filter by year")
        for combo in (self.actor, self.side, self.type, self.year):
            combo.currentIndexChanged.connect(self._filters_changed)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)

        self.tree = EpisodeTree(self)
        self.tree.setObjectName("EpisodeTree")
        self.tree.setAccessibleName("Episodes")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setItemDelegate(self.delegate)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setIndentation(10)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.width_changed.connect(self._fit_rows)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._current_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.extend_menu = None  # (menu, episode id): more entries (the edits, desktop.ui.episodes.edits)

        self.notice = QLabel(self)
        self.notice.setObjectName("Hint")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.status = QLabel("Episodes appear when the library has been analysed.", self)
        self.status.setObjectName("Hint")
        self.status.setWordWrap(True)
        self.compare = QPushButton("Compare Selected", self)
        self.compare.setToolTip("Compare the selected episodes side by side (select 2 to 4 with Ctrl or Shift)")
        self.compare.clicked.connect(lambda: self.compare_requested.emit(self.selected_ids()))

        filters = QGridLayout()
        filters.setSpacing(4)
        for index, combo in enumerate((self.actor, self.side, self.type, self.year)):
            filters.addWidget(combo, index // 2, index % 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.compare)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.notice)
        layout.addWidget(self.tree, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.tree)
        self._fill_filters(None, {})

    # -- content
    def set_episodes(self, episode_set: EpisodeSet, sides: dict, theme: str) -> None:
        current = self.current_id()
        self.delegate.theme = theme
        self.delegate.forget_sizes()
        self.model.set_episodes(episode_set.episodes)
        self.tree.fitted_width = -1
        self._fit_rows()
        self.tree.expandAll()
        self._fill_filters(episode_set, sides)
        unmatched = episode_set.unmatched()
        if unmatched:
            names = "; ".join(f"“{r.label}”" for r in unmatched)
            self.notice.setText(
                f"Named episode{'s' if len(unmatched) > 1 else ''} with no match in this corpus: {names}."
            )
            self.notice.show()
        else:
            self.notice.hide()
        n = len(episode_set.episodes)
        self.status.setText(f"{n} episodes from {len({a for e in episode_set.episodes for a in e.articles})} articles")
        if current:
            self.select(current, emit=False)

    def _fit_rows(self) -> None:
        """Give every row its size for the tree's width (once shown: a hidden tree's width is not
        the one it will have)."""
        if not self.tree.isVisible():
            return
        width = self.tree.viewport().width()
        self.tree.fitted_width = width
        font = self.tree.font()
        inner = max(80, width - self.tree.indentation() - 2 * EpisodeDelegate.PAD)
        self.model.set_heights(
            lambda e: self.delegate.height_for(e, inner, font), width, EpisodeDelegate.year_height(font)
        )

    def set_theme(self, theme: str) -> None:
        self.delegate.theme = theme
        self.tree.viewport().update()

    def _fill_filters(self, episode_set: EpisodeSet | None, sides: dict) -> None:
        episodes = episode_set.episodes if episode_set else []
        combos = (self.actor, self.side, self.type, self.year)
        kept = [combo.currentData() for combo in combos]
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
        _fill(self.actor, "All actors", "", _actor_choices(episodes))
        _fill(self.side, "All sides", "", _side_choices(episodes, sides))
        _fill(self.type, "All types", "", _type_choices(episodes))
        _fill(self.year, "All years", 0, [(str(year), year) for year in sorted({e.first.year for e in episodes})])
        for combo, data in zip(combos, kept, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(data)) if data else 0)
            combo.blockSignals(False)

    def _search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def _filters_changed(self, _index: int = 0) -> None:
        self.proxy.set_filters(
            self.actor.currentData() or "",
            self.side.currentData() or "",
            self.type.currentData() or "",
            self.year.currentData() or 0,
        )
        self.tree.expandAll()

    # -- selection
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        episode_id = self.proxy.data(current, ID_ROLE) if current.isValid() else None
        if episode_id:
            self.episode_selected.emit(episode_id)

    def _context_menu(self, pos) -> None:
        episode_id = self.proxy.data(self.tree.indexAt(pos), ID_ROLE)
        if episode_id:
            menu = QMenu(self.tree)
            menu.addAction("Add Note…").triggered.connect(lambda: self.note_requested.emit(episode_id))
            if self.extend_menu is not None:
                self.extend_menu(menu, episode_id)
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(self.tree.viewport().mapToGlobal(pos))

    def current_id(self) -> str | None:
        index = self.tree.currentIndex()
        return self.proxy.data(index, ID_ROLE) if index.isValid() else None

    def selected_ids(self) -> list[str]:
        ids = [self.proxy.data(i, ID_ROLE) for i in self.tree.selectionModel().selectedIndexes()]
        return [i for i in ids if i]

    def select(self, episode_id: str, emit: bool = True) -> bool:
        source = self.model.index_of(episode_id)
        if not source.isValid():
            return False
        index = self.proxy.from_episodes(source)
        if not index.isValid():  # filtered out: clear the filters so the episode shows
            self.search.clear()
            for combo in (self.actor, self.side, self.type, self.year):
                combo.setCurrentIndex(0)
            index = self.proxy.from_episodes(source)
        if not emit:
            self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        if not emit:
            self.tree.selectionModel().blockSignals(False)
            self.tree.viewport().update()
        return True

    def visible_titles(self) -> list[str]:
        """The titles the user can see, in order (for tests and accessibility)."""
        out = []
        for y in range(self.proxy.rowCount()):
            year = self.proxy.index(y, 0)
            for r in range(self.proxy.rowCount(year)):
                out.append(self.proxy.data(self.proxy.index(r, 0, year)))
        return out


def _fill(combo: QComboBox, everything: str, no_filter: object, choices: list[tuple[str, object]]) -> None:
    """``everything`` (meaning no filter), then each (label, data) choice."""
    combo.addItem(everything, no_filter)
    for label, data in choices:
        combo.addItem(label, data)


def _actor_choices(episodes: list[Episode]) -> list[tuple[str, str]]:
    """The people taking part, by surname."""
    names: dict[str, str] = {}
    for e in episodes:
        for p in e.participants:
            if p.kind == "person":
                names.setdefault(p.key, p.name)
    return [(name, key) for key, name in sorted(names.items(), key=lambda kv: kv[1].split()[-1])]


def _side_choices(episodes: list[Episode], sides: dict) -> list[tuple[str, str]]:
    """The sides taking part, in the order of ``sides``."""
    present = {p.side for e in episodes for p in e.participants}
    return [(info.label, key) for key, info in sides.items() if key in present]


def _type_choices(episodes: list[Episode]) -> list[tuple[str, str]]:
    """The event types present, by their label in the event lexicon."""
    types = {}
    for e in episodes:
        for ev in e.events:
            types.setdefault(ev.type, ev.type)
    lexicon = load_event_lexicon()
    return [(lexicon.types[key].label, key) for key in sorted(types, key=lambda k: lexicon.types[k].label)]
