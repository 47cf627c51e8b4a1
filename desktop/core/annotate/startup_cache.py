"""The start-up cache of the compiled actor matcher, and the fingerprint of the gazetteer's files.

The gazetteer itself is no longer cached: reading and validating its YAML takes 25–35 ms, less
than a cache is worth. The matcher that :mod:`desktop.core.annotate.actors` compiles from it is
still kept (as a pickle, the form that module writes), but it is read by an unpickler that refuses
every global except the classes of this package and compiled regular expressions, so a file put
in the cache folder cannot run code. What goes wrong with the cache is logged and ends in a
rebuild, never in a failure.
"""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
import sys
from pathlib import Path
from typing import Any

from desktop.core.files.logs import log

#: Bump when the cached structures change shape.
CACHE_VERSION = 2
#: The only globals a cached value may name: classes of these modules, and these functions.
_SAFE_PACKAGE = "desktop.core.annotate."
_SAFE_FUNCTIONS = frozenset({("re", "_compile")})
#: What unpickling damaged data may raise (the pickle documentation lists most of these).
_DAMAGE = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    IndexError,
    KeyError,
    TypeError,
    ValueError,
    RecursionError,
)


def _log() -> logging.Logger:
    return log().getChild("cache")


def cache_key(*sources: Path) -> str:
    """A digest of the files' identities (path, size, time), the code reading them and Python's version.

    The code is every module of this package: the cached types and everything that shapes them.
    """
    parts = [f"v{CACHE_VERSION}", sys.version]
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    for source in (*sources, *code):
        try:
            stat = source.stat()
            parts.append(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}:absent")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]


def cache_file(kind: str, key: str) -> Path:
    from desktop.core.files import paths

    return paths.cache_dir() / "actors" / f"{kind}-{key}.pickle"


class _SafeUnpickler(pickle.Unpickler):
    """An unpickler that resolves only the classes of this package (and ``re._compile``)."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_FUNCTIONS:
            return super().find_class(module, name)
        if module.startswith(_SAFE_PACKAGE) and "." not in name:
            found = super().find_class(module, name)
            if isinstance(found, type):
                return found
        raise pickle.UnpicklingError(f"refused global {module}.{name}")


def read_cache(kind: str, key: str) -> Any:
    """What :func:`write_cache` stored under ``kind`` and ``key``, or None (missing, refused or damaged)."""
    target = cache_file(kind, key)
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        _log().warning("cannot read the start-up cache %s: %s", target, exc)
        return None
    try:
        return _SafeUnpickler(io.BytesIO(data)).load()
    except _DAMAGE as exc:
        _log().warning("ignored the damaged start-up cache %s (%s: %s); rebuilding it", target, type(exc).__name__, exc)
        return None


def write_cache(kind: str, key: str, value: Any) -> None:
    """Store ``value`` for the next start-up, replacing older entries of ``kind``; never fails."""
    from desktop.core.files.fileio import atomic_path

    target = cache_file(kind, key)
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
        _log().warning("cannot store %s in the start-up cache: %s", kind, exc)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
        for old in target.parent.glob(f"{kind}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError as exc:
        _log().warning("cannot write the start-up cache %s: %s", target, exc)
