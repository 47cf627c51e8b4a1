"""Lesson files: reading YAML and JSON, forgiving problems, strict refusals, saving, checking."""

from __future__ import annotations

import json

import pytest

from desktop.core.episodes.grouping import build_episodes
from desktop.core.present.lessons import (
    Lesson,
    LessonError,
    LessonSlide,
    check_lesson,
    default_lesson,
    lesson_text,
    load_lesson,
    save_lesson,
    slide_problems,
)
from desktop.core.text.articles import load_default_corpus

NAMED = ["alibi-2013", "mitchell-visit-2018", "makei-letter-2022", "makei-un-2022", "ryzhankou-push-2024"]


@pytest.fixture(scope="module")
def episode_set():
    from desktop.core.annotate.analysis import Analyzer

    analyzer = Analyzer()
    return build_episodes([analyzer.analyze(a) for a in load_default_corpus()])


def test_default_lesson_walks_through_the_five_episodes_then_compares():
    lesson = default_lesson()
    kinds = [s.kind for s in lesson.slides]
    assert kinds == ["title", "episode", "episode", "episode", "episode", "episode", "comparison", "motifs"]
    assert [s.ref for s in lesson.slides if s.kind == "episode"] == NAMED
    assert "2013" in lesson.title and "2024" in lesson.title
    # real notes on every slide: something to point out and questions for the class
    for slide in lesson.slides:
        assert len(slide.notes) > 200, slide
        assert "?" in slide.notes
    assert "Western alibi" in lesson.slides[1].notes
    assert "Makey" in lesson.slides[2].notes


def test_default_lesson_names_only_episodes_that_exist(episode_set):
    assert check_lesson(default_lesson(), episode_set) == []


def test_yaml_and_json_are_told_apart_by_content(tmp_path):
    data = {"title": "T", "slides": [{"kind": "episode", "ref": "makei-un-2022", "notes": "*hi*"}]}
    as_json = tmp_path / "a.lesson"
    as_json.write_text(json.dumps(data), encoding="utf-8")
    as_yaml = tmp_path / "b.json"  # the name does not decide
    as_yaml.write_text("title: T\nslides:\n  - kind: episode\n    ref: makei-un-2022\n    notes: '*hi*'\n")
    for path in (as_json, as_yaml):
        lesson, problems = load_lesson(path)
        assert problems == []
        assert lesson.title == "T"
        assert lesson.slides == [LessonSlide("episode", "makei-un-2022", "*hi*")]


def test_malformed_entries_are_left_out_with_one_message_each(tmp_path):
    path = tmp_path / "broken.lesson"
    path.write_text(
        "title: Mixed\n"
        "colour: red\n"
        "slides:\n"
        "  - kind: title\n"
        "  - kind: video\n"
        "  - just a string\n"
        "  - kind: episode\n"
        "  - kind: episode\n    ref: mitchell-visit-2018\n    notes: [not, text]\n"
        "  - kind: motifs\n    extra: 1\n",
        encoding="utf-8",
    )
    lesson, problems = load_lesson(path)
    assert [s.kind for s in lesson.slides] == ["title", "episode", "motifs"]
    assert lesson.slides[1].ref == "mitchell-visit-2018" and lesson.slides[1].notes == ""
    text = "\n".join(problems)
    assert "unknown field(s) ignored: colour" in text
    assert "slide 2: kind 'video' is not one of" in text
    assert "slide 3 is not a mapping" in text
    assert "slide 4: an episode slide needs a 'ref'" in text
    assert "slide 5: 'notes' must be text" in text
    assert "slide 6: unknown field(s) ignored: extra" in text
    assert all(p.startswith("broken.lesson") for p in problems)
    assert len(problems) == 6


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "not a text file"),
        (b"title: [unclosed\nslides: x\n", "bad YAML at line"),
        (b'{"title": "x", "slides": [}', "bad JSON at line 1"),
        (b"just: a mapping\n", "not a lesson file"),
        (b"- a\n- list\n", "not a lesson file"),
    ],
)
def test_files_that_are_not_lessons_raise_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "odd.lesson"
    path.write_bytes(content)
    with pytest.raises(LessonError) as info:
        load_lesson(path)
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_a_missing_file_raises_naming_it(tmp_path):
    with pytest.raises(LessonError, match="cannot be read"):
        load_lesson(tmp_path / "nowhere.lesson")


def test_save_and_reload_round_trip_in_yaml_and_json(tmp_path):
    lesson = Lesson(
        "Round trip",
        [
            LessonSlide("title", "", "Line one\n\n- a point\n- another: with colon"),
            LessonSlide("episode", "mitchell-visit-2018", "Ask: *why*?"),
            LessonSlide("comparison", "mitchell-visit-2018, makei-letter-2022"),
        ],
        "sub",
    )
    for name in ("x.lesson", "x.json"):
        save_lesson(lesson, tmp_path / name)
        again, problems = load_lesson(tmp_path / name)
        assert problems == []
        assert again.title == lesson.title and again.subtitle == "sub"
        assert [(s.kind, s.ref) for s in again.slides] == [(s.kind, s.ref) for s in lesson.slides]
        assert again.slides[0].notes.rstrip() == lesson.slides[0].notes
    assert "notes: |" in lesson_text(lesson)  # notes stay readable in the file
    assert json.loads((tmp_path / "x.json").read_text())["version"] == 1


def test_save_is_atomic_and_names_the_path_on_failure(tmp_path):
    target = tmp_path / "missing-folder" / "a.lesson"
    with pytest.raises(OSError, match="missing-folder"):
        save_lesson(default_lesson(), target)
    assert not target.parent.exists()
    taken = tmp_path / "taken.lesson"
    taken.mkdir()  # a folder stands where the file should go: the rename fails, even for root
    with pytest.raises(OSError):
        save_lesson(default_lesson(), taken)
    assert taken.is_dir() and list(tmp_path.glob(".taken.lesson.*")) == []


def test_slides_naming_missing_episodes_are_reported(episode_set):
    lesson = Lesson(
        "Gaps",
        [
            LessonSlide("episode", "mitchell-visit-2018"),
            LessonSlide("episode", "2031-01-01-no-such-episode"),
            LessonSlide("comparison", "mitchell-visit-2018, gone-1999"),
            LessonSlide("comparison", "mitchell-visit-2018"),
            LessonSlide("motifs"),
        ],
    )
    problems = slide_problems(lesson, episode_set)
    assert [index for index, _ in problems] == [1, 2, 3]
    assert "no episode '2031-01-01-no-such-episode'" in problems[0][1]
    assert "gone-1999" in problems[1][1]
    assert "two to four episodes, not 1" in problems[2][1]
    assert check_lesson(lesson, episode_set) == [message for _, message in problems]


def test_an_episode_id_works_as_well_as_a_named_id(episode_set):
    episode = episode_set.named("makei-letter-2022")[0]
    lesson = Lesson("By id", [LessonSlide("episode", episode.id)])
    assert check_lesson(lesson, episode_set) == []
