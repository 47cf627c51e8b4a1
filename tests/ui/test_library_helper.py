"""The library database's long work runs in a helper process, chunk by chunk, and stops when asked."""

from __future__ import annotations

import os
import threading

from desktop.ui.library import searching
from desktop.ui.library.searching import HelperProcess


def test_the_helper_runs_the_work_in_another_process_and_stops():
    helper = HelperProcess()
    try:
        assert helper.call(os.getpid) != os.getpid()
    finally:
        helper.shutdown(wait=True)
    try:
        helper.call(os.getpid)
    except RuntimeError:
        pass
    else:
        raise AssertionError("a stopped helper takes no more work")


def test_missing_analyses_are_made_in_chunks_until_stopped(monkeypatch):
    calls = []

    class Fake:
        def call(self, fn, *args):
            calls.append((fn.__name__, args))
            if fn is searching._unanalysed:
                return list(range(searching.ANALYSIS_CHUNK * 3 + 1))
            if len(calls) == 3:
                stop.set()  # the window closes during the second chunk
            return searching.ANALYSIS_CHUNK

    stop = threading.Event()
    assert searching._analyse_missing(None, stop, Fake()) == searching.ANALYSIS_CHUNK * 3 + 1
    assert [name for name, _ in calls] == ["_unanalysed", "_analyse_rows", "_analyse_rows"]
    assert calls[1][1][1] == list(range(searching.ANALYSIS_CHUNK))


def test_the_helper_process_ends_with_the_window_s_process(tmp_path):
    import subprocess
    import sys
    import time

    script = (
        "import os, sys\n"
        "from desktop.ui.library.searching import HelperProcess\n"
        "helper = HelperProcess()\n"
        "print(helper.call(os.getpid), flush=True)\n"
        "os._exit(0)\n"  # gone without stopping its helper
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    pid = int(out.stdout.split()[-1])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    raise AssertionError("the helper process outlived the window's")
