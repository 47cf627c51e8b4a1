"""The library database: migrations, the analysis cache, rebuilding from files, surviving kill -9."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.core.files import paths
from desktop.core.library import batch
from desktop.core.library.batch import analyse_library, analyse_text
from desktop.core.library.db import SCHEMA_VERSION, Library, engine_fingerprint
from desktop.core.library.refresh import refresh

ROOT = Path(__file__).resolve().parents[2]


def test_schema_is_migrated_and_rebuilt_from_files(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as library:
        assert library.version == SCHEMA_VERSION
        assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert refresh(library) == []
        assert library.count() == 5
    (tmp_path / "lib.sqlite3").unlink()
    for extra in tmp_path.glob("lib.sqlite3-*"):
        extra.unlink()
    with Library(tmp_path / "lib.sqlite3") as library:
        refresh(library)
        assert library.count() == 5


def test_user_articles_follow_the_files(tmp_path):
    folder = paths.user_articles_dir()
    folder.mkdir(parents=True)
    (folder / "note.txt").write_text("A note on Minsk\n\nThe minister travelled to Minsk.\n")
    with Library(tmp_path / "lib.sqlite3") as library:
        refresh(library)
        assert library.count() == 6
        (folder / "note.txt").unlink()
        refresh(library)
        assert library.count() == 5


def test_batch_entry_point_is_a_plain_function_of_text_and_metadata():
    result = analyse_text("President Lukashenko met the US envoy in Minsk on Friday.", {"published": "2018-11-02"})
    assert any(m["actor"] == "lukashenko" for m in result["actors"])
    assert any(d["value"] == "2018-11-02" for d in result["dates"])
    import json

    assert json.loads(json.dumps(result)) == result


def _flaky(text: str, metadata: dict) -> dict:
    if "epicenter" in text.lower() or "KGB" in text:
        raise RuntimeError("broken article")
    return analyse_text(text, metadata)


def test_pool_fills_the_cache_once_and_one_failure_never_takes_the_others(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as library:
        refresh(library)
        seen = []
        report = analyse_library(library, workers=2, progress=lambda n, total: seen.append((n, total)), analyse=_flaky)
        assert report.analysed == 4 and list(report.failed) == ["epicenter-2013"]
        assert seen[-1] == (5, 5)
        again = analyse_library(library, workers=2, analyse=_flaky)
        assert again.cached == 4 and again.analysed == 0
        engine = engine_fingerprint()
        assert library.cached(library.articles()[1]["text_hash"], engine) is not None
        assert engine == engine_fingerprint() and batch.analyse_text is analyse_text


WRITER = """
import sys
from desktop.core.library.db import Library
library = Library(sys.argv[1])
n = 0
while True:
    n += 1
    library.upsert({"id": f"a{n % 300}", "title": f"Title {n}", "text": "Minsk talks " * 50 + str(n),
                    "text_hash": str(n), "published": "2020-01-01", "bundled": 0})
    library.store_analysis(n, str(n), "e", {"actors": [{"actor": "x", "side": "s", "start": 0, "end": 5}] * 20})
    if n == 50:
        print("writing", flush=True)
"""


def test_killed_in_the_middle_of_writing_the_database_still_opens(tmp_path):
    db_path = tmp_path / "lib.sqlite3"
    for round_ in range(4):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
        )
        assert child.stdout.readline().strip() == "writing"
        time.sleep(0.05 * round_)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        with Library(db_path) as library:
            assert library.integrity() == "ok"
            rows = library.count()
            assert rows > 0
            fts = library.db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'minsk'").fetchone()
            assert fts[0] == rows
            library.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")
    assert sqlite3.connect(db_path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_change_reads_the_old_row_under_the_write_lock(tmp_path):
    """Two instances on one file: the second waits for the first's write, then replaces what it
    wrote (the full-text index deletes by the old text, so it must be the current one)."""
    import threading

    path = tmp_path / "lib.sqlite3"
    row = {"id": "a", "title": "One", "text": "first words", "text_hash": "h1", "bundled": 0}

    def second_instance() -> None:
        with Library(path) as second:
            second.upsert({**row, "title": "Three", "text": "third words"})

    with Library(path) as first:
        first.upsert(row)
        first.db.execute("BEGIN IMMEDIATE")  # the other instance is in the middle of a write
        first.db.execute("UPDATE articles SET title = 'Two', text = 'second words' WHERE id = 'a'")
        first.db.execute(
            "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', 1, 'One', 'first words')"
        )
        first.db.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (1, 'Two', 'second words')")
        writer = threading.Thread(target=second_instance)
        writer.start()
        time.sleep(0.3)
        first.db.commit()
        writer.join(10)
        assert first.integrity() == "ok"
        first.db.execute("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")

        def hits(word: str) -> list[int]:
            return [
                h[0] for h in first.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (word,))
            ]

        assert hits("third") == [1]
        assert hits("second") == []  # no ghost of the text the second instance did not see
