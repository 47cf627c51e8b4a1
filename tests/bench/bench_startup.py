"""Start-up benchmark: the app's --startup-probe against a bare Qt window, side by side.

Run: python tests/bench/bench_startup.py [RUNS]

Both programs print {"ready_ms": N}: milliseconds from process start to the first paint of
their text view (for the app: both reader panes, with the corpus loaded). Runs alternate
between the two so machine noise hits both alike; the script prints the medians and their
ratio (target: at most 2.0).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def ready_ms(command: list[str], env: dict[str, str]) -> float:
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60, check=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    return float(json.loads(line)["ready_ms"])


def main(runs: int = 9) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "desktop")],
        check=True,
        capture_output=True,
    )
    with tempfile.TemporaryDirectory() as base:
        app = [sys.executable, "-m", "desktop", "--basedir", base, "--startup-probe"]
        bare = [sys.executable, str(ROOT / "tests" / "bench" / "bare_window.py")]
        ready_ms(app, env)  # warm the file cache and the settings folder once
        ready_ms(bare, env)
        app_times, bare_times = [], []
        for _ in range(runs):
            app_times.append(ready_ms(app, env))
            bare_times.append(ready_ms(bare, env))
    app_median, bare_median = statistics.median(app_times), statistics.median(bare_times)
    print(f"bare Qt window  : median {bare_median:6.0f} ms   runs {sorted(bare_times)}")
    print(f"overtures probe : median {app_median:6.0f} ms   runs {sorted(app_times)}")
    ratio = app_median / bare_median
    print(f"ratio of medians: {ratio:.2f}  (target <= 2.0: {'met' if ratio <= 2.0 else 'NOT met'})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 9)
