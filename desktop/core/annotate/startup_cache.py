"""The fingerprint of the gazetteer's files; there is no start-up cache to read.

Neither the gazetteer nor the matcher compiled from it is cached on disk: reading and validating
the YAML takes 25–40 ms and compiling the matcher about 18 ms, while unpickling a cached matcher
took 16 ms, so a cache saved nothing and was a file that could run code. What is left is the
fingerprint, a digest that tells two loads of the same files apart from a load of changed ones.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

#: Bump when what the fingerprint stands for changes.
CACHE_VERSION = 3


def cache_key(*sources: Path) -> str:
    """A digest of the files' identities (path, size, time), the code reading them and Python's version."""
    parts = [f"v{CACHE_VERSION}", sys.version]
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    for source in (*sources, *code):
        try:
            stat = source.stat()
            parts.append(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}:absent")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]
