"""A reader's note on an episode shown on its slide (issue 13): the deck's part, without Qt."""

from __future__ import annotations

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotations import notes
from desktop.core.episodes.grouping import build_episodes
from desktop.core.present.deck import build_deck
from desktop.core.present.lessons import default_lesson
from desktop.core.present.slides import NOTE, VERDICT
from desktop.core.text.articles import load_default_corpus

BODY = "Ask the class:\n\n- why **now**?\n- why does the *venue* matter?\n\nSee [the 2013 talks](https://example.org)."


@pytest.fixture(scope="module")
def world():
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
    return analyzer, analyses, build_episodes(list(analyses.values()))


def _mitchell(world, annotations):
    analyzer, analyses, episode_set = world
    deck = build_deck(default_lesson(), episode_set, analyses, analyzer.gazetteer, notes=annotations)
    return deck, next(s for s in deck.slides if s.title.startswith("Mitchell visits Minsk"))


def _episode_id(world) -> str:
    return next(e.id for e in world[2].episodes if e.title.startswith("Mitchell visits Minsk"))


def test_a_note_on_the_episode_is_the_slides_last_build_step(world):
    note = notes.episode_note(_episode_id(world), BODY)
    deck, slide = _mitchell(world, [note])
    assert slide.steps[-2:] == (VERDICT, NOTE)
    assert slide.reader_note == "Ask the class:\n• why now?\n• why does the venue matter?\nSee the 2013 talks."
    assert "Note: Ask the class: / • why now?" in slide.plain_text()
    assert "Ask the class" not in slide.plain_text(slide.last_step() - 1)  # revealed by its own step
    others = [s for s in deck.slides if s is not slide]
    assert not any(s.reader_note or NOTE in s.steps for s in others)


def test_without_notes_or_with_other_notes_the_slide_is_as_before(world):
    _deck, plain = _mitchell(world, [])
    assert NOTE not in plain.steps and plain.reader_note == ""
    episode = _episode_id(world)
    elsewhere = [
        notes.cell_note("venue", episode, "on a comparison cell, not on the episode"),
        notes.passage_note("reliable-partner-2018", "Mitchell met Makei", 0, 8, "on a passage"),
        notes.episode_note("no-such-episode", "on another episode"),
    ]
    _deck, slide = _mitchell(world, elsewhere)
    assert slide.steps == plain.steps and slide.reader_note == ""


def test_two_notes_on_the_episode_both_show_in_order(world):
    episode = _episode_id(world)
    _deck, slide = _mitchell(world, [notes.episode_note(episode, "First."), notes.episode_note(episode, "Second.")])
    assert slide.reader_note == "First.\nSecond."


def test_readable_keeps_lines_and_drops_markdown():
    assert notes.readable("# Why?\nA *short*\nparagraph.\n\n1. one\n2. two") == "Why?\nA short paragraph.\n• one\n• two"
    assert notes.readable("   \n\n") == ""
