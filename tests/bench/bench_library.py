"""Library benchmark: a generated user library against the five bundled articles, in one run.

Run: python tests/bench/bench_library.py [ARTICLES] [--keep DIR] [--no-fresh] [--no-export]
     (default 2,000 articles; the issue's target is 10,000)

Two temporary OVERTURES_BASEDIR folders: one with only the bundled articles, one with ARTICLES
generated articles (``generated.py``'s text) in the user's articles folder. For each it measures

* warm start to first paint: the app's ``--startup-probe`` (median of three, after a first run
  that fills the caches and analyses the library, as a user's first session does), the runs of
  the two libraries alternated so the machine's noise hits both alike;
* a session in a child process (``--session BASEDIR``) without the analysis cache: the window
  shown, the first analysis timed with the longest gap of a 10 ms QTimer on the UI thread, the
  theme toggle (light → dark) and selecting an episode; then a second session with the cache: the
  analyses read back, the episodes, the legend's index caught up and the memory at rest (RSS);
* ``overtures export -o out.pdf`` as a subprocess.

and prints a table of both columns and the ratio, with the issue's targets.

``--keep DIR`` keeps both libraries in ``DIR/small`` and ``DIR/large`` (the articles written once,
the analysis cache kept: a later run skips the first analysis; a new engine analyses again);
``--no-fresh`` leaves out the session without the cache (minutes at 10,000 articles);
``--no-export`` leaves out ``overtures export``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

OUTLETS = ("Wire One", "Daily Two", "Review Three", "Herald Four", "Courier Five")


def write_library(base: Path, count: int) -> int:
    """``count`` generated articles as Markdown with front matter in the user's articles folder."""
    from generated import generated_corpus

    folder = base / "data" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    texts = generated_corpus(min_bytes=1, seed=0)
    while len(texts) < count:
        texts += generated_corpus(min_bytes=4_000 * count, seed=len(texts))
    day = dt.date(2013, 1, 1)
    size = 0
    for i, text in enumerate(texts[:count]):
        published = day + dt.timedelta(days=i % 4000)
        head = f'---\nid: gen-{i:05d}\ntitle: "Generated article {i}"\noutlet: {OUTLETS[i % 5]}\n'
        head += f"published: {published.isoformat()}\n---\n\n"
        (folder / f"gen-{i:05d}.md").write_text(head + text + "\n", encoding="utf-8")
        size += len(text.encode("utf-8"))
    return size


def _env(base: Path) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        OVERTURES_BASEDIR=str(base),
        PYTHONPATH=str(ROOT),
    )


def probe_ms(base: Path) -> float:
    command = [sys.executable, "-m", "desktop", "--basedir", str(base), "--startup-probe"]
    out = subprocess.run(command, capture_output=True, text=True, env=_env(base), cwd=ROOT, timeout=1800, check=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    return float(json.loads(line)["ready_ms"])


def session(base: Path, fresh: bool) -> dict:
    """One window session; ``fresh``: without the analyses of earlier sessions (a first analysis)."""
    if fresh:
        for name in ("analyses.sqlite3", "analyses.sqlite3-wal", "analyses.sqlite3-shm"):
            (base / "cache" / name).unlink(missing_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--session", str(base)]
    out = subprocess.run(command, capture_output=True, text=True, env=_env(base), cwd=ROOT, timeout=3600)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(f"the session failed:\n{out.stderr[-3000:]}")
    return json.loads(lines[-1])


EXPORT_TIMEOUT = float(os.environ.get("BENCH_EXPORT_TIMEOUT", "150"))


def export_s(base: Path) -> float:
    """Seconds of ``overtures export``; ``inf`` when it did not finish in EXPORT_TIMEOUT."""
    target = base / "out.pdf"
    t0 = time.perf_counter()
    try:
        subprocess.run(
            [sys.executable, "-m", "desktop", "export", "-o", str(target)],
            env=_env(base),
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=EXPORT_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return float("inf")
    return time.perf_counter() - t0


def first_runs(*bases: Path) -> None:
    for base in bases:
        probe_ms(base)  # first session: caches filled, library analysed


def probes(small: Path, large: Path, runs: int = 3) -> tuple[float, float]:
    """Medians of warm starts of both libraries, alternated."""
    times: dict[Path, list[float]] = {small: [], large: []}
    for _ in range(runs):
        for base in (small, large):
            times[base].append(probe_ms(base))
    print("    probes:", json.dumps({"small": times[small], "large": times[large]}), flush=True)
    return statistics.median(times[small]), statistics.median(times[large])


def measure(base: Path, startup_ms: float, fresh: bool = True, export: bool = True) -> dict:
    figures = {"startup_ms": startup_ms}
    if fresh:
        figures.update(session(base, fresh=True))
    warm = session(base, fresh=False)  # the analyses cached by the sessions before (if kept)
    figures.update({"rss_mb": warm["rss_mb"], "cached_s": warm["analyse_s"], "episodes_s": warm["episodes_s"]})
    figures["legend_s"] = warm.get("legend_s", float("nan"))
    for key in ("theme_ms", "select_ms", "gap_ms", "deferred_ms"):
        figures.setdefault(key, warm.get(key, float("nan")))
    print("   ", json.dumps(figures), flush=True)
    if export:
        figures["export_s"] = export_s(base)
    return figures


ROWS = (
    ("startup_ms", "warm start to first paint (ms)", "<= 1.5x"),
    ("rss_mb", "memory at rest (MB RSS)", "<= 500 MB"),
    ("deferred_ms", "deferred parts after first paint (ms)", ""),
    ("gap_ms", "longest UI gap, first analysis (ms)", "<= 100 ms"),
    ("analyse_s", "first analysis in the window (s)", ""),
    ("cached_s", "analyses of a later session (s)", ""),
    ("episodes_s", "episodes, analyses cached (s)", "<= 10 s"),
    ("legend_s", "legend's index caught up (s)", ""),
    ("theme_ms", "theme toggle (ms)", "<= 300 ms"),
    ("select_ms", "selecting an episode (ms)", "<= 100 ms"),
    ("export_s", "overtures export (s)", "<= 10 s"),
)


def table(small: dict, large: dict, count: int) -> str:
    lines = [f"{'measure':38} {'5 bundled':>10} {f'{count} more':>11} {'ratio':>7}  target"]
    for key, label, target in ROWS:
        a, b = small.get(key, float("nan")), large.get(key, float("nan"))
        ratio = b / a if a else float("nan")
        lines.append(f"{label:38} {a:10.2f} {b:11.2f} {ratio:7.2f}  {target}")
    return "\n".join(lines)


def main(count: int = 2000, keep: str | None = None, fresh: bool = True, export: bool = True) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(keep) if keep else Path(scratch)
        small_dir, large_dir = root / "small", root / "large"
        small_dir.mkdir(parents=True, exist_ok=True)
        folder = large_dir / "data" / "articles"
        if len(list(folder.glob("gen-*.md"))) != count:
            size = write_library(large_dir, count)
            print(f"generated library: {count} articles, {size / 1e6:.1f} MB of text", flush=True)
        first_runs(small_dir, large_dir)
        small_ms, large_ms = probes(small_dir, large_dir)
        small = measure(small_dir, small_ms, fresh, export)
        print("small:", json.dumps(small), flush=True)
        large = measure(large_dir, large_ms, fresh, export)
        print("large:", json.dumps(large), flush=True)
    print(table(small, large, count))


# --------------------------------------------------------------------------- the session (child)


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _wait(app, condition, timeout_s: float = 3000.0) -> None:
    deadline = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the session did not settle")
        app.processEvents()
        time.sleep(0.002)


def run_session() -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer

    from desktop.ui.shell.app import build_main_window, create_application

    app = create_application()
    window = build_main_window(app)
    window.show()
    _wait(app, lambda: window.isVisible())
    app.processEvents()
    clock, gaps = QElapsedTimer(), [0]
    clock.start()
    ticker = QTimer()
    ticker.setInterval(10)

    def tick() -> None:
        gaps[0] = max(gaps[0], clock.restart())

    ticker.timeout.connect(tick)
    episodes = []
    window.workspace.episodes_ready.connect(lambda: episodes.append(time.perf_counter()))
    analysed = []
    window.workspace.all_analysed.connect(lambda: analysed.append(time.perf_counter()))
    t0 = time.perf_counter()
    window.first_view_painted()  # the deferred parts are built here, then the analysis starts
    deferred = time.perf_counter() - t0
    ticker.start()
    clock.restart()
    _wait(app, lambda: analysed and episodes and not window.workspace.busy())
    legend = window.legend_control
    _wait(app, lambda: not legend._growing and not legend._rebuild.isActive())  # the legend caught up
    ticker.stop()
    for _ in range(20):
        app.processEvents()
    figures = {
        "deferred_ms": deferred * 1000,
        "gap_ms": float(gaps[0]),
        "analyse_s": analysed[0] - t0,
        "episodes_s": episodes[-1] - analysed[0],
        "legend_s": time.perf_counter() - analysed[0],
    }
    import gc

    gc.collect()
    figures["rss_mb"] = rss_mb()
    themes = window.themes
    themes.set_setting("light")
    app.processEvents()
    t0 = time.perf_counter()
    themes.set_setting("dark")
    app.processEvents()
    figures["theme_ms"] = (time.perf_counter() - t0) * 1000
    episode_set = window.workspace.episodes
    chosen = episode_set.episodes[0].id if episode_set and episode_set.episodes else None
    if chosen:
        t0 = time.perf_counter()
        window.episode_control.select(chosen)
        app.processEvents()
        figures["select_ms"] = (time.perf_counter() - t0) * 1000
    print(json.dumps(figures), flush=True)
    window.workspace.shutdown()
    os._exit(0)  # skip saving the session: the next run starts as this one did


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--session":
        run_session()
    else:
        import argparse

        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("articles", type=int, nargs="?", default=2000)
        parser.add_argument("--keep", metavar="DIR", help="keep both libraries (and their caches) in DIR")
        parser.add_argument("--no-fresh", action="store_true", help="no session without the analysis cache")
        parser.add_argument("--no-export", action="store_true", help="no overtures export")
        options = parser.parse_args()
        main(options.articles, options.keep, not options.no_fresh, not options.no_export)
