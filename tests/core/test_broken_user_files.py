"""Broken user files (issue 15): a clear message, the valid part used, the broken file kept aside.

The user's actors file and lesson files; settings and annotations have their own tests.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.present.lessons import default_lesson, load_lesson, save_lesson

ROOT = Path(__file__).resolve().parents[2]
UNREADABLE = "actors:\n  - id: x\n    name: [unclosed\n"
ONE_BAD_ENTRY = (
    "actors:\n"
    "  - {id: testova, name: Anna Testova, kind: person}\n"
    "  - {id: bad, kind: nonsense}\n"
    "  - {id: petrenko, name: Ivan Petrenko, kind: person}\n"
)


def test_an_unreadable_actors_file_is_set_aside_and_the_bundled_list_used(tmp_path):
    user = tmp_path / "actors.yaml"
    user.write_text(UNREADABLE, encoding="utf-8")
    gazetteer = load_gazetteer(user_path=user)
    assert "lukashenko" in gazetteer
    (problem,) = gazetteer.problems
    assert "actors.yaml" in problem and "line" in problem and "set aside" in problem
    kept = list(tmp_path.glob("actors.yaml.broken-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == UNREADABLE
    assert not user.exists()  # the next "Add person" starts a new file, the old one stays


def test_a_bad_entry_is_left_out_and_the_others_used(tmp_path):
    user = tmp_path / "actors.yaml"
    user.write_text(ONE_BAD_ENTRY, encoding="utf-8")
    gazetteer = load_gazetteer(user_path=user)
    assert "testova" in gazetteer and "petrenko" in gazetteer and "bad" not in gazetteer
    (problem,) = gazetteer.problems
    assert "actors[1] (id 'bad')" in problem and "not used" in problem
    assert user.read_text(encoding="utf-8") == ONE_BAD_ENTRY  # the file is left as the user wrote it
    analysis = Analyzer(user_actors_file=user).analyze_text("Anna Testova met Ivan Petrenko.", dt.date(2024, 1, 5))
    assert {m.actor for m in analysis.actors} >= {"testova", "petrenko"}


def test_the_command_line_says_what_was_not_used_and_analyses_the_rest(tmp_path):
    base = tmp_path / "base"
    (base / "data").mkdir(parents=True)
    (base / "data" / "actors.yaml").write_text(ONE_BAD_ENTRY, encoding="utf-8")
    env = {**os.environ, "OVERTURES_BASEDIR": str(base), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-m", "desktop", "analyze", str(ROOT / "corpus" / "articles" / "makei-unga-2022.md")],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "actors[1] (id 'bad')" in out.stderr
    assert "Makei" in out.stdout


def test_saving_over_a_lesson_that_did_not_read_cleanly_keeps_the_old_file(tmp_path):
    path = tmp_path / "mine.lesson"
    broken = "version: 1\ntitle: Mine\nslides:\n  - kind: title\n  - kind: nonsense\n"
    path.write_text(broken, encoding="utf-8")
    lesson, problems = load_lesson(path)
    assert problems  # the valid part opened, the rest was reported
    save_lesson(lesson, path)
    kept = list(tmp_path.glob("mine.lesson.broken-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == broken
    assert load_lesson(path)[1] == []


def test_saving_over_a_clean_lesson_keeps_no_copy(tmp_path):
    path = tmp_path / "clean.lesson"
    save_lesson(default_lesson(), path)
    save_lesson(default_lesson(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["clean.lesson"]
