"""Highlighting in the reader: tooltips, the legend's toggles, mentions, adding a person."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor

from desktop.core.annotate import palette
from desktop.core.files import paths


def analysed(window, qtbot):
    qtbot.waitUntil(lambda: window.workspace.analysis("reliable-partner-2018") is not None, timeout=30000)
    qtbot.waitUntil(lambda: window.legend.actors.rowCount() > 0, timeout=30000)
    return window


def char_format(pane, words):
    """The format of the first word of ``words`` where they occur (as the user sees it)."""
    from PySide6.QtGui import QTextCursor

    found = pane.browser.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(found.selectionStart() + min(3, len(words.split()[0])))
    return cursor.charFormat()


def test_actors_and_dates_are_coloured_with_tooltips(window, qtbot):
    analysed(window, qtbot)
    pane = window.reader.panes[0]  # the 2018 article
    mitchell = char_format(pane, "Wess Mitchell")
    assert mitchell.background().color() == QColor(palette.colour("us"))
    tip = mitchell.toolTip()
    assert "A. Wess Mitchell" in tip and "United States" in tip and "Assistant Secretary" in tip
    makey = char_format(pane, "Makey")
    assert "Vladimir Makei" in makey.toolTip() and "Foreign Minister of Belarus" in makey.toolTip()
    assert "surname" in makey.toolTip() and "“Makey”" in makey.toolTip()  # which rule matched, on which spelling
    date = char_format(pane, "October 30th")
    assert date.foreground().color() == QColor(palette.date_colour("light"))
    assert "30 October – 1 November 2018" in date.toolTip()
    assert "2018-10-30/2018-11-01" in date.toolTip()
    demonym = char_format(pane, "Belarusian peacemakers")
    assert demonym.fontUnderline() or demonym.underlineStyle() != demonym.underlineStyle().NoUnderline


def test_a_relative_date_says_how_it_was_resolved(window, qtbot):
    analysed(window, qtbot)
    tip = char_format(window.reader.panes[0], "last week").toolTip()
    assert "29 October – 4 November 2018" in tip
    assert "relative to publication" in tip


def test_legend_toggles_hide_a_side_and_a_kind(window, qtbot):
    analysed(window, qtbot)
    pane = window.reader.panes[0]
    us = QColor(palette.colour("us"))
    assert char_format(pane, "Wess Mitchell").background().color() == us
    sides = window.legend.sides
    row = next(r for r in range(sides.rowCount()) if sides.data(sides.index(r), 0x0101) == "us")
    index = sides.index(row)
    window.legend.side_view.clicked.emit(index)  # as a click on the row does
    assert "us" in window.workspace.options.hidden_sides
    assert char_format(window.reader.panes[0], "Wess Mitchell").background().color() != us
    kinds = window.legend.kinds
    date_row = next(r for r in range(kinds.rowCount()) if kinds.data(kinds.index(r), 0x0101) == "date")
    window.legend.kind_view.clicked.emit(kinds.index(date_row))
    assert char_format(window.reader.panes[0], "October 30th").foreground().color() != QColor(
        palette.date_colour("light")
    )


def test_clicking_an_actor_lists_its_mentions_and_a_mention_opens_its_article(window, qtbot):
    analysed(window, qtbot)
    qtbot.waitUntil(lambda: window.workspace.is_fully_analysed(), timeout=30000)
    window.legend_control.rebuild()
    pane = window.reader.panes[0]
    pane.browser.anchorClicked.emit(QUrl("actor:makei?article=reliable-partner-2018&start=0"))
    assert window.legend_dock.isVisible()
    title = window.legend.mention_title.text()
    assert "Vladimir Makei" in title and "in 4 articles" in title
    mentions = window.legend.mentions
    row = next(r for r in range(mentions.rowCount()) if "Teases Secret Meetings" in mentions.data(mentions.index(r)))
    window.legend.mention_view.activated.emit(mentions.index(row))
    current = window.reader.current_pane()
    assert current.title.text().startswith("Belarusian Foreign Minister Vladimir Makei")
    mention = window.legend.mentions.mention(row)
    fmt = char_format(current, mention.text)
    # The current mention is marked with lines above and below (a cue no side uses), or the
    # name keeps its side's chip inside the mark.
    assert fmt.fontOverline() or fmt.background().color() == QColor(palette.colour("belarus"))


def test_an_unlinked_person_can_be_added_to_my_actors(make_window, qtbot, monkeypatch):
    folder = paths.user_articles_dir()
    folder.mkdir(parents=True)
    (folder / "note.md").write_text(
        "---\nid: note\ntitle: A note\npublished: 2024-05-02\n---\n\n"
        "Deputy Minister Ivan Petrov met Maksim Ryzhankou in Minsk on Monday.\n",
        encoding="utf-8",
    )
    window = make_window()
    qtbot.waitUntil(lambda: window.workspace.analysis("note") is not None, timeout=30000)
    window.legend_control.rebuild()
    analysis = window.workspace.analysis("note")
    unlinked = [m for m in analysis.actors if m.actor is None]
    assert [m.name for m in unlinked] == ["Ivan Petrov"]
    window.legend.show_actor("unlinked:Ivan Petrov")
    assert window.legend.add_button.isVisible()

    from desktop.ui.reader.addactor import AddActorDialog

    def accept(dialog):
        dialog._side.setCurrentIndex(dialog._side.findData("belarus"))
        dialog._aliases.setText("Petrau")
        return AddActorDialog.DialogCode.Accepted

    monkeypatch.setattr(AddActorDialog, "exec", accept)
    window.legend.add_button.click()
    qtbot.waitUntil(
        lambda: (
            window.workspace.analysis("note") is not None
            and any(m.actor and m.name == "Ivan Petrov" for m in window.workspace.analysis("note").actors)
        ),
        timeout=30000,
    )
    assert paths.user_actors_file().exists()
    added = next(m for m in window.workspace.analysis("note").actors if m.name == "Ivan Petrov")
    assert added.side == "belarus"


def test_a_large_article_is_analysed_without_freezing_the_window(window, qtbot, tmp_path):
    """The event loop keeps running (timers fire, panes render) while the analysis works."""
    from PySide6.QtCore import QTimer

    paragraph = (
        "On April 12th, during his meeting with Vladimir Putin, Alexander Lukashenka made several statements. "
        "Makei wrote to European leaders on 6 April 2022, and Minsk hoped to normalise relations with the West.\n\n"
    )
    big = tmp_path / "big.md"
    big.write_text(
        "---\nid: big\ntitle: A long article\npublished: 2022-04-18\n---\n\n" + paragraph * 4000, encoding="utf-8"
    )
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=60000)  # the library is analysed
    ticks = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(window.workspace.analysis("big") is None))
    timer.start(20)
    window.library_control.open_files([str(big)])  # File → Open Article…
    assert window.reader.current_pane().title.text() == "A long article"
    qtbot.waitUntil(lambda: window.workspace.analysis("big") is not None, timeout=60000)
    timer.stop()
    assert ticks.count(True) >= 3  # the timer fired again and again while "big" was being analysed
    qtbot.waitUntil(lambda: "Lukashenka" in window.reader.current_pane().plain_text())
