"""Fingerprints of files by their content, cheap to take again: there is no start-up cache to read.

Neither the gazetteer nor the matcher compiled from it is cached on disk: reading and validating
the YAML takes 25–40 ms and compiling the matcher about 18 ms, while unpickling a cached matcher
took 16 ms, so a cache saved nothing and was a file that could run code. What is left is the
fingerprint, a digest that tells two loads of the same files apart from a load of changed ones.

A fingerprint stands for the files' *content*: a checkout, a reinstall or a ``touch`` that leaves
the bytes as they were gives the same fingerprint (the analyses cached under it stay valid). Each
file's digest is kept in ``file-digests.json`` in the cache folder by path, size and modification
time, so a warm start only looks at the files' times; a file whose time changed is read again.
The memo is plain JSON: at worst a damaged one costs reading the files.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

#: Bump when what the fingerprint stands for changes.
CACHE_VERSION = 4  # 4: the files' content, not their times
MEMO_NAME = "file-digests.json"

_lock = threading.Lock()
_memo: dict[str, list] = {}  # path -> [mtime_ns, size, digest]
_memo_read: Path | None = None  # the memo file read into _memo


def _memo_path() -> Path:
    from desktop.core.files import paths

    return paths.cache_dir() / MEMO_NAME


def _load_memo(path: Path) -> None:
    global _memo, _memo_read
    if _memo_read == path:
        return
    _memo_read = path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        _memo = {str(k): list(v) for k, v in data.items() if isinstance(v, list) and len(v) == 3}
    except (OSError, ValueError, AttributeError, TypeError):
        _memo = {}


def file_digest(file: Path, memo: dict[str, list] | None = None) -> tuple[str, bool]:
    """(the digest of ``file``'s bytes or "" when it cannot be read, whether it was read now)."""
    memo = _memo if memo is None else memo
    try:
        stat = file.stat()
    except OSError:
        return "", False
    key = str(file)
    known = memo.get(key)
    if known is not None and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
        return str(known[2]), False
    try:
        digest = hashlib.blake2b(file.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return "", False
    memo[key] = [stat.st_mtime_ns, stat.st_size, digest]
    return digest, True


def content_fingerprint(named: Iterable[tuple[str, Path]], *extra: str) -> str:
    """A digest of the files' names (as given: stable across installs) and content, and ``extra``."""
    memo_file = _memo_path()
    parts = [f"v{CACHE_VERSION}", *extra]
    changed = False
    with _lock:
        _load_memo(memo_file)
        for name, file in named:
            digest, read = file_digest(file)
            changed |= read
            parts.append(f"{name}:{digest or 'absent'}")
        if changed:
            from desktop.core.files.fileio import save_json_quietly

            save_json_quietly(memo_file, dict(_memo))
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()


def cache_key(*sources: Path) -> str:
    """A digest of the files' content, of the code reading them and of Python's version."""
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    named = [(f"source:{s.name}", s) for s in sources] + [(f"code:{c.name}", c) for c in code]
    return content_fingerprint(named, sys.version)[:20]
