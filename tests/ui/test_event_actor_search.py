"""The "Make an Event of This Sentence" dialog adds an actor the sentence does not name, by a
search over the actor list's names and aliases (issue 13)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog

from desktop.core.annotate.analysis import Analyzer
from desktop.ui.reader import correctdialogs

from .test_annotations import analysed
from .test_episode_edits_ui import action, click, episodes, popped  # noqa: F401 (a fixture)
from .test_episodes_and_comparison import ready

ALIAS = "Tikhanovskaya"  # an alias of Sviatlana Tsikhanouskaya in actors.yaml, not her name


@pytest.fixture(scope="module")
def actors():
    return list(Analyzer().gazetteer.actors.values())


def _dialog(qtbot, actors) -> correctdialogs.EventDialog:
    dialog = correctdialogs.EventDialog(
        "Mitchell met Lukashenko in Minsk.",
        [("meeting", "Meeting or talks")],
        [("mitchell", "Wess Mitchell", True)],
        "2018-10-30",
        [],
        "",
        None,
        actors,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_type_an_alias_and_press_enter_to_add_the_actor(qtbot, actors):
    dialog = _dialog(qtbot, actors)
    search = dialog.actor_search
    assert search.isVisible() and not search.matches.isVisible()  # nothing typed, no list
    assert dialog.actor_keys() == ("mitchell",)
    search.search.setFocus()
    qtbot.keyClicks(search.search, ALIAS)
    shown = [search.matches.item(r) for r in range(search.matches.count()) if not search.matches.item(r).isHidden()]
    assert [i.text() for i in shown] == ["Sviatlana Tsikhanouskaya"]  # found by an alias
    qtbot.keyClick(search.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted.value  # Enter added, no more
    assert dialog.actor_keys() == ("mitchell", "tsikhanouskaya")
    assert search.search.text() == "" and not search.matches.isVisible()
    qtbot.keyClicks(search.search, ALIAS)  # the same actor again: checked, not listed twice
    qtbot.mouseClick(search.add, Qt.MouseButton.LeftButton)
    assert dialog.actors.count() == 2 and dialog.actor_keys() == ("mitchell", "tsikhanouskaya")


def test_up_and_down_choose_among_the_matches_and_nothing_matched_adds_nothing(qtbot, actors):
    dialog = _dialog(qtbot, actors)
    search = dialog.actor_search
    search.search.setFocus()
    qtbot.keyClicks(search.search, "Tsikhanou")  # the wife and the husband
    first = search.current()
    qtbot.keyClick(search.search, Qt.Key.Key_Down)
    second = search.current()
    assert first and second and first != second
    assert {first[0], second[0]} == {"tsikhanouskaya", "tsikhanouski"}
    qtbot.keyClick(search.search, Qt.Key.Key_Return)
    assert dialog.actor_keys() == ("mitchell", second[0])
    qtbot.keyClicks(search.search, "no such actor anywhere")
    assert search.current() is None and not search.add.isEnabled()
    qtbot.keyClick(search.search, Qt.Key.Key_Return)
    assert dialog.actors.count() == 2 and dialog.isVisible()


def test_the_added_actor_is_in_the_event_made_from_the_reader(window, qtbot, popped, monkeypatch):  # noqa: F811
    ready(analysed(window, qtbot), qtbot)
    pane = window.reader.panes[0]
    found = pane.browser.document().find("Wess Mitchell")
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(cursor)

    def made(dialog):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert "tsikhanouskaya" not in dialog.actor_keys()  # the sentence does not name her
        dialog.actor_search.search.setFocus()
        qtbot.keyClicks(dialog.actor_search.search, ALIAS)
        qtbot.keyClick(dialog.actor_search.search, Qt.Key.Key_Enter)
        assert dialog.actor_keys()[-1] == "tsikhanouskaya"
        dialog.type.setCurrentIndex(dialog.type.findData("meeting"))
        dialog.episode.setCurrentIndex(0)  # an episode of its own
        dialog.date.setText("1999-05-04")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(correctdialogs.EventDialog, "exec", made)
    pane.browser.menu_at_cursor()
    click(action(popped.pop(), "Make an Event of This Sentence…"))
    own = next(e for e in episodes(window) if e.first.isoformat() == "1999-05-04")
    keys = [p.key for event in own.events for p in (*event.sources, *event.targets)]
    assert "tsikhanouskaya" in keys
