"""Selecting an episode never takes a pane away from the user (issue 12).

The bundled episodes each come from one article, so the user adds a wire report of the 2018 visit
to Minsk: its episode then has two sources, one of them the bundled 2018 article.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.core.files import paths

from .conftest import press

WIRE_TITLE = "Wire: a US envoy in Minsk"
WIRE = f"""---
id: wire-mitchell
title: "{WIRE_TITLE}"
outlet: "Test Wire"
published: 2018-10-30
language: en
---

On 29 October 2018, US Assistant Secretary of State Wess Mitchell visited Minsk and met with Lukashenko and Makei.

Mitchell said the visit opened a new page in relations between Belarus and the United States.
"""
VISIT = "Mitchell visits Minsk; meets Lukashenko and Makei"
PARTNER = "Minsk seeks to become a reliable partner for the United States"
EPICENTER = "Lukashenko aspires to be in the Russo-American conflict’s epicenter"
POWER_PLAY = "Minsk brews diplomatic power play in the West with the Global South support"


@pytest.fixture
def window(make_window, qtbot):
    """The window with the wire report in the user's folder, episodes ready, the sidebar on screen."""
    folder = paths.user_articles_dir()
    folder.mkdir(parents=True)
    (folder / "wire.md").write_text(WIRE, encoding="utf-8")
    window = make_window()
    qtbot.waitUntil(
        lambda: window.workspace.episodes is not None and window.episodes.model.rowCount() > 0, timeout=30000
    )
    window.episodes_dock.show()
    window.episodes_dock.raise_()
    qtbot.waitUntil(lambda: window.episodes.tree.isVisible() and window.episodes.tree.viewport().height() > 100)
    return window


def titles(window) -> list[str]:
    return [pane.title.text() for pane in window.reader.panes]


def marked_text(pane) -> str:
    """The text the user sees marked as evidence (lines above and below), fragment by fragment."""
    found = []
    block = pane.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().fontOverline():
                found.append(fragment.text())
            it += 1
        block = block.next()
    return "".join(found)


def close_every_pane(window, qtbot) -> None:
    while window.reader.panes:
        qtbot.mouseClick(window.reader.panes[0].close_button, Qt.MouseButton.LeftButton)


def open_by_hand(window, qtbot, title: str) -> None:
    """Select the article in the library and press Enter, as a user does."""
    tree, proxy = window.library.tree, window.library.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, 0)
        if proxy.data(index) == title:
            tree.setFocus()
            tree.setCurrentIndex(index)
            press(qtbot, tree, Qt.Key.Key_Return)
            return
    raise AssertionError(f"{title} not in the library")


def click_episode(window, qtbot, title: str) -> None:
    proxy, tree = window.episodes.proxy, window.episodes.tree
    for y in range(proxy.rowCount()):
        year = proxy.index(y, 0)
        for r in range(proxy.rowCount(year)):
            index = proxy.index(r, 0, year)
            if proxy.data(index) == title:
                tree.scrollTo(index)
                qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
                return
    raise AssertionError(f"no episode {title!r}: {window.episodes.visible_titles()}")


def message(window) -> str:
    return window.statusBar().currentMessage()


def test_an_episode_keeps_the_users_panes_and_opens_its_other_source_in_a_third(window, qtbot):
    close_every_pane(window, qtbot)
    open_by_hand(window, qtbot, WIRE_TITLE)
    open_by_hand(window, qtbot, EPICENTER)
    assert titles(window) == [WIRE_TITLE, EPICENTER]
    click_episode(window, qtbot, "Lukashenko visits Sochi")  # an earlier selection, marked in the 2013 article
    wire, epicenter = window.reader.panes
    assert marked_text(epicenter)
    assert not marked_text(wire)

    click_episode(window, qtbot, VISIT)

    assert titles(window) == [WIRE_TITLE, EPICENTER, PARTNER]  # both of the user's panes stay
    assert window.reader.panes[:2] == [wire, epicenter]  # the very same panes, not reopened
    partner = window.reader.panes[2]
    assert not marked_text(epicenter)  # the last selection's marks are gone
    assert "visited Minsk and met with" in marked_text(wire)  # the open source is marked
    assert "major events last week" in marked_text(partner)  # and so is the new one
    assert window.reader.current_pane() is partner
    assert message(window).startswith(f"{VISIT} — ")
    assert message(window).endswith(f"“{WIRE_TITLE}” was already open; opened “{PARTNER}” in a new pane.")


def test_with_three_panes_in_use_nothing_closes_and_the_status_bar_names_the_missing_source(window, qtbot):
    close_every_pane(window, qtbot)
    for title in (WIRE_TITLE, EPICENTER, POWER_PLAY):
        open_by_hand(window, qtbot, title)
    before = window.reader.panes

    click_episode(window, qtbot, VISIT)

    assert window.reader.panes == before  # no pane closed or replaced
    assert titles(window) == [WIRE_TITLE, EPICENTER, POWER_PLAY]
    assert "visited Minsk and met with" in marked_text(before[0])
    assert window.reader.current_pane() is before[0]
    assert message(window).endswith(
        f"“{WIRE_TITLE}” was already open. "
        f"1 of 2 sources shown: all three panes are in use, close a pane to see “{PARTNER}”."
    )

    # the user follows the advice: closes a pane and selects an episode of the missing article
    qtbot.mouseClick(before[2].close_button, Qt.MouseButton.LeftButton)
    click_episode(window, qtbot, "Meeting of the Main Group of the Munich Security Conference in Minsk")
    assert titles(window) == [WIRE_TITLE, EPICENTER, PARTNER]
    assert not marked_text(before[0])  # the visit's marks went with the new selection
    assert marked_text(window.reader.panes[2])
    assert message(window).endswith(f"Opened “{PARTNER}” in a new pane.")


def test_when_no_source_fits_every_source_is_named(window, qtbot):
    close_every_pane(window, qtbot)
    for title in (EPICENTER, POWER_PLAY, "Minsk tries to return to “security arbitrage”"):
        open_by_hand(window, qtbot, title)
    before = window.reader.panes
    click_episode(window, qtbot, VISIT)
    assert window.reader.panes == before
    assert message(window).endswith(
        f"0 of 2 sources shown: all three panes are in use, close a pane to see “{PARTNER}” and “{WIRE_TITLE}”."
    )


def test_opening_from_the_library_says_which_pane_it_took(window, qtbot):
    assert titles(window) == [PARTNER, "Minsk tries to return to “security arbitrage”"]  # the first start
    open_by_hand(window, qtbot, EPICENTER)
    assert titles(window)[2] == EPICENTER
    assert "replaced" not in message(window)  # a third pane was free: nothing was replaced

    open_by_hand(window, qtbot, POWER_PLAY)  # a fourth: the current (right) pane takes it, as the user asked
    assert titles(window) == [PARTNER, "Minsk tries to return to “security arbitrage”", POWER_PLAY]
    assert message(window) == f"All three panes are in use: “{POWER_PLAY}” replaced “{EPICENTER}” in the right pane"

    open_by_hand(window, qtbot, PARTNER)
    assert window.reader.current_pane() is window.reader.panes[0]
    assert message(window) == f"“{PARTNER}” is already open in the left pane"
    assert len(window.reader.panes) == 3


def test_a_mention_in_an_open_article_is_shown_in_its_pane_without_a_word(window, qtbot):
    pane = window.reader.panes[0]
    qtbot.waitUntil(lambda: window.workspace.analysis(pane.article_id) is not None, timeout=30000)
    mention = window.workspace.analysis(pane.article_id).actors[0]
    window.statusBar().clearMessage()
    window.reader_control.show_mention(pane.article_id, mention.start, mention.end)
    assert titles(window) == [PARTNER, "Minsk tries to return to “security arbitrage”"]
    assert window.reader.current_pane() is pane
    assert [h.anchor for h in pane.highlights] == ["mention"]
    assert message(window) == ""
