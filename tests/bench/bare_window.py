"""The reference for the start-up benchmark: a bare PySide6 window with a QTextBrowser.

Prints {"ready_ms": N}, measured exactly as ``python -m desktop --startup-probe`` does it
(milliseconds from process start to the first paint of the text view).
"""

import json
import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser


def process_age_ms() -> float:
    with open("/proc/self/stat", encoding="ascii") as handle:
        start_ticks = int(handle.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime", encoding="ascii") as handle:
        uptime = float(handle.read().split()[0])
    return (uptime - start_ticks / os.sysconf("SC_CLK_TCK")) * 1000.0


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False


def report():
    print(json.dumps({"ready_ms": round(process_age_ms())}), flush=True)
    app.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
browser = QTextBrowser()
browser.setHtml("<p>Hello</p>")
window.setCentralWidget(browser)
watcher = FirstPaint()
browser.viewport().installEventFilter(watcher)
window.show()
sys.exit(app.exec())
