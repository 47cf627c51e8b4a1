"""The end of the desktop session: save the user's work when the system ends the app.

Logout and shutdown end the app with SIGTERM, or first ask it to commit its data through
the session manager (``QGuiApplication.commitDataRequest``). Ctrl+Q saves the settings by
closing the window; these do the same. A Python signal handler cannot run while Qt's event
loop waits in C, so the signal also writes to a socket (``signal.set_wakeup_fd``) that a
``QSocketNotifier`` watches: the loop wakes, the handler runs, and the window is closed
normally (which saves), then the application quits with exit code 0.
"""

from __future__ import annotations

import signal
import socket

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

#: Signals that mean "the session is ending, save and quit".
ENDING_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM",) if hasattr(signal, name))


class SessionEnd(QObject):
    """Saves and closes ``window`` on SIGTERM; saves it on the session manager's commit request."""

    def __init__(self, app: QApplication, window: QMainWindow) -> None:
        super().__init__(app)
        self._app = app
        self._window = window
        self._ending = False
        app.commitDataRequest.connect(self._commit_data)
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {number: signal.signal(number, self._on_signal) for number in ENDING_SIGNALS}

    def _on_signal(self, number: int, frame) -> None:
        QTimer.singleShot(0, self.end)

    def _drain(self) -> None:
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass  # nothing more to read; the Python handler has run by now

    def _commit_data(self, _manager) -> None:
        self._window.save()

    def end(self) -> None:
        """Close the window as Ctrl+Q does (it saves), then leave the event loop."""
        if self._ending:
            return
        self._ending = True
        self._window.close()
        self._app.quit()

    def uninstall(self) -> None:
        """Give the signals back (the event loop has ended)."""
        for number, previous in self._previous.items():
            signal.signal(number, previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()
