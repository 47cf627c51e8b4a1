"""Test set-up: no screen needed, no real user files touched, GUI tests marked.

QT_QPA_PLATFORM is set here, before anything imports Qt, so the suite runs on a
machine without a display and nobody has to remember an environment variable.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# Even module-scoped fixtures and subprocesses, which run before or outside fresh_user_dirs, never
# see the real user folders: the whole session starts in an empty folder of its own.
os.environ["OVERTURES_BASEDIR"] = tempfile.mkdtemp(prefix="overtures-tests-")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/ui/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def fresh_user_dirs(tmp_path, monkeypatch):
    """Every test gets empty settings, data and cache folders of its own."""
    from desktop.core.files import paths

    base = tmp_path / "overtures-home"
    paths.set_base_dir(base)
    monkeypatch.setenv("OVERTURES_BASEDIR", str(base))
    yield base
    paths.set_base_dir(None)


@pytest.fixture
def corpus_dir(tmp_path):
    """A copy of the bundled articles in a folder the test may change."""
    import shutil

    from desktop.core.files import paths

    target = tmp_path / "articles"
    shutil.copytree(paths.bundled_articles_dir(), target)
    return target
