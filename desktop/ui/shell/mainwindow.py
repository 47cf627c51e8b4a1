"""The main window: assembles the library, the reader and the sidebars; owns no logic."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from desktop.core.files.settings import Settings
from desktop.ui.library.controller import LibraryController
from desktop.ui.library.view import LibraryModel, LibraryView
from desktop.ui.reader.controller import ReaderController
from desktop.ui.reader.findbar import FindBar
from desktop.ui.reader.panes import ReaderArea
from desktop.ui.shell.actions import ActionRegistry
from desktop.ui.shell.banner import Banner
from desktop.ui.shell.icons import app_icon
from desktop.ui.shell.layout import FocusMode, apply_default_docks, set_corners, set_toolbar_text
from desktop.ui.shell.theme import ThemeManager
from desktop.ui.shell.workspace import Workspace

MENUS = {
    "&File": [
        "file.open",
        "file.import_article",
        "file.import",
        "file.reload",
        None,
        "file.export",
        "file.export_coverage",
        None,
        "file.export_annotations",
        "file.import_annotations",
        None,
        "file.quit",
    ],
    "&Edit": [
        "edit.undo",
        "edit.redo",
        None,
        "edit.add_note",
        None,
        "edit.find",
        "edit.find_next",
        "edit.find_previous",
    ],
    "&View": [
        "view.library",
        "view.legend",
        "view.episodes",
        "view.timeline",
        "view.notes",
        "view.corrections",
        "view.reset_layout",
        None,
        "view.close_pane",
        "view.next_pane",
        "view.previous_pane",
        None,
        "view.sync_scroll",
        "view.side_labels",
        None,
        "view.zoom_in",
        "view.zoom_out",
        "view.zoom_reset",
        None,
        ("&Theme", ["view.theme.system", "view.theme.light", "view.theme.dark"]),
        ("Toolbar &Text", ["view.toolbar_text.icons", "view.toolbar_text.beside", "view.toolbar_text.under"]),
        "view.focus",
        "view.fullscreen",
        None,
        "timeline.export_png",
        "timeline.export_svg",
    ],
    "&Episodes": [
        "view.episodes",
        "view.timeline",
        None,
        "episodes.compare",
        "compare.previous_difference",
        "compare.next_difference",
        "episodes.coverage",
        None,
        "file.export",
        "file.export_coverage",
    ],
    "&Lesson": ["present.start", None, "present.open_lesson", "present.edit_lesson", None, "present.export_pdf"],
    "&Help": ["help.about"],
}
TOOLBAR = [
    "file.open", None,
    "view.close_pane", "view.sync_scroll", "view.side_labels", None,
    "view.zoom_out", "view.zoom_in", None,
    "edit.find", None,
    "episodes.compare", "file.export", "present.start", None,
    "view.library", "view.episodes", "view.legend", "view.timeline",
]  # fmt: skip


def _placeholder(parent: QWidget) -> QLabel:
    label = QLabel("Loading…", parent)
    label.setObjectName("Hint")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: Settings, themes: ThemeManager) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.themes = themes
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        self.setObjectName("MainWindow")
        self.setDockNestingEnabled(True)
        set_corners(self)
        self.actions = ActionRegistry(self, themes.effective)
        self.comparison_control = None  # built after the first paint, with the other deferred parts

        # Central: problems banner, tabs (reader first), find bar.
        self.banner = Banner(self)
        self.reader = ReaderArea(self)
        self.find_bar = FindBar(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("CentralTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabBarAutoHide(True)
        self.tabs.addTab(self.reader, "Reader")
        self.tabs.addTab(_placeholder(self), "Comparison")
        central = QWidget(self)
        box = QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        box.addWidget(self.tabs, 1)
        box.addWidget(self.find_bar)
        self.setCentralWidget(central)

        # Library dock.
        self.library_model = LibraryModel(workspace.articles(), self)
        self.library = LibraryView(self.library_model, self)
        self.library_dock = self.add_dock(
            "Library",
            "LibraryDock",
            self.library,
            Qt.DockWidgetArea.LeftDockWidgetArea,
            "view.library",
        )
        # The other docks exist from the start (so a saved layout restores) and get their
        # contents right after the first paint (build_deferred): start-up stays lean.
        self.episodes_dock = self.add_dock(
            "Episodes",
            "EpisodesDock",
            _placeholder(self),
            Qt.DockWidgetArea.LeftDockWidgetArea,
            "view.episodes",
        )
        self.tabifyDockWidget(self.library_dock, self.episodes_dock)
        self.library_dock.raise_()
        self.legend_dock = self.add_dock(
            "Legend", "LegendDock", _placeholder(self), Qt.DockWidgetArea.RightDockWidgetArea, "view.legend"
        )
        self.timeline_dock = self.add_dock(
            "Timeline",
            "TimelineDock",
            _placeholder(self),
            Qt.DockWidgetArea.BottomDockWidgetArea,
            "view.timeline",
        )
        self.notes_dock = self.add_dock(
            "Notes", "NotesDock", _placeholder(self), Qt.DockWidgetArea.RightDockWidgetArea, "view.notes"
        )
        self.tabifyDockWidget(self.legend_dock, self.notes_dock)
        self.legend_dock.raise_()
        apply_default_docks(self)

        # Controllers hold the logic; the window only wires them.
        self.reader_control = ReaderController(workspace, self.reader, self.find_bar, self)
        self.library_control = LibraryController(workspace, self.library_model, self)
        self.library.open_requested.connect(self.reader_control.open)
        self.library_control.open_article.connect(self.reader_control.open)
        self.library_control.attach(self.library)
        self.library.search.open_at.connect(self.reader_control.show_mention)
        self.reader_control.library_search.connect(lambda _text: self._show_dock(self.library_dock, True))
        self.reader_control.library_search.connect(self.library.filter.setText)  # its search runs on the text
        self.library_control.problems_changed.connect(self.show_problems)
        for source in (self.reader_control, self.library_control):
            source.message.connect(self.show_message)
        workspace.analysis_failed.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.status = QLabel(self)
        self.status.setObjectName("StatusCounts")
        self.statusBar().addPermanentWidget(self.status)
        self.reader.panes_changed.connect(self.update_status)
        workspace.corpus_changed.connect(self.update_status)
        workspace.options_changed.connect(self.update_status)
        workspace.analysis_ready.connect(lambda _id: self.update_status())
        themes.changed.connect(self._theme_changed)

        self.focus = FocusMode(self, self.actions["view.focus"])
        self.tabs.tabBar().tabBarDoubleClicked.connect(lambda _index: self.focus.toggle())
        self.connect_actions()
        self.build_menus()
        self.build_toolbar()
        self.show_problems(self.library_control.problems())
        self.update_status()

    # -- assembly
    def add_dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea, action_id: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        self._dock_areas = {**getattr(self, "_dock_areas", {}), dock: area}
        action = self.actions[action_id]
        action.setChecked(True)
        # triggered, not toggled: only the user's click shows or hides the panel (a tabbed panel
        # that loses its tab reports itself hidden, and must not be closed for it)
        action.triggered.connect(lambda _checked=False, d=dock, a=action: self._show_dock(d, a.isChecked()))
        dock.setProperty("action_id", action_id)
        dock.visibilityChanged.connect(self._dock_visibility)
        return dock

    @staticmethod
    def _show_dock(dock: QDockWidget, visible: bool) -> None:
        dock.setVisible(visible)
        if visible:
            dock.raise_()  # bring its tab to the front when it shares a place with others

    def _dock_visibility(self, visible: bool) -> None:
        dock = self.sender()
        if dock is not None and self.isVisible() and not self.isMinimized():
            # open, not on top: a panel whose tab is behind another stays checked
            self.actions[dock.property("action_id")].setChecked(not dock.isHidden())

    def connect_actions(self) -> None:
        a = self.actions
        reader, lib = self.reader_control, self.library_control
        a.connect("file.open", lib.open_files)
        a.connect("file.import", lib.import_files)
        a.connect("file.import_article", lib.import_dialog)
        a.connect("file.reload", lib.reload)
        a.connect("file.quit", self.close)
        a.connect("view.reset_layout", self.reset_layout)
        reader.corrections.attach_actions(a)
        a.connect("edit.find", lambda: self.find_bar.open_bar(self._selected_text()))
        a.connect("edit.find_next", lambda: self.find_bar.find(backward=False))
        a.connect("edit.find_previous", lambda: self.find_bar.find(backward=True))
        a.connect("view.close_pane", lambda: self.reader.close_pane())
        a.connect("view.next_pane", lambda: self.reader.step_current(1))
        a.connect("view.previous_pane", lambda: self.reader.step_current(-1))
        a.connect("view.zoom_in", lambda: self.workspace.set_zoom(self.workspace.zoom + 1))
        a.connect("view.zoom_out", lambda: self.workspace.set_zoom(self.workspace.zoom - 1))
        a.connect("view.zoom_reset", lambda: self.workspace.set_zoom(0))
        a.connect("view.sync_scroll", self.reader.set_sync_scroll)
        a.connect("view.side_labels", lambda on: self.workspace.set_options(side_labels=on))
        a.connect("view.fullscreen", lambda on: self.showFullScreen() if on else self.showNormal())
        for theme in ("system", "light", "dark"):
            a.connect(f"view.theme.{theme}", lambda on, t=theme: on and self.themes.set_setting(t))
        for style in ("icons", "beside", "under"):
            a.connect(f"view.toolbar_text.{style}", lambda on, s=style: on and set_toolbar_text(self, s))
        a.connect("help.about", self.show_about)
        a.connect(
            "episodes.compare",
            lambda: self.comparison_control and self.comparison_control.compare(self.episodes.selected_ids()),
        )
        a.connect("file.export", lambda: self.comparison_control and self.comparison_control.export())
        a.connect("timeline.export_png", lambda: self.export_timeline("png"))
        a.connect("timeline.export_svg", lambda: self.export_timeline("svg"))
        reader.area.current_changed.connect(lambda _pane: self.update_status())

    def build_menus(self) -> None:
        bar = self.menuBar()
        for title, items in MENUS.items():
            self.fill_menu(bar.addMenu(title), items)

    def fill_menu(self, menu, items) -> None:
        for item in items:
            if item is None:
                menu.addSeparator()
            elif isinstance(item, tuple):
                self.fill_menu(menu.addMenu(item[0]), item[1])
            else:
                menu.addAction(self.actions[item])

    def build_toolbar(self, items: list[str | None] = TOOLBAR) -> QToolBar:
        toolbar = self.findChild(QToolBar, "MainToolBar") or self.addToolBar("Main")
        toolbar.setObjectName("MainToolBar")
        toolbar.setMovable(False)
        for item in items:
            if item is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions[item])
        return toolbar

    def export_timeline(self, kind: str) -> None:
        from desktop.ui.compare.exportdialog import ask_save_path

        path = ask_save_path(
            self,
            f"Export Timeline as {kind.upper()}",
            f"overtures-timeline.{kind}",
            f"{kind.upper()} files (*.{kind})",
            self.settings,
        )
        if not path:
            self.statusBar().showMessage("Export cancelled; nothing was written", 5000)
            return
        try:
            (self.timeline.export_png if kind == "png" else self.timeline.export_svg)(path)
        except OSError as exc:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, "The timeline could not be exported", str(exc))
            return
        self.statusBar().showMessage(f"Timeline saved to {path}", 8000)

    def show_about(self) -> None:
        from desktop.ui.shell.about import AboutDialog  # deferred: not needed at start-up

        AboutDialog(self.workspace.articles(), self).open()

    # -- state shown
    def show_problems(self, problems: list[str]) -> None:
        if problems:
            n = len(problems)
            self.banner.show_problems(f"{n} file{'s' if n > 1 else ''} could not be loaded:", problems)
        else:
            self.banner.hide()

    def update_status(self) -> None:
        n_articles = len(self.workspace.corpus)
        n_panes = len(self.reader.panes)
        analysing = " · analysing…" if self.workspace.busy() else ""
        self.status.setText(f"{n_articles} articles · {n_panes} of 3 panes · zoom {self.workspace.zoom:+d}{analysing}")

    def _selected_text(self) -> str:
        pane = self.reader.current_pane()
        return pane.browser.textCursor().selectedText() if pane else ""

    def _theme_changed(self, theme: str) -> None:
        self.actions.set_theme(theme)
        self.workspace.set_options(theme=theme)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def build_deferred(self) -> None:
        """Episodes, legend, timeline and comparison: built once the first view is on screen."""
        if self.comparison_control is not None:
            return
        from desktop.ui.compare.controller import ComparisonController
        from desktop.ui.compare.view import ComparisonView
        from desktop.ui.episodes.controller import EpisodeController
        from desktop.ui.episodes.sidebar import EpisodeSidebar
        from desktop.ui.episodes.timeline import TimelineView
        from desktop.ui.reader.legend import LegendPanel
        from desktop.ui.reader.legendcontroller import LegendController

        workspace = self.workspace
        self.episodes = EpisodeSidebar(self)
        self.episodes_dock.setWidget(self.episodes)
        self.legend = LegendPanel(self)
        self.legend_dock.setWidget(self.legend)
        self.timeline = TimelineView(self)
        self.timeline_dock.setWidget(self.timeline)
        self.comparison = ComparisonView(workspace, self)
        current = self.tabs.currentIndex()
        self.tabs.removeTab(1)
        self.tabs.insertTab(1, self.comparison, "Comparison")
        self.tabs.setCurrentIndex(current)
        self.legend_control = LegendController(workspace, self.legend, self.legend_dock, self.reader_control, self)
        self.episode_control = EpisodeController(workspace, self.episodes, self.reader_control, self)
        self.episode_control.attach_timeline(self.timeline)
        self.comparison_control = ComparisonController(
            workspace, self.comparison, self.tabs, self.reader_control, self.settings, self
        )
        self.comparison.bind_actions(
            self.actions["compare.previous_difference"], self.actions["compare.next_difference"]
        )
        self.episodes.compare_requested.connect(self.comparison_control.compare)
        for source in (self.legend_control, self.episode_control, self.comparison_control):
            source.message.connect(self.show_message)
        from desktop.ui.compare.coveragecontroller import install as install_coverage

        self.coverage_control = install_coverage(self)
        from desktop.ui.present.controller import PresentationController

        self.presentation_control = PresentationController(self)
        from desktop.ui.reader.notespanel import install as install_notes

        self.notes_control = install_notes(self)
        from desktop.ui.episodes.edits import install as install_edits
        from desktop.ui.reader.correctionspanel import install as install_corrections

        self.episode_edits, self.corrections = install_edits(self), install_corrections(self)
        self.episodes.set_theme(workspace.options.theme)
        if workspace.episodes is not None:
            self.episode_control.refresh()
            self.comparison.refresh_choices()
        self.legend_control.rebuild()

    def first_view_painted(self) -> None:
        """After the first paint: the deferred parts, then analysis of the open articles and the library."""
        self.build_deferred()
        self.workspace.release_analysis()
        if getattr(self, "_default_docks", False):
            # First start: dock sizes hold only once the window has its final geometry.
            self._default_docks = False
            QTimer.singleShot(0, lambda: apply_default_docks(self, first=True))  # after the deferred parts are laid out
        self.workspace.request_analysis(self.reader.article_ids())
        self.workspace.request_analysis()

    def reset_layout(self) -> None:
        """View → Reset Layout: every panel shown, docked where it is at first start."""
        self.focus.set_active(False)
        for dock, area in self._dock_areas.items():
            dock.setFloating(False)
            self.addDockWidget(area, dock)
            dock.show()
            self.actions[dock.property("action_id")].setChecked(True)
        self.tabifyDockWidget(self.library_dock, self.episodes_dock)
        self.tabifyDockWidget(self.legend_dock, self.notes_dock)
        self.library_dock.raise_()
        self.legend_dock.raise_()
        apply_default_docks(self, first=True)

    # -- settings
    def restore(self, first_panes: list[str]) -> None:
        s = self.settings
        if s["window_geometry"]:
            self.restoreGeometry(QByteArray.fromBase64(s["window_geometry"].encode("ascii")))
        else:
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None and screen.width() > 0:
                self.resize(int(screen.width() * 0.92), int(screen.height() * 0.92))
            else:
                self.resize(1440, 900)
        self._default_docks = not s["window_state"]
        if s["window_state"]:
            self.restoreState(QByteArray.fromBase64(s["window_state"].encode("ascii")))
        self.actions[f"view.theme.{self.themes.setting}"].setChecked(True)
        self.actions["view.sync_scroll"].setChecked(s["sync_scroll"])
        self.reader.set_sync_scroll(s["sync_scroll"])
        self.actions["view.side_labels"].setChecked(s["side_labels"])
        set_toolbar_text(self, s["toolbar_text"])
        self.workspace.set_zoom(s["zoom"])
        self.workspace.set_options(
            theme=self.themes.effective,
            side_labels=s["side_labels"],
            hidden_sides=frozenset(s["hidden_sides"]),
            hidden_kinds=frozenset(s["hidden_kinds"]),
        )
        panes = s["open_panes"] if s["first_start_done"] else first_panes
        self.reader_control.open_many(panes)
        if self.reader.panes:
            index = min(max(s["current_pane"], 0), len(self.reader.panes) - 1)
            self.reader.set_current(self.reader.panes[index])
        if s.problem:
            self.statusBar().showMessage(s.problem, 10000)

    def save(self) -> None:
        s = self.settings
        s["window_geometry"] = bytes(self.saveGeometry().toBase64()).decode("ascii")
        s["window_state"] = bytes(self.focus.saved_state().toBase64()).decode("ascii")
        s["open_panes"] = self.reader.article_ids()
        s["current_pane"] = max(self.reader.current_index(), 0)
        s["sync_scroll"] = self.reader.sync_scroll
        s["zoom"] = self.workspace.zoom
        s["theme"] = self.themes.setting
        s["side_labels"] = self.workspace.options.side_labels
        s["hidden_sides"] = sorted(self.workspace.options.hidden_sides)
        s["hidden_kinds"] = sorted(self.workspace.options.hidden_kinds)
        s["first_start_done"] = True
        self.workspace.render_cache.save()
        try:
            s.save()
        except OSError as exc:
            self.statusBar().showMessage(f"Settings could not be saved: {exc}", 10000)

    def closeEvent(self, event) -> None:
        self.save()
        self.workspace.shutdown()
        super().closeEvent(event)
