"""Where things live: the bundled corpus and resources, and the user's settings and data.

One small module answers "where", so tests can point every user directory at a temporary
folder (:func:`set_base_dir`) and never touch the real settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop import APP_ID

#: Environment variable that moves every user directory under one folder (tests, demos).
BASEDIR_ENV = "OVERTURES_BASEDIR"

_PACKAGE_DIR = Path(__file__).resolve().parents[2]
_base_dir: Path | None = None


def _bundled(name: str) -> Path:
    """Find a bundled folder: inside the installed package, else beside it in a source tree."""
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the bundled '{name}' folder is missing (looked in {_PACKAGE_DIR} and its parent); reinstall Overtures"
    )


def corpus_dir() -> Path:
    """The bundled corpus: articles and domain data (actors, episodes, lexicons)."""
    return _bundled("corpus")


def bundled_articles_dir() -> Path:
    return corpus_dir() / "articles"


def resources_dir() -> Path:
    """Icons, styles and templates."""
    return _bundled("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def set_base_dir(path: str | os.PathLike[str] | None) -> None:
    """Put config, data and cache under ``path`` (``None`` restores the platform defaults)."""
    global _base_dir
    _base_dir = Path(path) if path is not None else None


def base_dir() -> Path | None:
    """The folder holding every user directory when overridden (tests, --basedir), else None."""
    return _base_dir or (Path(os.environ[BASEDIR_ENV]) if os.environ.get(BASEDIR_ENV) else None)


def _user_dir(kind: str) -> Path:
    base = base_dir()
    if base is not None:
        return base / kind
    import platformdirs  # deferred: only needed when the real user directories are used

    finder = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "cache": platformdirs.user_cache_dir,
    }[kind]
    return Path(finder(APP_ID, appauthor=False))


def config_dir() -> Path:
    """Settings (``settings.json``)."""
    return _user_dir("config")


def data_dir() -> Path:
    """The user's own articles, actors and lessons."""
    return _user_dir("data")


def cache_dir() -> Path:
    return _user_dir("cache")


def user_articles_dir() -> Path:
    """Articles the user adds; loaded after the bundled corpus."""
    return data_dir() / "articles"


def user_actors_file() -> Path:
    """Actors the user adds from the reader (unlinked persons promoted to actors)."""
    return data_dir() / "actors.yaml"


def lessons_dir() -> Path:
    return data_dir() / "lessons"
