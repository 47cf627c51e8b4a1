"""The cross-article merge, the named rules' windows and the default comparison, on made-up events and articles."""

from __future__ import annotations

import datetime as dt
from functools import cache

from desktop.core.annotate import timex
from desktop.core.compare.handout import NO_NAMED_NOTE, build_comparison, default_subjects
from desktop.core.episodes.curation import Curation, MergeWindows, NamedRule, load_curation
from desktop.core.episodes.event_records import Event, Participant
from desktop.core.episodes.grouping import build_episodes
from desktop.core.episodes.merging import group_events
from desktop.core.text.articles import Article

D = dt.date
WINDOWS = MergeWindows(
    precision={"day": 1, "week": 7, "month": 31},
    window={"day": 1, "week": 0, "month": 0},
    span={"day": 7, "week": 10, "month": 31},
)


def person(key: str) -> Participant:
    return Participant(key, key.title(), key.title(), "person", "")


def country(key: str) -> Participant:
    return Participant(key, key.title(), key.title(), "country", "")


def event(article: str, value: str, *people: Participant, family: str = "meeting", n: int = 0) -> Event:
    first, last = timex.bounds(value)
    return Event(
        id=f"{article}-e{n}",
        article=article,
        type=family,
        family=family,
        trigger="met",
        trigger_span=(0, 3),
        sentence=(0, 10),
        value=value,
        first=first,
        last=last,
        sources=list(people),
    )


def sizes(events: list[Event]) -> list[int]:
    return sorted((len({e.article for e in group}) for group in group_events(events, WINDOWS)), reverse=True)


def test_the_windows_are_data():
    merge = load_curation().merge
    assert list(merge.precision) and set(merge.window) == set(merge.precision) == set(merge.span)


def test_same_day_and_a_shared_person_merge():
    assert sizes([event("a", "2021-03-03", person("kowalczyk")), event("b", "2021-03-03", person("kowalczyk"))]) == [2]


def test_same_day_without_shared_participants_do_not():
    a = event("a", "2021-03-03", person("kowalczyk"), country("belarus"))
    b = event("b", "2021-03-03", person("nowak"), country("belarus"))
    assert sizes([a, b]) == [1, 1]


def test_different_families_do_not_merge():
    a = event("a", "2021-03-03", person("kowalczyk"))
    b = event("b", "2021-03-03", person("kowalczyk"), family="letter")
    assert sizes([a, b]) == [1, 1]


def test_days_within_the_window_merge_and_days_beyond_do_not():
    assert sizes([event("a", "2021-03-03", person("k")), event("b", "2021-03-04", person("k"))]) == [2]
    assert sizes([event("a", "2021-03-03", person("k")), event("b", "2021-03-06", person("k"))]) == [1, 1]


def test_a_month_and_a_day_in_it_merge_when_participants_agree():
    assert sizes([event("a", "2021-03", person("k")), event("b", "2021-03-17", person("k"))]) == [2]
    assert sizes([event("a", "2021-03", person("k")), event("b", "2021-04-02", person("k"))]) == [1, 1]
    assert sizes([event("a", "2021-03", person("k")), event("b", "2021-03-17", person("n"))]) == [1, 1]


def test_a_year_alone_never_merges_by_date():
    assert sizes([event("a", "2021", person("k")), event("b", "2021-03-17", person("k"))]) == [1, 1]
    assert sizes([event("a", "2021", person("k")), event("b", "2021", person("k"))]) == [1, 1]


def test_a_chain_a_week_apart_does_not_become_one_episode():
    start = D(2020, 1, 6)
    events = []
    for i in range(50):
        day = (start + dt.timedelta(weeks=i)).isoformat()
        events.append(event(f"a{i:02}", day, person(f"p{i}"), person(f"p{i + 1}")))
    assert max(sizes(events)) == 1


def test_a_chain_a_day_apart_stops_at_the_span():
    start = D(2020, 1, 6)
    events = [event(f"a{i:02}", (start + dt.timedelta(days=i)).isoformat(), person("k")) for i in range(30)]
    groups = group_events(events, WINDOWS)
    assert max(len(g) for g in groups) <= WINDOWS.span["day"]
    for group in groups:
        assert (max(e.last for e in group) - min(e.first for e in group)).days < WINDOWS.span["day"]


# --------------------------------------------------------------------------- made-up articles


@cache
def analyzer():
    from desktop.core.annotate.analysis import Analyzer

    return Analyzer()


def analyse(article_id: str, body: str, published: dt.date):
    return analyzer().analyze(Article(id=article_id, title=article_id, body=body, published=published))


VISIT = "On {day}, Wess Mitchell visited Minsk and met Alexander Lukashenko to discuss relations."


def test_a_2025_article_with_the_words_of_a_named_2018_episode_does_not_join_it():
    old = analyse("old", VISIT.format(day="October 30, 2018"), D(2018, 11, 2))
    new = analyse("new", VISIT.format(day="June 3, 2025"), D(2025, 6, 5))
    episode_set = build_episodes([old, new])
    named = episode_set.named("mitchell-visit-2018")
    assert named, [(e.first, e.title, e.actor_ids) for e in episode_set.episodes]
    assert {a for e in named for a in e.articles} == {"old"}
    assert all(e.first.year == 2018 for e in named)


def test_a_named_rule_never_matches_outside_its_window():
    rule = load_curation().rule("mitchell-visit-2018")
    assert rule is not None and rule.types and rule.first <= rule.last
    assert not rule.covers(D(2025, 6, 3), D(2025, 6, 3))
    assert not rule.covers(D(2018, 12, 30), D(2019, 1, 2))


HAPPENINGS = [
    ("On March 3, 2021, Anton Kowalczyk met Alexander Lukashenko in Minsk.", D(2021, 3, 5)),
    ("On May 12, 2021, Vladimir Makei met Sergei Lavrov in Moscow.", D(2021, 5, 14)),
    ("On July 20, 2021, Sviatlana Tsikhanouskaya met Joe Biden in Washington.", D(2021, 7, 22)),
]


def test_without_named_matches_the_default_comparison_takes_the_largest_multi_source_episodes_and_says_so():
    analyses = []
    for i, (text, published) in enumerate(HAPPENINGS):
        analyses += [analyse(f"h{i}-a", text, published), analyse(f"h{i}-b", text + " They talked.", published)]
    analyses.append(analyse("lone", "On August 2, 2021, Vladimir Makei met Josep Borrell in Brussels.", D(2021, 8, 3)))
    nothing = NamedRule("never", "Never", "", types=("meeting",), first=D(1990, 1, 1), last=D(1990, 12, 31))
    curation = Curation((nothing,), ("never",), load_curation().merge)
    episode_set = build_episodes(analyses, curation=curation)
    chosen = default_subjects(episode_set)
    assert chosen.note == NO_NAMED_NOTE
    assert 2 <= len(chosen.ids) <= 3
    picked = [episode_set.get(i) for i in chosen.ids]
    assert all(e is not None and len(e.articles) >= 2 for e in picked)
    assert all("lone" not in e.articles for e in picked)
    comparison = build_comparison(episode_set, {a.article.id: a for a in analyses})
    assert len(comparison.subjects) == len(chosen.ids)


def test_the_bundled_default_needs_no_note():
    from desktop.core.text.articles import load_default_corpus

    episode_set = build_episodes([analyzer().analyze(a) for a in load_default_corpus()])
    chosen = default_subjects(episode_set)
    assert chosen.ids == list(load_curation().compare) and chosen.note == ""


def test_a_cluster_without_participants_joins_its_articles_happening_or_is_no_episode():
    visit = event("a", "2021-03-03", person("kowalczyk"), family="visit", n=0)
    more = event("a", "2021-03-04", family="visit", n=1)  # "The visit continues on Thursday"
    more.sentence_index = 3
    groups = group_events([visit, more], WINDOWS)
    assert [len(g) for g in groups] == [2]
    text = "The summit was held on Monday, March 1, 2021. The summit continued on Tuesday."
    assert all(e.participants for e in build_episodes([analyse("nobody", text, D(2021, 3, 5))]).episodes)
