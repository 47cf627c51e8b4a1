"""Writing the comparison PDF without freezing the window, with progress and cancel.

The handout's HTML is made on a worker thread (pure Python, :func:`comparison_handout`); the
layout and the painting need Qt GUI objects, so they stay on the UI thread, one page per turn
of the event loop (a zero-time QTimer), so the window repaints and Cancel is heard between
pages. The file is written to a temporary file beside the target and renamed over it at the
end (:func:`~desktop.core.files.fileio.atomic_path`): a cancelled or failed export removes the
temporary file and leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.files.fileio import atomic_path
from desktop.core.files.logs import log, suppressed_and_logged
from desktop.ui.compare.pdf import Handout, HandoutPainter
from desktop.ui.shell.tasks import TaskRunner

_log = log().getChild(__name__)


class ExportCancelled(Exception):
    """Raised into the temporary file's context so that it removes the file."""


class PdfExport(QObject):
    """One export: ``start``, then exactly one of ``finished``, ``failed`` or ``cancelled``."""

    progressed = Signal(int, int, str)  # step done, of steps, what is being done
    finished = Signal(int)  # pages written
    failed = Signal(str)  # why nothing was written
    cancelled = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        path: str | Path,
        prepare: Callable[[], Handout],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._runner = runner
        self._prepare = prepare
        self._done = False
        self._stack: contextlib.ExitStack | None = None
        self._painter: HandoutPainter | None = None
        self._next = 0

    def start(self) -> None:
        self.progressed.emit(0, 0, "Preparing the handout…")
        self._runner.run(self._prepare_safely, self._prepared, self._fail)

    def cancel(self) -> None:
        """Stop now: a handout still being prepared is dropped when it arrives; nothing is left behind."""
        if not self._done:
            self._unwind(ExportCancelled())
            self._end(self.cancelled.emit)

    def is_done(self) -> bool:
        return self._done

    # -- steps
    def _prepare_safely(self) -> Handout | ValueError:
        try:
            return self._prepare()
        except ValueError as exc:  # unknown episodes, wrong number, paper size: a message, not a bug
            return exc

    def _prepared(self, handout: Handout | ValueError) -> None:
        if self._done:
            return
        if isinstance(handout, ValueError):
            self._fail(str(handout))
            return
        self._stack = contextlib.ExitStack()
        try:
            tmp = self._stack.enter_context(atomic_path(self.path))
            self._painter = HandoutPainter(tmp, handout, self.path)
        except OSError as exc:
            self._unwind(exc)
            self._fail(str(exc))
            return
        self.progressed.emit(0, self._painter.pages, "Laid out")
        QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        painter = self._painter
        if self._done or painter is None:
            return
        try:
            if self._next < painter.pages:
                painter.paint_page(self._next)
                self._next += 1
                self.progressed.emit(self._next, painter.pages, f"Page {self._next} of {painter.pages}")
                QTimer.singleShot(0, self._step)
                return
            painter.close()
            self._painter = None
            stack, self._stack = self._stack, None
            assert stack is not None
            stack.close()  # renames the temporary file over the target
        except OSError as exc:
            self._unwind(exc)
            self._fail(str(exc))
            return
        except Exception as exc:  # a bug in painting: logged, reported, nothing left behind
            _log.exception("the PDF export failed")
            self._unwind(exc)
            self._fail(f"cannot write {self.path}: {exc}")
            return
        self._end(lambda: self.finished.emit(painter.pages))

    # -- ending
    def _unwind(self, exc: BaseException) -> None:
        """Close the PDF and remove the temporary file (``exc`` is why)."""
        if self._painter is not None:
            with suppressed_and_logged("closing the PDF after a failed or cancelled export"):
                self._painter.close()
            self._painter = None
        stack, self._stack = self._stack, None
        if stack is not None:
            with suppressed_and_logged("removing the temporary PDF"):
                stack.__exit__(type(exc), exc, exc.__traceback__ or sys.exc_info()[2])

    def _fail(self, message: str) -> None:
        if not self._done:
            self._end(lambda: self.failed.emit(message))

    def _end(self, emit: Callable[[], None]) -> None:
        self._done = True
        emit()
