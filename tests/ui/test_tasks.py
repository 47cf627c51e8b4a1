"""The task runner: a result that arrives after its owner is gone is dropped, never delivered."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop.ui.shell.tasks import TaskRunner


def test_a_result_for_a_deleted_owner_is_dropped(qtbot):
    owner = QWidget()
    runner = TaskRunner(owner)
    delivered = []
    runner.run(lambda: "done", delivered.append, delivered.append)
    assert runner.wait(5000)  # the result is queued for the UI thread, not yet delivered
    shiboken6.delete(owner)  # the owner goes first, as when a window closes
    assert not shiboken6.isValid(runner)
    qtbot.wait(100)  # the queued result would arrive now
    assert delivered == []


def test_results_arrive_on_the_ui_thread(qtbot):
    runner = TaskRunner()
    seen = []
    runner.run(lambda: threading.get_ident(), lambda ident: seen.append((ident, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(seen))
    worker, receiver = seen[0]
    assert receiver == threading.main_thread().ident and worker != receiver
