"""The theme toggle while the legend's index is still catching up with the library (a library's
analyses read back from the cache a few per turn): the chips are recoloured at once, nothing is
indexed on the toggle, and the index is shown in the new theme once it has caught up."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.reader.legendcontroller import GrowingIndex

from .test_episodes_and_comparison import ready


def test_a_toggle_while_the_legend_catches_up_indexes_nothing_at_once(window, qtbot, monkeypatch):
    ready(window, qtbot)
    control = window.legend_control
    qtbot.waitUntil(lambda: window.legend.actors.rowCount() > 0, timeout=30000)
    control._index = None  # as if the library's analyses were still being read back
    control._growing = True
    with monkeypatch.context() as patched:
        patched.setattr(GrowingIndex, "add", lambda *a: pytest.fail("indexed at once on the toggle"))
        window.themes.set_setting("dark")
        for _ in range(5):
            QApplication.processEvents()
    assert control._theme != "dark"  # the lists wait for the index
    control._grow_step()
    qtbot.waitUntil(lambda: not control._growing and control._theme == "dark", timeout=30000)
    assert window.legend.actors.rowCount() > 0
