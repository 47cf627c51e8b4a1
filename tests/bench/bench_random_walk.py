"""The long random walk (issue 12): many seeded walks through the window, on demand.

Run: python tests/bench/bench_random_walk.py [STEPS] [SEED ...]   (default 10000 steps, seeds 1-3)

The same moves as tests/ui/test_random_walk.py (tests/ui/walk.py), the same failure rules: any
exception in a slot or any Qt warning (except the offscreen platform's two notices) is printed
with the moves that led to it, and the exit code is 1. Prints the time per walk.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["OVERTURES_BASEDIR"] = tempfile.mkdtemp(prefix="overtures-walk-")
IGNORED = ("This plugin does not support propagateSizeHints", "This plugin does not support raise")


def walk(app, seed: int, steps: int) -> list[str]:
    import pytest

    from desktop.ui.shell.app import build_main_window
    from tests.ui.answered import answer_dialogs
    from tests.ui.walk import Walk

    problems: list[str] = []
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    def on_message(kind, _context, text) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and not text.startswith(IGNORED):
            problems.append(f"Qt: {text}")

    qInstallMessageHandler(on_message)
    sys.excepthook = lambda kind, value, tb: problems.append("".join(traceback.format_exception(kind, value, tb)))
    monkeypatch = pytest.MonkeyPatch()
    answer_dialogs(monkeypatch, Path(tempfile.mkdtemp(prefix="overtures-walk-out-")))
    window = build_main_window(app)
    window.resize(1400, 900)
    window.show()
    window.first_view_painted()
    while window.workspace.episodes is None:
        app.processEvents()
        time.sleep(0.01)
    walker = Walk(window, seed)
    for _ in range(steps):
        walker.run(1)
        if problems:
            print(f"seed {seed}, step {len(walker.log)}: {problems[0]}\nlast moves: {walker.log[-10:]}")
            break
    window.workspace.shutdown()
    window.close()
    monkeypatch.undo()
    return problems


def main(steps: int = 10000, seeds: tuple[int, ...] = (1, 2, 3)) -> int:
    from desktop.ui.shell.app import create_application

    app = create_application()
    failed = 0
    for seed in seeds:
        start = time.perf_counter()
        problems = walk(app, seed, steps)
        print(f"seed {seed}: {steps} moves in {time.perf_counter() - start:.1f} s, {len(problems)} problem(s)")
        failed += bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    sys.exit(main(args[0], tuple(args[1:]) or (1, 2, 3)) if args else main())
