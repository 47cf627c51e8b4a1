"""File → Import Articles copies each file whole into the library, or not at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.files import paths

ARTICLE = """---
id: visit-2019
title: A visit to Minsk
published: 2019-05-02
outlet: Test Wire
---
The delegation met officials in Minsk on Thursday.
"""


def _answer_dialogs(monkeypatch, files, warnings):
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: (files, "")))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text)))


def test_import_copies_the_article_into_the_library(window, tmp_path, monkeypatch):
    source = tmp_path / "visit.md"
    source.write_text(ARTICLE, encoding="utf-8")
    warnings: list[str] = []
    _answer_dialogs(monkeypatch, [str(source)], warnings)

    window.library_control.import_files()

    copied = paths.user_articles_dir() / "visit.md"
    assert copied.read_text(encoding="utf-8") == ARTICLE
    assert warnings == []
    assert not [p for p in copied.parent.iterdir() if p.name.startswith(".")]


def test_a_failed_copy_leaves_no_partial_file(window, tmp_path, monkeypatch):
    source = tmp_path / "visit.md"
    source.write_text(ARTICLE, encoding="utf-8")
    warnings: list[str] = []
    _answer_dialogs(monkeypatch, [str(source)], warnings)

    import shutil

    def broken_copy(src, dst, *a, **k):
        Path(dst).write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", broken_copy)
    window.library_control.import_files()

    folder = paths.user_articles_dir()
    assert not folder.exists() or list(folder.iterdir()) == []
    assert len(warnings) == 1 and "visit.md" in warnings[0]
