"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _umask() -> int:
    """The process umask, read without changing it (os.umask would race with threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


class WriteError(OSError):
    """A file could not be written; the message names the path and the reason."""


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it over ``target`` on success.

    On any exception the temporary file is removed and ``target`` is left as it was.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"cannot write {target}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    with contextlib.suppress(OSError):
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a saved file should not be
    try:
        yield tmp
        if not tmp.exists() or tmp.stat().st_size == 0:
            raise WriteError(f"cannot write {target}: nothing was produced")
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_open(target: str | os.PathLike[str], mode: str = "w", **kwargs) -> Iterator[IO]:
    """Open a temporary file for writing that replaces ``target`` only when closed cleanly."""
    if "b" not in mode:
        kwargs.setdefault("encoding", "utf-8")
    with atomic_path(target) as tmp, open(tmp, mode, **kwargs) as handle:
        yield handle


def save_json_quietly(target: str | os.PathLike[str], data: object) -> bool:
    """Write a cache file atomically; a failure only costs speed later, so it is not raised."""
    import json

    try:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(target, json.dumps(data))
    except OSError:
        return False
    return True


def write_text_atomic(target: str | os.PathLike[str], text: str) -> None:
    with atomic_open(target, "w") as handle:
        handle.write(text)
