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
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMenu

from desktop.core.annotations.anchoring import anchor, quote_at
from desktop.core.annotations.records import Annotation, Quote
from desktop.core.annotations.store import load_annotations, save_annotations
from desktop.ui.reader.correctdialogs import ActorChooser, DateDialog, SideChooser, valid_timex
from desktop.ui.reader.panes import ArticleBrowser, ReaderArea, ReaderPane
from desktop.ui.shell.workspace import Workspace

__all__ = ["ActorChooser", "DateDialog", "SideChooser", "valid_timex"]

#: The keys that open the correction menu at the text cursor (besides the Menu key).
MENU_KEYS = ("Shift+F10",)
#: Characters of the pane's text either side of a selection used to find it in the analysis.
SELECTION_CONTEXT = 40


def parse_href(href: str) -> tuple[str, str, int] | None:
    """("actor" or "date", actor id or date value, start) of a highlight's link, or None."""
    parsed = urlparse(href)
    if parsed.scheme not in ("actor", "date"):
        return None
    start = parse_qs(parsed.query).get("start", [""])[0]
    return (parsed.scheme, unquote(parsed.path), int(start)) if start.isdigit() else None


class CorrectionCommand(QUndoCommand):
    """Annotations added and removed together: redo does it, undo puts everything back where it was."""

    def __init__(
        self, controller: CorrectionsController, note: Annotation | None, text: str, removed: tuple = ()
    ) -> None:
        super().__init__(text)
        self.controller = controller
        self.added = [note] if note is not None else []
        self.removed = list(removed)
        self._places: list[tuple[int, Annotation]] = []

    def redo(self) -> None:
        gone = {a.id for a in self.removed}
        current = self.controller.annotations
        self._places = [(i, a) for i, a in enumerate(current) if a.id in gone]
        self.controller.store([*(a for a in current if a.id not in gone), *self.added])

    def undo(self) -> None:
        new = {a.id for a in self.added}
        kept = [a for a in self.controller.annotations if a.id not in new]
        for place, note in self._places:  # ascending: each goes back where it was
            kept.insert(min(place, len(kept)), note)
        self.controller.store(kept)


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
        self.io = None  # File → Export/Import Annotations…, made by attach_actions
        self.annotations, problems = load_annotations()
        self.problems = problems  # shown by the Corrections panel (nobody listens yet)
        for problem in problems:
            self.message.emit(problem)
        workspace.set_corrections(self.annotations)
        area.panes_changed.connect(self._attach)
        self._attach()

    def attach_actions(self, actions) -> None:
        """Edit → Undo and Redo of the action registry drive the stack; File → Export and Import
        Annotations… (:mod:`desktop.ui.reader.annotationsio`) share it."""
        for action_id, slot, ready in (
            ("edit.undo", self.stack.undo, self.stack.canUndoChanged),
            ("edit.redo", self.stack.redo, self.stack.canRedoChanged),
        ):
            actions.connect(action_id, slot)
            ready.connect(actions[action_id].setEnabled)
            actions[action_id].setEnabled(False)
        from desktop.ui.reader.annotationsio import install  # File → Export/Import Annotations…

        self.io = install(self, actions)

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
        """Add the corrections of the highlight ``href``, or of the selected words, at the top of ``menu``."""
        analysis = self.workspace.corrected_analysis(pane.article_id) if pane.article_id else None
        if analysis is None:
            return
        entries = self._entries(pane, analysis, href)
        first = menu.actions()[0] if menu.actions() else None
        for text, slot in entries:
            action = menu.addAction(text)
            action.setObjectName(text)
            action.triggered.connect(lambda _checked=False, s=slot: s())
            if first is not None:
                menu.insertAction(first, action)
        if entries and first is not None:
            menu.insertSeparator(first)

    def _entries(self, pane: ReaderPane, analysis, href: str) -> list:
        link = parse_href(href)
        if link is None:
            span = selection_span(pane.browser, analysis.text)
            if span is None:
                return []
            return [
                ("Mark as Actor …", lambda: self.mark_actor(pane, span)),
                ("Mark as Date …", lambda: self.mark_date(pane, span)),
            ]
        kind, _target, start = link
        if kind == "actor":
            mention = next((m for m in analysis.actors if m.start == start), None)
            return (
                [
                    ("This Is …", lambda: self.correct_actor(pane, mention)),
                    ("Not an Actor", lambda: self.not_actor(pane, mention)),
                    ("Not This Side …", lambda: self.not_side(pane, mention)),
                ]
                if mention is not None
                else []
            )
        date = next((d for d in analysis.dates if d.start == start), None)
        return [("The Date Is …", lambda: self.correct_date(pane, date))] if date is not None else []

    # -- the corrections
    def push(self, note: Annotation | None, text: str, removed: tuple = ()) -> None:
        """Add ``note`` (and take out ``removed``) as one undoable step."""
        self.stack.push(CorrectionCommand(self, note, text, removed))
        self.message.emit(f"{text} (Edit → Undo takes it back)")

    def _text(self, pane: ReaderPane) -> str:
        return self.workspace.corrected_analysis(pane.article_id).text

    def _choose_actor(self, pane: ReaderPane, current: str = ""):
        gazetteer = self.workspace.analyzer.gazetteer
        dialog = ActorChooser(gazetteer.actors.values(), current, pane)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.actor_id():
            return None
        return gazetteer.actor(dialog.actor_id())

    def _actor_note(self, kind: str, pane: ReaderPane, span: tuple[int, int], actor) -> Annotation:
        values = {"actor": actor.id, "name": actor.name, "actor_kind": actor.kind, "side": actor.side}
        return _new(kind, pane.article_id, self._text(pane), *span, **values)

    def correct_actor(self, pane: ReaderPane, mention) -> None:
        actor = self._choose_actor(pane, mention.actor or "")
        if actor is not None:
            note = self._actor_note("actor-is", pane, (mention.start, mention.end), actor)
            self.push(note, f"“{mention.text}” is {actor.name}")

    def mark_actor(self, pane: ReaderPane, span: tuple[int, int]) -> None:
        actor = self._choose_actor(pane)
        if actor is not None:
            note = self._actor_note("mark-actor", pane, span, actor)
            self.push(note, f"“{note.quote.exact}” marked as {actor.name}")

    def not_actor(self, pane: ReaderPane, mention) -> None:
        note = _new("not-actor", pane.article_id, self._text(pane), mention.start, mention.end)
        self.push(note, f"“{mention.text}” is not an actor")

    def not_side(self, pane: ReaderPane, mention) -> None:
        sides = dict(self.workspace.analyzer.sides())
        dialog = SideChooser(sides, mention.side, pane)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.side():
            return
        side = dialog.side()
        note = _new("not-side", pane.article_id, self._text(pane), mention.start, mention.end, side=side)
        self.push(note, f"“{mention.text}” stands for {sides[side].label}")

    def _ask_date(self, pane: ReaderPane, value: str = "") -> str:
        dialog = DateDialog(value, pane)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return ""
        return dialog.value()

    def correct_date(self, pane: ReaderPane, date) -> None:
        value = self._ask_date(pane, date.value)
        if value:
            note = _new("date-is", pane.article_id, self._text(pane), date.start, date.end, value=value)
            self.push(note, f"“{date.text}” is dated {value}")

    def mark_date(self, pane: ReaderPane, span: tuple[int, int]) -> None:
        value = self._ask_date(pane)
        if value:
            note = _new("mark-date", pane.article_id, self._text(pane), *span, value=value)
            self.push(note, f"“{note.quote.exact}” marked as the date {value}")


def selection_span(browser: ArticleBrowser, text: str) -> tuple[int, int] | None:
    """Where the words selected in ``browser`` are in the article's plain ``text``, or None.

    The pane shows rendered Markdown, not the plain text: the selection is found again as a
    quote with the pane's words around it as context (as an annotation is), within one paragraph.
    """
    cursor = browser.textCursor()
    if not cursor.hasSelection():
        return None
    exact = cursor.selectedText()
    stripped = exact.strip()
    if not stripped or "\u2029" in stripped:
        return None
    start = cursor.selectionStart() + (len(exact) - len(exact.lstrip()))
    end = start + len(stripped)
    around = QTextCursor(browser.document())
    around.setPosition(max(0, start - SELECTION_CONTEXT))
    around.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
    prefix = around.selectedText().replace("\u2029", "\n")
    around.setPosition(end)
    around.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, SELECTION_CONTEXT)
    suffix = around.selectedText().replace("\u2029", "\n")
    return anchor(text, Quote(stripped, prefix, suffix))
