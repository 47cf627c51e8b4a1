"""Panels come back (issue 12): every panel is in the View menu, its check mark follows it,
the shortcuts and toolbar buttons toggle it without an error, and Reset Layout restores all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

PANELS = {
    "view.library": "library_dock",
    "view.legend": "legend_dock",
    "view.episodes": "episodes_dock",
    "view.timeline": "timeline_dock",
}


def _view_menu(window):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "View")


@pytest.mark.parametrize("action_id", sorted(PANELS))
def test_the_menu_item_hides_and_shows_its_panel(window, action_id):
    dock = getattr(window, PANELS[action_id])
    action = window.actions[action_id]
    assert action in _view_menu(window).actions(), f"{action_id} is not in the View menu"
    assert action.isChecked() and not dock.isHidden()
    action.trigger()  # raised a TypeError before
    QApplication.processEvents()
    assert not action.isChecked() and dock.isHidden()
    action.trigger()
    QApplication.processEvents()
    assert action.isChecked() and not dock.isHidden()


def test_the_shortcut_toggles_its_panel(window, qtbot):
    dock = window.timeline_dock
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert dock.isHidden() and not window.actions["view.timeline"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert not dock.isHidden() and window.actions["view.timeline"].isChecked()


def test_a_panel_closed_with_its_cross_comes_back_from_the_menu(window):
    dock = window.legend_dock
    dock.close()
    QApplication.processEvents()
    assert not window.actions["view.legend"].isChecked()
    window.actions["view.legend"].trigger()
    QApplication.processEvents()
    assert not dock.isHidden()


def test_reset_layout_shows_every_panel_docked(window):
    window.library_dock.setFloating(True)
    window.legend_dock.close()
    window.timeline_dock.close()
    QApplication.processEvents()
    window.actions["view.reset_layout"].trigger()
    QApplication.processEvents()
    for action_id, name in PANELS.items():
        dock = getattr(window, name)
        assert not dock.isFloating() and window.actions[action_id].isChecked(), name
    assert not window.legend_dock.isHidden() and not window.timeline_dock.isHidden()
    assert window.dockWidgetArea(window.legend_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert window.dockWidgetArea(window.timeline_dock) == Qt.DockWidgetArea.BottomDockWidgetArea


def test_the_timeline_tooltips_name_the_event_type(window, qtbot):
    qtbot.waitUntil(lambda: window.workspace.episodes is not None, timeout=30000)
    episode = window.workspace.episodes.episodes[0]
    item = window.timeline.episode_item(episode.id)
    assert item is not None and episode.type_label in item.toolTip()
