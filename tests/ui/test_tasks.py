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


def test_finish_all_drops_what_has_not_started_and_waits_for_what_runs(qtbot):
    from desktop.ui.shell.tasks import finish_all

    runner = TaskRunner()
    gate, ran = threading.Event(), []
    runner.run(lambda: gate.wait(10), lambda _r: None)
    runner.run(lambda: ran.append("queued"), lambda _r: None)  # one thread: waits behind the first
    assert not finish_all(100)  # the first still runs
    gate.set()
    assert finish_all(5000)
    assert ran == []  # the queued one was dropped, never run


ENDING = """
import sys, time
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication
from desktop.ui.shell import app as shell
from desktop.ui.shell.tasks import TaskRunner
shell.EXIT_WAIT_MS = 300

class Workspace:
    def shutdown(self):
        raise SystemExit("shutdown must not run while a task runs")

class Window:
    workspace = Workspace()

def busy():  # a task that keeps using Qt: it would still run while Qt is torn down
    end = time.monotonic() + 60
    while time.monotonic() < end:
        QTextDocument().setHtml("<p>busy</p>")

qapp = QApplication([])
runner = TaskRunner()
runner.run(busy, lambda _r: None)
time.sleep(0.2)
print("ending", flush=True)
sys.exit(shell.end_session(Window(), 7))
"""


def test_the_end_of_the_app_does_not_wait_for_a_task_that_still_runs(tmp_path):
    """The window closed and a task still runs: after the short wait the process ends with its
    exit code, at once and cleanly (not after the task, not in a crash of the teardown)."""
    import os
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OVERTURES_BASEDIR=str(tmp_path))
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", ENDING], cwd=root, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 7, done.stderr[-2000:]
    assert "ending" in done.stdout and time.monotonic() - start < 20
