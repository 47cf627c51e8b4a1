"""Every command of the application, declared once (id, text, shortcuts, icon, tip).

Menus, the toolbar, context menus and the presentation mode take their QActions from
one :class:`ActionRegistry` (after Frescobaldi's ``actioncollection``), so a shortcut is
defined in one place and shows the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop.ui.shell import icons

Key = QKeySequence.StandardKey


@dataclass(frozen=True, slots=True)
class ActionSpec:
    id: str
    text: str
    shortcuts: tuple[str | QKeySequence.StandardKey, ...] = ()
    icon: str = ""
    tip: str = ""
    checkable: bool = False
    group: str = ""  # actions of one group are mutually exclusive


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec(
        "file.open",
        "&Open Article…",
        (Key.Open,),
        "open",
        "Open a Markdown or text article into the reader",
    ),
    ActionSpec(
        "file.import_article",
        "&Import…",
        ("Ctrl+I",),
        "library",
        "Import a web page, an address, a PDF or a text file: check what was extracted, then save it",
    ),
    ActionSpec(
        "file.import",
        "&Copy Article Files into Library…",
        (),
        "library",
        "Copy Markdown or text articles unchanged into your library folder so they are there next time",
    ),
    ActionSpec("file.reload", "&Reload Library", ("Ctrl+R",), "reload", "Read the article folders again"),
    ActionSpec(
        "file.export",
        "&Export Comparison to PDF…",
        ("Ctrl+E",),
        "export",
        "Export the episode comparison as a PDF handout",
    ),
    ActionSpec(
        "file.export_annotations",
        "Export Anno&tations…",
        (),
        "export",
        "Save your corrections and notes as a W3C Web Annotation JSON-LD file, to share them",
    ),
    ActionSpec(
        "file.import_annotations",
        "Import Annotatio&ns…",
        (),
        "",
        "Add the corrections and notes of a JSON-LD annotation file to yours (importing twice adds nothing)",
    ),
    ActionSpec("file.quit", "&Quit", (Key.Quit, "Ctrl+Q"), "quit", "Quit Overtures"),
    # Edit
    ActionSpec("edit.undo", "&Undo Correction", (Key.Undo,), "", "Take back your last correction"),
    ActionSpec("edit.redo", "&Redo Correction", (Key.Redo,), "", "Make your last undone correction again"),
    ActionSpec(
        "edit.add_note",
        "Add &Note…",
        ("Ctrl+Alt+N",),
        "",
        "Write a note (Markdown) on the selected passage",
    ),
    ActionSpec("edit.find", "&Find in Pane…", (Key.Find,), "find", "Find text in the current pane"),
    ActionSpec("edit.find_next", "Find &Next", (Key.FindNext,)),
    ActionSpec("edit.find_previous", "Find Pre&vious", (Key.FindPrevious,)),
    ActionSpec(
        "edit.add_actor",
        "Add Person to &My Actors…",
        (),
        "add-actor",
        "Add an unlinked person to your own actor list",
    ),
    # View
    ActionSpec(
        "view.close_pane",
        "&Close Pane",
        (Key.Close, "Ctrl+W"),
        "close-pane",
        "Close the current reader pane",
    ),
    ActionSpec("view.next_pane", "Next Pane", ("Ctrl+]",)),
    ActionSpec("view.previous_pane", "Previous Pane", ("Ctrl+[",)),
    ActionSpec("view.zoom_in", "Zoom &In", ("Ctrl+=", Key.ZoomIn), "zoom-in", "Larger text"),
    ActionSpec("view.zoom_out", "Zoom &Out", ("Ctrl+-", Key.ZoomOut), "zoom-out", "Smaller text"),
    ActionSpec("view.zoom_reset", "&Reset Zoom", ("Ctrl+0",), "zoom-reset", "Text at its normal size"),
    ActionSpec(
        "view.sync_scroll",
        "&Synchronized Scrolling",
        ("Ctrl+Shift+S",),
        "sync-scroll",
        "Scroll all panes together",
        checkable=True,
    ),
    ActionSpec(
        "view.side_labels",
        "Side &Codes after Actors",
        ("Ctrl+Shift+L",),
        "side-labels",
        "Print a short side code (BY, RU, US…) after each actor, for reading without colour",
        checkable=True,
    ),
    ActionSpec("view.reset_layout", "&Reset Layout", (), "", "Put every panel back where it was at first start"),
    ActionSpec(
        "view.fullscreen",
        "&Full Screen",
        (Key.FullScreen, "F11"),
        "fullscreen",
        "Fill the screen with the window",
        checkable=True,
    ),
    ActionSpec(
        "view.focus",
        "F&ocus Mode",
        ("Ctrl+Shift+F",),
        "fullscreen",
        "Hide the panels and toolbars so the current view has the window; again brings them back",
        checkable=True,
    ),
    ActionSpec("view.toolbar_text.icons", "&Icons Only", (), "", "", True, "toolbar_text"),
    ActionSpec("view.toolbar_text.beside", "Text &Beside Icons", (), "", "", True, "toolbar_text"),
    ActionSpec("view.toolbar_text.under", "Text &Under Icons", (), "", "", True, "toolbar_text"),
    ActionSpec("view.theme.system", "Follow &System Theme", (), "", "", True, "theme"),
    ActionSpec("view.theme.light", "&Light Theme", (), "", "", True, "theme"),
    ActionSpec("view.theme.dark", "&Dark Theme", (), "", "", True, "theme"),
    ActionSpec(
        "view.library",
        "&Library",
        ("Ctrl+1",),
        "library",
        "Show the article library",
        checkable=True,
    ),
    ActionSpec(
        "view.legend",
        "Le&gend",
        ("Ctrl+2",),
        "legend",
        "Show the legend of sides and kinds",
        checkable=True,
    ),
    ActionSpec(
        "view.episodes",
        "&Episodes",
        ("Ctrl+3",),
        "episodes",
        "Show the episodes sidebar",
        checkable=True,
    ),
    ActionSpec(
        "view.timeline",
        "&Timeline",
        ("Ctrl+4",),
        "timeline",
        "Show the timeline of episodes",
        checkable=True,
    ),
    ActionSpec(
        "view.notes",
        "&Notes",
        ("Ctrl+5",),
        "",
        "Show your notes, by article or episode, with search",
        checkable=True,
    ),
    ActionSpec(
        "view.corrections",
        "&Corrections",
        ("Ctrl+6",),
        "",
        "Show every correction and episode edit you made, with its state; revert or open one",
        checkable=True,
    ),
    ActionSpec("timeline.export_png", "Export Timeline as &PNG…", (), "export", "Save the timeline as a PNG image"),
    ActionSpec("timeline.export_svg", "Export Timeline as &SVG…", (), "export", "Save the timeline as an SVG drawing"),
    # Episodes
    ActionSpec(
        "episodes.compare",
        "&Compare Episodes",
        ("Ctrl+Shift+C",),
        "compare",
        "Compare the selected episodes side by side",
    ),
    ActionSpec(
        "episodes.coverage",
        "Co&verage of this Episode",
        ("Ctrl+Shift+V",),
        "compare",
        "How each source tells the selected episode, one column per source (two or more sources)",
    ),
    ActionSpec("file.export_coverage", "Export Co&verage…", (), "export", "Export the episode's coverage as a PDF"),
    ActionSpec(
        "compare.next_difference",
        "Next &Difference",
        ("Alt+Down", "F8"),
        "next",
        "Go to the next difference in the comparison",
    ),
    ActionSpec(
        "compare.previous_difference",
        "Previous Di&fference",
        ("Alt+Up", "Shift+F8"),
        "previous",
        "Go to the previous difference in the comparison",
    ),
    ActionSpec(
        "present.start",
        "&Present Lesson",
        ("F5",),
        "present",
        "Present the lesson full screen (clicker friendly)",
    ),
    ActionSpec("present.edit_lesson", "&Edit Lesson…", (), "lesson", "Choose episodes and write notes"),
    ActionSpec("present.open_lesson", "&Open Lesson…", (), "", "Open a lesson file"),
    ActionSpec(
        "present.export_pdf",
        "Export Lesson &Handout…",
        (),
        "export",
        "Export the lesson as a PDF handout, one slide per page",
    ),
    # Help
    ActionSpec("help.about", "&About Overtures", (), "about", "Sources of the corpus and credits"),
)


#: short toolbar texts (the menu text is too long beside an icon)
LABELS = {
    "file.open": "Open",
    "view.close_pane": "Close",
    "view.sync_scroll": "Sync",
    "view.side_labels": "Codes",
    "view.zoom_out": "Smaller",
    "view.zoom_in": "Larger",
    "edit.find": "Find",
    "episodes.compare": "Compare",
    "file.export": "PDF",
    "present.start": "Present",
    "view.library": "Library",
    "view.episodes": "Episodes",
    "view.legend": "Legend",
    "view.timeline": "Timeline",
}


def _sequence(shortcut: str | QKeySequence.StandardKey) -> list[QKeySequence]:
    if isinstance(shortcut, QKeySequence.StandardKey):
        return list(QKeySequence.keyBindings(shortcut))
    return [QKeySequence(shortcut)]


class ActionRegistry(QObject):
    """Creates the QActions of :data:`ACTIONS` and hands them out by id."""

    def __init__(self, parent: QObject, theme: str = "light") -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._groups: dict[str, QActionGroup] = {}
        self._specs = {spec.id: spec for spec in ACTIONS}
        for spec in ACTIONS:
            action = QAction(spec.text, parent)
            action.setObjectName(spec.id)
            keys: list[QKeySequence] = []
            for shortcut in spec.shortcuts:
                for seq in _sequence(shortcut):
                    if not seq.isEmpty() and seq not in keys:
                        keys.append(seq)
            if keys:
                action.setShortcuts(keys)
            tip = spec.tip or spec.text.replace("&", "").rstrip("…")
            if keys:
                tip = f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})"
            action.setToolTip(tip)
            action.setStatusTip(spec.tip)
            action.setCheckable(spec.checkable)
            action.setShortcutVisibleInContextMenu(True)
            if spec.id in LABELS:
                action.setIconText(LABELS[spec.id])
            if spec.group:
                group = self._groups.setdefault(spec.group, QActionGroup(parent))
                group.addAction(action)
            self._actions[spec.id] = action
        self.set_theme(theme)

    def __getitem__(self, action_id: str) -> QAction:
        try:
            return self._actions[action_id]
        except KeyError:
            raise KeyError(f"no action {action_id!r}") from None

    def __iter__(self) -> Iterator[QAction]:
        return iter(self._actions.values())

    def ids(self) -> list[str]:
        return list(self._actions)

    def connect(self, action_id: str, slot: Callable[..., object]) -> None:
        action = self[action_id]
        if action.isCheckable():
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())

    def set_theme(self, theme: str) -> None:
        """Redraw the icons in the theme's ink colour."""
        for action_id, action in self._actions.items():
            name = self._specs[action_id].icon
            if name:
                action.setIcon(icons.icon(name, theme))
