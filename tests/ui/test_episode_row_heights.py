"""The episode rows' heights, measured once per episode and width, are those of the rows as
painted: the title broken into its lines, the chips into their rows."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QFontMetrics

from desktop.ui.episodes.sidebar import EpisodeDelegate

from .test_episodes_and_comparison import ready

TITLES = ["", "Visit", "Lukashenko meets Putin in Sochi", "A very long title " * 6, "Makei writes to European leaders"]


def _painted_height(delegate: EpisodeDelegate, episode, width: int, font) -> int:
    title_font, small, _date = delegate._fonts(font)
    title_h = len(delegate.title_lines(episode.title, width, title_font)) * QFontMetrics(title_font).lineSpacing()
    chips_h = delegate._chip_rows(episode, width, small) * (delegate.CHIP_H + 4)
    return delegate.PAD + QFontMetrics(small).lineSpacing() + 2 + title_h + 6 + chips_h + delegate.PAD


def test_row_heights_are_the_painted_rows(window, qtbot):
    ready(window, qtbot)
    sidebar = window.episodes
    font = sidebar.tree.font()
    delegate = EpisodeDelegate()
    episodes = sidebar.model.episodes()
    variants = [dataclasses.replace(e, title=t, id=f"{e.id}-{n}") for e in episodes[:3] for n, t in enumerate(TITLES)]
    for episode in [*episodes, *variants]:
        for width in range(60, 420, 23):
            assert delegate.height_for(episode, width, font) == _painted_height(EpisodeDelegate(), episode, width, font)
