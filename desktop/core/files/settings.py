"""User settings: one JSON file under the platformdirs config directory.

Every setting is declared once in :data:`DEFAULTS` with its type; a missing, corrupt or
partly wrong file falls back to the defaults for the values it cannot use, and says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.files import paths, schema
from desktop.core.files.fileio import keep_broken, keep_copy, write_text_atomic

SETTINGS_FILE = "settings.json"

#: name -> default value; the default's type is the setting's type.
DEFAULTS: dict[str, Any] = {
    "theme": "system",  # system | light | dark
    "zoom": 0,  # font size steps added to the reader's base size (-6 … +12)
    "sync_scroll": True,
    "open_panes": [],  # article ids, left to right; [] on first start
    "current_pane": 0,
    "window_geometry": "",  # base64 of QWidget.saveGeometry()
    "window_state": "",  # base64 of QMainWindow.saveState()
    "side_labels": False,  # print a side code after each actor (reading without colour)
    "hidden_sides": [],  # sides switched off in the legend
    "hidden_kinds": [],
    "selected_episode": "",
    "compare_episodes": [],
    "paper": "a4",
    "last_export_dir": "",
    "lesson_file": "",
    "first_start_done": False,
    "toolbar_text": "beside",  # icons | beside | under
}

THEMES = ("system", "light", "dark")
TOOLBAR_TEXTS = ("icons", "beside", "under")


@dataclass
class Settings:
    """The settings in memory, loaded from and saved to ``path``."""

    path: Path
    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    problem: str = ""  # why (part of) the file was not used, for the status bar
    keep_on_save: bool = False  # part of the file was not used: a copy is kept before it is saved over

    def __getitem__(self, name: str) -> Any:
        return self.values.get(name, DEFAULTS[name])

    def __setitem__(self, name: str, value: Any) -> None:
        if name not in DEFAULTS:
            raise KeyError(f"unknown setting {name!r}")
        self.values[name] = value

    def save(self) -> None:
        """Write the file atomically; raise OSError with the reason if it cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.keep_on_save and self.path.is_file():  # the values it ignored stay in the copy
            keep_copy(self.path)
        self.keep_on_save = False
        write_text_atomic(self.path, json.dumps(self.values, indent=2, sort_keys=True) + "\n")


def _shape(default: Any) -> Any:
    """The schema type of a setting, from its default."""
    if isinstance(default, list):
        return list[str]
    return type(default)


def _coerce(name: str, value: Any) -> tuple[Any, bool]:
    """The value checked by the schema layer; a value of the wrong shape gives the default."""
    default = DEFAULTS[name]
    if isinstance(value, list) != isinstance(default, list):
        return (list(default) if isinstance(default, list) else default), False  # no list of one here
    try:
        return schema.load(_shape(default), value, where=name), True
    except schema.SchemaError:
        return (list(default) if isinstance(default, list) else default), False


def _kept(path: Path) -> str:
    kept = keep_broken(path)
    return f"; the file was kept as {kept.name}" if kept else ""


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings file; never raise — unusable parts fall back to defaults."""
    path = path or paths.config_dir() / SETTINGS_FILE
    settings = Settings(path)
    if not path.exists():
        return settings
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        settings.problem = f"settings file {path} could not be read ({exc}); using defaults" + _kept(path)
        return settings
    if not isinstance(data, dict):
        settings.problem = f"settings file {path} is not a JSON object; using defaults" + _kept(path)
        return settings
    bad = []
    for name, value in data.items():
        if name not in DEFAULTS:
            continue
        coerced, ok = _coerce(name, value)
        settings.values[name] = coerced
        if not ok:
            bad.append(name)
    if settings["theme"] not in THEMES:
        settings.values["theme"] = DEFAULTS["theme"]
        bad.append("theme")
    if settings["toolbar_text"] not in TOOLBAR_TEXTS:
        settings.values["toolbar_text"] = DEFAULTS["toolbar_text"]
        bad.append("toolbar_text")
    if bad:
        settings.problem = (
            f"settings file {path}: ignored invalid {', '.join(sorted(set(bad)))}; "
            f"a copy is kept as {path.name}.broken-… when the settings are next saved"
        )
        settings.keep_on_save = True
    return settings
