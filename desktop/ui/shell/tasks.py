"""Running slow work off the UI thread and getting the result back on it."""

from __future__ import annotations

import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.core.files.logs import log

#: A child of the app's logger, so a task's traceback lands in the app's log file.
_log = log().getChild(__name__)


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the UI, never lost
            _log.exception("a background task failed")
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            self._deliver(self._relay.failed, detail)
        else:
            self._deliver(self._relay.done, result)

    @staticmethod
    def _deliver(signal, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the relay went with its runner (the window closed): nobody to tell
            _log.debug("a background result arrived after its receiver was gone")


#: Every runner alive, for :func:`finish_all` (the app's end).
_RUNNERS: weakref.WeakSet[TaskRunner] = weakref.WeakSet()


class TaskRunner(QObject):
    """Runs callables in a thread pool; results arrive through the callbacks, on the UI thread."""

    def __init__(self, parent: QObject | None = None, max_threads: int = 1) -> None:
        super().__init__(parent)
        _RUNNERS.add(self)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relays: set[_Relay] = set()

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finished(result: Any) -> None:
            if not shiboken6.isValid(self):
                return  # the runner (and the widget that owns it) is gone: nobody to tell
            self._relays.discard(relay)
            on_done(result)

        def failed(message: str) -> None:
            if not shiboken6.isValid(self):
                return
            self._relays.discard(relay)
            if on_error is not None:
                on_error(message)

        relay.done.connect(finished)
        relay.failed.connect(failed)
        self._pool.start(_Task(fn, relay))

    def busy(self) -> bool:
        return bool(self._relays)

    def clear(self) -> None:
        """Drop the tasks not started yet (the window is closing); those running finish."""
        self._pool.clear()

    def wait(self, msecs: int = 30000) -> bool:
        return self._pool.waitForDone(msecs)


def finish_all(msecs: int) -> bool:
    """The app is ending: every runner's tasks not started yet are dropped, and the running ones
    waited for, ``msecs`` in all. True if none is running now (the app may tear Qt down); False if
    one still runs (see :func:`desktop.ui.shell.app.end_session`)."""
    runners = [r for r in list(_RUNNERS) if shiboken6.isValid(r)]
    for runner in runners:
        runner.clear()
    deadline = time.monotonic() + msecs / 1000
    for runner in runners:
        left = max(0, round((deadline - time.monotonic()) * 1000))
        if shiboken6.isValid(runner) and not runner.wait(left):
            return False
    return True
