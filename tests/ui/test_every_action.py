"""Every action of the registry, triggered as a user would from a menu, must work (issue 12).

Dialogs are answered automatically (tests/ui/answered.py). Any exception in a slot fails the
test (pytest-qt's exception capture), and so does any Qt warning (``qt_log_level_fail`` in
pyproject.toml). The presentation has no actions of its own: its keys are all pressed instead.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .answered import answer_dialogs, close_dialogs
from .conftest import press

#: actions that end the session or hand the window to another one, triggered on their own below
LAST = ("file.quit", "present.start")
K = Qt.Key
PRESENTATION_KEYS = (
    *(K.Key_Right, K.Key_Space, K.Key_Down, K.Key_Left, K.Key_PageDown, K.Key_End, K.Key_Home),
    *(K.Key_B, K.Key_B, K.Key_W, K.Key_W, K.Key_Z, K.Key_Minus, K.Key_G, K.Key_3, K.Key_Return),
    *(K.Key_S, K.Key_Right, K.Key_S, K.Key_F, K.Key_F, K.Key_P, K.Key_Escape),
)


def _ready(window, qtbot):
    qtbot.waitUntil(lambda: window.workspace.episodes is not None, timeout=30000)
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=30000)


def _settle(window, qtbot):
    QApplication.processEvents()
    if window.comparison_control is not None:
        qtbot.waitUntil(lambda: not window.comparison.building(), timeout=30000)
    close_dialogs()


@pytest.fixture
def answered(monkeypatch, tmp_path):
    return answer_dialogs(monkeypatch, tmp_path)


def test_every_action_of_the_registry_runs(window, qtbot, answered):
    _ready(window, qtbot)
    ids = [i for i in window.actions.ids() if i not in LAST]
    assert len(ids) == len(window.actions.ids()) - len(LAST) > 30
    for action_id in ids:
        action = window.actions[action_id]
        action.trigger()
        _settle(window, qtbot)
        if action.isCheckable() and not action.actionGroup():
            action.trigger()  # and back
            _settle(window, qtbot)
    assert window.isVisible()
    assert any("PDF" in title or "Export" in title for title in answered)


def test_every_action_runs_before_the_library_is_analysed(window, qtbot, answered):
    """Straight after start, with the analysis still running: nothing may raise."""
    for action_id in window.actions.ids():
        if action_id not in LAST:
            window.actions[action_id].trigger()
            QApplication.processEvents()
            close_dialogs()
    _ready(window, qtbot)


def test_the_presentation_takes_every_key_and_gives_the_window_back(window, qtbot, answered):
    _ready(window, qtbot)
    window.actions["present.start"].trigger()
    control = window.presentation_control
    qtbot.waitUntil(lambda: control.view is not None and control.view.isVisible())
    view = control.view
    for key in PRESENTATION_KEYS[:-1]:
        target = control.presenter if control.presenter is not None and control.presenter.isVisible() else view
        press(qtbot, target, key)
    press(qtbot, control.presenter or view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: control.view is None)
    assert window.isVisible()


def test_quit_saves_and_closes(window, qtbot, answered):
    _ready(window, qtbot)
    window.actions["file.quit"].trigger()
    QApplication.processEvents()
    assert not window.isVisible()
    from desktop.core.files.settings import load_settings

    assert load_settings()["first_start_done"]
