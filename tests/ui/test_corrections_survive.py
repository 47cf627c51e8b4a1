"""Issue 13's first check, in one session: correct an identity, a date and an episode by clicking,
undo and redo, quit, start again, re-analyse with a changed actor list: every correction still applied."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.core.annotate.user_actors import add_user_actor
from desktop.core.annotations.store import load_annotations
from desktop.ui.reader import correctdialogs

from .test_annotations import analysed, char_format
from .test_corrections_ui import answer_actor, answer_date, choose, right_click
from .test_episode_edits_ui import action, answer, click, popped, sidebar_menu  # noqa: F401  (popped: a fixture)
from .test_episodes_and_comparison import ready

NEW_ACTOR = "Central and Eastern Europe"  # words of the 2018 article that no actor of actors.yaml matches


def corrected(window) -> dict[str, bool]:
    """Which of the three corrections the user sees applied."""
    pane = window.reader.pane_for("reliable-partner-2018")
    mitchell = char_format(pane, "Wess Mitchell").toolTip()
    date = char_format(pane, "October 30th").toolTip()
    return {
        "identity": "Vladimir Makei" in mitchell and "corrected by you" in mitchell,
        "date": "2018-10-29" in date and "corrected by you" in date,
        "episode": any("Renamed by the reader" in t for t in window.episodes.visible_titles()),
    }


def test_three_corrections_survive_undo_redo_a_restart_and_a_new_actor_list(make_window, qtbot, popped, monkeypatch):  # noqa: F811
    window = ready(analysed(make_window(), qtbot), qtbot)
    pane = window.reader.panes[0]
    answer_actor(monkeypatch, "Makei")
    choose(right_click(pane, "Wess Mitchell", popped), "This Is …")
    answer_date(monkeypatch, "2018-10-29")
    choose(right_click(pane, "October 30th", popped), "The Date Is …")
    first = window.workspace.episodes.episodes[0]
    answer(monkeypatch, correctdialogs.TitleDialog, lambda d: d.edit.setText("Renamed by the reader"))
    click(action(sidebar_menu(window, first.title, popped), "Rename Episode…"))
    QApplication.processEvents()
    assert corrected(window) == {"identity": True, "date": True, "episode": True}

    for _ in range(3):
        window.actions["edit.undo"].trigger()
        QApplication.processEvents()
    qtbot.waitUntil(lambda: not any(corrected(window).values()), timeout=30000)
    for _ in range(3):
        window.actions["edit.redo"].trigger()
        QApplication.processEvents()
    qtbot.waitUntil(lambda: all(corrected(window).values()), timeout=30000)
    kinds = [a.kind for a in load_annotations()[0]]
    assert kinds == ["actor-is", "date-is", "episode-rename"]

    window.actions["file.quit"].trigger()  # quit, and start again on the same data folder
    QApplication.processEvents()
    assert not window.isVisible()
    again = ready(analysed(make_window(), qtbot), qtbot)
    qtbot.waitUntil(lambda: all(corrected(again).values()), timeout=30000)

    add_user_actor(NEW_ACTOR, kind="organisation")
    again.workspace.reanalyse_all()  # the actor list changed: everything is analysed again
    qtbot.waitUntil(lambda: again.workspace.episodes is not None and not again.workspace.busy(), timeout=60000)
    analysis = again.workspace.corrected_analysis("reliable-partner-2018")
    assert any(m.name == NEW_ACTOR for m in analysis.actors)  # the new list is in use
    qtbot.waitUntil(lambda: all(corrected(again).values()), timeout=30000)
    assert not again.workspace.layer.outcome("reliable-partner-2018").orphaned
    assert not again.workspace.episode_outcome.orphaned
