"""kill -9 at random (seeded) moments during every kind of write the app makes (issue 15).

Each round starts a process that writes (the app's own write functions in a loop, see
``tests/kill9_driver.py``, or the CLI itself: ``overtures export``, ``overtures import``), kills it
with SIGKILL after a random delay and then checks: every file that exists reads completely (JSON, YAML, lessons, articles,
the PDF ends with ``%%EOF``), every SQLite file of ours passes ``PRAGMA integrity_check``, the next
start's housekeeping leaves no temporary file of ours behind, and the CLI (and, after the settings,
actor and cache kills, the window) still starts cleanly.
The longer run (500 kills) is ``tests/bench/bench_kill9.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "corpus" / "articles" / "reliable-partner-2018.md"
#: kills per kind of write in the 50 of the test (the bench multiplies them)
KILLS = {"settings": 8, "lesson": 8, "actor": 8, "import": 6, "import-cli": 6, "cache": 8, "export": 6}
#: random delay after the writer is ready, seconds: driver loops write many times a second; the
#: export analyses the corpus first (about a second here), then paints and writes its PDF; the
#: import command writes the article, then brings the library database and its analyses up to date
DELAYS = {"export": (0.3, 2.0), "import-cli": (0.1, 1.5)}
DELAY = (0.0, 0.25)


def _env(base: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OVERTURES_BASEDIR=str(base))
    env.pop("DISPLAY", None)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _command(op: str, seed: int, base: Path) -> list[str]:
    if op == "export":
        return [sys.executable, "-m", "desktop", "export", "-o", str(base / "exports" / "comparison.pdf")]
    if op == "import-cli":
        from tests.kill9_driver import LIBRARY_FIXTURES

        source = ROOT / "tests" / "data" / "library" / LIBRARY_FIXTURES[seed % len(LIBRARY_FIXTURES)]
        return [sys.executable, "-m", "desktop", "import", str(source), "--replace"]
    return [sys.executable, "-m", "tests.kill9_driver", op, str(seed)]


DRIVEN = ("settings", "lesson", "actor", "import", "cache")  # by tests/kill9_driver.py; the rest: the CLI
WRITTEN = ("config", "data", "data/lessons", "data/articles", "cache", "exports")


def _wait_for_a_write(base: Path, proc: subprocess.Popen, deadline: float) -> None:
    """Until a temporary file of ours appears (a write has begun), the writer ends or time is up."""
    folders = [base / name for name in WRITTEN]
    while proc.poll() is None and time.monotonic() < deadline:
        for folder in folders:
            with contextlib.suppress(OSError), os.scandir(folder) as entries:
                if any(entry.name.endswith(".part") for entry in entries):
                    return
        time.sleep(0.001)


def kill_once(op: str, seed: int, base: Path, rng: random.Random, aimed: bool = False) -> None:
    """Start the writer, kill -9 it after a random delay (it may have ended: then it must be 0).

    ``aimed``: the delay starts when a write has begun (a millisecond at most), so that the
    kill lands inside the write even where writing is a small part of the work (the export)."""
    proc = subprocess.Popen(
        _command(op, seed, base),
        cwd=ROOT,
        env=_env(base),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        if op in DRIVEN:
            line = proc.stdout.readline()
            assert line.strip() == "ready", f"{op} driver did not start: {line!r} {proc.stderr.read()}"
        if aimed:
            _wait_for_a_write(base, proc, time.monotonic() + 10)
            time.sleep(rng.uniform(0, 0.001))
        else:
            time.sleep(rng.uniform(*DELAYS.get(op, DELAY)))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if proc.returncode != -signal.SIGKILL:
        assert proc.returncode == 0, f"{op} ended by itself with {proc.returncode}: {proc.stderr.read()}"
    proc.stdout.close()
    proc.stderr.close()


def _temporary(path: Path) -> bool:
    from desktop.core.files.fileio import is_our_temporary

    return is_our_temporary(path)


def check_file(path: Path) -> None:
    """The file reads completely, as the app reads it."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        data = path.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), f"truncated PDF {path}"
    elif path.name == "actors.yaml":
        from desktop.core.annotate.user_actors import read_user_data

        read_user_data(path)
    elif suffix in (".lesson", ".json") and path.parent.name == "lessons":
        from desktop.core.present.lessons import load_lesson

        assert not load_lesson(path)[1], f"lesson {path} does not read cleanly"
    elif suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif suffix in (".yaml", ".yml"):
        from desktop.core.files.lexicons import load_yaml

        load_yaml(path)
    elif suffix == ".md":
        from desktop.core.text.articles import load_article

        load_article(path)


def check_folder(base: Path) -> None:
    for path in sorted(base.rglob("*")):
        if path.is_file() and not _temporary(path):
            check_file(path)
    for path in sorted(base.rglob("*.sqlite3")):  # the library and the analysis cache
        db = sqlite3.connect(path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path
        finally:
            db.close()
    analyses = base / "cache" / "analyses.sqlite3"
    if analyses.exists():  # as the window reads it: every row it kept decodes
        _check_analysis_cache(analyses)
    database = base / "data" / "library.sqlite3"
    if database.exists():
        db = sqlite3.connect(database)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            db.close()
        from desktop.core.library.db import SCHEMA_VERSION, Library

        with Library(database) as library:  # as the app opens it (a kill before the schema: made now)
            assert library.version == SCHEMA_VERSION and library.integrity() == "ok"
            library.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
            library.count()


def _check_analysis_cache(path: Path) -> None:
    from desktop.core.library.analysiscache import _from_json
    from desktop.core.library.eventcodec import decode_events

    db = sqlite3.connect(path)
    try:
        for (data,) in db.execute("SELECT data FROM analyses"):
            _from_json(data)
        for key, data in db.execute("SELECT key, data FROM events"):
            decode_events(key, data)
    finally:
        db.close()


def next_start(base: Path) -> bool:
    """What every start of the app does first; then no temporary file of ours is left.

    True if the kill had left one (it landed inside a write)."""
    from desktop.__main__ import _housekeeping
    from desktop.core.files import logs, paths

    inside = any(_temporary(p) for p in base.rglob("*"))
    before = paths.base_dir()
    paths.set_base_dir(base)
    try:
        _housekeeping()
    finally:
        logs.stop_logging()
        paths.set_base_dir(before)
    left = [p for p in base.rglob("*") if _temporary(p)]
    assert not left, f"temporaries left after the next start: {left}"
    return inside


def window_starts(base: Path) -> None:
    """The window (offscreen) opens on what the kills left, shows its first view, finishes its
    start-up work and closes cleanly (the start-up probe)."""
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "--startup-probe"],
        cwd=ROOT,
        env=_env(base),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert '"ready_ms"' in out.stdout and "Traceback" not in out.stderr


def cli_starts(base: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "analyze", str(ARTICLE)],
        cwd=ROOT,
        env=_env(base),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr


def _prepare(op: str, base: Path) -> None:
    """The export folder is the one the window last exported to (the start-up cleans it)."""
    if op == "export":
        (base / "exports").mkdir(parents=True)
        (base / "config").mkdir(parents=True)
        settings = {"last_export_dir": str(base / "exports")}
        (base / "config" / "settings.json").write_text(json.dumps(settings), encoding="utf-8")


def run_kills(folder: Path, seed: int, scale: int = 1) -> dict[str, list[int]]:
    """``scale`` times the kills of :data:`KILLS`, in a seeded random order (every other one aimed
    at a write that has begun, see :func:`kill_once`); per kind of write,
    [kills, kills that landed inside a write (a temporary file was left)]."""
    rng = random.Random(seed)
    order = [op for op, n in KILLS.items() for _ in range(n * scale)]
    rng.shuffle(order)
    last = {op: i for i, op in enumerate(order)}
    done = {op: [0, 0] for op in KILLS}
    for op in KILLS:
        _prepare(op, folder / op)
    for i, op in enumerate(order):
        base = folder / op
        kill_once(op, rng.randrange(10**9), base, rng, aimed=i % 2 == 1)
        check_folder(base)
        done[op][0] += 1
        done[op][1] += next_start(base)
        if last[op] == i:
            cli_starts(base)
    return done


def test_kill_9_at_50_random_moments_loses_nothing(tmp_path):
    started = time.monotonic()
    done = run_kills(tmp_path, seed=15)
    print(done)
    assert sum(n for n, _ in done.values()) == 50
    assert sum(inside for _, inside in done.values()) >= 12, done  # the kills do land inside writes
    written = {op: sorted(p.name for p in (tmp_path / op).rglob("*") if p.is_file()) for op in KILLS}
    assert "settings.json" in written["settings"] and "actors.yaml" in written["actor"]
    assert "library.sqlite3" in written["cache"] and "analyses.sqlite3" in written["cache"]
    assert time.monotonic() - started < 90
    for op in ("settings", "actor", "cache"):  # what the window reads as it starts
        window_starts(tmp_path / op)
