"""The presenter view: what the teacher sees while the class sees the slides.

The current slide as the class sees it, what "next" will show (the next build step or the
next slide), the notes of the slide (Markdown, rendered), the time since the lesson
started and where we are. With a second screen it fills the teacher's screen; with one
it is a window of its own above the full-screen slides, which the teacher can move.
Every key of the slide window works here too, so the teacher can drive the lesson from
either.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.core.present.slides import notes_html
from desktop.ui.present.presentation import Presentation, SlideCanvas

STYLE = """
#PresenterView { background: #17181B; }
#PresenterView QLabel { color: #E6E6E6; }
#PresenterView QLabel#Heading { color: #A0A4AA; font-weight: 600; letter-spacing: 1px; }
#PresenterView QLabel#Clock { color: #F4F4F2; font-weight: 700; }
#PresenterView QTextBrowser { background: #1E1F22; color: #ECECEC; border: 1px solid #34373D; border-radius: 6px; }
#PresenterView QPushButton { background: #2A2C31; color: #E6E6E6; border: 1px solid #3A3C40; border-radius: 5px;
    padding: 6px 14px; }
#PresenterView QPushButton:hover { background: #34373D; }
"""


#: The next-slide preview is never narrower than this (its body text stays readable).
PREVIEW_WIDTH = 480


def _preview_share(total: int, share: int) -> int:
    """The width of the next-slide preview: ``share`` of ``total``, at least :data:`PREVIEW_WIDTH`."""
    return min(max(share, PREVIEW_WIDTH), max(total - 200, PREVIEW_WIDTH))


def elapsed_words(msecs: int) -> str:
    seconds = max(0, msecs // 1000)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


class PresenterView(QWidget):
    """Current and next slide, notes, clock and position; keys drive the presentation."""

    leave_requested = Signal()
    presenter_requested = Signal()  # S: close this view
    fullscreen_requested = Signal()  # F: the slides' window, not this one
    closed = Signal()

    def __init__(self, presentation: Presentation, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.presentation = presentation
        self.setObjectName("PresenterView")
        self.setWindowTitle(f"Presenter view — {presentation.deck.title}")
        self.setStyleSheet(STYLE)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.resize(1200, 760)

        self.clock = QLabel(self)
        self.clock.setObjectName("Clock")
        self.clock.setToolTip("Time since the lesson started")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 2.2)
        self.clock.setFont(big)
        self.time_of_day = QLabel(self)
        self.position = QLabel(self)
        self.position.setObjectName("Position")
        mid = QFont(self.font())
        mid.setPointSizeF(mid.pointSizeF() * 1.4)
        self.position.setFont(mid)
        buttons = []
        for text, tip, slot in (
            ("◀ Previous", "Previous step or slide (Left, Page Up)", presentation.previous),
            ("Next ▶", "Next step or slide (Right, Page Down, Space)", presentation.next),
            ("Black screen", "Black the class's screen; any key returns (B)", lambda: presentation.set_blank("black")),
            ("Reset clock", "Start the clock again from zero", self.reset_clock),
            ("End", "Leave the presentation (Esc)", self.leave_requested.emit),
        ):
            button = QPushButton(text, self)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys keep driving the slides
            button.clicked.connect(slot)
            buttons.append(button)

        top = QHBoxLayout()
        top.addWidget(self.clock)
        top.addSpacing(16)
        top.addWidget(self.time_of_day)
        top.addSpacing(24)
        top.addWidget(self.position, 1)
        controls = QHBoxLayout()
        for button in buttons:
            controls.addWidget(button)
        controls.addStretch(1)

        self.current = SlideCanvas(self)
        self.next_slide = SlideCanvas(self)
        self.next_slide.setMinimumSize(PREVIEW_WIDTH, PREVIEW_WIDTH * 9 // 16)
        self.notes = QTextBrowser(self)
        self.notes.setObjectName("Notes")
        self.notes.setOpenExternalLinks(True)
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        notes_font = QFont(self.font())
        notes_font.setPointSizeF(notes_font.pointSizeF() * 1.35)
        self.notes.setFont(notes_font)
        self.current_label = self._heading("NOW SHOWING")
        self.next_label = self._heading("NEXT")

        left = QWidget(self)
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.current_label)
        box.addWidget(self.current, 1)
        upcoming = QWidget(self)
        up_box = QVBoxLayout(upcoming)
        up_box.setContentsMargins(0, 0, 0, 0)
        up_box.addWidget(self.next_label)
        up_box.addWidget(self.next_slide, 1)
        notes = QWidget(self)
        notes_box = QVBoxLayout(notes)
        notes_box.setContentsMargins(0, 0, 0, 0)
        notes_box.addWidget(self._heading("NOTES"))
        notes_box.addWidget(self.notes, 1)
        # Wide (a screen of its own): current | next over notes. Narrow (beside the slides):
        # current over next | notes. resizeEvent turns the splitters.
        self.side = QSplitter(Qt.Orientation.Vertical, self)
        self.side.addWidget(upcoming)
        self.side.addWidget(notes)
        self.side.setChildrenCollapsible(False)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(left)
        self.split.addWidget(self.side)
        self.split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.addLayout(top)
        layout.addLayout(controls)
        layout.addWidget(self.split, 1)

        self.timer = QTimer(self, interval=1000, timeout=self.tick)
        self.timer.start()
        presentation.changed.connect(self.refresh)
        self.refresh()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        wide = self.width() >= self.height() * 1.2
        outer = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.split.orientation() != outer or not self.split.property("laid_out"):
            self.split.setProperty("laid_out", True)
            self.split.setOrientation(outer)
            self.side.setOrientation(Qt.Orientation.Vertical if wide else Qt.Orientation.Horizontal)
            width, height = self.split.width() or self.width(), self.split.height() or self.height()
            if wide:
                upcoming = _preview_share(width, width * 2 // 5)
                self.split.setSizes([width - upcoming, upcoming])
                shown = upcoming * 9 // 16 + self.next_label.sizeHint().height() + 8
                self.side.setSizes([shown, max(height - shown, height // 3)])
            else:
                self.split.setSizes([height * 2 // 5, height * 3 // 5])
                upcoming = _preview_share(width, width // 2)
                self.side.setSizes([upcoming, width - upcoming])

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("Heading")
        return label

    # -- state shown
    def refresh(self) -> None:
        pres = self.presentation
        slide = pres.slide()
        total = len(pres.deck.slides)
        self.current.show_slide(slide, pres.step)
        index, step = pres.preview()
        upcoming = pres.slide(index)
        if upcoming is None:
            self.next_label.setText("NEXT")
            self.next_slide.show_slide(None, 0, "End of the lesson")
        else:
            what = f"build step {step + 1} of {len(upcoming.steps)}" if index == pres.index else f"slide {index + 1}"
            self.next_label.setText(f"NEXT · {what}")
            self.next_slide.show_slide(upcoming, step)
        notes = slide.notes if slide is not None else ""
        self.notes.setHtml(notes_html(notes) if notes.strip() else "<p><i>No notes for this slide.</i></p>")
        parts = [f"Slide {pres.index + 1} of {total}"] if slide is not None else ["No slide"]
        if slide is not None and len(slide.steps) > 1:
            parts.append(f"step {pres.step + 1} of {len(slide.steps)}")
        if pres.blank:
            parts.append(f"class sees a {pres.blank} screen")
        if pres.zoom:
            parts.append("quote zoomed")
        if pres.typed is not None:
            parts.append(f"go to: {pres.typed}▏")
        self.position.setText(" · ".join(parts))
        self.current_label.setText("NOW SHOWING" + (f" (screen {pres.blank})" if pres.blank else ""))
        self.tick()

    def tick(self) -> None:
        self.clock.setText(elapsed_words(self.presentation.clock.elapsed()))
        self.time_of_day.setText(dt.datetime.now().strftime("%H:%M"))

    def reset_clock(self) -> None:
        self.presentation.clock.restart()
        self.tick()

    def notes_text(self) -> str:
        return self.notes.toPlainText()

    # -- keys: the same as the slides' window
    def keyPressEvent(self, event) -> None:
        action = self.presentation.key(event.key(), event.text())
        if action == "leave":
            self.leave_requested.emit()
        elif action == "presenter":
            self.presenter_requested.emit()
        elif action == "fullscreen":
            self.fullscreen_requested.emit()
        elif not action:
            super().keyPressEvent(event)

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.closed.emit()
        super().closeEvent(event)
