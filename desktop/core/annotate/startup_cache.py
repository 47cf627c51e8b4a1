"""The start-up cache: validated data kept in the cache folder between runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

#: Bump when the pickled structures change shape.
CACHE_VERSION = 1


def cache_key(*sources: Path) -> str:
    """A digest of the files' identities (path, size, time), the code reading them and Python's version."""
    import hashlib
    import sys

    parts = [f"v{CACHE_VERSION}", sys.version]
    code = Path(__file__).resolve().parent
    for source in (*sources, code / "gazetteer.py", code / "actors.py"):
        try:
            stat = source.stat()
            parts.append(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}:absent")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]


def _cache_file(kind: str, key: str) -> Path:
    from desktop.core.files import paths

    return paths.cache_dir() / "actors" / f"{kind}-{key}.pickle"


def read_cache(kind: str, key: str) -> Any:
    """What :func:`write_cache` stored under ``kind`` and ``key``, or None (missing or unreadable)."""
    import pickle

    try:
        with _cache_file(kind, key).open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, stale or damaged cache only means reading the files again
        return None


def write_cache(kind: str, key: str, value: Any) -> None:
    """Store ``value`` for the next start-up, replacing older entries of ``kind``; never fails."""
    import contextlib
    import pickle

    from desktop.core.files.fileio import atomic_path

    target = _cache_file(kind, key)
    with contextlib.suppress(Exception):
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in target.parent.glob(f"{kind}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
