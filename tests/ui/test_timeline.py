"""The timeline view as a user drives it: click, hover, arrow keys, zoom, pan, export, themes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop.core.episodes.timeline import TimelineItem
from desktop.ui.episodes.timeline import TimelineView
from desktop.ui.episodes.timeline_episode import EpisodeItem
from desktop.ui.shell.theme import CHROME

D = dt.date
ROWS = [("president", "The president"), ("foreign_minister", "The foreign minister"), ("other", "Others")]
ITEMS = [
    TimelineItem(
        "alibi-2013",
        "Lukashenko asks the KGB chief about the West",
        D(2013, 2, 14),
        D(2013, 2, 14),
        "president",
        "belarus",
        "Lukashenko asks how relations with the West are being built.",
        "14 February 2013",
        1,
        "2013 Western alibi",
    ),
    TimelineItem(
        "mitchell-2018",
        "Mitchell visits Minsk; meets Lukashenko and Makei",
        D(2018, 10, 30),
        D(2018, 11, 1),
        "president",
        "us",
        "The first high-level US visit in more than ten years.",
        "30 October – 1 November 2018",
        3,
        "2018 Mitchell visit",
    ),
    TimelineItem(
        "ambassadors-2018",
        "Talks on returning ambassadors",
        D(2018, 11, 2),
        D(2018, 11, 6),
        "foreign_minister",
        "belarus",
        "Minsk and Washington could return ambassadors.",
        "2–6 November 2018",
        2,
    ),
    TimelineItem(
        "letter-2022",
        "Makei writes to European ministers",
        D(2022, 4, 6),
        D(2022, 4, 6),
        "foreign_minister",
        "belarus",
        "Belarus will not join the war <and> wants to talk.",
        "6 April 2022",
        2,
        "2022 Makei letter",
    ),
    TimelineItem(
        "unga-2022",
        "Makei meets Western diplomats at the UN",
        D(2022, 9, 19),
        D(2022, 9, 24),
        "foreign_minister",
        "belarus",
        "Confidential meetings in New York.",
        "19–24 September 2022",
        2,
        "2022 Makei at the UN",
    ),
    TimelineItem(
        "sanctions-2022",
        "EU sanctions",
        D(2022, 9, 26),
        D(2022, 9, 26),
        "other",
        "eu",
        "The EU keeps its sanctions.",
        "26 September 2022",
        1,
    ),
    TimelineItem(
        "unga-2024",
        "Ryzhankou at the UN",
        D(2024, 9, 28),
        D(2024, 9, 28),
        "foreign_minister",
        "belarus",
        "A new security architecture for Eurasia.",
        "28 September 2024",
        2,
        "2024 Ryzhankou push",
    ),
    TimelineItem(
        "migration-2024",
        "Conference on illegal migration",
        D(2024, 11, 20),
        D(2024, 11, 21),
        "other",
        "international",
        "A conference on illegal migration in Minsk.",
        "20–21 November 2024",
        1,
        planned=True,
    ),
]
IN_TIME_ORDER = [
    "alibi-2013",
    "mitchell-2018",
    "ambassadors-2018",
    "letter-2022",
    "unga-2022",
    "sanctions-2022",
    "unga-2024",
    "migration-2024",
]


@pytest.fixture
def view(qtbot):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(1400, 300)
    widget.set_items(ITEMS, ROWS)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def centre(view: TimelineView, episode_id: str) -> QPoint:
    rect = view.item_rect(episode_id)
    assert not rect.isEmpty(), f"{episode_id} is not on the timeline"
    return rect.center()


def gap(view: TimelineView, a: str, b: str) -> int:
    return centre(view, b).x() - centre(view, a).x()


# ---------------------------------------------------------------------------- picking


def test_clicking_an_episode_selects_it_and_says_which(view, qtbot):
    with qtbot.waitSignal(view.episode_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, "mitchell-2018"))
    assert blocker.args == ["mitchell-2018"]
    assert view.selected_id() == "mitchell-2018"
    assert view.episode_item("mitchell-2018").is_selected()
    assert not view.episode_item("alibi-2013").is_selected()


def test_a_one_day_episode_is_a_dot_that_can_be_clicked(view, qtbot):
    rect = view.item_rect("letter-2022")
    assert abs(rect.width() - rect.height()) <= 1
    with qtbot.waitSignal(view.episode_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["letter-2022"]


def test_clicking_an_episode_title_picks_it_too(view, qtbot):
    graphic = view.episode_item("sanctions-2022")
    p = graphic.placed
    assert p.title_w > 20
    title_point = view.mapFromScene(QPointF(p.title_x + 10, p.bar_y + p.bar_h / 2))
    with qtbot.waitSignal(view.episode_clicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=title_point)
    assert blocker.args == ["sanctions-2022"]


def test_clicking_empty_space_picks_nothing(view, qtbot):
    lay = view.timeline_layout()
    empty = view.mapFromScene(QPointF(lay.breaks[0].centre, lay.rows[-1].y1 - 3))
    assert view.episode_at(empty) is None
    with qtbot.assertNotEmitted(view.episode_clicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)
    assert view.selected_id() is None


def test_select_highlights_without_emitting(view, qtbot):
    with qtbot.assertNotEmitted(view.episode_clicked):
        assert view.select("unga-2022")
    assert view.selected_id() == "unga-2022"
    assert not view.select("no-such-episode")
    assert view.selected_id() is None


# ---------------------------------------------------------------------------- tooltips


def test_the_tooltip_of_the_episode_under_the_mouse(view):
    text = view.tooltip_at(centre(view, "mitchell-2018"))
    for part in (
        "Mitchell visits Minsk; meets Lukashenko and Makei",
        "30 October – 1 November 2018",
        "The first high-level US visit in more than ten years.",
        "3 sources",
        "2018 Mitchell visit",
    ):
        assert part in text
    assert view.episode_item("mitchell-2018").toolTip() == text


def test_hovering_shows_the_tooltip(view, qtbot):
    point = centre(view, "unga-2022")
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert "Makei meets Western diplomats at the UN" in QToolTip.text()
    assert "19–24 September 2022" in QToolTip.text()
    QToolTip.hideText()


def test_no_tooltip_for_an_episode_hidden_under_the_row_labels(view, qtbot):
    for _ in range(6):
        view.zoom_in()
    graphic = view.episode_item("letter-2022")
    view.horizontalScrollBar().setValue(round(graphic.bar_rect().center().x()) - 40)
    point = centre(view, "letter-2022")
    assert point.x() == pytest.approx(40, abs=2)  # under the row labels
    assert graphic in view.items(point)
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.wait(50)
    assert not QToolTip.isVisible()
    assert view.tooltip_at(point) == ""


def test_tooltips_escape_text_and_say_planned_and_one_source(view):
    letter = view.tooltip_at(centre(view, "letter-2022"))
    assert "&lt;and&gt;" in letter and "<and>" not in letter
    planned = view.tooltip_at(centre(view, "migration-2024"))
    assert "planned" in planned and "1 source" in planned and "1 sources" not in planned


# ---------------------------------------------------------------------------- keyboard


def test_right_and_left_walk_through_episodes_in_time(view, qtbot):
    view.setFocus()
    seen = []
    view.episode_clicked.connect(seen.append)
    for _ in range(len(ITEMS) + 1):  # one press too many: stays on the last
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert seen[: len(ITEMS)] == IN_TIME_ORDER
    assert view.selected_id() == IN_TIME_ORDER[-1]
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert seen[-1] == IN_TIME_ORDER[-2] and view.selected_id() == IN_TIME_ORDER[-2]


def test_right_moves_from_a_clicked_episode_to_the_next(view, qtbot):
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre(view, "letter-2022"))
    with qtbot.waitSignal(view.episode_clicked, timeout=1000) as blocker:
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert blocker.args == ["unga-2022"]


def test_plus_and_minus_keys_zoom(view, qtbot):
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.zoom() > 1
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.zoom() == pytest.approx(1)


# ------------------------------------------------------------------------ zoom and pan


def test_zoom_spreads_the_episodes_and_reset_fits_again(view):
    before = abs(gap(view, "mitchell-2018", "ambassadors-2018"))
    view.zoom_in()
    view.zoom_in()
    assert view.zoom() == pytest.approx(1.25**2)
    assert abs(gap(view, "mitchell-2018", "ambassadors-2018")) > 1.4 * before
    assert view.horizontalScrollBar().maximum() > 0
    view.zoom_out()
    assert view.zoom() == pytest.approx(1.25)
    view.zoom_reset()
    assert view.zoom() == 1
    assert view.horizontalScrollBar().maximum() == 0
    assert abs(gap(view, "mitchell-2018", "ambassadors-2018")) == pytest.approx(before, abs=1)


def test_zoom_never_goes_below_fit(view):
    view.zoom_out()
    assert view.zoom() == 1


def test_zoom_in_keeps_the_selected_episode_in_place(view):
    view.select("unga-2022")
    x = centre(view, "unga-2022").x()
    view.zoom_in()
    view.zoom_in()
    assert abs(centre(view, "unga-2022").x() - x) <= 2


def test_ctrl_wheel_zooms_around_the_mouse(view):
    point = centre(view, "letter-2022")
    event = QWheelEvent(
        QPointF(point),
        QPointF(view.viewport().mapToGlobal(point)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom() == pytest.approx(1.25**2)
    assert abs(centre(view, "letter-2022").x() - point.x()) <= 2


def test_dragging_pans_and_picks_nothing(view, qtbot):
    for _ in range(4):
        view.zoom_in()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    start = bar.value()
    lay = view.timeline_layout()
    y = round(lay.rows[0].y1 - 4)
    with qtbot.assertNotEmitted(view.episode_clicked):
        qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(700, y))
        qtbot.mouseMove(view.viewport(), QPoint(650, y))
        qtbot.mouseMove(view.viewport(), QPoint(600, y))
        qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(600, y))
    assert bar.value() == start + 100


def test_select_scrolls_a_far_away_episode_into_view(view):
    for _ in range(8):
        view.zoom_in()
    view.horizontalScrollBar().setValue(0)
    assert view.select("migration-2024")
    rect = view.item_rect("migration-2024")
    left = view.timeline_layout().left  # the row labels cover the viewport up to here
    assert rect.left() >= left and rect.right() <= view.viewport().width()


def test_row_labels_stay_at_the_left_while_panning(view):
    for _ in range(6):
        view.zoom_in()
    bar = view.horizontalScrollBar()
    bar.setValue(bar.maximum())
    gutter = next(g for g in view.scene().items() if type(g).__name__ == "_Gutter")
    assert view.mapFromScene(gutter.scenePos()).x() == 0
    # Episodes that scroll under the row labels cannot be picked through them.
    assert view.episode_at(QPoint(10, centre(view, "unga-2024").y())) is None


def test_the_timeline_fits_the_width_when_not_zoomed(view, qtbot):
    view.resize(1000, 300)
    qtbot.wait(10)
    assert view.timeline_layout().width == view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    view.resize(1500, 300)
    qtbot.wait(10)
    assert view.timeline_layout().width == view.viewport().width()


# ---------------------------------------------------------------------------- export


def test_export_png_at_twice_the_size(view, tmp_path):
    view.select("mitchell-2018")
    target = tmp_path / "timeline.png"
    view.export_png(target)
    image = QImage(str(target))
    lay = view.timeline_layout()
    assert not image.isNull()
    assert (image.width(), image.height()) == (round(lay.width * 2), round(lay.height * 2))
    assert image.size() == view.export_size(2.0)
    assert QColor(image.pixel(image.width() - 3, image.height() - 3)) == QColor(CHROME["light"]["base"])
    assert view.selected_id() == "mitchell-2018"  # exporting leaves the selection alone
    assert list(tmp_path.iterdir()) == [target]


def test_export_png_at_another_scale(view, tmp_path):
    target = tmp_path / "small.png"
    view.export_png(target, scale=1.0)
    assert QImage(str(target)).width() == round(view.timeline_layout().width)


def test_export_svg_keeps_text_as_text(view, tmp_path):
    target = tmp_path / "timeline.svg"
    view.export_svg(target)
    text = target.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "</svg>" in text
    assert "EU sanctions" in text
    assert "2018 Mitchell visit" in text
    assert "The foreign minister" in text
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_export_to_a_missing_folder_raises_and_leaves_nothing(view, tmp_path, kind):
    target = tmp_path / "missing" / f"timeline.{kind}"
    export = view.export_png if kind == "png" else view.export_svg
    with pytest.raises(OSError, match=re.escape(str(target))) as info:
        export(target)
    assert "does not exist" in str(info.value)
    assert not target.parent.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["png", "svg"])
def test_export_over_a_folder_raises_and_leaves_no_partial_file(view, tmp_path, kind):
    target = tmp_path / f"folder.{kind}"
    target.mkdir()
    export = view.export_png if kind == "png" else view.export_svg
    with pytest.raises(OSError):
        export(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    assert target.is_dir() and list(target.iterdir()) == []


def test_export_replaces_an_existing_file(view, tmp_path):
    target = tmp_path / "timeline.png"
    target.write_bytes(b"old")
    view.export_png(target, scale=1.0)
    assert not QImage(str(target)).isNull()


# ---------------------------------------------------------------------------- looks


def test_dark_theme_repaints_with_the_dark_chrome(view, tmp_path):
    view.select("unga-2022")
    view.set_theme("dark")
    assert view.theme() == "dark"
    assert view.selected_id() == "unga-2022"
    target = tmp_path / "dark.png"
    view.export_png(target, scale=1.0)
    image = QImage(str(target))
    assert QColor(image.pixel(image.width() - 3, image.height() - 3)) == QColor(CHROME["dark"]["base"])
    assert not view.grab().isNull()


def test_every_episode_is_drawn_once_with_named_and_planned_marks(view):
    graphics = [g for g in view.scene().items() if isinstance(g, EpisodeItem)]
    assert sorted(g.episode_id for g in graphics) == sorted(IN_TIME_ORDER)
    mitchell = view.episode_item("mitchell-2018").placed
    assert mitchell.named_w > 0
    assert view.episode_item("migration-2024").placed.item.planned


def test_an_empty_timeline_shows_rows_and_no_episodes(qtbot, tmp_path):
    widget = TimelineView()
    qtbot.addWidget(widget)
    widget.resize(800, 240)
    widget.set_items([], ROWS)
    widget.show()
    qtbot.waitExposed(widget)
    assert widget.timeline_layout().items == ()
    qtbot.keyClick(widget, Qt.Key.Key_Right)  # nothing to move to: no error
    assert widget.selected_id() is None
    widget.export_png(tmp_path / "empty.png", scale=1.0)
    assert not QImage(str(tmp_path / "empty.png")).isNull()


def test_new_items_reset_zoom_and_drop_a_vanished_selection(view):
    view.select("mitchell-2018")
    view.zoom_in()
    view.set_items(ITEMS[2:], ROWS)
    assert view.zoom() == 1
    assert view.selected_id() is None
