"""Search over the library from the library's field: the list filters at once (a proxy, never a
rebuilt list), and 150 ms after the last keystroke the full text is searched (words, phrases, actors
by any spelling) off the UI thread. Results show title, outlet, date and a snippet with the match
highlighted; choosing one opens the article at the match. Filters: actor, side, outlet, date range."""

from __future__ import annotations

import html

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library.search import MARK_CLOSE, MARK_OPEN, SearchFilters, SearchHit
from desktop.ui.library.searching import SearchBackend

DEBOUNCE_MS = 150
HIT_ROLE = Qt.ItemDataRole.UserRole + 11
ANY = "Any"


def hit_html(hit: SearchHit, mark: str = "#f6d36b") -> str:
    """A result as rich text: the title in bold, outlet and date, the snippet with the match marked."""
    snippet = html.escape(hit.snippet)
    snippet = snippet.replace(html.escape(MARK_OPEN), f'<span style="background:{mark}; color:#1b1b1b"><b>')
    snippet = snippet.replace(html.escape(MARK_CLOSE), "</b></span>")
    byline = " · ".join(html.escape(x) for x in (hit.outlet or "Outlet unknown", _date(hit.date)))
    via = " · found by the actor" if hit.via == "actor" else ""
    return f"<b>{html.escape(hit.title)}</b><br><small>{byline}{via}</small><br>{snippet}"


def _date(iso: str | None) -> str:
    if not iso:
        return "date unknown"
    date = QDate.fromString(iso[:10], "yyyy-MM-dd")
    return date.toString("d MMM yyyy") if date.isValid() else iso


class HitDelegate(QStyledItemDelegate):
    """Paints a result's rich text, wrapped to the list's width."""

    PAD = 6

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(Qt.ItemDataRole.UserRole) or "")
        doc.setTextWidth(max(60, option.rect.width() - 2 * self.PAD))
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        doc = self._document(option, index)
        return QSize(option.rect.width(), int(doc.size().height()) + 2 * self.PAD)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        plain = QStyleOptionViewItem(option)
        plain.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + self.PAD, option.rect.top() + self.PAD)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchFiltersBox(QWidget):
    """Actor, side, outlet and a date range; ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.actor, self.side, self.outlet = QComboBox(self), QComboBox(self), QComboBox(self)
        for combo, name in ((self.actor, "actor"), (self.side, "side"), (self.outlet, "outlet")):
            combo.addItem(ANY, None)
            combo.setAccessibleName(f"Filter by {name}")
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.actor.setMaxVisibleItems(20)
        self.dated = QCheckBox("Dated", self)
        self.dated.setToolTip("Only articles published in this range")
        self.date_from, self.date_to = QDateEdit(self), QDateEdit(self)
        for edit, day in ((self.date_from, QDate(2000, 1, 1)), (self.date_to, QDate.currentDate())):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(day)
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.dated.toggled.connect(self._dated)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        for row, (label, widget) in enumerate((("Actor", self.actor), ("Side", self.side), ("Outlet", self.outlet))):
            grid.addWidget(QLabel(label, self), row, 0)
            grid.addWidget(widget, row, 1, 1, 3)
        grid.addWidget(self.dated, 3, 0)
        grid.addWidget(self.date_from, 3, 1)
        grid.addWidget(QLabel("to", self), 3, 2)
        grid.addWidget(self.date_to, 3, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

    def _dated(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def set_choices(self, choices: dict) -> None:
        actors = sorted(choices["actors"].values(), key=lambda a: a.name.casefold())
        for combo, items in (
            (self.actor, [(f"{a.name} ({a.side})" if a.side else a.name, a.id) for a in actors]),
            (self.side, [(s, s) for s in choices["sides"]]),
            (self.outlet, [(o, o) for o in choices["outlets"]]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ANY, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def filters(self) -> SearchFilters:
        dated = self.dated.isChecked()
        return SearchFilters(
            actor=self.actor.currentData(),
            side=self.side.currentData(),
            outlet=self.outlet.currentData(),
            date_from=self.date_from.date().toString("yyyy-MM-dd") if dated else None,
            date_to=self.date_to.date().toString("yyyy-MM-dd") if dated else None,
        )

    def active(self) -> bool:
        f = self.filters()
        return any((f.actor, f.side, f.outlet, f.date_from))


class SearchPanel(QWidget):
    """The results of the full-text search driven by ``field``; ``open_at`` when one is chosen."""

    open_at = Signal(str, int, int)  # article id, start, end of the match in the plain text
    active_changed = Signal(bool)  # results are shown instead of the list

    def __init__(self, field: QLineEdit, parent: QWidget | None = None, backend: SearchBackend | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.backend = backend or SearchBackend(self)
        self.backend.results.connect(self._results)
        self.backend.failed.connect(lambda m: self.header.setText(f"The search failed: {m}"))
        self.filters = SearchFiltersBox(self)
        self.filters.hide()
        self.backend.choices_ready.connect(self.filters.set_choices)
        self.backend.analysed.connect(
            lambda: self.field.text().strip() and self.filters.active() and self.timer.start()
        )
        self.header = QLabel(self)
        self.header.setObjectName("Hint")
        self.header.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setObjectName("SearchResults")
        self.results.setAccessibleName("Search results")
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.results.itemActivated.connect(self._chosen)
        self.results.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.header)
        layout.addWidget(self.results, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        field.textChanged.connect(self._typed)
        self.filters.changed.connect(self.timer.start)
        self._choices_asked = False
        self.hits: list[SearchHit] = []

    def _typed(self, text: str) -> None:
        if text.strip():
            self.timer.start()  # the search waits for a pause in the typing
        else:
            self.timer.stop()
            self.run()  # cleared: the list is back at once

    def show_filters(self, on: bool) -> None:
        self.filters.setVisible(on)
        if on:
            self.ask_choices()

    def ask_choices(self) -> None:
        if not self._choices_asked:
            self._choices_asked = True
            self.backend.load_choices()

    def invalidate(self) -> None:
        self.backend.invalidate()
        self._choices_asked = False
        if self.filters.isVisible():
            self.ask_choices()

    def run(self) -> None:
        query = self.field.text().strip()
        if not query:
            self.hits = []
            self.results.clear()
            self.active_changed.emit(False)
            return
        self.ask_choices()
        self.header.setText("Searching…")
        self.backend.search(query, self.filters.filters())

    def _results(self, generation: int, hits: list[SearchHit]) -> None:
        if generation != self.backend.generation or not self.field.text().strip():
            return  # a newer query is on its way, or the field was cleared
        self.hits = hits
        self.results.clear()
        mark = "#8a6d1c" if self.palette().color(QPalette.ColorRole.Base).lightness() < 128 else "#f6d36b"
        for hit in hits:
            item = QListWidgetItem(f"{hit.title} — {hit.outlet or ''} — {hit.date or ''}")
            item.setData(Qt.ItemDataRole.UserRole, hit_html(hit, mark))
            item.setData(HIT_ROLE, hit)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.title}: {hit.snippet}")
            item.setToolTip(hit.title)
            self.results.addItem(item)
        n = len(hits)
        query = html.escape(self.field.text().strip())
        self.header.setText(
            f"{n} article{'s' if n != 1 else ''} mention “{query}”" if n else f"No article mentions “{query}”"
        )
        self.active_changed.emit(True)

    def _chosen(self, item: QListWidgetItem) -> None:
        hit: SearchHit = item.data(HIT_ROLE)
        length = len(hit.snippet.split(MARK_OPEN, 1)[-1].split(MARK_CLOSE, 1)[0]) if MARK_OPEN in hit.snippet else 0
        self.open_at.emit(hit.article_id, hit.offset, hit.offset + length)

    def open_first(self) -> bool:
        if self.results.count() and self.isVisible():
            self._chosen(self.results.item(0))
            return True
        return False
