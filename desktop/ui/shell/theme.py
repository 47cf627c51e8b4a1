"""Light and dark themes: a Fusion palette plus ``resources/styles/app.qss``.

The theme setting is ``system`` (follow the desktop's colour scheme), ``light`` or
``dark``. :class:`ThemeManager` applies it and tells views when the effective theme
changes, so rich text (reader, comparison) can re-render with the matching CSS.

The style sheet is the same for both themes and is set once: its colours are roles of the
application's palette (``palette(base)``, see the head of ``app.qss``), so a theme is a palette.
Qt resolves a style sheet's palette roles when it polishes a widget, so a toggle sets the
palette and polishes the widgets again (:func:`repolish`): no new style sheet, no
``StyleChange`` — the item views keep their layout and never measure their rows again.
"""

from __future__ import annotations

from functools import cache
from string import Template

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from desktop.core.annotate import palette
from desktop.core.files import paths

#: Chrome colours of each theme (annotation colours live in desktop.core.annotate.palette).
CHROME = {
    "light": {
        "window": "#F3F2EF",
        "base": "#FFFFFF",
        "panel": "#FAF9F7",
        "text": "#1D1D1F",
        "muted": "#5F6368",
        "border": "#D9D6D0",
        "accent": "#2F5D9A",
        "accent_text": "#FFFFFF",
        "hover": "#E9E6E0",
        "selection": "#CFE0F5",
        "selection_text": "#10233F",
        "banner": "#FDF0D0",
        "banner_text": "#5C3D00",
        "error": "#B3261E",
    },
    "dark": {
        "window": "#18191B",
        "base": "#1E1F22",
        "panel": "#232427",
        "text": "#E6E6E6",
        "muted": "#A0A4AA",
        "border": "#3A3C40",
        "accent": "#8DB4E8",
        "accent_text": "#0E1726",
        "hover": "#2C2E32",
        "selection": "#2E4A70",
        "selection_text": "#F0F4FA",
        "banner": "#3B3220",
        "banner_text": "#F3DFAE",
        "error": "#F2B8B5",
    },
}
THEMES = ("system", "light", "dark")


def system_theme() -> str:
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hints is not None else Qt.ColorScheme.Unknown
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def _palette(theme: str) -> QPalette:
    c = {k: QColor(v) for k, v in CHROME[theme].items()}
    pal = QPalette()
    role = QPalette.ColorRole
    pal.setColor(role.Window, c["window"])
    pal.setColor(role.WindowText, c["text"])
    pal.setColor(role.Base, c["base"])
    pal.setColor(role.AlternateBase, c["panel"])
    pal.setColor(role.Text, c["text"])
    pal.setColor(role.Button, c["panel"])
    pal.setColor(role.ButtonText, c["text"])
    pal.setColor(role.PlaceholderText, c["muted"])
    pal.setColor(role.Highlight, c["selection"])
    pal.setColor(role.HighlightedText, c["selection_text"])
    pal.setColor(role.Link, c["accent"])
    pal.setColor(role.Mid, c["border"])
    pal.setColor(role.Dark, c["border"])
    # roles Fusion does not draw with, carrying the style sheet's other chrome colours
    match = palette.mark("match", theme)  # a find hit in the text: a tone no side wears
    for name, colour in (
        (role.Midlight, c["hover"]),
        (role.BrightText, c["accent_text"]),
        (role.ToolTipBase, c["banner"]),
        (role.ToolTipText, c["banner_text"]),
        (role.Accent, QColor(match.fill)),
        (role.LinkVisited, QColor(match.ink)),
    ):
        pal.setColor(name, colour)
    for group_role in (role.Text, role.WindowText, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, group_role, c["muted"])
    return pal


@cache
def style_sheet(_theme: str = "") -> str:
    """The application's style sheet: one for both themes (its colours are palette roles)."""
    template = Template(paths.resource("styles", "app.qss").read_text(encoding="utf-8"))
    return template.safe_substitute(error_light=CHROME["light"]["error"], error_dark=CHROME["dark"]["error"])


def repolish(widgets: list[QWidget]) -> None:
    """Resolve the style sheet's palette roles again: unpolish every widget, then polish them,
    parents before their children (a child's colours may come from its parent's)."""
    for top in widgets:
        style = top.style()
        family = [top, *top.findChildren(QWidget)]
        for widget in family:
            style.unpolish(widget)
        for widget in family:
            style.polish(widget)
            widget.update()


#: Object names of the widgets styled by a rule on the window's ``theme`` property (app.qss).
BY_THEME_PROPERTY = ("FindBar",)


def _windows(app: QApplication) -> list[QWidget]:
    return [w for w in app.topLevelWidgets() if w.parentWidget() is None]


def apply_theme(app: QApplication, theme: str) -> None:
    """Draw the application in ``theme``: its palette (and the tooltips'), the theme property of
    every window, and the widgets polished again. The style sheet is set the first time only."""
    pal = _palette(theme)
    app.setPalette(pal)
    QToolTip.setPalette(pal)
    windows = _windows(app)
    for window in windows:
        window.setProperty("theme", theme)
    if app.styleSheet() != style_sheet():
        app.setStyleSheet(style_sheet())  # polishes every widget
        return
    repolish(windows)


def mark_new_windows(app: QApplication, theme: str) -> None:
    """Give windows made after the theme was applied its ``theme`` property, and polish again the
    few widgets a rule on it styles (the rest took the palette when they were polished)."""
    for window in _windows(app):
        if window.property("theme") != theme:
            window.setProperty("theme", theme)
            repolish([w for name in BY_THEME_PROPERTY for w in window.findChildren(QWidget, name)])


def current_theme() -> str:
    """The theme the application is drawn in, read from its palette: "light" or "dark"."""
    return "dark" if QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128 else "light"


#: The events after which a widget that draws in the theme's colours looks again.
THEME_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange)


class ThemeManager(QObject):
    """Applies the theme setting and follows the system while it is ``system``."""

    changed = Signal(str)  # the effective theme: "light" or "dark"

    def __init__(self, app: QApplication, setting: str = "system") -> None:
        super().__init__(app)
        self._app = app
        self._setting = setting if setting in THEMES else "system"
        self._effective = ""
        app.setStyle("Fusion")
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._on_system_change)
        self.apply()

    @property
    def setting(self) -> str:
        return self._setting

    @property
    def effective(self) -> str:
        return self._effective

    def set_setting(self, setting: str) -> None:
        self._setting = setting if setting in THEMES else "system"
        self.apply()

    def apply(self) -> None:
        theme = system_theme() if self._setting == "system" else self._setting
        if theme == self._effective:
            return
        self._effective = theme
        apply_theme(self._app, theme)
        # the main window is made after this manager: it takes the property once the loop runs
        QTimer.singleShot(0, self, lambda: mark_new_windows(self._app, self._effective))
        self.changed.emit(theme)

    def _on_system_change(self, _scheme: Qt.ColorScheme) -> None:
        if self._setting == "system":
            self.apply()
