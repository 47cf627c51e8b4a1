"""File → Export Annotations… and File → Import Annotations… (issue 13), clicked as a user would."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.core.annotations.store import load_annotations, store_file

from .test_annotations import analysed
from .test_corrections_everywhere import legend_count
from .test_episodes_and_comparison import ready

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "annotations.jsonld"


def answer_open(monkeypatch, path: Path) -> list[str]:
    asked: list[str] = []

    def ask(parent=None, caption="", *args, **kwargs):
        asked.append(caption)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(ask))
    return asked


def answer_save(monkeypatch, path: Path) -> list[str]:
    asked: list[str] = []

    def ask(parent=None, caption="", directory="", *args, **kwargs):
        asked.append(f"{caption} {directory}")
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return asked


def click_file_menu(window, qtbot, text: str) -> None:
    """Open the File menu and click the entry ``text`` (as the user does)."""
    bar = window.menuBar()
    file_menu = next(a.menu() for a in bar.actions() if a.text() == "&File")
    action = next(a for a in file_menu.actions() if a.text().replace("&", "") == text)
    assert action.isEnabled() and action.isVisible()
    action.trigger()
    QApplication.processEvents()


def report(window) -> str:
    """What the report box says: its title, its text, its lists."""
    box = window.reader_control.corrections.io.report_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    return "\n".join((box.windowTitle(), box.text(), box.informativeText()))


def close_report(window) -> None:
    window.reader_control.corrections.io.report_box.accept()
    QApplication.processEvents()


def format_at(pane, words: str, inside: str) -> QTextCharFormat:
    """The format of ``inside``, where it occurs within the first ``words`` of the pane."""
    document = pane.browser.document()
    found = document.find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(document)
    cursor.setPosition(found.selectionStart() + words.index(inside) + 1)
    return cursor.charFormat()


def test_import_marks_everything_at_once_twice_adds_nothing_undo_and_export(window, qtbot, monkeypatch, tmp_path):
    ready(analysed(window, qtbot), qtbot)
    ministry = legend_count(window, "Belarusian Foreign Ministry")
    while len(window.reader.panes) > 1:  # the note's article stays, the corrected ones beside it
        window.reader.close_pane(window.reader.panes[-1])
    assert window.reader.article_ids() == ["reliable-partner-2018"]
    power = window.reader_control.open("power-play-2024")
    unga = window.reader_control.open("makei-unga-2022")
    for pane, words in ((power, "Official Minsk"), (unga, "in recent months")):
        qtbot.waitUntil(lambda p=pane, w=words: not p.browser.document().find(w).isNull(), timeout=30000)
    assert "corrected by you" not in format_at(power, "Official Minsk", "Minsk").toolTip()

    asked = answer_open(monkeypatch, EXAMPLE)
    click_file_menu(window, qtbot, "Import Annotations…")
    assert asked == ["Import Annotations"]
    said = report(window)
    assert "Annotations Imported" in said and "Imported 3 of 3 annotations from annotations.jsonld." in said
    assert "Edit → Undo takes the import back." in said
    close_report(window)
    assert len(load_annotations()[0]) == 3
    # at once: the marks, the legend's counts, the note and its panel
    minsk = format_at(power, "Official Minsk", "Minsk")
    assert "corrected by you" in minsk.toolTip() and "Belarusian Foreign Ministry" in minsk.toolTip()
    months = format_at(unga, "in recent months", "recent")
    assert "corrected by you" in months.toolTip()
    assert legend_count(window, "Belarusian Foreign Ministry") == ministry + 1
    first = window.reader.pane_for("reliable-partner-2018")
    held = format_at(first, "was held in Minsk", "held")
    assert held.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine and "A question for class" in held.toolTip()
    QApplication.processEvents()
    assert any("A question for class" in row for row in window.notes.rows())

    stored = store_file().read_bytes()
    click_file_menu(window, qtbot, "Import Annotations…")  # importing twice adds nothing
    said = report(window)
    assert "Nothing new was imported from annotations.jsonld" in said and "3 were already there" in said
    close_report(window)
    assert store_file().read_bytes() == stored

    window.actions["edit.undo"].trigger()  # the import is one step
    QApplication.processEvents()
    assert load_annotations()[0] == []
    assert "corrected by you" not in format_at(power, "Official Minsk", "Minsk").toolTip()
    assert legend_count(window, "Belarusian Foreign Ministry") == ministry
    window.actions["edit.redo"].trigger()
    QApplication.processEvents()
    assert "corrected by you" in format_at(power, "Official Minsk", "Minsk").toolTip()

    target = tmp_path / "shared" / "class.jsonld"
    target.parent.mkdir()
    saved = answer_save(monkeypatch, target)
    click_file_menu(window, qtbot, "Export Annotations…")
    assert saved and saved[0].startswith("Export Annotations")
    assert json.loads(target.read_text(encoding="utf-8")) == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert "Exported 2 corrections and 1 note" in window.statusBar().currentMessage()
    assert not [p for p in target.parent.iterdir() if p != target]  # written atomically: no temporary left


def test_a_partly_bad_file_imports_its_valid_part_and_lists_the_rest(window, qtbot, monkeypatch, tmp_path):
    ready(analysed(window, qtbot), qtbot)
    good = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    unknown = json.loads(json.dumps(good[0]))
    unknown["id"] = "urn:uuid:unknown-article"
    unknown["target"]["source"] = "urn:x-overtures:article:no-such-article"
    moved = json.loads(json.dumps(good[1]))
    moved["id"] = "urn:uuid:words-gone"
    moved["target"]["selector"][0].update(exact="words that are nowhere in the article", prefix="x", suffix="y")
    path = tmp_path / "mixed.jsonld"
    path.write_text(json.dumps([good[0], {"type": "Annotation"}, unknown, moved]), encoding="utf-8")
    answer_open(monkeypatch, path)
    click_file_menu(window, qtbot, "Import Annotations…")
    said = report(window)
    assert "Imported 2 of 4 annotations from mixed.jsonld." in said
    assert "for articles your library does not have:\n• A correction on the article “no-such-article”" in said
    assert "orphaned" in said and "“words that are nowhere in the article” in “" in said
    assert "malformed:\n• annotation 2: @context should include http://www.w3.org/ns/anno.jsonld" in said
    box = window.reader_control.corrections.io.report_box
    assert box.icon() == QMessageBox.Icon.Warning and "no such article: unknown-article" in box.detailedText()
    close_report(window)
    assert sorted(a.id for a in load_annotations()[0]) == sorted(
        [good[0]["id"].removeprefix("urn:uuid:"), "words-gone"]
    )
    # the Corrections panel lists it too (once the article's analysis has it)
    qtbot.waitUntil(lambda: "orphaned" in [row[2] for row in window.corrections.rows()], timeout=30000)


def test_a_file_that_is_not_json_is_refused_and_nothing_changes(window, qtbot, monkeypatch, tmp_path):
    analysed(window, qtbot)
    path = tmp_path / "broken.jsonld"
    path.write_text("[{", encoding="utf-8")
    answer_open(monkeypatch, path)
    click_file_menu(window, qtbot, "Import Annotations…")
    said = report(window)
    assert "could not be imported" in said and "is not JSON" in said and "Nothing was imported." in said
    close_report(window)
    assert not store_file().exists()
    assert not window.actions["edit.undo"].isEnabled()


def test_export_with_nothing_to_export_says_so(window, qtbot, monkeypatch, tmp_path):
    analysed(window, qtbot)
    saved = answer_save(monkeypatch, tmp_path / "x.jsonld")
    click_file_menu(window, qtbot, "Export Annotations…")
    assert saved == [] and not (tmp_path / "x.jsonld").exists()
    assert "no corrections or notes" in window.statusBar().currentMessage()
    assert window.actions["file.import_annotations"].shortcutContext() == Qt.ShortcutContext.WindowShortcut
