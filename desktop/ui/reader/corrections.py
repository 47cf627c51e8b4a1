"""The reader corrects the analysis in place (issue 13): "This is …", "Not an actor", "The date is …".

A right-click on a highlighted mention (or Shift+F10 / the Menu key with the text cursor on
it) adds the corrections to the pane's menu. Each correction is an
:class:`~desktop.core.annotations.records.Annotation` anchored by a quote of the article's
plain text, kept in ``annotations.json`` (:mod:`desktop.core.annotations.store`) and put on a
:class:`QUndoStack`: Edit → Undo takes it out of the store again. The workspace applies the
stored corrections where the reader draws (:meth:`Workspace.set_corrections`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import parse_qs, unquote, urlparse

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from desktop.core.annotate.timex import bounds
from desktop.core.annotations.anchoring import quote_at
from desktop.core.annotations.records import Annotation
from desktop.core.annotations.store import load_annotations, save_annotations
from desktop.ui.reader.panes import ReaderArea, ReaderPane
from desktop.ui.shell.workspace import Workspace

#: The keys that open the correction menu at the text cursor (besides the Menu key).
MENU_KEYS = ("Shift+F10",)


def valid_timex(value: str) -> bool:
    """A TIMEX3 date value the reader may give: a day, month, year, week or range of them."""
    return bool(value) and bounds(value) is not None


def parse_href(href: str) -> tuple[str, str, int] | None:
    """("actor" or "date", actor id or date value, start) of a highlight's link, or None."""
    parsed = urlparse(href)
    if parsed.scheme not in ("actor", "date"):
        return None
    start = parse_qs(parsed.query).get("start", [""])[0]
    return (parsed.scheme, unquote(parsed.path), int(start)) if start.isdigit() else None


class ActorChooser(QDialog):
    """Choose an actor from the actor list, searching its names and aliases."""

    def __init__(self, actors, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("This Is …")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search names and aliases")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        for actor in sorted(actors, key=lambda a: a.name.casefold()):
            if actor.id == current:
                continue
            item = QListWidgetItem(actor.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, actor.id)
            words = (actor.name, *actor.aliases, *actor.surnames, *actor.short_forms)
            item.setData(Qt.ItemDataRole.UserRole + 1, " ".join(words).casefold())
            if actor.aliases:
                item.setToolTip("Also: " + ", ".join(actor.aliases))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.search.textChanged.connect(self.filter)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.filter("")

    def filter(self, text: str) -> None:
        """Show the actors one of whose names contains ``text``; the first shown is chosen."""
        needle = text.strip().casefold()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole + 1)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(first is not None)

    def actor_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None and not item.isHidden() else ""


class DateDialog(QDialog):
    """The date a passage means, as a TIMEX value (2022, 2022-04, 2022-04-12, 2022-W15, a/b)."""

    def __init__(self, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("The Date Is …")
        self.edit = QLineEdit(value, self)
        self.edit.setPlaceholderText("2022-04-12, 2022-04, 2022 or 2022-W15")
        self.hint = QLabel("A day, a month, a year, a week, or a range such as 2022-04-01/2022-04-12", self)
        self.hint.setObjectName("Hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._check(value)

    def _check(self, text: str) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid_timex(text.strip()))

    def value(self) -> str:
        text = self.edit.text().strip()
        return text if valid_timex(text) else ""


class CorrectionCommand(QUndoCommand):
    """One correction: redo puts it in the store, undo takes it out again."""

    def __init__(self, controller: CorrectionsController, note: Annotation, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self.note = note

    def redo(self) -> None:
        self.controller.store([*self.controller.annotations, self.note])

    def undo(self) -> None:
        self.controller.store([a for a in self.controller.annotations if a.id != self.note.id])


def _new(kind: str, article: str, text: str, start: int, end: int, **values) -> Annotation:
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    quote = quote_at(text, start, end)
    return Annotation(uuid.uuid4().hex, kind, article, quote, created=created, **values)


class CorrectionsController(QObject):
    """The correction menu of every pane, the undo stack and the stored annotations."""

    message = Signal(str)

    def __init__(self, workspace: Workspace, area: ReaderArea, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.area = area
        self.stack = QUndoStack(self)
        self.annotations, problems = load_annotations()
        for problem in problems:
            self.message.emit(problem)
        workspace.set_corrections(self.annotations)
        area.panes_changed.connect(self._attach)
        self._attach()

    def attach_actions(self, actions) -> None:
        """Edit → Undo and Redo of the action registry drive the stack."""
        for action_id, slot, ready in (
            ("edit.undo", self.stack.undo, self.stack.canUndoChanged),
            ("edit.redo", self.stack.redo, self.stack.canRedoChanged),
        ):
            actions.connect(action_id, slot)
            ready.connect(actions[action_id].setEnabled)
            actions[action_id].setEnabled(False)

    def store(self, annotations: list[Annotation]) -> None:
        self.annotations = list(annotations)
        save_annotations(self.annotations)
        self.workspace.set_corrections(self.annotations)

    def _attach(self) -> None:
        for pane in self.area.panes:
            browser = pane.browser
            if browser.extend_menu is None:
                browser.extend_menu = lambda menu, href, p=pane: self.extend_menu(p, menu, href)
                for key in MENU_KEYS:
                    shortcut = QShortcut(QKeySequence(key), browser, context=Qt.ShortcutContext.WidgetShortcut)
                    shortcut.activated.connect(browser.menu_at_cursor)

    # -- the menu
    def extend_menu(self, pane: ReaderPane, menu: QMenu, href: str) -> None:
        """Add the corrections of the highlight ``href`` (if any) at the top of ``menu``."""
        link = parse_href(href)
        analysis = self.workspace.corrected_analysis(pane.article_id) if pane.article_id else None
        if link is None or analysis is None:
            return
        kind, _target, start = link
        first = menu.actions()[0] if menu.actions() else None
        if kind == "actor":
            mention = next((m for m in analysis.actors if m.start == start), None)
            if mention is None:
                return
            entries = [
                ("This Is …", lambda: self.correct_actor(pane, mention)),
                ("Not an Actor", lambda: self.not_actor(pane, mention)),
            ]
        else:
            date = next((d for d in analysis.dates if d.start == start), None)
            if date is None:
                return
            entries = [("The Date Is …", lambda: self.correct_date(pane, date))]
        for text, slot in entries:
            action = menu.addAction(text)
            action.setObjectName(text)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if first is not None:
                menu.insertAction(first, action)
        if first is not None:
            menu.insertSeparator(first)

    # -- the corrections
    def _push(self, note: Annotation, text: str) -> None:
        self.stack.push(CorrectionCommand(self, note, text))
        self.message.emit(f"{text} (Edit → Undo takes it back)")

    def _text(self, pane: ReaderPane) -> str:
        return self.workspace.corrected_analysis(pane.article_id).text

    def correct_actor(self, pane: ReaderPane, mention) -> None:
        gazetteer = self.workspace.analyzer.gazetteer
        dialog = ActorChooser(gazetteer.actors.values(), mention.actor or "", pane)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.actor_id():
            return
        actor = gazetteer.actor(dialog.actor_id())
        note = _new(
            "actor-is",
            pane.article_id,
            self._text(pane),
            mention.start,
            mention.end,
            actor=actor.id,
            name=actor.name,
            actor_kind=actor.kind,
            side=actor.side,
        )
        self._push(note, f"“{mention.text}” is {actor.name}")

    def not_actor(self, pane: ReaderPane, mention) -> None:
        note = _new("not-actor", pane.article_id, self._text(pane), mention.start, mention.end)
        self._push(note, f"“{mention.text}” is not an actor")

    def correct_date(self, pane: ReaderPane, date) -> None:
        dialog = DateDialog(date.value, pane)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.value():
            return
        note = _new("date-is", pane.article_id, self._text(pane), date.start, date.end, value=dialog.value())
        self._push(note, f"“{date.text}” is dated {note.value}")
