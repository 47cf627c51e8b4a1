"""A non-editable install ships the corpus and resources and runs from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    return next(out.glob("overtures-*.whl"))


def test_wheel_ships_corpus_and_resources(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "desktop/corpus/articles/reliable-partner-2018.md" in names
    assert "desktop/corpus/library.yaml" in names
    assert "desktop/resources/icons/overtures.svg" in names
    assert "desktop/resources/styles/app.qss" in names
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "[gui_scripts]" in entry_points and "overtures = desktop.__main__:main" in entry_points


def test_installed_app_finds_its_corpus_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(
        os.environ,
        PYTHONPATH=str(target),
        QT_QPA_PLATFORM="offscreen",
        OVERTURES_BASEDIR=str(tmp_path / "home"),
    )
    check = subprocess.run(
        [
            sys.executable,
            "-c",
            "import desktop, desktop.core.files.paths as p, desktop.core.text.articles as a;"
            "print(desktop.__file__); print(p.corpus_dir()); print(len(a.load_default_corpus()))",
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr
    module_file, corpus, count = check.stdout.split()
    assert Path(module_file).is_relative_to(target)
    assert Path(corpus) == target / "desktop" / "corpus"
    assert count == "5"
    probe = subprocess.run(
        [sys.executable, "-m", "desktop", "--startup-probe"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.returncode == 0, probe.stderr
    assert '"ready_ms"' in probe.stdout
