"""The Comparison tab marks the column of an episode the reader edited: "✎ corrected by you" under
its head, with a tooltip; an undo takes the mark away (issue 13)."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from desktop.core.compare.handout import default_ids
from desktop.core.compare.html_text import CORRECTED_TIP, CORRECTED_WORDS

from .test_annotations import analysed
from .test_episodes_and_comparison import ready


def _tooltips(browser, words: str) -> list[str]:
    """The tooltips of the document's fragments that read ``words``."""
    found = []
    block = browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if words in fragment.text():
                found.append(fragment.charFormat().toolTip())
            it += 1
        block = block.next()
    return found


def test_an_edited_episode_is_marked_at_the_head_of_its_column(window, qtbot):
    ready(analysed(window, qtbot), qtbot)
    window.actions["episodes.compare"].trigger()
    view = window.comparison
    qtbot.waitUntil(lambda: view.comparison is not None and not view.building(), timeout=30000)
    assert CORRECTED_WORDS not in view.browser.toPlainText()

    episode_set = window.workspace.episodes
    groups, _unknown = episode_set.resolve(default_ids(episode_set)[2:3])  # the third of the trio
    episode = groups[0][1][0]
    window.episode_edits.rename(episode.id, "Renamed for the comparison")
    qtbot.waitUntil(
        lambda: view.comparison is not None and not view.building() and view.comparison.subjects[2].corrected,
        timeout=30000,
    )
    assert [s.corrected for s in view.comparison.subjects] == [False, False, True]
    text = view.browser.toPlainText()
    assert CORRECTED_WORDS in text
    tips = _tooltips(view.browser, CORRECTED_WORDS)
    assert tips and all(t == CORRECTED_TIP for t in tips)
    places = []  # (row, column) of each mark in its table
    cursor = QTextCursor(view.browser.document())
    while True:
        cursor = view.browser.document().find(CORRECTED_WORDS, cursor)
        if cursor.isNull():
            break
        table = cursor.currentTable()
        assert table is not None  # always in a table
        cell = table.cellAt(cursor)
        places.append((cell.row(), cell.column()))
    assert (3, 0) in places  # the table of episodes: the third episode's row
    assert (0, 4) in places  # the side by side: the third episode's column head (gutter, label, 1, 2, 3)
    assert {column for _row, column in places} <= {0, 4}  # nowhere else

    window.actions["edit.undo"].trigger()
    qtbot.waitUntil(
        lambda: view.comparison is not None and not view.building() and not view.comparison.subjects[2].corrected,
        timeout=30000,
    )
    assert CORRECTED_WORDS not in view.browser.toPlainText()
