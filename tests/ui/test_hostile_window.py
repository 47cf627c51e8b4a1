"""The hostile corpus through the window (issue 15): the app opened on a library folder made of
the broken, huge and malicious files of ``tests/hostile.py``.

Each refused file is named in the window's problem list (the banner and its Details) with its
reason; every article that loads is listed, opens in a pane and is analysed; nothing is fetched
(the remote addresses of the hostile HTML point at a local server that counts requests); and no
file is written outside the app's own folders. The cost of each file (≤ 2 s, ≤ 200 MB) is
measured in ``tests/bench/bench_hostile_window.py``, not here.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.files import paths
from tests.hostile import SMALL, write_generated

#: the address the committed hostile files fetch from (port 9: discard), replaced by the server's
HOSTILE_BASE = "http://127.0.0.1:9"


def write_hostile_library(folder: Path, base: str) -> None:
    """The hostile files (small and generated) in ``folder``, their remote addresses at ``base``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in SMALL.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / name).write_bytes(data.replace(HOSTILE_BASE.encode(), base.encode()))
    write_generated(folder)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``root`` (not following links): size and modification time."""
    seen = {}
    for folder, dirs, files in os.walk(root):
        for name in files + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            path = os.path.join(folder, name)
            try:
                stat = os.lstat(path)
            except OSError:
                continue
            seen[path] = (stat.st_size, stat.st_mtime_ns)
    return seen


def _settle(window, qtbot, timeout=120_000) -> None:
    qtbot.waitUntil(lambda: not window.workspace.busy(), timeout=timeout)
    QApplication.processEvents()


@pytest.fixture
def hostile_window(make_window, counting_server, tmp_path, monkeypatch, qtbot):
    base, hits = counting_server
    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(home) if name == "HOME" else str(home / name.lower()))
    library = paths.user_articles_dir()
    write_hostile_library(library, base)
    elsewhere = tmp_path / "elsewhere"  # a folder the app has no business with
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("untouched", encoding="utf-8")
    before = snapshot(tmp_path)
    window = make_window()
    _settle(window, qtbot)
    window.hostile_base = base
    yield window, library, hits, before, tmp_path
    for path in library.iterdir():  # the unreadable file must go too
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)


def _entries(library: Path) -> list[Path]:
    """The files a user dropped in (not the links back into the folder itself)."""
    return sorted(p for p in library.iterdir() if p.name != "g7-self-dir")


def test_every_hostile_file_is_named_in_the_window_or_loads(hostile_window):
    window, library, _hits, _before, _tmp = hostile_window
    problems = window.banner.problems()
    assert window.banner.isVisible()
    assert f"{len(problems)} files could not be loaded" in window.banner.text()
    loaded = {Path(a.path).name for a in window.workspace.articles() if a.path and Path(a.path).parent == library}
    named = {p.split(":", 1)[0] for p in problems}
    unaccounted = [p.name for p in _entries(library) if p.is_file() and p.name not in loaded | named]
    assert unaccounted == []
    assert not loaded & named
    assert len(named) >= 30 and len(loaded) >= 8
    for problem in problems:
        name, _, reason = problem.partition(": ")
        assert reason.strip() and len(problem) < 300, problem  # a sentence with its reason, not a dump
        assert (library / name).exists() or (library / name).is_symlink(), problem
    for name in ("03-object-tag.md", "05-alias-bomb.md", "06-deep-yaml.md", "16-id-dotdot.md", "g1-50mb.md"):
        assert name in named, name
    assert any(p.startswith("19-duplicate-id-b.md") and "duplicate" in p for p in problems)
    if not os.access(library / "g8-unreadable.md", os.R_OK):  # not root (as root: tests/test_unreadable_as_user.py)
        assert "g8-unreadable.md: cannot be read (Permission denied)" in problems
    assert window.library.proxy.rowCount() == 5 + len(loaded)  # the bundled five and the good ones


def test_the_good_hostile_articles_open_and_are_analysed_and_nothing_is_fetched(hostile_window, qtbot):
    window, library, hits, _before, _tmp = hostile_window
    mine = [a for a in window.workspace.articles() if a.path and Path(a.path).parent == library]
    assert mine
    failed = []
    window.workspace.analysis_failed.connect(failed.append)
    for article in mine:
        pane = window.reader_control.open(article.id)
        assert pane is not None, article.id
        qtbot.waitUntil(lambda a=article: window.workspace.analysis(a.id) is not None, timeout=30_000)
        QApplication.processEvents()
        assert pane.article_id == article.id
        if article.body.strip():
            assert pane.browser.toPlainText().strip(), article.id
    opened = 0
    for article_id in ("img", "filelink", "iframe", "style", "embed", "script"):  # remote and local addresses
        if window.workspace.article(article_id) is None:
            continue
        pane = window.reader_control.open(article_id)
        QApplication.processEvents()
        assert pane.browser.toPlainText().strip(), article_id  # raw HTML is shown as text, never run
        if article_id == "img":  # Qt asked for the remote images, and was refused
            assert any(url.startswith(window.hostile_base) for url in pane.browser.refused), pane.browser.refused
        opened += 1
    assert opened >= 5
    qtbot.wait(300)  # time for any fetch Qt might have started
    assert failed == []
    assert hits == []


def test_nothing_is_written_outside_the_apps_folders(hostile_window, qtbot):
    window, library, _hits, before, tmp_path = hostile_window
    for article in window.workspace.articles()[-3:]:
        window.reader_control.open(article.id)
    _settle(window, qtbot)
    window.close()  # saves the settings
    QApplication.processEvents()
    after = snapshot(tmp_path)
    ours = [paths.config_dir(), paths.data_dir(), paths.cache_dir()]
    changed = sorted(p for p in set(after) | set(before) if after.get(p) != before.get(p))
    outside = [p for p in changed if not any(Path(p).is_relative_to(folder) for folder in ours)]
    assert outside == []
    in_library = [p for p in changed if Path(p).is_relative_to(library)]
    assert in_library == []  # the user's articles folder is read, never written
