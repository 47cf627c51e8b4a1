"""The PDF export dialog as a user meets it: paper and episodes as controls, then a plain save
dialog (issue 12)."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog

from desktop.core.compare.handout import subject_choices
from desktop.ui.compare.exportdialog import PDF_FILTER, ExportDialog

from .test_episodes_and_comparison import ready


def answer_export(monkeypatch, qtbot, user) -> list[ExportDialog]:
    """``ExportDialog.exec`` shows the dialog and lets ``user(dialog)`` click; returns the dialogs."""
    seen: list[ExportDialog] = []

    def run(dialog: ExportDialog) -> int:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        user(dialog)
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", run)
    return seen


def save_to(monkeypatch, path) -> list[tuple]:
    """The save dialog answers ``path``; returns what it was asked (caption, directory, filter)."""
    asked: list[tuple] = []

    def save(parent=None, caption="", directory="", file_filter="", *args, **kwargs):
        asked.append((caption, directory, file_filter, args, kwargs))
        return str(path), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    return asked


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_choose_letter_and_export_the_listed_episodes(window, qtbot, monkeypatch, tmp_path):
    ready(window, qtbot)
    control = window.comparison_control
    control.compare()
    qtbot.waitUntil(lambda: bool(window.comparison.ids()), timeout=30000)
    labels = dict(subject_choices(window.workspace.episodes))
    expected = [labels.get(i, i) for i in window.comparison.ids()]

    def user(dialog):
        listed = [dialog.episodes.item(row).text() for row in range(dialog.episodes.count())]
        assert listed == expected  # the episodes being exported, as a list
        assert [dialog.paper.itemText(i) for i in range(dialog.paper.count())] == ["A4", "US Letter"]
        assert dialog.paper.currentText() == "A4"  # the setting's default
        dialog.paper.setFocus()
        qtbot.keyClick(dialog.paper, Qt.Key.Key_Down)  # the user picks US Letter
        assert dialog.paper.currentText() == "US Letter"
        click(qtbot, dialog.export_button)

    dialogs = answer_export(monkeypatch, qtbot, user)
    asked = save_to(monkeypatch, tmp_path / "handout")  # typed without the suffix
    window.actions["file.export"].trigger()
    assert len(dialogs) == 1
    assert len(asked) == 1
    caption, directory, file_filter, args, kwargs = asked[0]
    assert caption == "Export Comparison to PDF"
    assert file_filter == PDF_FILTER  # "Files of type" is only about the file: no paper in it
    assert "A4" not in file_filter and "Letter" not in file_filter
    assert not args and not kwargs  # no preselected paper "filter"
    assert directory.endswith("overtures-comparison.pdf")
    target = tmp_path / "handout.pdf"
    assert target.exists()
    page = PdfReader(str(target)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (792, 612)  # Letter
    assert window.settings["paper"] == "letter"
    assert window.statusBar().currentMessage().startswith(f"Comparison exported to {target}")


def test_the_paper_chosen_last_is_offered_next_time(window, qtbot, monkeypatch, tmp_path):
    ready(window, qtbot)
    window.settings["paper"] = "letter"
    papers = []

    def user(dialog):
        papers.append(dialog.paper.currentText())
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))

    answer_export(monkeypatch, qtbot, user)
    asked = save_to(monkeypatch, tmp_path / "never.pdf")
    window.actions["file.export"].trigger()
    assert papers == ["US Letter"]
    assert asked == []  # cancelled in the first dialog: no save dialog
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written"
    assert not (tmp_path / "never.pdf").exists()
    assert window.settings["paper"] == "letter"


def test_escape_cancels_the_export_dialog(window, qtbot, monkeypatch, tmp_path):
    ready(window, qtbot)

    def user(dialog):
        qtbot.keyClick(dialog.paper, Qt.Key.Key_Escape)
        assert dialog.result() == QDialog.DialogCode.Rejected.value

    answer_export(monkeypatch, qtbot, user)
    asked = save_to(monkeypatch, tmp_path / "never.pdf")
    window.actions["file.export"].trigger()
    assert asked == []
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written"


def test_a_cancelled_save_dialog_writes_nothing(window, qtbot, monkeypatch, tmp_path):
    ready(window, qtbot)
    answer_export(monkeypatch, qtbot, lambda dialog: click(qtbot, dialog.export_button))
    asked = save_to(monkeypatch, "")
    window.actions["file.export"].trigger()
    assert len(asked) == 1
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written"
    assert not list(tmp_path.rglob("*.pdf"))


def test_choose_the_one_page_summary_alone(window, qtbot, monkeypatch, tmp_path):
    """The summary is a real control of the dialog: "Only the one-page summary" writes one page."""
    ready(window, qtbot)
    window.comparison_control.compare()
    qtbot.waitUntil(lambda: bool(window.comparison.ids()), timeout=30000)

    def user(dialog):
        assert dialog.summary.currentText() == "None"  # the full handout, as before
        labels = [dialog.summary.itemText(i) for i in range(dialog.summary.count())]
        assert labels == ["None", "One page first, then the full comparison", "Only the one-page summary"]
        dialog.summary.setFocus()
        qtbot.keyClick(dialog.summary, Qt.Key.Key_End)  # the user picks the last choice
        assert dialog.chosen_summary() == "only"
        assert not dialog.notes.isEnabled()  # notes belong to the full handout
        click(qtbot, dialog.export_button)

    answer_export(monkeypatch, qtbot, user)
    asked = save_to(monkeypatch, tmp_path / "brief.pdf")
    window.actions["file.export"].trigger()
    assert asked[0][1].endswith("overtures-summary.pdf")
    reader = PdfReader(str(tmp_path / "brief.pdf"))
    assert len(reader.pages) == 1
    text = "".join(reader.pages[0].extract_text().split())
    assert "Thefacetsataglance" in text and "Inbrief" in text
    assert window.statusBar().currentMessage().startswith("Comparison exported to")
