"""Classroom mode driven as a teacher would: F5, the clicker's keys, the presenter view, the lesson dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from desktop.core.present.lessons import Lesson, LessonSlide, load_lesson, save_lesson

from .conftest import press

K = Qt.Key


def ready(window, qtbot):
    qtbot.waitUntil(lambda: window.workspace.episodes is not None, timeout=30000)
    return window


@pytest.fixture
def control(window, qtbot):
    from desktop.ui.present.controller import PresentationController

    ready(window, qtbot)
    return PresentationController(window)


def start(window, qtbot, control):
    """F5 in the main window, as the teacher would."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window.reader.panes[0].browser if window.reader.panes else window, K.Key_F5)
    qtbot.waitUntil(lambda: control.view is not None and control.view.isVisible())
    return control.view


def keys(qtbot, view, *sequence):
    for key in sequence:
        press(qtbot, view, key)


def pixel(view: QWidget, x: float = 0.5, y: float = 0.5) -> QColor:
    image = view.grab().toImage()
    return QColor(image.pixel(int(image.width() * x), int(image.height() * y)))


def test_f5_presents_the_default_lesson_full_screen(window, qtbot, control):
    view = start(window, qtbot, control)
    assert view.isFullScreen()
    assert view.current_index() == 0 and view.step_index() == 0
    assert view.visible_title() == "Belarus's overtures to the West, 2013–2024"
    assert "Mitchell visit" in view.visible_text()


def test_next_and_previous_keys_walk_steps_and_slides(window, qtbot, control):
    view = start(window, qtbot, control)
    press(qtbot, view, K.Key_Right)
    assert (view.current_index(), view.step_index()) == (1, 0)
    assert view.visible_title() == "Lukashenko meets Vakulchik"
    # every "next" key of a clicker or keyboard advances one build step
    for number, key in enumerate((K.Key_Down, K.Key_PageDown, K.Key_Space, K.Key_Return), 1):
        press(qtbot, view, key)
        assert (view.current_index(), view.step_index()) == (1, number)
    press(qtbot, view, K.Key_N)
    assert (view.current_index(), view.step_index()) == (2, 0)
    for key in (K.Key_Left, K.Key_Up, K.Key_PageUp, K.Key_Backspace, K.Key_P):
        press(qtbot, view, key)
    # back through the whole built previous slide, one step at a time
    assert (view.current_index(), view.step_index()) == (1, 0)
    press(qtbot, view, K.Key_End)
    assert view.current_index() == 7 and view.visible_title() == "Recurring motifs"
    press(qtbot, view, K.Key_Right)
    press(qtbot, view, K.Key_Right)  # past the end: stays
    assert (view.current_index(), view.step_index()) == (7, 1)
    press(qtbot, view, K.Key_Home)
    assert (view.current_index(), view.step_index()) == (0, 0)


def test_build_steps_quote_highlights_counterpart_verdict(window, qtbot, control):
    view = start(window, qtbot, control)
    keys(qtbot, view, K.Key_3, K.Key_Return)
    assert view.visible_title() == "Mitchell visits Minsk; meets Lukashenko and Makei"
    assert "unprecedented" not in view.visible_text()
    before = view.grab().toImage()
    press(qtbot, view, K.Key_Space)
    assert "The visit to Belarus of US Assistant Secretary" in view.visible_text()
    quoted = view.grab().toImage()
    assert quoted != before
    press(qtbot, view, K.Key_Space)  # highlights: the actors get their side's colour
    assert view.grab().toImage() != quoted
    assert "Counterpart" not in view.visible_text()
    press(qtbot, view, K.Key_Space)
    assert "Counterpart: Mitchell [US]" in view.visible_text()
    press(qtbot, view, K.Key_Space)
    assert "How the sources assess it" in view.visible_text()
    assert view.step_index() == 4


def test_jump_by_number_and_with_g(window, qtbot, control):
    view = start(window, qtbot, control)
    keys(qtbot, view, K.Key_5, K.Key_Return)
    assert view.current_index() == 4 and view.visible_title() == "Makei meets European and American leaders"
    keys(qtbot, view, K.Key_G, K.Key_2, K.Key_Enter)
    assert (view.current_index(), view.step_index()) == (1, 0)
    keys(qtbot, view, K.Key_G, K.Key_Escape)  # a jump can be cancelled without leaving
    assert control.view is view and view.current_index() == 1
    keys(qtbot, view, K.Key_9, K.Key_9, K.Key_Return)  # past the end: the last slide
    assert view.current_index() == 7


def test_black_and_white_screens_any_key_returns(window, qtbot, control):
    view = start(window, qtbot, control)
    press(qtbot, view, K.Key_B)
    assert (
        view.visible_text() == "" and pixel(view) == QColor("#000000") and pixel(view, 0.95, 0.95) == QColor("#000000")
    )
    press(qtbot, view, K.Key_Right)  # returns, and does not also advance
    assert view.visible_title() and view.current_index() == 0
    press(qtbot, view, K.Key_Period)
    assert pixel(view) == QColor("#000000")
    press(qtbot, view, K.Key_Period)
    press(qtbot, view, K.Key_W)
    assert pixel(view) == QColor("#FFFFFF") and pixel(view, 0.05, 0.05) == QColor("#FFFFFF")
    press(qtbot, view, K.Key_A)
    assert view.visible_title() and pixel(view, 0.01, 0.01) != QColor("#FFFFFF")


def test_zoom_into_the_quote_and_back(window, qtbot, control):
    view = start(window, qtbot, control)
    keys(qtbot, view, K.Key_2, K.Key_Return, K.Key_Space)
    normal = view.visible_text()
    press(qtbot, view, K.Key_Z)
    assert control.presentation.zoom
    assert view.visible_text().startswith("On February 21st, at a meeting with KGB Chairman")
    assert "Messenger" not in view.visible_text()
    press(qtbot, view, K.Key_Z)
    assert not control.presentation.zoom and view.visible_text() == normal
    press(qtbot, view, K.Key_Plus)
    assert control.presentation.zoom
    press(qtbot, view, K.Key_Plus)
    assert not control.presentation.zoom
    press(qtbot, view, K.Key_Home)
    press(qtbot, view, K.Key_Z)  # the title slide has no quote: nothing to zoom
    assert not control.presentation.zoom


def test_click_advances_right_click_goes_back(window, qtbot, control):
    view = start(window, qtbot, control)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert view.current_index() == 1
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(200, 200))
    assert (view.current_index(), view.step_index()) == (1, 1)
    qtbot.mouseClick(view, Qt.MouseButton.RightButton, pos=QPoint(200, 200))
    assert (view.current_index(), view.step_index()) == (1, 0)


def test_f_toggles_full_screen(window, qtbot, control):
    view = start(window, qtbot, control)
    press(qtbot, view, K.Key_F)
    qtbot.waitUntil(lambda: not view.isFullScreen())
    press(qtbot, view, K.Key_F)
    qtbot.waitUntil(view.isFullScreen)


def test_escape_returns_to_the_window_as_it_was(window, qtbot, control):
    window.tabs.setCurrentIndex(1)  # the comparison tab
    window.legend_dock.hide()
    panes = window.reader.article_ids()
    docks = {d.objectName(): d.isVisible() for d in (window.library_dock, window.legend_dock, window.timeline_dock)}
    geometry = window.geometry()
    bar = window.reader.panes[0].browser.verticalScrollBar() if window.reader.panes else None
    scroll = bar.value() if bar is not None else None
    view = start(window, qtbot, control)
    keys(qtbot, view, K.Key_Right, K.Key_Right, K.Key_B, K.Key_Space, K.Key_Z)
    press(qtbot, view, K.Key_Escape)
    qtbot.waitUntil(lambda: control.view is None)
    assert not view.isVisible()
    assert window.isVisible()
    assert window.tabs.currentIndex() == 1
    assert window.reader.article_ids() == panes
    assert {
        d.objectName(): d.isVisible() for d in (window.library_dock, window.legend_dock, window.timeline_dock)
    } == docks
    assert window.geometry() == geometry
    if bar is not None:
        assert bar.value() == scroll
    # and the lesson can be presented again, from the start
    view = start(window, qtbot, control)
    assert view.current_index() == 0


def test_presenter_view_shows_current_next_notes_and_clock(window, qtbot, control):
    view = start(window, qtbot, control)
    press(qtbot, view, K.Key_S)
    qtbot.waitUntil(lambda: control.presenter is not None and control.presenter.isVisible())
    presenter = control.presenter
    assert presenter.current.slide.title == view.visible_title()
    assert presenter.next_slide.slide.kind == "episode"  # the title slide has no build steps
    assert "NEXT · slide 2" in presenter.next_label.text()
    assert "Warm-up questions" in presenter.notes_text()
    assert presenter.position.text().startswith("Slide 1 of 8")
    assert presenter.clock.text() in ("00:00", "00:01", "00:02")
    control.presentation.clock.restart()
    # the presenter view drives the slides too
    press(qtbot, presenter, K.Key_Right)
    assert view.current_index() == 1
    assert "Vakulchik" in presenter.notes_text()
    assert "NEXT · build step 2 of 5" in presenter.next_label.text()
    assert "step 1 of 5" in presenter.position.text()
    press(qtbot, presenter, K.Key_B)
    assert "black screen" in presenter.position.text()
    press(qtbot, presenter, K.Key_B)
    # S again closes it; the slides were full screen all along
    press(qtbot, presenter, K.Key_S)
    qtbot.waitUntil(lambda: control.presenter is None)
    assert view.isFullScreen()
    press(qtbot, view, K.Key_S)
    qtbot.waitUntil(lambda: control.presenter is not None)
    press(qtbot, control.presenter, K.Key_Escape)  # Esc there ends the lesson
    qtbot.waitUntil(lambda: control.view is None and control.presenter is None)


def test_with_one_screen_the_presenter_view_floats_above_the_full_screen_slides(window, qtbot, control):
    """A laptop and no projector setup: slides full screen, the presenter view a window of its own."""
    assert len(QApplication.screens()) == 1
    view = start(window, qtbot, control)
    press(qtbot, view, K.Key_S)
    qtbot.waitUntil(lambda: control.presenter is not None and control.presenter.isVisible())
    presenter = control.presenter
    screen = view.screen().geometry()
    assert view.isFullScreen() and view.geometry() == screen
    # its own top-level window, not full screen, not maximised, smaller than the screen, kept above
    assert presenter.isWindow() and presenter.parentWidget() is None
    assert presenter.windowHandle() is not view.windowHandle()
    assert not presenter.isFullScreen() and not presenter.isMaximized()
    assert presenter.height() < screen.height() and presenter.width() <= screen.width()
    assert presenter.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert presenter.windowHandle().transientParent() is view.windowHandle()
    # the next slide is shown big enough to read
    assert presenter.next_slide.width() >= 480 and presenter.next_slide.height() >= 270
    # the teacher can move it
    presenter.move(screen.x() + 10, screen.y() + 20)
    qtbot.waitUntil(lambda: presenter.pos() == QPoint(screen.x() + 10, screen.y() + 20))
    assert view.isFullScreen()
    # the clicker's keys work from either window
    for key, expected in ((K.Key_PageDown, (1, 0)), (K.Key_Space, (1, 1)), (K.Key_Right, (1, 2))):
        press(qtbot, presenter, key)
        assert (view.current_index(), view.step_index()) == expected
    for key, expected in ((K.Key_PageUp, (1, 1)), (K.Key_Left, (1, 0))):
        press(qtbot, view, key)
        assert (presenter.current.slide.title, control.presentation.step) == (view.visible_title(), expected[1])
    press(qtbot, presenter, K.Key_B)
    assert pixel(view) == QColor("#000000") and "black screen" in presenter.position.text()
    press(qtbot, view, K.Key_B)  # any key brings the class back
    assert view.visible_title() == "Lukashenko meets Vakulchik"
    assert view.isFullScreen() and presenter.isVisible()
    press(qtbot, presenter, K.Key_Escape)  # Esc closes both
    qtbot.waitUntil(lambda: control.view is None and control.presenter is None)
    assert not view.isVisible() and not presenter.isVisible()
    assert window.isVisible()


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080), (3840, 2160)])
def test_floating_presenter_view_fits_the_screen_with_a_legible_preview(size):
    from PySide6.QtCore import QRect

    from desktop.ui.present.controller import floating_geometry

    area = QRect(0, 0, *size)
    where = floating_geometry(area)
    assert area.contains(where) and where.width() < area.width() and where.height() < area.height()
    assert where.width() >= 900 and where.height() >= 600


def test_elapsed_words():
    from desktop.ui.present.presenterview import elapsed_words

    assert elapsed_words(0) == "00:00"
    assert elapsed_words(61_500) == "01:01"
    assert elapsed_words(3_725_000) == "1:02:05"


def test_lesson_dialog_add_remove_reorder_notes_save_reopen(window, qtbot, control, monkeypatch, tmp_path):
    dialog = control.edit_lesson()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.slides.count() == 8
    dialog.title.setText("My lesson")
    # add: choose the comparison of the default episodes after the first slide
    dialog.slides.setCurrentRow(0)
    index = next(i for i in range(dialog.choices.count()) if dialog.choices.itemData(i)[0] == "motifs")
    dialog.choices.setCurrentIndex(index)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.slides.count() == 9 and dialog.slide_at(1).kind == "motifs"
    # named episodes are offered first, every episode after
    assert dialog.choices.itemText(0).startswith("★ ")
    assert any(dialog.choices.itemData(i)[1].startswith("2012-") for i in range(dialog.choices.count()))
    # remove
    dialog.slides.setCurrentRow(8)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.slides.count() == 8 and dialog.slide_at(7).kind == "comparison"
    # reorder with the buttons
    dialog.slides.setCurrentRow(3)
    moved = dialog.slide_at(3).ref
    qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.slide_at(2).ref == moved and dialog.slides.currentRow() == 2
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.down_button, Qt.MouseButton.LeftButton)
    assert dialog.slide_at(4).ref == moved
    # notes: Markdown with a preview
    dialog.slides.setCurrentRow(4)
    dialog.notes.setPlainText("**Ask** the class:\n\n1. Who wrote it?")
    assert "Ask" in dialog.preview.toPlainText() and "Who wrote it?" in dialog.preview.toPlainText()
    assert "<b>" not in dialog.preview.toPlainText()
    assert dialog.slides.item(4).text().endswith("✎")
    # save into the lessons folder, then reopen
    target = tmp_path / "mine.lesson"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert target.exists() and dialog.path == str(target)
    assert window.settings["lesson_file"] == str(target)
    saved, problems = load_lesson(target)
    assert problems == [] and saved.title == "My lesson" and len(saved.slides) == 8
    assert saved.slides[4].notes.startswith("**Ask** the class")
    dialog.set_lesson(Lesson("Other", [LessonSlide("title")]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.title.text() == "My lesson" and dialog.slides.count() == 8
    dialog.accept()
    assert control.lesson.title == "My lesson"
    view = start(window, qtbot, control)
    assert view.visible_title() == "My lesson"
    assert "Recurring motifs" in control.presentation.deck.slides[1].title


def test_lesson_dialog_drag_reorders(window, qtbot, control):
    dialog = control.edit_lesson()
    qtbot.waitUntil(dialog.isVisible)
    model = dialog.slides.model()
    first = dialog.slide_at(0)
    assert model.moveRow(model.index(0, 0).parent(), 0, model.index(0, 0).parent(), 3)  # what a drop does
    QApplication.processEvents()
    assert dialog.slide_at(2) is first
    assert dialog.slides.item(2).text().startswith("3. Title slide")
    dialog.reject()


def test_save_default_lesson_goes_to_the_lessons_folder(window, qtbot, control, monkeypatch):
    from desktop.core.files import paths

    asked = {}

    def ask(parent, title, start, filter_):
        asked["start"] = start
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    dialog = control.edit_lesson()
    assert dialog.save() == ""  # cancelled: nothing written
    assert Path(asked["start"]).parent == paths.lessons_dir()
    assert paths.lessons_dir().is_dir()
    dialog.reject()


def test_malformed_lesson_opens_with_messages_and_the_valid_part(window, qtbot, control, tmp_path):
    path = tmp_path / "broken.lesson"
    path.write_text(
        "title: Half broken\nslides:\n"
        "  - kind: episode\n    ref: mitchell-visit-2018\n"
        "  - kind: hologram\n"
        "  - kind: episode\n    ref: 2030-01-01-gone\n"
        "  - kind: episode\n    ref: makei-letter-2022\n",
        encoding="utf-8",
    )
    assert control.open_lesson(str(path))
    box = control.message_box
    assert box is not None and box.isVisible()
    assert "hologram" in box.text() and "2030-01-01-gone" in box.text()
    box.accept()
    assert window.settings["lesson_file"] == str(path)
    view = start(window, qtbot, control)
    titles = [s.title for s in control.presentation.deck.slides]
    assert titles == ["Mitchell visits Minsk; meets Lukashenko and Makei", "Makei writes to European leaders"]
    assert "2030-01-01-gone" in view.notice  # told again over the slides


def test_unreadable_lesson_is_refused_and_the_current_one_kept(window, qtbot, control, tmp_path):
    path = tmp_path / "photo.lesson"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    before = control.lesson
    assert not control.open_lesson(str(path))
    assert str(path) in control.message_box.text()
    control.message_box.accept()
    assert control.lesson is before and window.settings["lesson_file"] == ""


def test_a_remembered_lesson_is_used_next_time(window, qtbot, tmp_path):
    from desktop.ui.present.controller import PresentationController

    path = tmp_path / "short.lesson"
    save_lesson(Lesson("Short one", [LessonSlide("episode", "makei-un-2022")]), path)
    window.settings["lesson_file"] = str(path)
    ready(window, qtbot)
    control = PresentationController(window)
    assert control.lesson.title == "Short one"
    window.settings["lesson_file"] = str(tmp_path / "deleted.lesson")
    control = PresentationController(window)
    assert control.lesson.title.startswith("Belarus's overtures")
    assert "deleted.lesson" in control.problems[0]


def test_export_handout_from_the_window(window, qtbot, control, tmp_path):
    target = tmp_path / "handout.pdf"
    assert control.export_pdf(str(target)) == str(target)
    reader = PdfReader(str(target))
    assert len(reader.pages) == 8
    assert "Mitchell visits Minsk" in " ".join(reader.pages[2].extract_text().split())
    assert control.export_pdf(str(tmp_path / "no" / "such" / "x.pdf")) == ""
    assert "no/such" in control.message_box.text() or "such" in control.message_box.text()
    control.message_box.accept()
    assert not (tmp_path / "no").exists()


TWO_SCREENS = """
import json, sys, tempfile
from PySide6.QtCore import QTimer
from desktop.core.files import paths
paths.set_base_dir(tempfile.mkdtemp())
from desktop.ui.shell.app import build_main_window, create_application
from desktop.ui.present.controller import PresentationController
app = create_application()
window = build_main_window(app)
window.show()
window.first_view_painted()
control = PresentationController(window)
out = {}
def go():
    if window.workspace.episodes is None:
        QTimer.singleShot(50, go)
        return
    control.start()
    QTimer.singleShot(300, check)
def check():
    out["slides"] = [control.view.screen().name(), control.view.isFullScreen()]
    out["presenter"] = control.presenter.screen().name() if control.presenter else None
    control.toggle_presenter()
    out["after_s"] = [control.presenter is None, control.view.isFullScreen()]
    control.stop()
    print(json.dumps(out))
    app.quit()
QTimer.singleShot(100, go)
app.exec()
"""


def test_with_two_screens_slides_go_to_the_second_and_the_presenter_view_opens(tmp_path):
    """A projector plugged in: slides full screen there, the presenter view on the laptop."""
    import json
    import os
    import subprocess
    import sys

    config = tmp_path / "screens.json"
    screen = {"y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "Laptop", "x": 0, "width": 1600, "height": 900, **screen},
                    {"name": "Projector", "x": 1600, "width": 1920, "height": 1080, **screen},
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", TWO_SCREENS], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result == {"slides": ["Projector", True], "presenter": "Laptop", "after_s": [True, True]}
