"""Highlighted HTML from the last session, so the first view is instant and already coloured.

An entry is keyed by the article's text, the view options and a fingerprint of the
engine (version, the content of the code and data files). Anything that could change the highlighting
changes the key, so a stale entry is never shown; a missing entry only means the
first paint is plain text for a moment, until the background analysis arrives.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from pathlib import Path

from desktop import __version__
from desktop.core.files import paths

MAX_ENTRIES = 24


def engine_files() -> list[tuple[str, Path]]:
    """The files behind the highlighting and the analyses, each with a name that does not depend on
    where the app is installed: the core's code, the bundled data files and the user's actors."""
    core = Path(__file__).resolve().parents[1]
    named = [(f"core/{p.relative_to(core).as_posix()}", p) for p in sorted(core.rglob("*.py"))]
    corpus = paths.corpus_dir()
    for folder, prefix in ((corpus, "corpus/"), (corpus / "lexicons", "corpus/lexicons/")):
        try:
            named += [(prefix + p.name, p) for p in sorted(folder.iterdir()) if p.suffix in (".py", ".yaml")]
        except OSError:
            continue
    named.append(("user/actors", paths.user_actors_file()))
    return named


def engine_fingerprint() -> str:
    """Changes whenever the content of the code or the data behind the highlighting changes (the
    version, the files' bytes: a checkout or a ``touch`` that keeps them leaves it as it was)."""
    from desktop.core.annotate.startup_cache import content_fingerprint

    return content_fingerprint(engine_files(), __version__)


class RenderCache:
    def __init__(self, path: Path | None = None, fingerprint: str | None = None) -> None:
        self.path = path or paths.cache_dir() / "render-cache.json"
        self.fingerprint = fingerprint or engine_fingerprint()
        self._entries: OrderedDict[str, str] = OrderedDict()
        self._dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("entries"), dict):
                self._entries = OrderedDict((str(k), str(v)) for k, v in data["entries"].items())
        except (OSError, ValueError):
            pass

    def key(self, body: str, options: object) -> str:
        text = f"{self.fingerprint}\0{options!r}\0{body}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get(self, key: str) -> str | None:
        return self._entries.get(key)

    def put(self, key: str, html: str) -> None:
        if self._entries.get(key) == html:
            self._entries.move_to_end(key)
            return
        self._entries[key] = html
        self._entries.move_to_end(key)
        while len(self._entries) > MAX_ENTRIES:
            self._entries.popitem(last=False)
        self._dirty = True

    def save(self) -> None:
        """Write if changed; failing to write only costs speed at the next start."""
        if self._dirty:
            from desktop.core.files.fileio import save_json_quietly

            self._dirty = not save_json_quietly(self.path, {"entries": self._entries})
