"""Writes that never leave half a file, stale temporaries cleaned, data files that cannot explode."""

import os
import time

import pytest

from desktop.core.files.fileio import (
    WriteError,
    atomic_path,
    copy_atomic,
    is_our_temporary,
    remove_stale_temporaries,
    write_text_atomic,
)
from desktop.core.files.lexicons import DataFileError, parse_yaml


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "settings.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_a_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "a.txt"
    write_text_atomic(target, "new text")
    assert target.read_text() == "new text"


def test_copy_to_a_missing_folder_names_it(tmp_path):
    source = tmp_path / "a.md"
    source.write_text("x")
    with pytest.raises(WriteError, match="does not exist"):
        copy_atomic(source, tmp_path / "nope" / "a.md")


def test_stale_temporaries_of_ours_are_removed_and_nothing_else(tmp_path):
    ours = tmp_path / ".out.pdf.k2j4h5g6.part"
    fresh = tmp_path / ".lesson.yaml.abcdefgh.part"
    theirs = tmp_path / "notes.part"
    for path in (ours, fresh, theirs):
        path.write_text("x")
    old = time.time() - 3600
    os.utime(ours, (old, old))
    os.utime(theirs, (old, old))
    assert is_our_temporary(ours) and not is_our_temporary(theirs)
    assert remove_stale_temporaries([tmp_path, tmp_path / "missing"]) == [ours]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, theirs.name])


def test_an_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        prev = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    bomb += "title: *j\n"
    with pytest.raises(DataFileError, match="too large once expanded"):
        parse_yaml(bomb, "bomb.yaml")


def test_deep_nesting_is_refused():
    with pytest.raises(DataFileError, match="nested more than"):
        parse_yaml("[" * 100 + "]" * 100, "deep.yaml")


def test_what_is_caught_is_logged_to_the_cache_folder(fresh_user_dirs):
    from desktop.core.files import logs

    path = logs.start_logging()
    try:
        logs.log().getChild("gazetteer").warning("cache unreadable: %s", "bad header")
        for handler in logs.log().handlers:
            handler.flush()
        assert path is not None and path.parent.name
        assert "cache unreadable: bad header" in path.read_text(encoding="utf-8")
    finally:
        logs.stop_logging()


def test_an_article_whose_front_matter_is_an_alias_bomb_is_refused_with_its_name(tmp_path):
    from desktop.core.text.articles import load_corpus

    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in "bcdefghi":
        prev = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "---\nid: bomb\n" + "\n".join(lines) + "\ntitle: *i\npublished: 2024-01-01\n---\nBody text.\n"
    (tmp_path / "bomb.md").write_text(bomb, encoding="utf-8")
    (tmp_path / "fine.md").write_text(
        "---\nid: fine\ntitle: Fine\npublished: 2024-01-02\n---\nBody.\n", encoding="utf-8"
    )
    corpus = load_corpus(tmp_path)
    assert [a.id for a in corpus] == ["fine"]
    assert any("bomb.md" in str(p) and "too large" in str(p) for p in corpus.problems), corpus.problems


def test_a_temporary_of_a_writer_that_is_gone_is_removed_at_once(tmp_path):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # reaped: its process id names no process now
    dead = tmp_path / f".settings.json.{gone.pid}-k2j4h5g6.part"
    mine = tmp_path / f".actors.yaml.{os.getpid()}-abcdefgh.part"  # a write of ours in progress
    for path in (dead, mine):
        path.write_text("x")
    assert is_our_temporary(dead) and is_our_temporary(mine)
    assert remove_stale_temporaries([tmp_path]) == [dead]
    assert [p.name for p in tmp_path.iterdir()] == [mine.name]


def test_the_temporary_names_its_writer(tmp_path):
    with atomic_path(tmp_path / "a.txt") as tmp:
        assert tmp.name.startswith(f".a.txt.{os.getpid()}-") and is_our_temporary(tmp)
        tmp.write_text("x")


def test_a_write_removes_what_a_killed_write_of_the_same_file_left(tmp_path):
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    left = tmp_path / f".out.pdf.{gone.pid}-k2j4h5g6.part"
    other = tmp_path / f".other.pdf.{gone.pid}-k2j4h5g6.part"  # another file's: the start-up's job
    for path in (left, other):
        path.write_text("half")
    write_text_atomic(tmp_path / "out.pdf", "whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([other.name, "out.pdf"])
