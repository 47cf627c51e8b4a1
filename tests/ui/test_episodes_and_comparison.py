"""Episodes sidebar, timeline and comparison, driven as a user would."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox

from desktop.ui.compare.exportdialog import ExportDialog

from .conftest import press


def ready(window, qtbot):
    qtbot.waitUntil(
        lambda: window.workspace.episodes is not None and window.episodes.model.rowCount() > 0, timeout=30000
    )
    return window


def row_of(window, title_part):
    sidebar = window.episodes
    proxy = sidebar.proxy
    for y in range(proxy.rowCount()):
        year = proxy.index(y, 0)
        for r in range(proxy.rowCount(year)):
            index = proxy.index(r, 0, year)
            if title_part in proxy.data(index):
                return index
    raise AssertionError(f"no episode titled like {title_part!r}: {sidebar.visible_titles()}")


def marked_at(pane, words: str) -> bool:
    """Whether ``words`` wear the evidence mark (lines above and below: a cue no side uses)."""
    cursor = pane.browser.document().find(words)
    assert not cursor.isNull(), words
    return cursor.charFormat().fontOverline()


def test_sidebar_lists_episodes_by_year(window, qtbot):
    ready(window, qtbot)
    model = window.episodes.model
    years = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert [y.split()[0] for y in years] == ["2012", "2013", "2018", "2022", "2024"]
    assert "Mitchell visits Minsk; meets Lukashenko and Makei" in window.episodes.visible_titles()
    assert window.episodes.notice.isHidden()  # every named episode matched something


def test_selecting_an_episode_opens_its_sources_and_marks_the_evidence(window, qtbot):
    ready(window, qtbot)
    window.episodes_dock.show()
    window.episodes_dock.raise_()
    qtbot.waitUntil(lambda: window.episodes.tree.isVisible() and window.episodes.tree.viewport().height() > 100)
    index = row_of(window, "Makei writes to European leaders")
    window.episodes.tree.scrollTo(index)
    rect = window.episodes.tree.visualRect(index)
    qtbot.mouseClick(window.episodes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    # the source was already open (first start): no pane closes, its pane becomes the current one
    assert [p.title.text() for p in window.reader.panes] == [
        "Minsk seeks to become a reliable partner for the United States",
        "Minsk tries to return to “security arbitrage”",
    ]
    pane = window.reader.current_pane()
    assert pane is window.reader.panes[1]
    assert marked_at(pane, "saw the publication of")
    assert not marked_at(pane, "Thus, Minsk once again")  # only the evidence is marked
    assert "1 evidence sentence" in window.statusBar().currentMessage()
    # the next selection replaces the marks
    index = row_of(window, "Lukashenko meets Putin")
    window.episodes.tree.scrollTo(index)
    qtbot.mouseClick(
        window.episodes.tree.viewport(),
        Qt.MouseButton.LeftButton,
        pos=window.episodes.tree.visualRect(index).center(),
    )
    assert not marked_at(pane, "saw the publication of")


def test_keyboard_navigation_and_filters(window, qtbot):
    ready(window, qtbot)
    sidebar = window.episodes
    sidebar.year.setCurrentIndex(sidebar.year.findData(2024))
    assert sidebar.visible_titles() == [
        "Ryzhankou at the UN General Assembly in New York",
        "International conference on combating illegal migration in Minsk; Ryzhankou sends invitations",
    ]
    sidebar.year.setCurrentIndex(0)
    qtbot.keyClicks(sidebar.search, "letter")
    assert sidebar.visible_titles() == ["Makei writes to European leaders"]
    sidebar.search.clear()
    sidebar.tree.setFocus()
    sidebar.tree.setCurrentIndex(row_of(window, "Lukashenko meets Vakulchik"))
    press(qtbot, sidebar.tree, Qt.Key.Key_Down)
    assert sidebar.current_id().startswith("2013-03-15")
    assert window.reader.current_pane().title.text().startswith("Lukashenko aspires")  # in a third pane
    assert len(window.reader.panes) == 3


def test_timeline_click_selects_in_the_sidebar_and_the_reader(window, qtbot):
    ready(window, qtbot)
    timeline = window.timeline
    qtbot.waitUntil(
        lambda: (
            timeline.timeline_layout() is not None
            and timeline.item_rect(window.episodes.model.episodes()[5].id).isValid()
        )
    )
    episode = next(e for e in window.episodes.model.episodes() if e.named == "mitchell-visit-2018")
    rect = timeline.item_rect(episode.id)
    with qtbot.waitSignal(timeline.episode_clicked):
        qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.episodes.current_id() == episode.id
    assert window.reader.panes[0].title.text().startswith("Minsk seeks to become")
    assert "Mitchell" in timeline.tooltip_at(rect.center())


def test_comparison_opens_on_the_named_trio_and_steps_through_differences(window, qtbot):
    ready(window, qtbot)
    window.actions["episodes.compare"].trigger()
    view = window.comparison
    assert window.tabs.currentWidget() is view
    assert view.ids() == ["mitchell-visit-2018", "makei-letter-2022", "ryzhankou-push-2024"]
    qtbot.waitUntil(lambda: not view.building())  # built on a worker thread
    text = view.browser.toPlainText()
    for label in (
        "Minsk's messenger(s)",
        "Western counterpart(s)",
        "What Minsk offered",
        "What Minsk asked for",
        "Moscow's position",
        "The West's response",
        "How the sources assess it",
    ):
        assert label in text
    assert "Not stated in the sources" in text
    press(qtbot, view.browser, Qt.Key.Key_F8)
    assert view.position.text().startswith("Difference 1 of ")
    press(qtbot, view.browser, Qt.Key.Key_F8)
    assert view.position.text().startswith("Difference 2 of ")
    press(qtbot, view.browser, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert view.position.text().startswith("Difference 1 of ")
    # a picker changes the comparison
    view.pickers[2].setCurrentIndex(view.pickers[2].findData("alibi-2013"))
    view.pickers[2].activated.emit(view.pickers[2].currentIndex())
    assert view.ids()[2] == "alibi-2013"


def test_compare_the_episodes_selected_in_the_sidebar(window, qtbot):
    ready(window, qtbot)
    tree = window.episodes.tree
    selection = tree.selectionModel()
    for title in ("Lukashenko meets Vakulchik", "Lukashenko meets Putin"):
        selection.select(row_of(window, title), selection.SelectionFlag.Select)
    window.actions["episodes.compare"].trigger()
    qtbot.waitUntil(lambda: not window.comparison.building())  # built on a worker thread
    assert [s.label for s in window.comparison.comparison.subjects] == [
        "Lukashenko meets Vakulchik",
        "Lukashenko meets Putin",
    ]


def test_export_comparison_to_pdf_and_read_it_back(window, qtbot, tmp_path):
    ready(window, qtbot)
    window.comparison_control.compare()
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "handout.pdf"
    assert window.comparison_control.export(str(path), "letter") == str(path)
    reader = PdfReader(str(path))
    assert len(reader.pages) >= 5
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (792, 612)  # US Letter, landscape
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for words in (
        "Minsk's messenger(s)",
        "Western counterpart(s)",
        "Mitchell",
        "Makei",
        "Ryzhankou",
        "Sources",
        "Belarus in focus",
        "Page 1 of",
    ):
        assert words in text
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["handout.pdf"]  # no temporary file left


def test_cancelled_and_failed_exports_leave_nothing(window, qtbot, tmp_path, monkeypatch):
    ready(window, qtbot)
    monkeypatch.setattr(ExportDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)  # paper: as it is
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    window.actions["file.export"].trigger()
    assert window.statusBar().currentMessage() == "Export cancelled; nothing was written"
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    target = tmp_path / "missing" / "handout.pdf"
    assert window.comparison_control.export(str(target), "a4") == ""
    assert "does not exist" in warnings[0] and "Nothing was written" in warnings[0]
    assert not (tmp_path / "missing").exists()
    QApplication.processEvents()


def test_models_pass_the_model_tester(window, qtbot, qtmodeltester):
    ready(window, qtbot)
    qtmodeltester.check(window.library_model)
    qtmodeltester.check(window.episodes.model)
    qtmodeltester.check(window.episodes.proxy)
    qtmodeltester.check(window.legend.sides)
    qtmodeltester.check(window.legend.actors)
