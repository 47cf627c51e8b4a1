"""The reader edits episodes (issue 13): rename, date, remove or move an event, merge, split, and
make an event of a sentence.

The edits are offered in the context menus of the episode sidebar, the timeline and the
comparison (a column's episode), and F2 renames the current episode there while Shift+F10 opens
its menu; a sentence selected in the reader becomes an event with "Make an Event of This
Sentence…" (type, actors and date filled in from the analysis). Each edit is an annotation
anchored by a sentence of its episode (:mod:`desktop.core.annotations.episode_edits`), kept with
the other corrections and pushed on their undo stack: Edit → Undo takes it back. The workspace
applies the edits wherever episodes are used. :func:`install` hooks all of it into the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from desktop.core.annotations import episode_edits as make
from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.ui.reader import correctdialogs as dialogs
from desktop.ui.reader.notes import selection_span

RENAME_KEY, MENU_KEY = "F2", "Shift+F10"


def _short(text: str, most: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


def _add(menu: QMenu, text: str, slot, enabled: bool = True, shortcut: str = "") -> None:
    action = menu.addAction(text)
    action.setObjectName(text)
    action.setEnabled(enabled)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutVisibleInContextMenu(True)
    action.triggered.connect(lambda _checked=False: slot())


def _accepted(dialog: QDialog) -> bool:
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


class EpisodeEdits(QObject):
    """Makes the episode edits and puts them on the corrections' undo stack."""

    message = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = window.workspace
        self.reader = window.reader_control
        self.corrections = self.reader.corrections
        self._lexicon = None

    # -- what the edits work on
    def texts(self):
        return self.workspace.texts()  # article id -> text, each read when looked up

    def episode(self, episode_id: str | None):
        episode_set = self.workspace.episodes
        return episode_set.get(episode_id) if episode_set is not None and episode_id else None

    def others(self, episode_id: str) -> list:
        episode_set = self.workspace.episodes
        return [e for e in episode_set.episodes if e.id != episode_id] if episode_set is not None else []

    @property
    def lexicon(self):
        if self._lexicon is None:
            self._lexicon = load_event_lexicon()
        return self._lexicon

    def _parent(self) -> QWidget:
        return self.window

    def push(self, note, text: str) -> None:
        self.corrections.push(note, text)

    # -- the edits (None: ask the reader)
    def rename(self, episode_id: str, title: str | None = None) -> None:
        episode = self.episode(episode_id)
        if episode is None:
            return
        if title is None:
            dialog = dialogs.TitleDialog(episode.title, self._parent())
            title = dialog.title() if _accepted(dialog) else ""
        if title.strip() and title.strip() != episode.title:
            self.push(make.rename(episode, title, self.texts()), f"Episode “{_short(episode.title)}” renamed")

    def redate(self, episode_id: str, value: str | None = None) -> None:
        episode = self.episode(episode_id)
        if episode is None:
            return
        if value is None:
            dialog = dialogs.DateDialog(episode.value, self._parent())
            dialog.setWindowTitle("Change the Episode's Date")
            value = dialog.value() if _accepted(dialog) else ""
        if value and value != episode.value:
            self.push(make.redate(episode, value, self.texts()), f"Episode “{_short(episode.title)}” dated {value}")

    def remove_event(self, episode_id: str, index: int) -> None:
        episode = self.episode(episode_id)
        if episode is not None and 0 <= index < len(episode.events):
            texts = self.texts()
            event = episode.events[index]
            note = make.remove_event(episode, event, texts)
            self.push(note, f"Event “{make.event_words(event, texts, 40)}” taken out of its episode")

    def _choose_episode(self, episode_id: str, prompt: str, title: str) -> str:
        dialog = dialogs.EpisodeChooser(self.others(episode_id), prompt, self._parent(), title)
        return dialog.episode_id() if _accepted(dialog) else ""

    def move_event(self, episode_id: str, index: int, target: str | None = None) -> None:
        episode = self.episode(episode_id)
        if episode is None or not 0 <= index < len(episode.events):
            return
        if target is None:
            target = self._choose_episode(episode_id, "Move the event to:", "Move Event")
        if self.episode(target) is not None and target != episode_id:
            texts = self.texts()
            event = episode.events[index]
            note = make.move_event(episode, event, self.episode(target), texts)
            self.push(note, f"Event “{make.event_words(event, texts, 40)}” moved")

    def merge(self, episode_id: str, other: str | None = None) -> None:
        episode = self.episode(episode_id)
        if episode is None:
            return
        if other is None:
            other = self._choose_episode(episode_id, f"Merge into “{episode.title}”:", "Merge Episodes")
        joined = self.episode(other)
        if joined is not None and other != episode_id:
            note = make.merge(episode, joined, self.texts())
            self.push(note, f"“{_short(joined.title)}” merged into “{_short(episode.title)}”")

    def split(self, episode_id: str, index: int) -> None:
        episode = self.episode(episode_id)
        if episode is not None and 0 < index < len(episode.events):
            texts = self.texts()
            event = episode.events[index]
            self.push(make.split(episode, event, texts), f"Episode split before “{make.event_words(event, texts, 40)}”")

    def make_event(self, pane=None, episode_id: str = "") -> None:
        """An event of the sentence selected in ``pane`` (the current pane by default)."""
        pane = pane or self.reader.area.current_pane()
        analysis = self.workspace.corrected_analysis(pane.article_id) if pane and pane.article_id else None
        article = self.workspace.article(pane.article_id) if analysis is not None else None
        span = selection_span(pane, analysis.text, article.body) if article is not None else None
        if span is None:
            self.message.emit("Select a sentence of an analysed article to make an event of it")
            return
        filled = make.prefill(analysis, *span, self.lexicon)
        chosen = episode_id or self._episode_holding(article.id, filled.span)
        dialog = self._event_dialog(analysis.text[slice(*filled.span)], filled, chosen)
        if not _accepted(dialog):
            return
        note = make.add_event(
            article.id,
            analysis.text,
            filled.span,
            dialog.event_type(),
            dialog.actor_keys(),
            dialog.value(),
            dialog.episode_id(),
        )
        self.push(note, f"Event made of “{_short(note.quote.exact)}”")

    def _episode_holding(self, article_id: str, span: tuple[int, int]) -> str:
        episode_set = self.workspace.episodes
        for episode in episode_set.episodes if episode_set is not None else []:
            if any(e.article == article_id and e.start <= span[0] < e.end for e in episode.evidence):
                return episode.id
        return ""

    def _event_dialog(self, sentence: str, filled, chosen: str) -> dialogs.EventDialog:
        types = sorted(((t.id, t.label) for t in self.lexicon.types.values()), key=lambda t: t[1].casefold())
        if not filled.event_type:
            types.insert(0, ("", "Choose the kind of event…"))
        actors = [(key, name, True) for key, name in filled.actors]
        episodes = self.workspace.episodes.episodes if self.workspace.episodes is not None else []
        known = self.workspace.analyzer.gazetteer.actors.values()
        dialog = dialogs.EventDialog(sentence, types, actors, filled.value, episodes, chosen, self._parent(), known)
        if filled.event_type:
            dialog.type.setCurrentIndex(max(0, dialog.type.findData(filled.event_type)))
        return dialog

    # -- the menus
    def fill(self, menu: QMenu, episode_id: str, selected: list[str] | tuple = (), keys: bool = True) -> None:
        """Add the edits of ``episode_id`` to ``menu`` (``selected``: episodes chosen beside it;
        ``keys``: show F2 beside Rename, where it works)."""
        episode = self.episode(episode_id)
        if episode is None:
            return
        if menu.actions():
            menu.addSeparator()
        _add(menu, "Rename Episode…", lambda: self.rename(episode_id), shortcut=RENAME_KEY if keys else "")
        _add(menu, "Change Date…", lambda: self.redate(episode_id))
        texts = self.texts()
        events = [make.event_words(e, texts) for e in episode.events]
        self._events_menu(menu, "Remove Event", events, lambda i: self.remove_event(episode_id, i))
        self._events_menu(menu, "Move Event to Another Episode", events, lambda i: self.move_event(episode_id, i))
        for other in [i for i in selected if i != episode_id and self.episode(i) is not None][:3]:
            title = _short(self.episode(other).title)
            _add(menu, f"Merge “{title}” into This", lambda o=other: self.merge(episode_id, o))
        _add(menu, "Merge with Another Episode…", lambda: self.merge(episode_id), bool(self.others(episode_id)))
        self._events_menu(menu, "Split Before", events, lambda i: self.split(episode_id, i), first=1)
        pane = self.reader.area.current_pane()
        selection = pane is not None and pane.browser.textCursor().hasSelection()
        _add(menu, "Add the Sentence Selected in the Reader…", lambda: self.make_event(pane, episode_id), selection)

    @staticmethod
    def _events_menu(menu: QMenu, title: str, events: list[str], slot, first: int = 0) -> None:
        sub = menu.addMenu(title)
        sub.menuAction().setObjectName(title)
        for index, words in enumerate(events):
            if index >= first:
                _add(sub, words, lambda i=index: slot(i))
        sub.setEnabled(len(events) > first)

    def menu_for(self, episode_id: str, parent: QWidget, selected=(), extra=()) -> QMenu:
        """The context menu of an episode in the timeline (with ``extra`` actions first)."""
        menu = QMenu(parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in extra:
            menu.addAction(action)
        self.fill(menu, episode_id, selected)
        return menu

    # -- hooking into the views
    def attach_sidebar(self, sidebar) -> None:
        sidebar.extend_menu = lambda menu, episode_id: self.fill(menu, episode_id, sidebar.selected_ids())
        tree = sidebar.tree
        self._keys(tree, sidebar.current_id, lambda: tree.visualRect(tree.currentIndex()).center(), tree)

    def attach_timeline(self, timeline) -> None:
        timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        timeline.customContextMenuRequested.connect(lambda pos: self._timeline_menu(timeline, pos))
        self._keys(timeline, timeline.selected_id, lambda: timeline.item_rect(timeline.selected_id()).center())

    def _keys(self, widget: QWidget, current, where, menu_source=None) -> None:
        """F2 renames the current episode of ``widget``; Shift+F10 opens its menu there."""
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        QShortcut(QKeySequence(RENAME_KEY), widget, context=context).activated.connect(
            lambda: current() and self.rename(current())
        )
        source = menu_source or widget
        QShortcut(QKeySequence(MENU_KEY), widget, context=context).activated.connect(
            lambda: current() and source.customContextMenuRequested.emit(where())
        )

    def _timeline_menu(self, timeline, pos: QPoint) -> None:
        item = timeline.episode_at(pos)
        episode_id = item.episode_id if item is not None else timeline.selected_id()
        if not episode_id:
            return
        menu = self.menu_for(episode_id, timeline, extra=timeline.actions())
        self.open_menu(menu, timeline.viewport().mapToGlobal(pos))

    def open_menu(self, menu: QMenu, where: QPoint) -> None:
        menu.popup(where)

    def attach_comparison(self, view) -> None:
        browser = view.browser
        earlier = browser.extend_menu  # the notes' "Add Note on …" stays

        def extend(menu: QMenu, href: str) -> None:
            if earlier is not None:
                earlier(menu, href)
            episode_id = column_episode(view)
            episode = self.episode(episode_id)
            if episode is not None:
                sub = menu.addMenu(f"Edit Episode “{_short(episode.title)}”")
                sub.menuAction().setObjectName("Edit Episode")
                self.fill(sub, episode_id, view.ids(), keys=False)

        browser.extend_menu = extend

    def attach_reader(self) -> None:
        self.reader.area.panes_changed.connect(self._attach_panes)
        self._attach_panes()

    def _attach_panes(self) -> None:
        for pane in self.reader.area.panes:
            browser = pane.browser
            if getattr(browser, "events_hooked", False):
                continue
            earlier = browser.extend_menu  # corrections and notes come first

            def extend(menu: QMenu, href: str, earlier=earlier, pane=pane) -> None:
                if earlier is not None:
                    earlier(menu, href)
                if pane.browser.textCursor().hasSelection() and pane.article_id:
                    _add(menu, "Make an Event of This Sentence…", lambda: self.make_event(pane))

            browser.extend_menu = extend
            browser.events_hooked = True


def _cell_text(table, row: int, column: int) -> str:
    cell = table.cellAt(row, column)
    cursor = QTextCursor(cell.firstCursorPosition())
    cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
    return " ".join(cursor.selectedText().split())


def _is_side_by_side(table) -> bool:
    """Whether ``table`` is the facet-by-facet one (its gutter cells carry the facets' anchors)."""
    for row in range(1, table.rows()):
        block = table.cellAt(row, 0).firstCursorPosition().block()
        it = block.begin()
        while not it.atEnd():
            if any(n.startswith("facet-") for n in it.fragment().charFormat().anchorNames()):
                return True
            it += 1
    return False


def column_episode(view, pos: QPoint | None = None) -> str:
    """The id of the episode under ``pos`` (the pointer by default) in the comparison: its column
    of the side-by-side table, or its row of the table of episodes."""
    browser, comparison = view.browser, view.comparison
    if comparison is None:
        return ""
    point = pos if pos is not None else browser.viewport().mapFromGlobal(QCursor.pos())
    cursor: QTextCursor = browser.cursorForPosition(point)
    table = cursor.currentTable()
    if table is None:
        return ""
    cell = table.cellAt(cursor)
    named = _cell_text(table, cell.row(), 0)
    for subject in comparison.subjects:  # the table of episodes: a row each, its title first
        if subject.episodes and named == " ".join(subject.label.split()):
            return subject.episodes[0]
    column = cell.column() - 2  # the gutter and the facet's label come first
    if not _is_side_by_side(table) or not 0 <= column < len(comparison.subjects):
        return ""
    episodes = comparison.subjects[column].episodes
    return episodes[0] if episodes else ""


def install(window) -> EpisodeEdits:
    """The episode edits of ``window``'s sidebar, timeline, comparison and reader panes."""
    edits = EpisodeEdits(window)
    workspace = window.workspace
    workspace.layer.gazetteer_of = lambda: workspace.analyzer.gazetteer  # names a made event's actors
    edits.attach_sidebar(window.episodes)
    edits.attach_timeline(window.timeline)
    edits.attach_comparison(window.comparison)
    edits.attach_reader()
    edits.message.connect(window.show_message)
    return edits
