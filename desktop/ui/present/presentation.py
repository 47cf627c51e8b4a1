"""Classroom mode: slides painted full screen, driven by the keys presenters and clickers send.

:class:`~desktop.ui.present.painter.SlidePainter` paints a slide at a build step (on the
1920 × 1080 canvas of :mod:`~desktop.ui.present.canvas`, body text 28 px or more at 1080
lines). :class:`Presentation` holds where the class is (slide, step, black or white
screen, zoom); :class:`SlideView` is the full-screen window and its keys:

* next: Right, Down, Page Down, Space, Enter, N, a click, the wheel down;
* previous: Left, Up, Page Up, Backspace, P, a right click, the wheel up;
* Home / End; a slide number then Enter (or G, the number, Enter) jumps;
* B or . blacks the screen, W or , whitens it (any key returns); F toggles full screen;
* Z, + or = zooms into the quote and back; S opens the presenter view; Esc leaves.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from desktop.core.present.slides import Deck, Slide
from desktop.ui.present.canvas import WRAP, H, font
from desktop.ui.present.painter import SlidePainter

# Keys shared by the slide window and the presenter view.
NEXT = frozenset({Qt.Key.Key_Right, Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_N})
PREVIOUS = frozenset({Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_PageUp, Qt.Key.Key_Backspace, Qt.Key.Key_P})
ENTER = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


# ====================================================================== state


class Presentation(QObject):
    """Where the class is: slide, build step, blank screen, zoom, a slide number being typed."""

    changed = Signal()

    def __init__(self, deck: Deck, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.deck = deck
        self.index = 0
        self.step = 0
        self.blank = ""  # "" | "black" | "white"
        self.zoom = False
        self.typed: str | None = None  # digits of a jump; "" after G
        self.clock = QElapsedTimer()
        self.clock.start()

    def slide(self, index: int | None = None) -> Slide | None:
        index = self.index if index is None else index
        return self.deck.slides[index] if 0 <= index < len(self.deck.slides) else None

    def _set(self, index: int, step: int) -> None:
        if not self.deck.slides:
            return
        index = max(0, min(index, len(self.deck.slides) - 1))
        self.index, self.step, self.zoom = index, max(0, min(step, self.deck.slides[index].last_step())), False
        self.changed.emit()

    def next(self) -> None:
        slide = self.slide()
        if slide is not None and self.step < slide.last_step():
            self.step += 1
            self.changed.emit()
        elif self.index < len(self.deck.slides) - 1:
            self._set(self.index + 1, 0)

    def previous(self) -> None:
        if self.step > 0:
            self.step -= 1
            self.changed.emit()
        elif self.index > 0:
            self._set(self.index - 1, self.deck.slides[self.index - 1].last_step())

    def first(self) -> None:
        self._set(0, 0)

    def last(self) -> None:
        self._set(len(self.deck.slides) - 1, 0)

    def go(self, number: int) -> None:
        """Jump to slide ``number`` (1-based), unbuilt."""
        self._set(number - 1, 0)

    def set_blank(self, kind: str) -> None:
        self.blank = "" if self.blank == kind else kind
        self.changed.emit()

    def toggle_zoom(self) -> None:
        slide = self.slide()
        self.zoom = not self.zoom and slide is not None and bool(slide.quotes)
        self.changed.emit()

    def preview(self) -> tuple[int, int]:
        """(index, step) that "next" would show, for the presenter view."""
        slide = self.slide()
        if slide is not None and self.step < slide.last_step():
            return self.index, self.step + 1
        return self.index + 1, 0

    def key(self, key: int, text: str = "") -> str:
        """Act on a key; return what the window must do itself ("leave", "fullscreen",
        "presenter"), "done" when handled here, or "" for a key that means nothing."""
        key = Qt.Key(key)
        if self.blank:  # any key brings the class back
            self.blank = ""
            self.changed.emit()
            return "done"
        if self.typed is not None:
            return self._typing(key, text)
        if text.isdigit():
            self.typed = text
        elif key in KEY_ACTIONS:
            KEY_ACTIONS[key](self)
        else:
            return WINDOW_KEYS.get(key, "")
        self.changed.emit()
        return "done"

    def _typing(self, key: Qt.Key, text: str) -> str:
        """A key while a slide number is being typed: digits, Backspace, Enter jumps, Esc gives up."""
        if text.isdigit():
            self.typed += text
        elif key == Qt.Key.Key_Backspace:
            self.typed = self.typed[:-1] if self.typed else None
        elif key in ENTER:
            typed, self.typed = self.typed, None
            if typed:
                self.go(int(typed))
        elif key == Qt.Key.Key_Escape:
            self.typed = None
        else:
            self.typed = None
            return self.key(key, text)
        self.changed.emit()
        return "done"

    def _start_jump(self) -> None:
        self.typed = ""

    def _unzoom(self) -> None:
        if self.zoom:
            self.toggle_zoom()


#: The keys a presentation acts on itself (the digits of a jump aside).
KEY_ACTIONS: dict[Qt.Key, Callable[[Presentation], None]] = {
    **dict.fromkeys(NEXT | ENTER, Presentation.next),
    **dict.fromkeys(PREVIOUS, Presentation.previous),
    Qt.Key.Key_G: Presentation._start_jump,
    Qt.Key.Key_Home: Presentation.first,
    Qt.Key.Key_End: Presentation.last,
    **dict.fromkeys((Qt.Key.Key_B, Qt.Key.Key_Period), lambda p: p.set_blank("black")),
    **dict.fromkeys((Qt.Key.Key_W, Qt.Key.Key_Comma), lambda p: p.set_blank("white")),
    **dict.fromkeys((Qt.Key.Key_Z, Qt.Key.Key_Plus, Qt.Key.Key_Equal), Presentation.toggle_zoom),
    Qt.Key.Key_Minus: Presentation._unzoom,
}
#: The keys the window acts on: what :meth:`Presentation.key` returns for them.
WINDOW_KEYS = {Qt.Key.Key_F: "fullscreen", Qt.Key.Key_S: "presenter", Qt.Key.Key_Escape: "leave"}


# ====================================================================== widgets


class SlideCanvas(QWidget):
    """Paints one slide at one step (the presenter view's current and next previews)."""

    def __init__(self, parent: QWidget | None = None, theme: str = "dark") -> None:
        super().__init__(parent)
        self.painter = SlidePainter(theme)
        self.slide: Slide | None = None
        self.step = 0
        self.caption = ""
        self.setMinimumSize(192, 108)

    def show_slide(self, slide: Slide | None, step: int, caption: str = "") -> None:
        self.slide, self.step, self.caption = slide, step, caption
        self.update()

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        if self.slide is None:
            p.setPen(QColor("#B4B8BF"))
            p.setFont(font(max(12, self.height() / 12)))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.caption or "End of the lesson")
        else:
            self.painter.paint(p, QRectF(self.rect()), self.slide, self.step)
        p.end()


class SlideView(QWidget):
    """The audience's window: the current slide full screen, the keys, the clicks."""

    leave_requested = Signal()
    presenter_requested = Signal()

    def __init__(self, presentation: Presentation, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.presentation = presentation
        self.painter = SlidePainter("dark")
        self.setObjectName("SlideView")
        self.setWindowTitle(f"{presentation.deck.title} — Overtures")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(640, 360)
        self.notice = ""
        self._notice_timer = QTimer(self, singleShot=True, interval=8000, timeout=self._clear_notice)
        self._cursor_timer = QTimer(self, singleShot=True, interval=2500, timeout=self._hide_cursor)
        presentation.changed.connect(self.update)

    # -- for tests and the presenter view
    def current_index(self) -> int:
        return self.presentation.index

    def step_index(self) -> int:
        return self.presentation.step

    def visible_title(self) -> str:
        slide = self.presentation.slide()
        return "" if slide is None or self.presentation.blank else slide.title

    def visible_text(self) -> str:
        slide = self.presentation.slide()
        if slide is None or self.presentation.blank:
            return ""
        if self.presentation.zoom:
            return "\n".join(f"{q.text} — {q.source}" for q in slide.quotes)
        return slide.plain_text(self.presentation.step)

    def show_notice(self, text: str) -> None:
        """A short message over the slides (what a lesson file left out), fading after a while."""
        self.notice = text
        self._notice_timer.start()
        self.update()

    def _clear_notice(self) -> None:
        self.notice = ""
        self.update()

    def toggle_full_screen(self) -> None:
        self.showNormal() if self.isFullScreen() else self.showFullScreen()

    # -- events
    def keyPressEvent(self, event) -> None:
        action = self.presentation.key(event.key(), event.text())
        if action == "leave":
            self.leave_requested.emit()
        elif action == "fullscreen":
            self.toggle_full_screen()
        elif action == "presenter":
            self.presenter_requested.emit()
        elif not action:
            super().keyPressEvent(event)

    def mousePressEvent(self, event) -> None:
        p = self.presentation
        if p.blank:
            p.key(Qt.Key.Key_Space)
        elif event.button() == Qt.MouseButton.LeftButton:
            p.next()
        elif event.button() == Qt.MouseButton.RightButton:
            p.previous()

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta().y()
        if delta:
            self.presentation.next() if delta < 0 else self.presentation.previous()

    def mouseMoveEvent(self, event) -> None:
        self.unsetCursor()
        self._cursor_timer.start()

    def _hide_cursor(self) -> None:
        if self.isFullScreen():
            self.setCursor(Qt.CursorShape.BlankCursor)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        pres = self.presentation
        if pres.blank:
            p.fillRect(self.rect(), QColor("#000000" if pres.blank == "black" else "#FFFFFF"))
            p.end()
            return
        slide = pres.slide()
        self.painter.paint(p, QRectF(self.rect()), slide, pres.step, pres.index + 1, len(pres.deck.slides), pres.zoom)
        if slide is None:
            p.setPen(QColor("#B4B8BF"))
            p.setFont(font(self.height() / 24))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "This lesson has no slide to show")
        overlay = f"Go to slide: {pres.typed}▏" if pres.typed is not None else self.notice
        if overlay:
            scale = self.height() / H
            f = font(26 * scale)
            p.setFont(f)
            box = p.boundingRect(QRectF(0, 0, self.width() * 0.8, self.height()), WRAP, overlay)
            box = QRectF(24 * scale, 24 * scale, box.width() + 40 * scale, box.height() + 24 * scale)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(0, 0, 0, 210))
            p.drawRoundedRect(box, 10 * scale, 10 * scale)
            p.setPen(QColor("#F4F4F2"))
            p.drawText(box.adjusted(20 * scale, 12 * scale, -20 * scale, -12 * scale), WRAP, overlay)
        p.end()
