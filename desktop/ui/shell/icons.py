"""Icons from ``resources/icons``: line drawings, recoloured for the dark theme.

Icons are loaded from SVG files by Qt's SVG icon engine (drawn at whatever size is needed,
when needed); the dark theme's copies are written once to the cache folder. Nothing here
imports the QtSvg Python module, which would cost start-up time.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from desktop.core.files import paths

_STROKE = "#2B2B2B"  # the colour the SVG files are drawn in
_THEME_STROKE = {"light": "#2B2B2B", "dark": "#E3E3E3"}


def _themed_file(name: str, theme: str) -> Path | None:
    source = paths.resource("icons", f"{name}.svg")
    if not source.exists():
        return None
    ink = _THEME_STROKE.get(theme, _STROKE)
    if ink == _STROKE:
        return source
    target = paths.cache_dir() / "icons" / theme / f"{name}.svg"
    try:
        if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
            from desktop.core.files.fileio import write_text_atomic

            target.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(target, source.read_text(encoding="utf-8").replace(_STROKE, ink))
    except OSError:
        return source  # no cache folder: dark ink is a nicety, the icon still shows
    return target


@cache
def icon(name: str, theme: str = "light") -> QIcon:
    """The icon ``name`` drawn in the theme's ink colour (an empty icon if it is missing)."""
    path = _themed_file(name, theme)
    return QIcon(str(path)) if path is not None else QIcon()


@cache
def app_icon() -> QIcon:
    return QIcon(str(paths.resource("icons", "overtures.svg")))
