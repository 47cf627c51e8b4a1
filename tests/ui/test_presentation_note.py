"""A reader's note on an episode, on its slide in the classroom presentation (issue 13)."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.core.present.slides import NOTE
from desktop.ui.present import readernote
from desktop.ui.present.canvas import SCHEMES, H, W

from .conftest import press
from .test_notes_ui import answer_note
from .test_presentation import ready

K = Qt.Key
BODY = "Ask the class: why did the **visit** come *now*, after ten years?\n\n- compare 2013\n- compare 2022"


def _pixel(view, x: float, y: float) -> QColor:
    """The colour the audience sees at canvas point (x, y) of the 1920 × 1080 slide."""
    image = view.grab().toImage()
    scale = min(image.width() / W, image.height() / H)
    left, top = (image.width() - W * scale) / 2, (image.height() - H * scale) / 2
    return QColor(image.pixel(int(left + x * scale), int(top + y * scale)))


def test_a_note_on_an_episode_is_shown_large_on_its_slide(window, qtbot, monkeypatch, tmp_path):
    ready(window, qtbot)
    episode = next(e for e in window.workspace.episodes.episodes if e.title.startswith("Mitchell visits Minsk"))
    answer_note(monkeypatch, BODY)
    window.episodes.note_requested.emit(episode.id)  # the sidebar's "Add Note…"
    assert [n.body for n in window.notes_control.notes()] == [BODY]

    control = window.presentation_control
    window.actions["present.start"].trigger()
    qtbot.waitUntil(lambda: control.view is not None and control.view.isVisible())
    view = control.view
    for key in (K.Key_3, K.Key_Return):
        press(qtbot, view, key)
    slide = control.presentation.slide()
    assert slide.title.startswith("Mitchell visits Minsk") and slide.steps[-1] == NOTE
    panel = readernote.layout(slide.reader_note)
    ground = QColor(SCHEMES["dark"].panel)
    inside = (panel.rect.left() + 60, panel.rect.top() + 6)
    for _ in range(slide.last_step() - 1):
        press(qtbot, view, K.Key_Space)
    assert "why did the visit come now" not in view.visible_text()
    assert _pixel(view, *inside) != ground  # not there before its step
    press(qtbot, view, K.Key_Space)
    assert view.step_index() == slide.last_step()
    assert "Note: Ask the class: why did the visit come now, after ten years? / • compare 2013" in view.visible_text()
    assert _pixel(view, *inside) == ground  # the note's panel, in the slide's own colours
    # large: read from the back row, and nothing of it cut
    assert panel.doc.defaultFont().pixelSize() >= readernote.SMALLEST and panel.text == slide.reader_note
    assert panel.rect.bottom() <= H - 40 and panel.rect.top() >= 905 - readernote.TALLEST
    press(qtbot, view, K.Key_Escape)
    qtbot.waitUntil(lambda: control.view is None)

    target = tmp_path / "handout.pdf"  # the handout's slide has it too (fully built)
    assert control.export_pdf(str(target)) == str(target)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(str(target)).pages]
    page = next(p for p in pages if "Mitchell visits Minsk" in p)
    assert "after ten years" in page and not any("after ten years" in p for p in pages if p != page)


def test_a_long_note_is_cut_at_a_word_and_keeps_its_size():
    long = " ".join(["The envoy's words matter more than the venue here."] * 40)
    panel = readernote.layout(long)
    assert panel.text.endswith("…") and long.startswith(panel.text.removesuffix("…"))
    assert panel.rect.height() <= readernote.TALLEST
    assert panel.doc.defaultFont().pixelSize() == readernote.SMALLEST
    short = readernote.layout("Why now?")
    assert short.doc.defaultFont().pixelSize() == readernote.LARGEST and short.rect.height() < panel.rect.height()
