"""``overtures present --pdf FILE.pdf [--lesson FILE]``: a lesson as a PDF handout, no display needed."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def _say(text: str) -> None:
    print(f"overtures: {text}", file=sys.stderr)


def present(args: argparse.Namespace) -> int:
    """Write the lesson (``args.lesson``, else the bundled one) to ``args.pdf``, one slide a page.

    Returns 0 on success, 2 for bad input (not a .pdf name, an unreadable or non-lesson
    file, a lesson with no slide left), 1 when the PDF cannot be written. Problems of a
    lesson that still has valid slides are reported on stderr and the valid part is written.
    """
    target = Path(args.pdf)
    if target.suffix.lower() != ".pdf":
        _say(f"the output file should end in .pdf: {target}")
        return 2
    from desktop.core.present.lessons import LessonError, default_lesson, load_lesson

    problems: list[str] = []
    try:
        if getattr(args, "lesson", None):
            lesson, problems = load_lesson(args.lesson)
        else:
            lesson = default_lesson()
    except LessonError as exc:
        _say(str(exc))
        return 2
    for problem in problems:
        _say(problem)

    from desktop.cli import _analyzer
    from desktop.core.episodes.grouping import build_episodes
    from desktop.core.present.deck import build_deck
    from desktop.core.text.articles import load_default_corpus

    corpus = load_default_corpus()
    for problem in corpus.problems:
        _say(str(problem))
    analyzer = _analyzer()
    from desktop.cli_annotations import StoredCorrections  # the reader's corrections and notes, as on screen

    corrections = StoredCorrections.load()
    listed = corrections.analyses([analyzer.analyze(a) for a in corpus], analyzer)
    episode_set = corrections.episodes(build_episodes(listed), listed)
    analyses = {a.article.id: a for a in listed}
    deck = build_deck(lesson, episode_set, analyses, analyzer.gazetteer, notes=corrections.annotations)
    for problem in deck.problems:
        _say(problem)
    if not deck.slides:
        _say("the lesson has no slide that can be shown; nothing was written")
        return 2

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # files only: no display needed
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # fonts and painting; no window
    from desktop.ui.present.slidepdf import write_deck_pdf

    try:
        pages = write_deck_pdf(deck, target)
    except OSError as exc:
        _say(str(exc))
        return 1
    del app
    print(f"wrote {target} ({pages} slides)")
    return 0
