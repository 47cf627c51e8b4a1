"""Room for what the user came for (issue 12): default sizes counted as a user sees them,
focus mode, and the toolbar's text.

The counts come from tests/ui/room.py (the document's own layout, only what is wholly in view):
at 1366x768 a reader pane shows at least 25 lines and the comparison 3 facet rows; at 1920x1080
the comparison shows 5 facet rows and the episodes sidebar 6 episodes.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QToolBar

from desktop.ui.shell.layout import TOOLBAR_STYLES

from .room import episodes_visible, facet_rows, reader_lines

LAPTOP, DESKTOP = (1366, 768), (1920, 1080)


@pytest.fixture
def sized_window(qtbot, qapp):
    """A first start at a given window size, as a maximised window on that screen."""
    from desktop.ui.shell.app import build_main_window, create_application

    windows = []

    def make(size):
        window = build_main_window(create_application())
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        window.first_view_painted()
        qtbot.waitUntil(lambda: window.workspace.episodes is not None and window.episodes.model.rowCount() > 0,
                        timeout=30000)  # fmt: skip
        qtbot.wait(50)  # the default dock sizes are applied after the deferred parts
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.workspace.shutdown()


def _comparison(window, qtbot):
    window.actions["episodes.compare"].trigger()
    qtbot.waitUntil(lambda: not window.comparison.building(), timeout=30000)
    QApplication.processEvents()
    window.comparison.browser.scrollToAnchor("facets")  # "Side by side", where the rows start
    QApplication.processEvents()
    return facet_rows(window.comparison)


def _episodes(window, qtbot):
    window.episodes_dock.raise_()
    qtbot.waitUntil(lambda: window.episodes.tree.isVisible())
    QApplication.processEvents()
    return episodes_visible(window.episodes)


def test_laptop_reader_panes_get_the_height(sized_window):
    window = sized_window(LAPTOP)
    lines = [reader_lines(pane) for pane in window.reader.panes]
    assert window.reader.panes and min(lines) >= 18, lines  # 9 before the layout change
    # the timeline starts closed on a short window, one key away
    assert window.timeline_dock.isHidden() and not window.actions["view.timeline"].isChecked()
    window.actions["view.timeline"].trigger()
    QApplication.processEvents()
    assert not window.timeline_dock.isHidden()


def test_laptop_reader_pane_shows_25_lines(sized_window):
    window = sized_window(LAPTOP)
    assert min(reader_lines(pane) for pane in window.reader.panes) >= 25


def test_side_panels_run_the_full_height_and_the_timeline_spans_the_text_only(sized_window):
    window = sized_window(DESKTOP)
    timeline, central = window.timeline_dock.geometry(), window.centralWidget().geometry()
    assert timeline.left() >= window.library_dock.geometry().right()
    assert timeline.right() <= window.legend_dock.geometry().left()
    assert central.width() >= 0.6 * window.width()  # the text gets most of the width


def test_desktop_episodes_sidebar_shows_at_least_4(sized_window, qtbot):
    window = sized_window(DESKTOP)
    assert _episodes(window, qtbot) >= 4  # 1 before (the timeline ran under it)


def test_desktop_episodes_sidebar_shows_6(sized_window, qtbot):
    assert _episodes(sized_window(DESKTOP), qtbot) >= 6


@pytest.mark.parametrize(("size", "target"), [(LAPTOP, 3), (DESKTOP, 5)], ids=["1366x768", "1920x1080"])
def test_comparison_shows_the_facet_rows(sized_window, qtbot, size, target):
    assert _comparison(sized_window(size), qtbot) >= target


@pytest.mark.parametrize(("size", "floor"), [(LAPTOP, 1), (DESKTOP, 2)], ids=["1366x768", "1920x1080"])
def test_comparison_shows_whole_facet_rows_from_side_by_side(sized_window, qtbot, size, floor):
    assert _comparison(sized_window(size), qtbot) >= floor


@pytest.mark.parametrize("size", [LAPTOP, DESKTOP], ids=["1366x768", "1920x1080"])
def test_reset_layout_restores_the_default_sizes(sized_window, qtbot, size):
    window = sized_window(size)
    shown = {d.objectName() for d in window.findChildren(QDockWidget) if not d.isHidden()}
    before = [window.reader.panes[0].browser.viewport().height(), window.library_dock.width()]
    window.timeline_dock.show()
    window.resizeDocks([window.timeline_dock], [420], Qt.Orientation.Vertical)
    window.resizeDocks([window.library_dock], [500], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.reader.panes[0].browser.viewport().height() < before[0]
    window.actions["view.reset_layout"].trigger()
    QApplication.processEvents()
    after = [window.reader.panes[0].browser.viewport().height(), window.library_dock.width()]
    assert abs(after[0] - before[0]) <= 4 and abs(after[1] - before[1]) <= 4, (before, after)
    assert {d.objectName() for d in window.findChildren(QDockWidget) if not d.isHidden()} == shown


# -- focus mode
def _shown(window):
    return {w.objectName() for w in window.findChildren(QDockWidget) + window.findChildren(QToolBar)
            if w.parent() is window and not w.isHidden()}  # fmt: skip


def test_focus_mode_gives_the_view_the_window_and_brings_everything_back(window, qtbot):
    window.legend_dock.close()  # the user's own layout: the legend closed
    QApplication.processEvents()
    before, pane = _shown(window), window.reader.panes[0]
    height = pane.browser.viewport().height()
    action = window.actions["view.focus"]
    assert action.isCheckable() and action.shortcut().toString() == "Ctrl+Shift+F"
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert action.isChecked() and _shown(window) == set()
    assert pane.browser.viewport().height() > height and window.reader.width() > 0.95 * window.width()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    QApplication.processEvents()
    assert not action.isChecked() and _shown(window) == before
    assert window.legend_dock.isHidden() and not window.actions["view.legend"].isChecked()
    assert window.actions["view.library"].isChecked()


def test_double_clicking_a_tab_toggles_focus_mode_and_the_menu_has_it(window):
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")
    assert window.actions["view.focus"] in view_menu.actions()
    bar = window.tabs.tabBar()
    bar.tabBarDoubleClicked.emit(0)
    QApplication.processEvents()
    assert window.focus.active and window.library_dock.isHidden()
    bar.tabBarDoubleClicked.emit(0)
    QApplication.processEvents()
    assert not window.focus.active and not window.library_dock.isHidden()


def test_closing_in_focus_mode_saves_the_layout_of_before(window):
    window.actions["view.focus"].trigger()
    QApplication.processEvents()
    window.save()
    from desktop.core.files.settings import load_settings

    state = load_settings()["window_state"]
    window.actions["view.focus"].trigger()
    QApplication.processEvents()
    assert state == window.settings["window_state"]
    window.save()
    assert load_settings()["window_state"] == state


# -- toolbar text and shortcuts
@pytest.mark.parametrize("style", sorted(TOOLBAR_STYLES))
def test_toolbar_text_setting_applies_and_persists(window, style):
    window.actions[f"view.toolbar_text.{style}"].trigger()
    toolbar = window.findChild(QToolBar, "MainToolBar")
    assert toolbar.toolButtonStyle() == TOOLBAR_STYLES[style]
    window.save()
    from desktop.core.files.settings import load_settings

    assert load_settings()["toolbar_text"] == style


def test_toolbar_has_text_beside_icons_by_default(window):
    toolbar = window.findChild(QToolBar, "MainToolBar")
    assert toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert window.actions["episodes.compare"].iconText() == "Compare"


def test_every_menu_item_shows_its_shortcut(window):
    def items(menu):
        for action in menu.actions():
            if action.menu():
                yield from items(action.menu())
            elif not action.isSeparator():
                yield action

    for top in window.menuBar().actions():
        for action in items(top.menu()):
            if not action.shortcut().isEmpty():
                assert action.isShortcutVisibleInContextMenu(), action.objectName()
    ids = {a.objectName() for top in window.menuBar().actions() for a in items(top.menu())}
    for action_id in ("edit.find", "view.focus", "view.close_pane", "present.start", "view.library"):
        assert action_id in ids and not window.actions[action_id].shortcut().isEmpty()
