"""Unreadable article files, for real (issue 15): a file the user may not read gives a clear message
naming it, and the rest of the folder loads, in the command line and in the window's library load.

Root reads every file whatever its mode, so when the suite runs as root the check runs in a
subprocess as the unprivileged user ``nobody`` (``setpriv`` from util-linux, else ``runuser``),
on a folder under /tmp that user can read except the ``chmod 000`` file. As any other user the
file is unreadable already and the same subprocesses run as that user. The tests skip, saying
why, only when no tool can drop root, when the unprivileged user cannot run this Python or read
this repository, or when the process is not root and can read the file anyway.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.hostile import GOOD_HEAD

ROOT = Path(__file__).resolve().parents[1]
NOBODY = 65534
UNREADABLE = "g8-unreadable.md"
GOOD = {"good-one.md": "readone", "good-two.md": "readtwo"}
#: What the window's library load does: the bundled corpus, then the user's articles folder.
LIBRARY_LOAD = """
import json, sys
from desktop.core.files import paths
paths.set_base_dir(sys.argv[1])
from desktop.core.text.articles import load_default_corpus
corpus = load_default_corpus()
print(json.dumps({"ids": corpus.ids(), "problems": [str(p) for p in corpus.problems]}))
"""


def _drop() -> list[str] | None:
    """The command prefix that runs a program without root's privileges ([] when not root)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv"):
        return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    if shutil.which("runuser"):
        return ["runuser", "-u", "nobody", "--"]
    return None


def _env(base: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "OVERTURES_"))}
    env.update(HOME=str(base), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    return env


def _run(drop: list[str], base: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*drop, sys.executable, *args], cwd=ROOT, env=_env(base), capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def unprivileged(request):
    """(command prefix, a base folder the unprivileged user may write, its articles folder with
    two good articles and one it may not read); skips, saying why, when that cannot be made."""
    drop = _drop()
    if drop is None:
        pytest.skip("running as root and neither setpriv nor runuser exists to run as an unprivileged user")
    base = Path(tempfile.mkdtemp(prefix="overtures-unreadable-", dir="/tmp"))
    request.addfinalizer(lambda: _remove(base))
    base.chmod(0o777)  # the unprivileged user keeps its settings, cache and index here
    articles = base / "data" / "articles"
    articles.mkdir(parents=True)
    for folder in (base / "data", articles):
        folder.chmod(0o755)
    for name, ident in GOOD.items():
        (articles / name).write_text(GOOD_HEAD.format(id=ident, title=ident) + "Officials met in Minsk.\n")
        (articles / name).chmod(0o644)
    unreadable = articles / UNREADABLE
    unreadable.write_text(GOOD_HEAD.format(id="unreadable", title="Unreadable") + "Officials met in Minsk.\n")
    unreadable.chmod(0o644)
    probe = _run(drop, base, "-c", "import desktop.cli, sys; print(sys.version_info[:2])")
    if probe.returncode != 0:
        pytest.skip(f"the unprivileged user cannot run {sys.executable} or read {ROOT}: {probe.stderr.strip()[-200:]}")
    return drop, base, articles


def _remove(base: Path) -> None:
    for path in base.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(base, ignore_errors=True)


def _make_unreadable(articles: Path) -> None:
    (articles / UNREADABLE).chmod(0)
    if os.geteuid() != 0 and os.access(articles / UNREADABLE, os.R_OK):
        pytest.skip("this user reads a chmod-000 file (a capability): nothing unreadable to test")


def _named(problems: str) -> bool:
    return f"{UNREADABLE}: cannot be read (Permission denied)" in problems


def test_the_cli_names_the_unreadable_file_and_analyses_the_rest(unprivileged):
    drop, base, articles = unprivileged
    _make_unreadable(articles)
    done = _run(drop, base, "-m", "desktop", "--basedir", str(base), "analyze", "--json", str(articles))
    assert done.returncode == 0, done.stderr[-2000:]
    assert _named(done.stderr), done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    ids = {a["id"] for a in json.loads(done.stdout)["articles"]}
    assert ids == set(GOOD.values())


def test_the_library_load_names_the_unreadable_file_even_when_its_index_entry_is_fresh(unprivileged):
    """The window's load of the user's articles, twice: readable (its index keeps the parsed file),
    then made unreadable, which keeps its size and modification time: refused, not served from the
    index, and the rest loads."""
    drop, base, articles = unprivileged
    first = _run(drop, base, "-c", LIBRARY_LOAD, str(base))
    assert first.returncode == 0, first.stderr[-2000:]
    assert "unreadable" in json.loads(first.stdout)["ids"]
    _make_unreadable(articles)
    second = _run(drop, base, "-c", LIBRARY_LOAD, str(base))
    assert second.returncode == 0, second.stderr[-2000:]
    loaded = json.loads(second.stdout)
    assert any(_named(p) for p in loaded["problems"]), loaded["problems"]
    assert "unreadable" not in loaded["ids"] and set(GOOD.values()) <= set(loaded["ids"])
    assert len(loaded["ids"]) >= 5 + len(GOOD)  # the bundled five too
