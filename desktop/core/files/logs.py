"""The app's log: what was caught and carried on from, in a rotated file in the cache folder.

Broad ``except`` clauses are few and narrow; where the app recovers from a failure (a cache it
cannot read, an article whose analysis failed) it says so here, so a bug never turns silently
into wrong output. The file is ``overtures.log`` in the cache folder, 1 MB, three old copies.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

LOGGER_NAME = "overtures"
_handler: logging.Handler | None = None


def log() -> logging.Logger:
    """The app's logger (``overtures``); modules use ``log().warning(...)`` or children of it."""
    return logging.getLogger(LOGGER_NAME)


@contextlib.contextmanager
def suppressed_and_logged(what: str, *exceptions: type[BaseException]) -> Iterator[None]:
    """``contextlib.suppress`` that leaves a trace: what was caught is logged with its traceback
    (``what`` says what was being done). Default: any ``Exception`` (for clean-up after a
    failure already reported, where a second error must not hide the first)."""
    caught = exceptions or (Exception,)
    try:
        yield
    except caught:
        log().exception("%s failed (carried on)", what)


def log_file() -> Path:
    from desktop.core.files import paths

    return paths.cache_dir() / "overtures.log"


def start_logging(level: int = logging.INFO) -> Path | None:
    """Send the app's log to the rotated file (once per process); returns its path, or None if unwritable."""
    global _handler
    target = log_file()
    if _handler is not None and getattr(_handler, "baseFilename", None) == str(target):
        return target
    stop_logging()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(target, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = log()
    logger.addHandler(handler)
    logger.setLevel(level)
    _handler = handler
    return target


def stop_logging() -> None:
    global _handler
    if _handler is not None:
        log().removeHandler(_handler)
        _handler.close()
        _handler = None
