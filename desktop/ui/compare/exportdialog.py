"""Asking where to save an export, remembering the folder the user chose last."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from desktop.core.files.settings import Settings


def ask_save_path(
    parent: QWidget, title: str, default_name: str, file_filter: str, settings: Settings | None = None
) -> str:
    """The chosen path (with the right suffix), or "" if the dialog was cancelled."""
    folder = Path(settings["last_export_dir"]) if settings is not None and settings["last_export_dir"] else Path.home()
    if not folder.is_dir():
        folder = Path.home()
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(folder / default_name), file_filter)
    if not path:
        return ""
    suffix = Path(default_name).suffix
    if suffix and not path.lower().endswith(suffix):
        path += suffix
    if settings is not None:
        settings["last_export_dir"] = str(Path(path).parent)
    return path
