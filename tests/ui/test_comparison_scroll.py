"""'Difference N of M' follows the reader's scrolling in the Comparison tab (issue 14)."""

from __future__ import annotations

from .test_episodes_and_comparison import ready


def test_scrolling_updates_the_current_difference(window, qtbot):
    ready(window, qtbot)
    window.actions["episodes.compare"].trigger()
    view = window.comparison
    qtbot.waitUntil(lambda: not view.building())
    count = len(view.comparison.differences)
    assert count > 3
    bar = view.browser.verticalScrollBar()
    bar.setValue(0)
    assert view.position.text().startswith(f"{count} differences")  # above the first one
    tops = view._anchor_tops()
    assert tops == sorted(tops)  # in document order
    third = tops[2]
    bar.setValue(int(third))  # the third difference at the top of the view
    assert view.position.text().startswith(f"Difference 3 of {count}")
    bar.setValue(bar.maximum())
    last = view.current
    assert last >= 3 and view.position.text().startswith(f"Difference {last + 1} of {count}")
    bar.setValue(int(tops[1]))  # back up: the second
    assert view.position.text().startswith(f"Difference 2 of {count}")
    view.step(1)  # F8 goes on from where the reader is
    assert view.position.text().startswith(f"Difference 3 of {count}")
