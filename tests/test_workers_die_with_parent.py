"""A pool's workers end when the process that started them is killed with -9 (issue 15: an
``overtures import`` killed mid-batch left its forked workers blocked for ever)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DRIVER = textwrap.dedent(
    """
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from desktop.core.library import batch, pool

    init, context = sys.argv[1], sys.argv[2]
    import multiprocessing
    start = {"batch": batch._worker_start, "pool": pool._worker_start}[init]
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context(context),
                             initializer=start, initargs=(None, os.getpid())) as workers:
        futures = [workers.submit(time.sleep, 600) for n in range(2)]
        time.sleep(0.5)
        while len(workers._processes) < 2:
            time.sleep(0.1)
        print(" ".join(str(p) for p in workers._processes), flush=True)
        time.sleep(600)
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for init is gone for our purpose
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(("init", "context"), [("batch", "fork"), ("pool", "spawn")])
def test_workers_end_when_their_parent_is_killed(init, context):
    children: list[int] = []
    with subprocess.Popen(
        [sys.executable, "-c", DRIVER, init, context], cwd=ROOT, stdout=subprocess.PIPE, text=True
    ) as parent:
        try:
            children = [int(p) for p in parent.stdout.readline().split()]
            assert len(children) == 2 and all(_alive(p) for p in children)
            parent.send_signal(signal.SIGKILL)
            parent.wait(10)
            deadline = time.monotonic() + 20
            while any(_alive(p) for p in children) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert not any(_alive(p) for p in children), "a worker outlived its killed parent"
        finally:
            parent.kill()
            for pid in children:
                if _alive(pid):
                    os.kill(pid, signal.SIGKILL)
