"""The long kill -9 run: 500 kills (ten times those of tests/test_kill9.py), any seed.

Run: python tests/bench/bench_kill9.py [SEED] [SCALE]

The same rounds as the test (kill the writer at a random moment, every file reads completely,
the database passes its integrity check, the next start leaves no temporary of ours, the CLI
starts), SCALE times as many (default 10: 500 kills, some minutes on two cores). Prints per kind
of write the kills and how many landed inside a write.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(seed: int = 1, scale: int = 10) -> None:
    from tests.test_kill9 import run_kills

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="overtures-kill9-") as folder:
        os.environ["OVERTURES_BASEDIR"] = str(Path(folder) / "unused")
        done = run_kills(Path(folder), seed, scale)
    for op, (kills, inside) in done.items():
        print(f"{op:10} {kills:4} kills, {inside:4} inside a write")
    print(f"{sum(k for k, _ in done.values())} kills in {time.monotonic() - started:.0f} s: nothing lost")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
