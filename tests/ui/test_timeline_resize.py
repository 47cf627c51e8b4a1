"""Resizing the timeline: a burst of resizes (a dock or the window dragged) lays it out once,
after the burst; whoever asks for the layout in between gets it laid out for the new size."""

from __future__ import annotations

from desktop.ui.episodes.timeline import RESIZE_SETTLE_MS, TimelineView

from .test_timeline import ITEMS, ROWS


def _counting(monkeypatch) -> list[TimelineView]:
    built: list[TimelineView] = []
    original = TimelineView._rebuild
    monkeypatch.setattr(TimelineView, "_rebuild", lambda self: built.append(self) or original(self))
    return built


def _shown(qtbot, width: int = 1000) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.set_items(ITEMS, ROWS)
    view.show()
    qtbot.waitExposed(view)
    qtbot.wait(RESIZE_SETTLE_MS + 50)  # settled at its first size
    return view


def test_one_resize_burst_lays_the_timeline_out_once(qtbot, monkeypatch):
    view = _shown(qtbot)
    built = _counting(monkeypatch)
    for width in range(1010, 1300, 10):
        view.resize(width, 300)
        qtbot.wait(5)
    assert built == []  # nothing while the user drags
    qtbot.waitUntil(lambda: len(built) >= 1, timeout=2000)
    qtbot.wait(RESIZE_SETTLE_MS * 2)
    assert len(built) == 1
    assert view.shown_layout().width == view.viewport().width()


def test_asking_for_the_layout_during_a_burst_lays_it_out_for_the_new_size(qtbot, monkeypatch):
    view = _shown(qtbot)
    built = _counting(monkeypatch)
    view.resize(1400, 300)
    qtbot.wait(5)
    assert view.timeline_layout().width == view.viewport().width()
    assert len(built) == 1
    qtbot.wait(RESIZE_SETTLE_MS * 2)
    assert len(built) == 1  # the pending re-layout was the one done


def test_a_zoomed_timeline_keeps_its_date_in_view_after_the_burst(qtbot):
    view = _shown(qtbot)
    view.zoom_in()
    view.zoom_in()
    left = view.timeline_layout().day_for(view.visible_plot_left())
    for width in (1100, 1200, 1250):
        view.resize(width, 300)
        qtbot.wait(5)
    layout = view.timeline_layout()
    assert abs(layout.day_for(view.visible_plot_left()) - left) < 2
    assert view.zoom() > 1.0


def test_a_resize_moves_the_episodes_items_rather_than_making_new_ones(qtbot):
    view = _shown(qtbot)
    before = {item.id: view.episode_item(item.id) for item in ITEMS}
    old_x = {eid: graphic.bar_rect().x() for eid, graphic in before.items()}
    view.resize(1400, 300)
    view.timeline_layout()
    assert all(view.episode_item(eid) is graphic for eid, graphic in before.items())
    assert any(view.episode_item(eid).bar_rect().x() != x for eid, x in old_x.items())
    assert {g.episode_id for g in view.scene().items() if hasattr(g, "episode_id")} == set(before)
    view.set_items(ITEMS[:3], ROWS)  # new items: new graphics, the others gone from the scene
    assert {g.episode_id for g in view.scene().items() if hasattr(g, "episode_id")} == {i.id for i in ITEMS[:3]}


def test_an_idle_timeline_never_lays_itself_out_again(qtbot, monkeypatch):
    for height in (140, 160, 200, 300):  # short ones bring scroll bars: they must not toggle for ever
        view = TimelineView()
        qtbot.addWidget(view)
        view.resize(869, height)
        view.set_items(ITEMS, ROWS)
        view.show()
        qtbot.waitExposed(view)
        qtbot.wait(RESIZE_SETTLE_MS * 2)
        built = _counting(monkeypatch)
        qtbot.wait(RESIZE_SETTLE_MS * 4)
        assert built == [], height
        monkeypatch.undo()
