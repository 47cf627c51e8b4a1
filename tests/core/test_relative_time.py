"""No text crashes the analysis (issue 10, item 1): every unit of relative time, from seconds to
centuries, and arbitrary text through the whole pipeline (annotation, events, episodes, comparison)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotate.dates import DateTagger
from desktop.core.compare.comparison import compare
from desktop.core.episodes.grouping import build_episodes
from desktop.core.text.articles import Article

ANCHOR = dt.date(2025, 6, 10)


def values(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in DateTagger().tag(text, anchor)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("By a staff writer 2 minutes ago", ("2 minutes ago", "2025-06-10")),
        ("3 hours ago", ("3 hours ago", "2025-06-10")),
        ("Updated 10 minutes ago", ("10 minutes ago", "2025-06-10")),
        ("30 seconds ago", ("30 seconds ago", "2025-06-10")),
        ("an hour ago", ("an hour ago", "2025-06-10")),
        ("two days ago", ("two days ago", "2025-06-08")),
        ("three weeks ago", ("three weeks ago", "2025-W21")),
        ("two months ago", ("two months ago", "2025-04")),
        ("five years ago", ("five years ago", "2020")),
        ("two decades ago", ("two decades ago", "200")),
        ("a century ago", ("a century ago", "19")),
    ],
)
def test_every_unit_ago_resolves_against_the_publication_day(text, expected):
    assert values(text) == [expected]


@pytest.mark.parametrize("unit", ["second", "minute", "hour", "day", "week", "month", "year", "decade", "century"])
@pytest.mark.parametrize("shape", ["{n} {units} ago", "{n} {units} later", "in {n} {units}", "{n} {units} earlier"])
def test_no_unit_and_no_shape_crashes(unit, shape):
    units = "centuries" if unit == "century" else unit + "s"
    for n in ("2", "two", "a few", "several", "12"):
        DateTagger().tag(shape.format(n=n, units=units), ANCHOR)
        DateTagger().tag(shape.format(n=n, units=units), None)


def test_a_sub_day_unit_without_a_publication_date_is_an_unknown_day():
    assert values("2 minutes ago", None) == [("2 minutes ago", "XXXX-XX-XX")]


def test_the_second_round_is_no_date():
    assert values("the second round of talks") == []


WORDS = st.sampled_from(
    "a an one two 3 12 few several second seconds minute minutes hour hours day days week weeks month "
    "months year years decade decades century centuries ago later earlier before after in since until "
    "last next this the of on at by Monday May 2020 '90s spring Minsk Lukashenko met said".split()
)
PHRASES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(PHRASES, st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))))
def test_the_date_tagger_never_raises_on_time_words(text, anchor):
    DateTagger().tag(text, anchor)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


SENTENCE = st.lists(
    st.one_of(WORDS, st.sampled_from("visited talks letter released prisoners sanctions . , ; \n\n".split(" "))),
    min_size=1,
    max_size=40,
).map(" ".join)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(SENTENCE, st.text(max_size=200)), min_size=2, max_size=3))
def test_the_whole_pipeline_returns_on_arbitrary_text(analyzer, texts):
    articles = [Article(id=f"t{i}", title=f"Text {i}", body=text, published=ANCHOR) for i, text in enumerate(texts)]
    analyses = [analyzer.analyze(article) for article in articles]
    episodes = build_episodes(analyses).episodes
    if len(episodes) >= 2:
        by_id = {a.article.id: a for a in analyses}
        compare([(e.title, [e]) for e in episodes[:2]], by_id, all_episodes=episodes)
