"""The timeline in the dark theme, its labels (never cut, never overlapping, same-year clusters
told apart, the event type in the tooltip), and the reader's buttons on the dark theme."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.core.episodes.timeline import TimelineItem
from desktop.ui.episodes.timeline import TimelineView
from desktop.ui.episodes.timeline_axis import cluster_labels
from desktop.ui.reader.findbar import FindBar
from desktop.ui.reader.panes import ReaderPane
from desktop.ui.shell.theme import _palette, style_sheet

D = dt.date
ROWS = [("president", "The president"), ("foreign_minister", "The foreign minister"), ("other", "Others")]


def item(eid, title, first, last, row, side, named=None):
    return TimelineItem(eid, title, first, last, row, side, "A summary.", f"{first:%d %B %Y}", 1, named)


ITEMS = [
    item("a", "A visit to the capital with a long title", D(2018, 10, 30), D(2018, 11, 1), "president", "us", "Visit"),
    item("b", "Talks on returning ambassadors", D(2018, 11, 2), D(2018, 11, 6), "foreign_minister", "belarus"),
    item("c", "A minister writes to his counterparts", D(2022, 4, 6), D(2022, 4, 6), "foreign_minister", "eu"),
    item("d", "A meeting in New York", D(2022, 9, 19), D(2022, 9, 24), "foreign_minister", "us"),
    item("e", "Another meeting the same week", D(2022, 9, 21), D(2022, 9, 21), "foreign_minister", "russia"),
    item("f", "A third item crowded in", D(2022, 9, 22), D(2022, 9, 23), "foreign_minister", "ukraine"),
    item("g", "An address to the nation", D(2024, 9, 28), D(2024, 9, 28), "president", "other"),
]
KINDS = {i.id: "Letter" if i.id == "c" else "Meeting" for i in ITEMS}


def switch(app, theme):
    """What ThemeManager.apply does: the palette, then the style sheet."""
    app.setPalette(_palette(theme))
    app.setStyleSheet(style_sheet(theme))


@pytest.fixture
def dark_app():
    """The application in the dark theme's palette and style sheet, restored afterwards."""
    app = QApplication.instance()
    palette, sheet = app.palette(), app.styleSheet()
    switch(app, "dark")
    yield app
    app.setPalette(palette)
    app.setStyleSheet(sheet)


def make_view(qtbot, width=900, theme="light"):
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(width, 320)
    view.show()
    qtbot.waitExposed(view)
    view.set_items(ITEMS, ROWS, theme, kinds=KINDS)
    return view


def test_the_timeline_is_dark_in_the_dark_theme(qtbot):
    view = make_view(qtbot, theme="dark")
    look = view.look()
    assert look.base.lightness() < 60 and look.text.lightness() > 190
    image = view.viewport().grab().toImage()
    corner = QColor(image.pixel(image.width() - 3, image.height() - 3))
    assert corner.lightness() < 60


def test_the_timeline_follows_a_change_of_theme(qtbot, dark_app):
    view = TimelineView()
    qtbot.addWidget(view)
    assert view.theme() == "dark"  # made in a dark application
    switch(dark_app, "light")
    qtbot.waitUntil(lambda: view.theme() == "light", timeout=2000)
    switch(dark_app, "dark")
    qtbot.waitUntil(lambda: view.theme() == "dark", timeout=2000)


@pytest.mark.parametrize("width", [420, 700, 1400])
def test_labels_never_overlap_and_are_never_cut(qtbot, width):
    view = make_view(qtbot, width)
    look, lay = view.look(), view.timeline_layout()
    graphics = [view.episode_item(i.id) for i in ITEMS]
    labels = [(g, r) for g in graphics for r in g.label_rects(look)]
    assert labels, "some labels are shown"
    for (g1, r1), (g2, r2) in itertools.combinations(labels, 2):
        assert not r1.intersects(r2), (g1.episode_id, g2.episode_id)
    for g, rect in labels:
        assert lay.left <= rect.left() and rect.right() <= lay.width, g.episode_id
        home = next(c for c in lay.clusters if c.x0 - 0.5 <= g.placed.x0 <= c.x1 + 0.5)
        for c in lay.clusters:  # over a break at most, never into another stretch of time
            assert c is home or rect.right() <= c.x0 or rect.left() >= c.x1, g.episode_id
        for other in graphics:
            if other is not g:
                assert not rect.intersects(other.bar_rect()), (g.episode_id, other.episode_id)
    if width >= 1400:  # room for most titles, whole
        assert sum(g.show_title for g in graphics) >= 3


def test_a_label_left_out_is_in_the_tooltip(qtbot):
    view = make_view(qtbot, 420)
    hidden = [view.episode_item(i.id) for i in ITEMS if not view.episode_item(i.id).show_title]
    assert hidden  # too narrow for every title
    for graphic in hidden:
        assert graphic.placed.item.title in graphic.toolTip()


def test_two_clusters_in_the_same_year_are_told_apart(qtbot):
    view = make_view(qtbot, 1400)
    labels = cluster_labels(view.timeline_layout().clusters)
    assert "2022 · April" in labels and "2022 · September" in labels
    assert "2018" in labels and len(set(labels)) == len(labels)


def test_the_tooltip_names_the_event_type(qtbot):
    view = make_view(qtbot)
    assert "Letter" in view.episode_item("c").toolTip()
    assert "Meeting" in view.episode_item("d").toolTip()


def ink_lightness(button) -> int:
    """The mean lightness of the drawn pixels of a button's icon."""
    image = button.icon().pixmap(32, 32).toImage()
    values = [
        QColor.fromRgba(image.pixel(x, y)).lightness()
        for x in range(image.width())
        for y in range(image.height())
        if QColor.fromRgba(image.pixel(x, y)).alpha() > 128
    ]
    assert values, "the icon draws something"
    return sum(values) // len(values)


def test_the_pane_and_find_bar_buttons_show_on_the_dark_theme(qtbot, dark_app):
    pane, bar = ReaderPane(), FindBar()
    qtbot.addWidget(pane)
    qtbot.addWidget(bar)
    buttons = [pane.close_button, bar.previous, bar.next, bar.close_button]
    assert all(ink_lightness(b) > 170 for b in buttons)  # light ink on the dark panel
    switch(dark_app, "light")
    qtbot.waitUntil(lambda: all(ink_lightness(b) < 90 for b in buttons), timeout=2000)
