"""The window's layout: default dock sizes, Reset Layout, focus mode and the toolbar's text.

Default sizes follow the window, so a laptop screen gives the text the room a large one does:
side panels take a share of the width within bounds, the timeline a share of the height, and the
side panels run the full height (the timeline sits under the text only).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar

#: setting value -> tool button style (the "Toolbar Text" submenu of View)
TOOLBAR_STYLES = {
    "icons": Qt.ToolButtonStyle.ToolButtonIconOnly,
    "beside": Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
    "under": Qt.ToolButtonStyle.ToolButtonTextUnderIcon,
}


def _share(total: int, fraction: float, low: int, high: int) -> int:
    return max(low, min(high, int(total * fraction)))


#: the timeline's default height: a fifth of the window, within these bounds (a 4K window at
#: 100 % scaling gives it 420 px, room for its labels; up to 1300 px high nothing changes)
TIMELINE_HEIGHT = (130, 420)


def default_dock_sizes(width: int, height: int) -> tuple[int, int, int]:
    """(left panels' width, legend's width, timeline's height) for a window of that size."""
    return (
        _share(width, 0.17, 230, 330),
        _share(width, 0.14, 210, 290),
        _share(height, 0.2, *TIMELINE_HEIGHT),
    )


def set_corners(window: QMainWindow) -> None:
    """Side panels own the corners: they run the full height, the timeline spans the text only."""
    window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.setCorner(Qt.Corner.TopRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)


#: below this window height the timeline starts closed (View → Timeline, Ctrl+4 opens it): on a
#: laptop screen the reader would otherwise keep a third of its lines
SHORT = 900


def apply_default_docks(window, first: bool = False) -> None:
    """The default sizes; ``first`` (first start, Reset Layout): also which panels start open."""
    if first and window.height() < SHORT:
        window.timeline_dock.hide()
        window.actions[window.timeline_dock.property("action_id")].setChecked(False)
    left, right, bottom = default_dock_sizes(window.width(), window.height())
    window.resizeDocks([window.library_dock, window.legend_dock], [left, right], Qt.Orientation.Horizontal)
    window.resizeDocks([window.timeline_dock], [bottom], Qt.Orientation.Vertical)


class FocusMode(QObject):
    """Hide every panel and toolbar so the current view has the window; the same key brings
    them back exactly as they were (the window's saved state)."""

    def __init__(self, window, action) -> None:
        super().__init__(window)
        self.window = window
        self.action = action
        self._state: QByteArray | None = None
        action.toggled.connect(self.set_active)

    @property
    def active(self) -> bool:
        return self._state is not None

    def toggle(self) -> None:
        self.action.setChecked(not self.action.isChecked())  # toggled -> set_active

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        window = self.window
        if on:
            self._state = window.saveState()
            for widget in window.findChildren(QDockWidget) + window.findChildren(QToolBar):
                if widget.parent() is window:
                    widget.hide()
            window.show_message("Focus mode: press the same key again to bring the panels back")
        else:
            state, self._state = self._state, None
            window.restoreState(state)
        if self.action.isChecked() != on:
            self.action.setChecked(on)

    def saved_state(self) -> QByteArray:
        """The layout to keep in the settings: the one from before focus mode, if it is on."""
        return self._state if self._state is not None else self.window.saveState()


def set_toolbar_text(window, style: str) -> None:
    """Icons only, text beside or text under the icons (the View → Toolbar Text setting)."""
    style = style if style in TOOLBAR_STYLES else "beside"
    for toolbar in window.findChildren(QToolBar):
        toolbar.setToolButtonStyle(TOOLBAR_STYLES[style])
    window.settings["toolbar_text"] = style
    action = window.actions[f"view.toolbar_text.{style}"]
    if not action.isChecked():
        action.setChecked(True)
