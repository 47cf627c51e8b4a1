"""Modal dialogs answered automatically, for tests that trigger everything (issue 12).

File dialogs return a path in a temporary folder to save to (nothing to open), message boxes
and dialogs run modally are cancelled; dialogs opened window-modal are closed by ``close_dialogs``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox


def answer_dialogs(monkeypatch, folder: Path) -> list[str]:
    """Patch the static dialogs; returns the list of titles asked, in order."""
    asked: list[str] = []

    def save(parent=None, caption="", directory="", file_filter="", *args, **kwargs):
        asked.append(caption)
        suffix = Path(str(directory)).suffix or ".out"
        return str(folder / f"saved-{len(asked)}{suffix}"), file_filter

    def open_one(parent=None, caption="", *args, **kwargs):
        asked.append(caption)
        return "", ""

    def open_many(parent=None, caption="", *args, **kwargs):
        asked.append(caption)
        return [], ""

    def box(answer):
        def ask(parent=None, title="", *args, **kwargs):
            asked.append(title)
            return answer

        return staticmethod(ask)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_one))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(open_many))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: ""))
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, box(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", box(QMessageBox.StandardButton.No))
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    return asked


def close_dialogs() -> int:
    """Close every dialog left open (About, the lesson editor, notices); returns how many."""
    closed = 0
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()
            closed += 1
    QApplication.processEvents()
    return closed
