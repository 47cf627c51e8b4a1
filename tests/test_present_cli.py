"""``overtures present --pdf``: the lesson as a PDF handout, from the command line, no display.

Once ``desktop/__main__.py`` has the ``present`` subcommand the tests run the real command
in a subprocess; until then they call :func:`desktop.cli_present.present` in this process
(with pytest-qt's application, so no second Qt application is ever made).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.core.present.lessons import Lesson, LessonSlide, save_lesson

ROOT = Path(__file__).resolve().parent.parent
TITLES = [
    "Lukashenko meets Vakulchik",
    "Mitchell visits Minsk; meets Lukashenko and Makei",
    "Makei writes to European leaders",
    "Makei meets European and American leaders",
    "Ryzhankou at the UN General Assembly in New York",
]


def wired() -> bool:
    from desktop import __main__

    return "present" in getattr(__main__, "SUBCOMMANDS", {})


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(request, tmp_path, capsys):
    def run_(pdf: Path, lesson: Path | None = None) -> Result:
        if wired():
            env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
            args = [sys.executable, "-m", "desktop", "present", "--pdf", str(pdf)]
            if lesson is not None:
                args += ["--lesson", str(lesson)]
            out = subprocess.run(
                args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL
            )
            return Result(out.returncode, out.stdout, out.stderr)
        request.getfixturevalue("qapp")  # the one Qt application of this process
        from desktop.cli_present import present

        capsys.readouterr()
        code = present(argparse.Namespace(pdf=str(pdf), lesson=str(lesson) if lesson else None))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run_


def words(page) -> str:
    return " ".join(page.extract_text().split())


def test_present_writes_one_page_per_slide(run, tmp_path):
    target = tmp_path / "lesson.pdf"
    out = run(target)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"wrote {target} (8 slides)"
    reader = PdfReader(str(target))
    assert len(reader.pages) == 8
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 16 / 9) < 0.01  # a 16:9 page
    assert abs(float(box.width) - 720) < 1  # 254 mm
    text = " ".join(words(p) for p in reader.pages)
    for title in TITLES:
        assert title in text
    # each slide fully built: the quote, the counterpart and the verdict are on the page
    mitchell = words(reader.pages[2])
    assert "was unprecedented" in mitchell and "COUNTERPART" in mitchell and "HOW THE SOURCES ASSESS IT" in mitchell
    assert "Side by side" in words(reader.pages[6]) and "≠" in words(reader.pages[6])
    assert "Only in 2024 Ryzhankou push" in words(reader.pages[7])
    assert not list(tmp_path.glob(".*.part"))


def test_present_with_a_lesson_file_and_its_problems(run, tmp_path):
    lesson = tmp_path / "two.lesson"
    save_lesson(
        Lesson("Two overtures", [LessonSlide("episode", "makei-un-2022"), LessonSlide("episode", "gone-2031")]),
        lesson,
    )
    target = tmp_path / "two.pdf"
    out = run(target, lesson)
    assert out.returncode == 0, out.stderr
    assert "gone-2031" in out.stderr  # told what was left out, the rest is written
    assert "(1 slides)" in out.stdout
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1 and "Makei meets European and American leaders" in words(reader.pages[0])


@pytest.mark.parametrize(
    ("pdf", "lesson_text", "expected"),
    [
        ("out.txt", None, "should end in .pdf"),
        ("out.pdf", b"\x00\x01binary", "not a text file"),
        ("out.pdf", b"- not\n- a lesson\n", "not a lesson file"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(run, tmp_path, pdf, lesson_text, expected):
    lesson = None
    if lesson_text is not None:
        lesson = tmp_path / "bad.lesson"
        lesson.write_bytes(lesson_text)
    out = run(tmp_path / pdf, lesson)
    assert out.returncode == 2
    assert expected in out.stderr
    assert not (tmp_path / pdf).exists()


def test_unwritable_path_exits_1_naming_it(run, tmp_path):
    target = tmp_path / "no-such-folder" / "lesson.pdf"
    out = run(target)
    assert out.returncode == 1
    assert "no-such-folder" in out.stderr and "does not exist" in out.stderr
    assert not target.parent.exists()


#: What a reader of the printed slides should never see: counters of hidden items, the code's words.
HIDDEN = re.compile(r"\+\s*\d+\s*more|\bmore\b|\bevidence, |\bmotif: |\bfacet:|\bcue:|\bactor:|\btype:|\brole:")


def test_the_slide_handout_writes_every_list_out_in_plain_words(run, tmp_path):
    from desktop.core.annotate.analysis import Analyzer
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.text.articles import load_default_corpus

    target = tmp_path / "lesson.pdf"
    assert run(target).returncode == 0
    pages = [unicodedata.normalize("NFKC", words(p)) for p in PdfReader(str(target)).pages]
    text = " ".join(pages)
    assert "+" not in text and not HIDDEN.findall(text), HIDDEN.findall(text)
    # the 2024 venues are all on the comparison slide, the last after "and"
    assert "Minsk and confidential channel" in " ".join(pages[6].split())
    analyzer = Analyzer()
    episodes = build_episodes([analyzer.analyze(a) for a in load_default_corpus()]).episodes
    titles = {e.title for e in episodes}
    squeezed = [" ".join(p.split()) for p in pages]
    for page in squeezed[1:6]:  # the episode slides: one episode's title each, never two run together
        assert sum(title in page for title in titles) == 1, [t for t in titles if t in page]
