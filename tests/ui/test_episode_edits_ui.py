"""Editing episodes by clicking (issue 13): rename, date, merge, move, split and make an event, from
the sidebar, the timeline and a sentence in the reader; undo, redo, a re-analysis, a new window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from desktop.core.annotations.store import load_annotations
from desktop.ui.episodes import edits as edits_module
from desktop.ui.reader import correctdialogs
from desktop.ui.reader.panes import ArticleBrowser

from .conftest import press
from .test_annotations import analysed
from .test_episodes_and_comparison import ready, row_of


@pytest.fixture
def popped(monkeypatch):
    """Every menu popped up (the sidebar's, the timeline's, the reader's) is recorded, not shown."""
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, *_args: shown.append(menu))
    monkeypatch.setattr(ArticleBrowser, "open_menu", lambda _browser, menu, _where: shown.append(menu))
    return shown


def answer(monkeypatch, dialog_class, fill) -> None:
    """``dialog_class`` is answered by ``fill(dialog)`` and accepted."""

    def exec_(dialog):
        fill(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialog_class, "exec", exec_)


def action(menu: QMenu, text: str):
    found = next((a for a in menu.actions() if a.text() == text or a.objectName() == text), None)
    assert found is not None, [a.text() for a in menu.actions()]
    return found


def sidebar_menu(window, title: str, popped: list, current: bool = True) -> QMenu:
    tree = window.episodes.tree
    index = row_of(window, title)
    if current:
        tree.setCurrentIndex(index)
    tree.customContextMenuRequested.emit(tree.visualRect(index).center())
    assert popped, "no menu"
    return popped.pop()


def click(menu_action) -> None:
    menu_action.trigger()
    QApplication.processEvents()


def episodes(window):
    return window.workspace.episodes.episodes


def by_title(window, words: str):
    return next((e for e in episodes(window) if words in e.title), None)


def two_event_episode(window):
    return next(e for e in episodes(window) if len(e.events) >= 2 and not e.title.startswith("Renamed"))


def test_every_episode_edit_by_clicking_survives_undo_redo_reanalysis_and_a_new_window(
    make_window, qtbot, popped, monkeypatch
):
    window = ready(analysed(make_window(), qtbot), qtbot)
    before = len(episodes(window))
    first = episodes(window)[0]

    # rename from the sidebar's menu
    answer(monkeypatch, correctdialogs.TitleDialog, lambda d: d.edit.setText("Renamed by the reader"))
    click(action(sidebar_menu(window, first.title, popped), "Rename Episode…"))
    renamed = by_title(window, "Renamed by the reader")
    assert renamed is not None and renamed.edited
    assert "corrected by you" in window.episodes.proxy.data(row_of(window, "Renamed"), Qt.ItemDataRole.ToolTipRole)
    window.actions["edit.undo"].trigger()
    assert by_title(window, "Renamed by the reader") is None
    window.actions["edit.redo"].trigger()
    assert by_title(window, "Renamed by the reader") is not None

    # merge two episodes selected together
    a, b = episodes(window)[1], episodes(window)[2]
    selection = window.episodes.tree.selectionModel()
    selection.clearSelection()
    for title in (a.title, b.title):
        selection.select(row_of(window, title), selection.SelectionFlag.Select)
    menu = sidebar_menu(window, a.title, popped, current=False)
    merge = next(x for x in menu.actions() if x.text().startswith("Merge “"))
    click(merge)
    assert len(episodes(window)) == before - 1 and window.workspace.episodes.get(b.id) is None

    # move an event to another episode (chosen by search), then split one
    many = two_event_episode(window)
    target = next(e for e in episodes(window) if e.id != many.id and e.id != a.id)
    answer(monkeypatch, correctdialogs.EpisodeChooser, lambda d: d.search.setText(target.title))
    menu = sidebar_menu(window, many.title, popped)
    click(action(menu, "Move Event to Another Episode").menu().actions()[0])
    assert len(window.workspace.episodes.get(target.id).events) == len(target.events) + 1
    many = two_event_episode(window)
    count = len(episodes(window))
    click(action(sidebar_menu(window, many.title, popped), "Split Before").menu().actions()[-1])
    assert len(episodes(window)) == count + 1

    # make an event of a sentence selected in the reader: an episode of its own
    pane = window.reader.panes[0]
    found = pane.browser.document().find("Wess Mitchell")
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(cursor)

    def made(dialog):
        assert "Wess Mitchell" in dialog.sentence.text() and dialog.actor_keys()  # prefilled
        dialog.type.setCurrentIndex(dialog.type.findData("meeting"))
        dialog.episode.setCurrentIndex(0)  # an episode of its own
        dialog.date.setText("1999-05-04")

    answer(monkeypatch, correctdialogs.EventDialog, made)
    pane.browser.menu_at_cursor()
    click(action(popped.pop(), "Make an Event of This Sentence…"))
    own = next(e for e in episodes(window) if e.first.isoformat() == "1999-05-04")
    assert own.edited and own.events[0].date_source == "user"

    stored = [a.kind for a in load_annotations()[0]]
    assert stored == ["episode-rename", "episode-merge", "episode-move-event", "episode-split", "episode-add-event"]
    shown = list(window.episodes.visible_titles())

    # a re-analysis: every edit is applied again
    window.workspace.reanalyse_all()
    qtbot.waitUntil(lambda: window.workspace.episodes is not None and not window.workspace.busy(), timeout=60000)
    assert not window.workspace.episode_outcome.orphaned
    assert len(window.workspace.episode_outcome.applied) == 5
    assert list(window.episodes.visible_titles()) == shown

    # a new window on the same data folder
    again = ready(analysed(make_window(), qtbot), qtbot)
    qtbot.waitUntil(lambda: len(again.workspace.episode_outcome.applied) == 5, timeout=60000)
    assert by_title(again, "Renamed by the reader") is not None
    for _ in range(5):
        again.actions["edit.undo"].trigger()  # a new session's stack is empty: nothing to undo
    assert by_title(again, "Renamed by the reader") is not None


def test_the_timeline_menu_and_keys_edit_its_episode(window, qtbot, popped, monkeypatch):
    ready(analysed(window, qtbot), qtbot)
    timeline = window.timeline
    first = episodes(window)[0]
    window.episode_control.select(first.id)
    qtbot.waitUntil(lambda: timeline.selected_id() == first.id)
    answer(monkeypatch, correctdialogs.DateDialog, lambda d: d.edit.setText("1990-01"))
    timeline.customContextMenuRequested.emit(timeline.item_rect(first.id).center())
    menu = popped.pop()
    assert window.actions["episodes.coverage"] in menu.actions()  # the timeline's own entries stay
    click(action(menu, "Change Date…"))
    changed = window.workspace.episodes.get(first.id)
    assert changed.value == "1990-01" and changed.edited
    assert "corrected by you" in timeline.episode_item(first.id).toolTip()

    answer(monkeypatch, correctdialogs.TitleDialog, lambda d: d.edit.setText("Named from the keyboard"))
    timeline.setFocus()
    press(qtbot, timeline, Qt.Key.Key_F2)
    assert by_title(window, "Named from the keyboard") is not None
    window.episodes.tree.setFocus()
    press(qtbot, window.episodes.tree, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    assert popped and action(popped.pop(), "Rename Episode…")


def test_the_comparison_offers_the_edits_of_a_column(window, qtbot, monkeypatch):
    ready(analysed(window, qtbot), qtbot)
    ids = [e.id for e in episodes(window)[:2]]
    window.comparison_control.compare(ids)
    view = window.comparison
    qtbot.waitUntil(lambda: view.comparison is not None and not view.building(), timeout=30000)
    window.tabs.setCurrentWidget(view)
    browser, found = view.browser, {}
    cursor = QTextCursor(browser.document())
    for position in range(0, browser.document().characterCount() - 1, 25):  # a point in each cell
        cursor.setPosition(position)
        table = cursor.currentTable()
        if table is not None and table.columns() == 2 + len(ids) and table.rows() > 3:  # side by side
            cell = table.cellAt(cursor)
            browser.setTextCursor(cursor)
            browser.ensureCursorVisible()
            point = browser.cursorRect(cursor).center()
            found.setdefault(cell.column(), set()).add(edits_module.column_episode(view, point))
    assert ids[0] in found[2] and ids[1] in found[3] and ids[1] not in found[2] and found[0] == {""}
    monkeypatch.setattr(edits_module, "column_episode", lambda _view, _pos=None: ids[1])
    menu = QMenu()
    view.browser.extend_menu(menu, "")
    sub = action(menu, "Edit Episode").menu()
    assert action(sub, "Rename Episode…") and action(sub, "Split Before")
    answer(monkeypatch, correctdialogs.TitleDialog, lambda d: d.edit.setText("Renamed in the comparison"))
    click(action(sub, "Rename Episode…"))
    assert by_title(window, "Renamed in the comparison") is not None


def test_edits_follow_their_episodes_when_a_correction_changes_the_ids(window, qtbot, popped, monkeypatch):
    """A merge, then an identity correction that renames (and so re-ids) the merged-in episode."""
    from .test_corrections_ui import answer_actor, choose, right_click

    ready(analysed(window, qtbot), qtbot)
    mitchell = by_title(window, "Mitchell visits Minsk")
    keeper = next(e for e in episodes(window) if e.id != mitchell.id and "Mitchell" not in e.title)
    window.episode_edits.merge(keeper.id, mitchell.id)
    assert window.workspace.episodes.get(mitchell.id) is None
    window.episode_edits.rename(keeper.id, "Kept through the correction")
    answer_actor(monkeypatch, "Tertel")
    choose(right_click(window.reader.panes[0], "Wess Mitchell", popped), "This Is …")
    qtbot.waitUntil(
        lambda: any(e.title.startswith("Tertel") for e in window.workspace.extracted.episodes), timeout=30000
    )
    qtbot.waitUntil(lambda: by_title(window, "Kept through the correction") is not None, timeout=30000)
    assert not window.workspace.episode_outcome.orphaned
    assert not any(e.title.startswith(("Tertel visits", "Mitchell visits")) for e in episodes(window))
