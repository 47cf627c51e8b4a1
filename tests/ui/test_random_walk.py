"""A seeded random walk of 1,000 moves through the main window (issue 12).

Same failure rules as test_every_action: any exception in a slot, any Qt warning. After the walk
the window must still be whole: Reset Layout brings every panel back, focus mode is off.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication

from desktop.ui.shell.layout import SHORT

from .answered import answer_dialogs
from .walk import Walk

STEPS = 1000


@pytest.mark.parametrize("seed", [12])
def test_a_thousand_random_moves(window, qtbot, monkeypatch, tmp_path, seed):
    answer_dialogs(monkeypatch, tmp_path)
    qtbot.waitUntil(lambda: window.workspace.episodes is not None, timeout=30000)
    start = time.monotonic()
    log = Walk(window, seed).run(STEPS)
    assert len(log) == STEPS
    assert time.monotonic() - start < 90, "the walk should take about a minute at most"
    window.actions["view.reset_layout"].trigger()
    QApplication.processEvents()
    assert not window.focus.active
    for dock in (window.library_dock, window.episodes_dock, window.legend_dock):
        assert not dock.isHidden() and not dock.isFloating(), dock.objectName()
    # the timeline follows the layout policy: it starts closed on a short window
    assert window.timeline_dock.isHidden() == (window.height() < SHORT), window.height()
    assert not window.timeline_dock.isFloating()
    window.workspace.wait()
