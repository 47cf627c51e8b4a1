"""The comparison is built, and its PDF exported, without blocking the window (issue 15)."""

from __future__ import annotations

import logging
import threading

from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.ui.compare import view as view_module
from desktop.ui.compare.view import BUILDING
from desktop.ui.shell.tasks import TaskRunner

from .test_episodes_and_comparison import ready

TRIO = ["mitchell-visit-2018", "makei-letter-2022", "ryzhankou-push-2024"]


def held_build(monkeypatch):
    """Make the worker's build wait for the test's go; return the event that lets it go on."""
    go = threading.Event()
    real = view_module.build_comparison

    def slow(*args, **kwargs):
        go.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(view_module, "build_comparison", slow)
    return go


def test_the_view_shows_a_placeholder_then_the_table(window, qtbot, monkeypatch):
    ready(window, qtbot)
    view = window.comparison
    qtbot.waitUntil(lambda: not view.building())
    go = held_build(monkeypatch)
    window.actions["episodes.compare"].trigger()
    assert window.tabs.currentWidget() is view
    assert view.building()
    assert BUILDING in view.browser.toPlainText()  # the UI thread returned while the worker waits
    assert window.statusBar().currentMessage() == BUILDING
    go.set()
    qtbot.waitUntil(lambda: not view.building(), timeout=10000)
    text = view.browser.toPlainText()
    assert BUILDING not in text and "Minsk's messenger(s)" in text
    assert view.ids() == TRIO and len(view.comparison.subjects) == 3
    assert window.statusBar().currentMessage() != BUILDING


def test_a_newer_request_supersedes_an_older_one(window, qtbot, monkeypatch):
    ready(window, qtbot)
    view = window.comparison
    qtbot.waitUntil(lambda: not view.building())
    go = held_build(monkeypatch)
    shown = []
    view.browser.textChanged.connect(lambda: shown.append(view.browser.toPlainText()))
    view.show_ids(TRIO)
    view.show_ids(["mitchell-visit-2018", "alibi-2013"])
    assert view.ids() == ["mitchell-visit-2018", "alibi-2013"]
    go.set()
    qtbot.waitUntil(lambda: not view.building(), timeout=10000)
    window.comparison._runner.wait(10000)  # the first (stale) result has arrived too
    qtbot.wait(50)
    assert view.ids() == ["mitchell-visit-2018", "alibi-2013"]
    assert len(view.comparison.subjects) == 2
    tables = [t for t in shown if BUILDING not in t and t.strip()]
    assert len(tables) == 1  # the stale trio was never shown


def test_export_writes_a_pdf_through_the_progress_dialog(window, qtbot, tmp_path):
    ready(window, qtbot)
    control = window.comparison_control
    steps = []

    def watch():
        control.job.progressed.connect(lambda done, of, text: steps.append((done, of, text)))

    # the job is made inside export(); catch it as soon as the dialog exists
    original = control._progress_dialog

    def dialog():
        made = original()
        watch()
        assert made.isModal() or made.windowModality()
        return made

    control._progress_dialog = dialog
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "handout.pdf"
    assert control.export(str(path), "a4") == str(path)
    assert path.read_bytes().startswith(b"%PDF")
    pages = [s for s in steps if s[2].startswith("Page ")]
    assert pages and pages[-1][2] == f"Page {pages[-1][1]} of {pages[-1][1]}"
    assert [p.name for p in path.parent.iterdir()] == ["handout.pdf"]
    assert window.statusBar().currentMessage().startswith(f"Comparison exported to {path}")
    assert control.progress is None


def test_cancelling_mid_export_leaves_no_file(window, qtbot, tmp_path):
    ready(window, qtbot)
    control = window.comparison_control
    original = control._progress_dialog
    during = []

    def dialog():
        made = original()

        def progressed(done, of, text):
            if done == 2:
                during.extend(p.name for p in folder.iterdir())
                made.findChild(QPushButton).click()  # the Cancel button

        control.job.progressed.connect(progressed)
        return made

    control._progress_dialog = dialog
    folder = tmp_path / "out"
    folder.mkdir()
    assert control.export(str(folder / "handout.pdf"), "a4") == ""
    assert len(during) == 1 and during[0].endswith(".part")  # it was cancelled mid-way
    assert list(folder.iterdir()) == []  # neither the file nor its temporary file
    assert window.statusBar().currentMessage().startswith("Export cancelled")


def test_an_unwritable_export_says_why(window, qtbot, tmp_path, monkeypatch):
    ready(window, qtbot)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    target = tmp_path / "missing" / "handout.pdf"
    assert window.comparison_control.export(str(target), "a4") == ""
    assert "does not exist" in warnings[0] and "Nothing was written" in warnings[0]


def test_a_failing_task_is_logged(qtbot, caplog):
    runner = TaskRunner()
    errors = []

    def boom():
        raise RuntimeError("kaput")

    with caplog.at_level(logging.ERROR):
        runner.run(boom, lambda _r: None, errors.append)
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert errors == ["RuntimeError: kaput"]
    records = [r for r in caplog.records if r.exc_info]
    assert records and records[0].exc_info[0] is RuntimeError
    assert "kaput" in caplog.text and "Traceback" in caplog.text
