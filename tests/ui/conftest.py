"""Fixtures for GUI tests: the real main window on the bundled corpus, isolated settings."""

from __future__ import annotations

import http.server
import threading

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


@pytest.fixture
def counting_server():
    """A local HTTP server that counts the requests it gets: (its address, the paths asked for)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()
