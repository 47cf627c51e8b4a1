"""Writing files so that a failure never leaves half a file behind.

Every write of the app goes through :func:`atomic_path`: the data goes to a temporary file
beside the target (``.NAME.PID-RANDOM.part``, PID the writer's process id), is flushed to disk,
renamed over the target and the folder entry flushed too, so a crash or ``kill -9`` at any moment
leaves either the old file or the new one. Temporary files of ours that a killed process left
behind are removed at the next start by :func:`remove_stale_temporaries`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
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
    if target.is_dir():
        raise WriteError(f"cannot write {target}: it is a folder; give a file name")
    _remove_stale_siblings(folder, target.name)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".part", dir=folder)
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
        _fsync_file(tmp)
        _replace(tmp, target)
        _fsync_folder(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _replace(tmp: Path, target: Path) -> None:
    """Rename ``tmp`` over ``target``; a failure names the user's path, never our temporary's."""
    try:
        os.replace(tmp, target)
    except OSError as exc:
        reason = "it is a folder; give a file name" if target.is_dir() else (exc.strerror or str(exc))
        raise WriteError(f"cannot write {target}: {reason}") from exc


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable: flush the folder entry (not possible on every platform)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: Our temporary files: ".NAME.PID-XXXXXXXX.part" as made by tempfile.mkstemp in atomic_path
#: (".NAME.XXXXXXXX.part" from versions that did not name the writer).
_TEMPORARY = re.compile(r"^\..+\.(?:(?P<pid>[0-9]{1,10})-)?[A-Za-z0-9_]{8}\.part$")


def is_our_temporary(path: Path) -> bool:
    return bool(_TEMPORARY.match(path.name))


def _writer_is_gone(path: Path) -> bool:
    """True if the temporary names its writer and that process no longer runs (or is a zombie).

    Our own process id counts as running: a file of ours may be in the middle of its write."""
    match = _TEMPORARY.match(path.name)
    if match is None or match["pid"] is None:
        return False
    pid = int(match["pid"])
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (PermissionError, OverflowError, OSError):
        return False  # another user's process, or a number we cannot ask about: assume it runs
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[:1] == ["Z"]  # killed, not yet reaped by its parent


def _is_stale(entry: Path, now: float, older_than: float) -> bool:
    if not (is_our_temporary(entry) and entry.is_file()):
        return False
    return _writer_is_gone(entry) or now - entry.stat().st_mtime >= older_than


def remove_stale_temporaries(folders: Iterable[Path], older_than: float = 60.0) -> list[Path]:
    """Remove temporary files of ours (see :func:`atomic_path`) that a killed process left behind.

    Only files that match our naming go, and only when the process named in them no longer runs or
    (for a writer still running, or one not named) they have not been touched for ``older_than``
    seconds, so a write in progress in another instance is left alone. Returns what was removed.
    """
    removed = []
    now = time.time()
    for folder in folders:
        try:
            entries = list(Path(folder).iterdir())
        except OSError:
            continue
        for entry in entries:
            try:
                if _is_stale(entry, now, older_than):
                    entry.unlink()
                    removed.append(entry)
            except OSError:
                continue
    return removed


def _remove_stale_siblings(folder: Path, name: str) -> None:
    """Before a write, the temporaries an interrupted earlier write of the same file left there
    (an export folder is no folder of the app's, so the start-up clean-up never sees it)."""
    import glob

    now = time.time()
    try:
        entries = list(folder.glob(f".{glob.escape(name)}.*.part"))
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            if _is_stale(entry, now, 60.0):
                entry.unlink()


def keep_broken(path: str | os.PathLike[str]) -> Path | None:
    """Move a file the app cannot use out of the way, as ``NAME.broken-YYYYMMDD-HHMMSS``, so
    the next save does not overwrite what the user may want back. Returns the new path, or
    None if the file could not be moved (it is then left as it is)."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.broken-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def keep_copy(path: str | os.PathLike[str]) -> Path | None:
    """Copy a file the app used only in part to ``NAME.broken-YYYYMMDD-HHMMSS`` (the file itself
    stays, to be saved over: there is never a moment without it). Returns the copy's path, or None
    if it could not be made."""
    path = Path(path)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target, n = path.with_name(f"{path.name}.broken-{stamp}"), 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.broken-{stamp}-{n}")
    try:
        copy_atomic(path, target)
    except OSError:
        return None
    return target


def copy_atomic(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> None:
    """Copy a file so that ``target`` is either absent/unchanged or the whole copy."""
    import shutil

    with atomic_path(target) as tmp:
        try:
            shutil.copyfile(source, tmp)
        except OSError as exc:
            raise WriteError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from exc


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
