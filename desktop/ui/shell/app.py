"""Starting the GUI: the QApplication, the theme, the workspace and the main window."""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from desktop import APP_ID, APP_NAME, __version__
from desktop.core.files.lexicons import DataFileError, load_yaml
from desktop.core.files.settings import load_settings
from desktop.core.text.articles import load_default_corpus


def process_age_ms() -> float | None:
    """Milliseconds since this process started (Linux), to time start-up honestly."""
    try:
        import os

        with open("/proc/self/stat", encoding="ascii") as handle:
            start_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000.0
    except (OSError, ValueError, IndexError):
        return None


#: How often a thread holding Python's interpreter lock is asked to let another run (seconds;
#: Python's default is 5 ms). Each call into Qt that lets other threads run costs the UI thread a
#: wait of up to this to get the lock back while a worker thread analyses: 1 ms keeps a turn of the
#: event loop that makes a few dozen such calls from growing by a tenth of a second.
SWITCH_INTERVAL = 0.001


def create_application(argv: list[str] | None = None) -> QApplication:
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    from desktop.ui.shell.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def first_start_panes() -> list[str]:
    from desktop.core.files import paths

    try:
        data = load_yaml(paths.corpus_dir() / "library.yaml") or {}
        panes = (data.get("first_start") or {}).get("panes") or []
        return [str(p) for p in panes]
    except (DataFileError, AttributeError):
        return []


def build_main_window(app: QApplication):
    """The main window on the default corpus with the saved settings, restored."""
    from desktop.ui.shell.mainwindow import MainWindow
    from desktop.ui.shell.theme import ThemeManager
    from desktop.ui.shell.workspace import Workspace

    settings = load_settings()
    themes = ThemeManager(app, settings["theme"])
    from desktop.core.library.analysiscache import AnalysisCache
    from desktop.core.library.pool import AnalysisPool

    workspace = Workspace(load_default_corpus(), cache=AnalysisCache(), pool=AnalysisPool())
    workspace.hold_analysis()  # released by MainWindow.first_view_painted
    window = MainWindow(workspace, settings, themes)
    window.analysis_bar = analysis_progress_bar(window, workspace)
    window.restore(first_start_panes() if not settings["first_start_done"] else [])
    return window


def analysis_progress_bar(window, workspace):
    """A progress bar in the status bar while the library is analysed (a first analysis, a new
    actor), hidden the rest of the time."""
    from PySide6.QtWidgets import QProgressBar

    from desktop.ui.shell.workspace import CHUNK

    bar = QProgressBar()
    bar.setObjectName("analysisProgress")
    bar.setMaximumWidth(220)
    bar.setFormat("Analysing %v of %m")
    bar.hide()
    bar.setMaximumHeight(window.statusBar().fontMetrics().height() + 4)  # never taller than a line of the bar

    def show(done: int, total: int) -> None:
        if total <= CHUNK or done >= total:
            bar.hide()
            return
        if bar.parent() is None:  # put in the status bar only when first needed: it costs the bar no height before
            window.statusBar().addPermanentWidget(bar)
        bar.setMaximum(total)
        bar.setValue(done)
        bar.show()

    workspace.analysis_progress.connect(show)
    return bar


class _FirstPaint(QObject):
    """Calls ``done`` once every watched widget has painted."""

    def __init__(self, widgets, done) -> None:
        super().__init__()
        self._waiting = set(widgets)
        self._done = done
        for widget in self._waiting:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched in self._waiting:
            self._waiting.discard(watched)
            if not self._waiting:
                QTimer.singleShot(0, self._done)
        return False


def run(probe: bool = False) -> int:
    t0 = time.perf_counter()
    app = create_application()
    window = build_main_window(app)
    targets = [pane.browser.viewport() for pane in window.reader.panes] or [window]

    def first_view_painted() -> None:
        if probe:
            age = process_age_ms()
            ready = age if age is not None else (time.perf_counter() - t0) * 1000
            print(json.dumps({"ready_ms": round(ready)}), flush=True)
        window.first_view_painted()
        if probe:
            # Finish the session as a user would (analysis done, settings saved), so the
            # next probe measures a warm start; none of this counts in ready_ms.
            def close_when_idle() -> None:
                if window.workspace.busy():
                    QTimer.singleShot(20, close_when_idle)
                else:
                    window.close()
                    app.quit()

            close_when_idle()

    window._first_paint = _FirstPaint(targets, first_view_painted)  # lives as long as the window
    from desktop.ui.shell.sessionend import SessionEnd

    session_end = SessionEnd(app, window)  # SIGTERM and the session manager save, as Ctrl+Q does
    window.show()
    code = app.exec()
    session_end.uninstall()
    return end_session(window, code)


#: How long the end of the app waits for background tasks still running (milliseconds).
EXIT_WAIT_MS = 3000


def end_session(window, code: int) -> int:
    """After the event loop (the settings are saved by then): stop the background work and return
    ``code``, or, if a task still runs after :data:`EXIT_WAIT_MS`, end the process at once.

    A worker thread still running while Python and Qt tear down (a task in the middle of an
    analysis, a document or a database write) can crash the process (a start-up probe once ended
    in SIGSEGV that way), and waiting for it could take as long as the task. Nothing needs it: every
    file is written atomically and the databases commit whole transactions, so ending now is as
    safe as a kill -9 (``tests/test_kill9.py``); the worker processes are ended first, the log
    flushed, and the process leaves with ``os._exit``, running no more code in any thread."""
    from desktop.ui.shell.tasks import finish_all

    if finish_all(EXIT_WAIT_MS):
        window.workspace.shutdown()  # nothing runs: its wait returns at once
        return code
    _exit_now(code)
    return code  # (not reached)


def _exit_now(code: int) -> None:
    import logging
    import multiprocessing
    import os

    from desktop.core.files.logs import log

    log().warning("a background task was still running %d ms after the window closed: ending now", EXIT_WAIT_MS)
    for child in multiprocessing.active_children():  # the analysis processes
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(1.0)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
