"""A folder as the output path, and a line no reader reads (issues 12 and 15).

Every write goes through ``files/fileio.atomic_path``: a folder given as the target is refused
with a message naming the user's path, never the temporary file's; the CLI commands that write
(export, present, annotations export) say so and exit non-zero. An article holding a run of
millions of characters without a space (which Qt lays out in quadratic time: the window froze
for minutes) is refused with its length.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.files.fileio import WriteError, atomic_path, write_text_atomic
from desktop.core.text.articles import MAX_WORD_CHARS, ArticleError, load_article

ROOT = Path(__file__).resolve().parent.parent


def test_writing_over_a_folder_names_the_folder_not_the_temporary(tmp_path):
    folder = tmp_path / "out.json"
    folder.mkdir()
    with pytest.raises(WriteError) as caught:
        write_text_atomic(folder, "{}")
    message = str(caught.value)
    assert str(folder) in message and "folder" in message and ".part" not in message
    assert list(tmp_path.iterdir()) == [folder]  # nothing left beside it
    assert list(folder.iterdir()) == []


def test_a_folder_made_during_the_write_is_reported_by_its_name(tmp_path):
    target = tmp_path / "late.pdf"
    with pytest.raises(WriteError) as caught, atomic_path(target) as tmp:
        tmp.write_bytes(b"%PDF")
        target.mkdir()  # someone made a folder of that name meanwhile
    assert str(target) in str(caught.value) and ".part" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["late.pdf"]


def _cli(*args: str, base: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "OVERTURES_BASEDIR": str(base), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


@pytest.mark.parametrize(
    "command",
    [
        ("export", "-o", "{folder}"),
        ("present", "--pdf", "{folder}"),
        ("annotations", "export", "{folder}"),
    ],
    ids=["export", "present", "annotations-export"],
)
def test_a_folder_as_the_output_path_gives_a_clear_message(tmp_path, command):
    folder = tmp_path / "handout.pdf"
    folder.mkdir()
    out = _cli(*(part.format(folder=folder) for part in command), base=tmp_path / "home")
    assert out.returncode != 0
    assert str(folder) in out.stderr and "folder" in out.stderr, out.stderr
    assert ".part" not in out.stderr and "Traceback" not in out.stderr and "Errno" not in out.stderr
    assert list(folder.iterdir()) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["handout.pdf", "home"]


def test_a_run_of_millions_of_characters_is_refused_with_its_length(tmp_path):
    path = tmp_path / "line.md"
    path.write_text("---\nid: line\ntitle: Line\npublished: 2020-01-01\n---\n" + "x" * 2_000_000 + "\n")
    with pytest.raises(ArticleError) as caught:
        load_article(path)
    assert str(caught.value).startswith("line.md: ") and "2,000,000 characters" in str(caught.value)


def test_long_addresses_and_long_text_still_load(tmp_path):
    path = tmp_path / "long.md"
    url = "https://example.org/" + "a" * 2_000
    body = f"See [the source]({url}). " + "Officials met in Minsk. " * 50_000
    path.write_text("---\nid: long\ntitle: Long\npublished: 2020-01-01\n---\n" + body + "\n")
    assert load_article(path).id == "long"
    assert len(url) < MAX_WORD_CHARS
