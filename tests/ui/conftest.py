"""Fixtures for GUI tests: the real main window on the bundled corpus, isolated settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def make_window(qtbot, qapp):
    """Build the main window as ``python -m desktop`` does; close it (saving settings) after."""
    from desktop.ui.shell.app import build_main_window, create_application

    windows = []

    def make():
        window = build_main_window(create_application())
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        window.first_view_painted()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.workspace.shutdown()


@pytest.fixture
def window(make_window):
    return make_window()


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()
