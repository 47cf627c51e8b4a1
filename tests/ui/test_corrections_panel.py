"""The Corrections panel (issue 13): every correction and episode edit with its state; Revert
(undoable) and Open Its Place; a store that cannot be read is named, kept aside, and replaced."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.annotations.store import load_annotations, save_annotations, store_file

from .test_annotations import analysed
from .test_corrections_ui import answer_actor, choose, right_click
from .test_episode_edits_ui import by_title, episodes, popped  # noqa: F401 (a fixture)
from .test_episodes_and_comparison import ready


def test_the_panel_lists_reverts_and_opens(window, qtbot, popped, monkeypatch):  # noqa: F811
    ready(analysed(window, qtbot), qtbot)
    panel = window.corrections
    assert panel.rows() == [] and "No corrections yet" in panel.status.text()
    window.actions["view.corrections"].trigger()
    window.actions["view.corrections"].trigger()
    assert window.corrections_dock.isVisible()

    answer_actor(monkeypatch, "Makei")
    choose(right_click(window.reader.panes[0], "Wess Mitchell", popped), "This Is …")
    first = episodes(window)[0]
    window.episode_edits.rename(first.id, "Renamed for the panel")
    rows = panel.rows()
    assert [r[2] for r in rows] == ["applied", "applied"]
    assert (
        "is Vladimir Makei" in rows[0][1]
        and rows[0][0] == window.workspace.article(window.reader.panes[0].article_id).title
    )
    assert rows[1] == ("Renamed for the panel", "Episode renamed “Renamed for the panel”", "applied")

    # an edit whose episode is gone is listed as orphaned, never dropped
    ghost = dataclasses.replace(load_annotations()[0][1], id="ghost", episode="no-such-episode", quote=None)
    window.reader_control.corrections.store([*load_annotations()[0], ghost])
    QApplication.processEvents()
    assert [r[2] for r in panel.rows()] == ["applied", "applied", "orphaned"]
    assert "1 orphaned" in panel.status.text()

    # revert the rename; undo puts it back
    panel.choose(1)
    panel.revert_button.click()
    QApplication.processEvents()
    assert by_title(window, "Renamed for the panel") is None and len(panel.rows()) == 2
    window.actions["edit.undo"].trigger()
    QApplication.processEvents()
    assert by_title(window, "Renamed for the panel") is not None and len(panel.rows()) == 3

    # open its place: the episode in the sidebar, the words in the reader
    panel.choose(1)
    panel.open_button.click()
    assert window.episodes.current_id() == first.id
    panel.choose(0)
    panel.open_button.click()
    pane = window.reader.current_pane()
    assert pane is not None and pane.article_id == load_annotations()[0][0].article


def test_a_broken_store_is_named_kept_and_replaced(make_window, qtbot):
    path = store_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"schema": 1, "annotations": [', encoding="utf-8")
    window = analysed(make_window(), qtbot)
    box = window.findChild(QMessageBox, "BrokenCorrections")
    assert box is not None and box.isVisible()
    (kept,) = path.parent.glob("annotations.json.broken-*")
    assert str(path) in box.text() and str(kept) in box.text() and "not JSON" in box.text()
    assert kept.read_text(encoding="utf-8") == '{"schema": 1, "annotations": ['
    assert str(kept) in window.corrections.problem.text() and not window.corrections.problem.isHidden()
    box.close()
    # the session goes on with an empty store, and a new correction is kept in a new file
    ready(window, qtbot)
    window.episode_edits.rename(episodes(window)[0].id, "After the broken file")
    assert [a.title for a in load_annotations()[0]] == ["After the broken file"]
    assert kept.exists()


def test_a_store_that_reads_shows_no_message(make_window, qtbot):
    save_annotations([])
    window = analysed(make_window(), qtbot)
    assert window.findChild(QMessageBox, "BrokenCorrections") is None
    assert window.corrections.problem.isHidden()
