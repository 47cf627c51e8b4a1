"""A long session does not grow: 200 cycles of opening and closing panes and selecting episodes
grow the resident memory by at most 10 % (issue 15).

A cycle opens one or two articles in panes, selects an episode (its evidence shown in the reader:
marked in an open pane or opened in a free one, up to three), then closes every pane. The resident set size is read from /proc/self/statm after 20 cycles of
warm-up (caches filled, fonts loaded) and after the 200, each time after ``gc.collect()`` and
after Qt has deleted the closed panes.
"""

from __future__ import annotations

import gc
import os
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.episodes.sidebar import ID_ROLE
from desktop.ui.reader.panes import ReaderPane

WARM_UP = 20
CYCLES = 200

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/statm")


def resident_bytes() -> int:
    """After a full collection and once Qt has deleted what was closed."""
    settle()
    gc.collect()
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def settle() -> None:
    QApplication.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    QApplication.processEvents()


def episode_ids(window) -> list[str]:
    proxy, ids = window.episodes.proxy, []
    for y in range(proxy.rowCount()):
        year = proxy.index(y, 0)
        ids += [proxy.data(proxy.index(r, 0, year), ID_ROLE) for r in range(proxy.rowCount(year))]
    return [i for i in ids if i]


def cycle(window, articles: list[str], episodes: list[str], n: int) -> bool:
    """One cycle; True if the episode's evidence was marked in a pane."""
    control = window.reader_control
    for k in range(1 + n % 2):
        control.open(articles[(n + k) % len(articles)], new_pane=True)
    QApplication.processEvents()
    window.episode_control.select(episodes[n % len(episodes)])
    QApplication.processEvents()
    shown = any(pane.highlights for pane in window.reader.panes)
    while window.reader.panes:
        window.reader.close_pane(window.reader.panes[0])
    settle()
    return shown


def test_200_cycles_of_panes_and_episodes_grow_memory_by_at_most_10_percent(window, qtbot):
    qtbot.waitUntil(
        lambda: window.workspace.episodes is not None and window.episodes.model.rowCount() > 0, timeout=30000
    )
    articles = [a.id for a in window.workspace.corpus]
    episodes = episode_ids(window)
    assert len(articles) >= 3 and episodes
    for n in range(WARM_UP):
        cycle(window, articles, episodes, n)
    earlier = {id(o) for o in gc.get_objects() if isinstance(o, ReaderPane)}  # other tests' windows
    before = resident_bytes()
    shown = sum(cycle(window, articles, episodes, WARM_UP + n) for n in range(CYCLES))
    after = resident_bytes()
    assert shown >= CYCLES // 2  # the episodes' evidence was on screen
    growth = (after - before) / before
    print(f"RSS {before} -> {after} bytes ({growth:+.2%}) over {CYCLES} cycles, evidence shown in {shown}")
    assert growth <= 0.10
    left = [o for o in gc.get_objects() if isinstance(o, ReaderPane) and id(o) not in earlier]
    assert not left  # every pane closed in the cycles is gone
