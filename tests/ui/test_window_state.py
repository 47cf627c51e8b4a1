"""Stale analyses, library reloads and the end of the session (issue 15)."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.core.text.articles import Corpus, load_default_corpus
from desktop.ui.shell.workspace import Workspace


def _one_article_workspace() -> Workspace:
    corpus = load_default_corpus()
    return Workspace(Corpus(articles=[corpus.articles[0]]))


def test_a_stale_result_arriving_after_reanalyse_all_is_dropped(qtbot):
    workspace = _one_article_workspace()
    article_id = workspace.corpus.ids()[0]
    real = workspace.analyzer.analyze
    entered, release = threading.Event(), threading.Event()

    def held(article):
        analysis = real(article)  # made with the engine of before the reload
        if not entered.is_set():
            entered.set()
            assert release.wait(30)
        return analysis

    workspace.analyzer.analyze = held
    workspace.request_analysis()
    assert entered.wait(30)
    workspace.reanalyse_all()
    release.set()
    qtbot.waitUntil(lambda: not workspace.busy(), timeout=30000)
    analysis = workspace.analysis(article_id)
    assert analysis is not None
    assert analysis.generation == workspace.analyzer.generation == 1
    workspace.shutdown()


def test_a_corpus_reload_keeps_analyses_of_unchanged_articles(qtbot):
    corpus = load_default_corpus()
    workspace = Workspace(corpus)
    first, second = corpus.ids()[:2]
    workspace.analyse_now(first)
    workspace.analyse_now(second)
    fresh = [dataclasses.replace(a) for a in corpus.articles]  # new objects, as a reload makes
    fresh[1] = dataclasses.replace(fresh[1], body=fresh[1].body + "\n\nA new paragraph.")
    workspace.set_corpus(Corpus(articles=fresh))
    kept = workspace.analysis(first)
    assert kept is not None and kept.article is fresh[0]
    assert workspace.analysis(second) is None  # its text changed


def _catches_sigterm(pid: int) -> bool:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGTERM - 1)))
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_sigterm_saves_the_settings_and_exits_0(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OVERTURES_BASEDIR=str(tmp_path))
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "desktop"], cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while not _catches_sigterm(process.pid):
            assert process.poll() is None, process.stderr.read().decode()
            assert time.monotonic() < deadline, "the app never installed its SIGTERM handler"
            time.sleep(0.1)
        time.sleep(1.0)  # let the window come up
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err.decode()
    assert list(tmp_path.rglob("settings.json")), "no settings.json written"
