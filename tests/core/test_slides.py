"""The deck: what each slide shows, its build steps, and what a lesson with gaps leaves out."""

from __future__ import annotations

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.compare.handout import build_comparison
from desktop.core.episodes.grouping import build_episodes
from desktop.core.present.deck import build_deck
from desktop.core.present.lessons import Lesson, LessonSlide, default_lesson
from desktop.core.present.slides import (
    BASE,
    COUNTERPART,
    HIGHLIGHTS,
    MARKERS,
    NEW,
    QUOTE,
    VERDICT,
    notes_html,
)
from desktop.core.text.articles import load_default_corpus


@pytest.fixture(scope="module")
def world():
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_default_corpus()}
    return analyzer, analyses, build_episodes(list(analyses.values()))


@pytest.fixture(scope="module")
def deck(world):
    analyzer, analyses, episode_set = world
    return build_deck(default_lesson(), episode_set, analyses, analyzer.gazetteer)


def test_one_slide_per_lesson_slide_in_order(deck):
    assert deck.problems == []
    assert [s.kind for s in deck.slides] == ["title", *["episode"] * 5, "comparison", "motifs"]
    assert [s.kicker for s in deck.slides[1:6]] == [
        "2013 Western alibi",
        "2018 Mitchell visit",
        "2022 Makei letter",
        "2022 Makei at the UN",
        "2024 Ryzhankou push",
    ]
    assert all(s.notes for s in deck.slides)


def test_title_slide_lists_the_lesson(deck):
    title = deck.slides[0]
    assert title.title == default_lesson().title
    assert ("2018", "Mitchell visit") in title.agenda
    assert "Belarus in focus" in title.outlets[0]


def test_episode_slide_content_comes_from_the_articles(deck, world):
    _analyzer, analyses, _episodes = world
    mitchell = deck.slides[2]
    assert mitchell.year == "2018"
    assert mitchell.title == "Mitchell visits Minsk; meets Lukashenko and Makei"
    assert "29 October – 4 November 2018" in mitchell.date_words
    assert [(c.name, c.code) for c in mitchell.messengers] == [("Lukashenko", "BY"), ("Makei", "BY")]
    assert mitchell.messengers[0].detail == "President of Belarus"
    assert [(c.name, c.code, c.side) for c in mitchell.counterparts] == [("Mitchell", "US", "us")]
    assert mitchell.outlets == ("Belarus in focus · c. 5 November 2018",)
    text = analyses["reliable-partner-2018"].text
    for quote in mitchell.quotes:
        assert quote.text in text  # exactly as written
        for span in quote.spans:
            assert 0 <= span.start < span.end <= len(quote.text)
    spans = {(mitchell.quotes[0].text[s.start : s.end], s.kind, s.code) for s in mitchell.quotes[0].spans}
    assert ("Makey", "actor", "BY") in spans
    assert mitchell.verdict is not None and "significant change" in mitchell.verdict.text
    assert mitchell.verdict_label == "How the sources assess it"


def test_quotes_are_short_and_a_second_one_names_the_episode(deck):
    for slide in deck.slides[1:6]:
        assert 1 <= len(slide.quotes) <= 2
        assert sum(len(q.text) for q in slide.quotes) <= 400
    alibi = deck.slides[1]
    assert alibi.quotes[0].text.startswith("On February 21st, at a meeting with KGB Chairman")
    dates = [alibi.quotes[0].text[s.start : s.end] for s in alibi.quotes[0].spans if s.kind == "date"]
    assert dates == ["February 21st"]


def test_every_episode_has_a_verdict_even_outside_the_default_comparison(deck):
    alibi, un = deck.slides[1], deck.slides[4]
    assert "demonstrating interest in a new dialogue with the West" in alibi.verdict.text
    # a sentence that opens with someone else's quotation is not the source's verdict
    assert not un.verdict.text.startswith("“")
    assert "wiggle room" in un.verdict.text or "leverage" in un.verdict.text


def test_the_letter_s_counterpart_is_the_party_it_was_written_to(deck):
    """ "a letter … to European leaders": the EU takes part in the letter event itself."""
    letter = deck.slides[3]
    assert [(c.name, c.code) for c in letter.counterparts] == [("European Union", "EU")]


def test_a_named_episode_of_two_episodes_is_one_slide(deck, world):
    push = deck.slides[5]
    titles = [e.title for e in world[2].resolve(["ryzhankou-push-2024"])[0][0][1]]
    assert len(titles) == 2
    assert push.title in titles  # one episode's title, never two run together
    assert push.year == "2024"
    assert "New York" in push.place and "Minsk" in push.place
    assert len(push.strip.current) == 2


def test_build_steps_of_an_episode(deck):
    slide = deck.slides[2]
    assert slide.steps == (BASE, QUOTE, HIGHLIGHTS, COUNTERPART, VERDICT)
    opening = slide.plain_text(0)
    assert "Mitchell visits Minsk" in opening and "Messenger: Lukashenko [BY]" in opening
    assert "unprecedented" not in opening and "Counterpart" not in opening
    assert "unprecedented" in slide.plain_text(1)
    assert "Counterpart: Mitchell [US]" not in slide.plain_text(2)
    assert "Counterpart: Mitchell [US]" in slide.plain_text(3)
    assert "How the sources assess it" not in slide.plain_text(3)
    assert "How the sources assess it" in slide.plain_text(4)
    assert slide.plain_text() == slide.plain_text(4)
    assert slide.shows(HIGHLIGHTS, 2) and not slide.shows(HIGHLIGHTS, 1)


def test_comparison_slide_rows_and_markers(deck, world):
    comparison = deck.slides[6]
    assert [c.label for c in comparison.columns] == [
        "2018 Mitchell visit",
        "2022 Makei letter",
        "2024 Ryzhankou push",
    ]
    assert comparison.steps == (BASE, MARKERS)
    labels = [r.label for r in comparison.rows]
    assert "When" not in labels  # the dates head the columns
    assert labels[0] == "Minsk's messenger(s)"
    asked = next(r for r in comparison.rows if r.label == "What Minsk asked for")
    assert all(c.text.startswith("normalised relations") for c in asked.cells)  # shared terms first
    moscow = next(r for r in comparison.rows if r.label == "Moscow's position")
    assert (moscow.marker, moscow.symbol) == ("partial", "◐")
    assert moscow.cells[0].empty
    assert "≠ Minsk's messenger(s)" not in comparison.plain_text(0)
    assert "≠ Minsk's messenger(s)" in comparison.plain_text(1)


def test_motifs_slide_recurring_then_new(deck):
    motifs = deck.slides[7]
    assert motifs.steps == (BASE, NEW)
    labels = [r.label for r in motifs.rows]
    assert labels[0] == "Improving or normalising relations"  # in all three first
    assert "The Global South" not in labels
    assert "The Global South" not in motifs.plain_text(0)
    assert "Only in 2024 Ryzhankou push" in motifs.plain_text(1)


def test_missing_episodes_are_left_out_with_a_problem(world):
    analyzer, analyses, episode_set = world
    lesson = Lesson(
        "Gaps",
        [
            LessonSlide("title"),
            LessonSlide("episode", "no-such-episode"),
            LessonSlide("episode", "makei-un-2022"),
            LessonSlide("comparison", "makei-un-2022, alibi-2013"),
        ],
    )
    deck = build_deck(lesson, episode_set, list(analyses.values()), analyzer.gazetteer)
    assert [s.kind for s in deck.slides] == ["title", "episode", "comparison"]
    assert len(deck.problems) == 1 and "no-such-episode" in deck.problems[0]
    assert [c.label for c in deck.slides[2].columns] == ["2022 Makei at the UN", "2013 Western alibi"]


def test_a_given_comparison_is_reused(world):
    analyzer, analyses, episode_set = world
    comparison = build_comparison(episode_set, analyses)
    lesson = Lesson("One", [LessonSlide("motifs")])
    deck = build_deck(lesson, episode_set, analyses, analyzer.gazetteer, comparison)
    assert [c.label for c in deck.slides[0].columns] == [s.label for s in comparison.subjects]


def test_notes_are_markdown():
    html = notes_html("**Point out**\n\n1. one\n2. two")
    assert "<strong>Point out</strong>" in html and "<ol>" in html
