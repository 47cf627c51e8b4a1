"""A lesson's coverage slide (``kind: coverage``, ``ref: EPISODE_ID``): one episode, a column per source.

Built on the dev set's Coale articles with the dev set's invented outlets as the user's file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from desktop.core.annotate.analysis import Analyzer
from desktop.core.compare.coverage_html import source_count
from desktop.core.episodes.grouping import build_episodes
from desktop.core.files import paths
from desktop.core.present.deck import build_deck
from desktop.core.present.lessons import check_lesson, lesson_from_data, lesson_label, lesson_text
from desktop.core.text.articles import load_corpus

DEVSET = Path(__file__).resolve().parents[1] / "devset"
COALE = sorted((DEVSET / "articles").glob("dev-coale-*.md"))


@pytest.fixture(scope="module")
def coale(tmp_path_factory):
    folder = tmp_path_factory.mktemp("coale")
    for path in COALE:
        shutil.copy(path, folder / path.name)
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_corpus(folder)}
    episodes = build_episodes(list(analyses.values()))
    ordered = sorted(episodes.episodes, key=lambda e: (source_count(e, analyses), e.id))
    return analyzer, analyses, episodes, ordered


@pytest.fixture(autouse=True)
def outlets(fresh_user_dirs):
    target = paths.data_dir() / "outlets.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEVSET / "outlets.yaml", target)


def _lesson(*slides):
    lesson, problems = lesson_from_data({"version": 1, "title": "One visit", "slides": list(slides)})
    return lesson, problems


def test_coverage_slide_has_a_column_per_source_and_a_few_rows(coale):
    analyzer, analyses, episodes, ordered = coale
    best = ordered[-1]
    lesson, problems = _lesson({"kind": "title"}, {"kind": "coverage", "ref": best.id, "notes": "Who says what?"})
    assert problems == [] and check_lesson(lesson, episodes) == []
    deck = build_deck(lesson, episodes, analyses, analyzer.gazetteer)
    assert deck.problems == []
    slide = deck.slides[1]
    assert slide.kind == "coverage" and slide.notes == "Who says what?"
    outlets = [analyses[a].article.outlet for a in best.articles if a in analyses]
    assert len(slide.columns) == len(outlets) >= 3
    for column, outlet in zip(slide.columns, outlets, strict=True):
        assert outlet.startswith(column.label.rstrip("…"))
        assert "unknown" not in column.date_words  # the kind of outlet heads the column
    assert 2 <= len(slide.rows) <= 6
    assert all(len(row.cells) == len(slide.columns) for row in slide.rows)
    labels = [row.label for row in slide.rows]
    assert "What it leaves out" in labels and "Whom it quotes" in labels
    text = slide.plain_text()
    assert "more" not in text.replace("and ", "")  # no "+N more": lists end with "and N others"
    assert "One episode, several sources" in deck.slides[0].plain_text()


def test_coverage_slide_round_trips_and_is_labelled(coale):
    _analyzer, _analyses, episodes, ordered = coale
    lesson, _problems = _lesson({"kind": "coverage", "ref": ordered[-1].id})
    again, problems = lesson_from_data(yaml.safe_load(lesson_text(lesson)))
    assert problems == [] and again.slides[0].kind == "coverage" and again.slides[0].ref == ordered[-1].id
    assert lesson_label(again.slides[0], episodes).startswith("Coverage: ")


def test_coverage_slide_needs_a_ref_and_two_sources(coale):
    analyzer, analyses, episodes, ordered = coale
    _empty, problems = _lesson({"kind": "coverage"})
    assert any("a coverage slide needs a 'ref'" in p for p in problems)
    lesson, _ = _lesson({"kind": "coverage", "ref": "no-such-episode"}, {"kind": "coverage", "ref": ordered[0].id})
    assert any("no-such-episode" in p for p in check_lesson(lesson, episodes))
    deck = build_deck(lesson, episodes, analyses, analyzer.gazetteer)
    assert deck.slides == []
    assert any("1 source article" in p and "left out" in p for p in deck.problems)
