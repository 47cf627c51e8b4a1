"""The theme toggle as a user sees it: every part of the window in the new colours, and what the
toggle leaves alone (the style sheet, the rows' sizes, the legend's lists, the timeline's items).

With a big library a toggle must not touch the item views row by row; these tests assert that
it does not (they time nothing: tests/bench/bench_ui.py prints the figures)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLineEdit, QMainWindow, QWidget

from desktop.ui.episodes.sidebar import EpisodeDelegate
from desktop.ui.episodes.timeline import TimelineView
from desktop.ui.episodes.timeline_look import Look
from desktop.ui.library.view import ArticleDelegate
from desktop.ui.reader.legend import KEY_ROLE
from desktop.ui.shell.theme import CHROME, apply_theme, mark_new_windows, style_sheet

from .test_episodes_and_comparison import ready


def colour_at(widget: QWidget, x: int = 3, y: int = 3) -> str:
    return widget.grab().toImage().pixelColor(x, y).name().upper()


def settled(window, qtbot, theme):
    window.themes.set_setting(theme)
    for _ in range(5):
        QApplication.processEvents()
    qtbot.wait(20)


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_after_a_toggle_every_part_of_the_window_wears_the_theme(window, qtbot, theme):
    ready(window, qtbot)
    window.banner.show_problems("1 file could not be loaded:", ["a.md: bad"])
    other = "light" if theme == "dark" else "dark"
    settled(window, qtbot, other)
    settled(window, qtbot, theme)
    c = CHROME[theme]
    assert QApplication.instance().styleSheet() == style_sheet()  # the one sheet, never another
    assert colour_at(window.statusBar()) == c["window"]
    assert colour_at(window.findChild(QWidget, "MainToolBar")) == c["window"]
    assert colour_at(window.library.tree.viewport(), 2, window.library.tree.viewport().height() - 2) == c["base"]
    assert colour_at(window.library.filter, 10, window.library.filter.height() // 2) == c["base"]
    assert colour_at(window.banner) == c["banner"]
    assert colour_at(window.reader.panes[0].findChild(QWidget, "PaneHeader")) == c["panel"]
    timeline = window.timeline.viewport()
    look = Look.make(theme, window.timeline.font())
    corner = colour_at(timeline, timeline.width() - 3, timeline.height() - 3)
    assert corner in {look.base.name().upper(), look.stripe.name().upper()}
    window.episodes_dock.show()
    window.episodes_dock.raise_()
    qtbot.waitUntil(lambda: window.episodes.tree.isVisible())
    viewport = window.episodes.tree.viewport()
    assert colour_at(viewport, viewport.width() - 2, viewport.height() - 2) == c["base"]
    stale = {v.upper() for v in CHROME[other].values()} - {v.upper() for v in c.values()}
    roles = [QPalette.ColorRole[name] for name in ("Window", "WindowText", "Base", "Text", "Button", "ButtonText")]
    for widget in [window, *window.findChildren(QWidget)]:  # no widget kept the other theme's colours
        kept = [role.name for role in roles if widget.palette().color(role).name().upper() in stale]
        assert not kept, (widget, widget.objectName(), kept)


def test_a_toggle_measures_no_row_again(window, qtbot, monkeypatch):
    ready(window, qtbot)
    window.episodes_dock.show()
    window.episodes_dock.raise_()
    qtbot.waitUntil(lambda: window.episodes.tree.isVisible())
    qtbot.wait(100)  # the rows measured for the tree's width
    measured = []
    original_height = EpisodeDelegate._height
    original_hint = ArticleDelegate.sizeHint
    monkeypatch.setattr(EpisodeDelegate, "_height", lambda self, *a: measured.append(a) or original_height(self, *a))
    monkeypatch.setattr(ArticleDelegate, "sizeHint", lambda self, *a: measured.append(a) or original_hint(self, *a))
    for theme in ("dark", "light", "dark"):
        settled(window, qtbot, theme)
    assert measured == []
    window.library.tree.doItemsLayout()  # the counting sees a real layout
    window.episodes.delegate.forget_sizes()
    window.episodes.tree.fitted_width = -1
    window.episodes.tree.resize(window.episodes.tree.width() - 10, window.episodes.tree.height())
    qtbot.waitUntil(lambda: len(measured) > 10)


def test_a_toggle_keeps_the_legends_lists_and_recolours_the_chips(window, qtbot):
    ready(window, qtbot)
    legend = window.legend
    qtbot.waitUntil(lambda: legend.actors.rowCount() > 0, timeout=30000)
    legend.show_actor(legend.actors.data(legend.actors.index(0, 0), KEY_ROLE))
    assert legend.mentions.rowCount() > 0
    resets = []
    for model in (legend.actors, legend.mentions, legend.sides, legend.kinds):
        model.modelReset.connect(lambda m=model: resets.append(m))
    chip_before = legend.actors.data(legend.actors.index(0, 0), Qt.ItemDataRole.DecorationRole)
    settled(window, qtbot, "dark")
    assert resets == []
    chip_after = legend.actors.data(legend.actors.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert chip_before.pixmap(14, 14).toImage() != chip_after.pixmap(14, 14).toImage()


def test_a_toggle_repaints_the_timeline_without_building_it_again(window, qtbot, monkeypatch):
    ready(window, qtbot)
    timeline = window.timeline
    qtbot.waitUntil(lambda: bool(timeline.timeline_layout().items), timeout=30000)
    qtbot.wait(300)  # the window settled at its size
    built = []
    original = TimelineView._rebuild
    monkeypatch.setattr(TimelineView, "_rebuild", lambda self: built.append(self) or original(self))
    items = {p.item.id: timeline.episode_item(p.item.id) for p in timeline.timeline_layout().items}
    settled(window, qtbot, "dark")
    assert timeline.theme() == "dark" and timeline.look().base == QColor(CHROME["dark"]["base"])
    assert built == []
    assert all(timeline.episode_item(eid) is graphic for eid, graphic in items.items())


def test_a_hidden_timeline_is_laid_out_when_shown(window, qtbot):
    ready(window, qtbot)
    timeline = window.timeline
    qtbot.waitUntil(lambda: bool(timeline.timeline_layout().items), timeout=30000)
    window.timeline_dock.hide()
    qtbot.waitUntil(lambda: not timeline.isVisible())
    window.episode_control.refresh()  # new episodes while the dock is hidden
    assert timeline._stale
    episode = window.workspace.episodes.episodes[0]
    assert timeline.select(episode.id)  # remembered, shown selected once laid out
    window.timeline_dock.show()
    qtbot.waitUntil(lambda: timeline.isVisible() and not timeline._stale)
    assert timeline.selected_id() == episode.id
    assert timeline.episode_item(episode.id).is_selected()


def test_the_episodes_search_matches_the_year(window, qtbot):
    ready(window, qtbot)
    sidebar = window.episodes
    in_2018 = sorted(e.title for e in sidebar.model.episodes() if e.first.year <= 2018 <= e.last.year)
    assert in_2018
    qtbot.keyClicks(sidebar.search, "2018")
    shown = sidebar.visible_titles()
    assert set(in_2018) <= set(shown)
    assert all(
        "2018" in e.title or e.first.year <= 2018 <= e.last.year or "2018" in (e.summary + (e.named_label or ""))
        for e in sidebar.model.episodes()
        if e.title in shown
    )


def test_a_window_made_after_the_theme_was_applied_takes_its_property(qtbot):
    """The find bar's "not found" border is chosen by the window's theme property (no palette
    role is left for it): a window made after the theme was applied gets the property too."""
    app = QApplication.instance()
    palette, sheet = app.palette(), app.styleSheet()
    try:
        apply_theme(app, "dark")
        window = QMainWindow()
        qtbot.addWidget(window)
        bar = QWidget()
        bar.setObjectName("FindBar")
        field = QLineEdit("missing", bar)
        field.setProperty("notFound", True)
        QHBoxLayout(bar).addWidget(field)
        window.setCentralWidget(bar)
        window.show()
        qtbot.waitExposed(window)
        mark_new_windows(app, "dark")
        assert colour_at(field, 0, field.height() // 2) == CHROME["dark"]["error"]
    finally:
        app.setPalette(palette)
        app.setStyleSheet(sheet)
