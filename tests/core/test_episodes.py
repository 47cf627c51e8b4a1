"""Events and episodes: what the bundled corpus must yield, and behaviour on text never seen."""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.episodes.curation import load_curation
from desktop.core.episodes.grouping import build_episodes, episode_json
from desktop.core.files.lexicons import DataFileError
from desktop.core.text.articles import Article, load_default_corpus

D = dt.date


@cache
def analyzer() -> Analyzer:
    return Analyzer()


@cache
def corpus_episodes():
    corpus = load_default_corpus()
    analyses = [analyzer().analyze(a) for a in corpus]
    return {a.article.id: a for a in analyses}, build_episodes(analyses)


def find(episodes, first, last, *actors):
    """The episode with these dates that has all these actors."""
    hits = [e for e in episodes if e.first == first and e.last == last and set(actors) <= set(e.actor_ids)]
    assert hits, f"no episode {first}..{last} with {actors}: " + "; ".join(
        f"{e.first}..{e.last} {e.title} {e.actor_ids}" for e in episodes
    )
    return hits[0]


def evidence_text(analyses, episode) -> str:
    return " ".join(analyses[ev.article].text[ev.start : ev.end] for ev in episode.primary_evidence)


# The eight episodes the issue names, with their dates and key actors.
EXPECTED = [
    ("KGB chairman meeting", D(2013, 2, 21), D(2013, 2, 21), ("lukashenko", "vakulchik"), "KGB Chairman"),
    (
        "Munich Security Conference in Minsk",
        D(2018, 10, 30),
        D(2018, 11, 1),
        ("munich-security-conference",),
        "Munich Security Conference",
    ),
    ("Mitchell visit", D(2018, 10, 29), D(2018, 11, 4), ("mitchell", "lukashenko", "makei"), "Wess Mitchell"),
    ("Lukashenka meets Putin", D(2022, 4, 12), D(2022, 4, 12), ("lukashenko", "putin"), "April 12th"),
    # dated by the letter ("dated April 6th"); its publication on April 14th is a stage of it
    ("Makei letter", D(2022, 4, 6), D(2022, 4, 6), ("makei",), "dated April 6th"),
    ("Makei at the UN", D(2022, 9, 19), D(2022, 9, 25), ("makei",), "United Nations General Assembly"),
    ("Ryzhankou at the UN", D(2024, 9, 24), D(2024, 9, 30), ("ryzhankou",), "UN General Assembly"),
    ("Minsk migration conference", D(2024, 11, 1), D(2024, 11, 30), ("ryzhankou",), "illegal migration"),
]


@pytest.mark.parametrize(("label", "first", "last", "actors", "words"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_the_corpus_yields_the_named_episodes_with_dates_actors_and_evidence(label, first, last, actors, words):
    analyses, episode_set = corpus_episodes()
    episode = find(episode_set.episodes, first, last, *actors)
    assert words in evidence_text(analyses, episode)
    # evidence spans are whole sentences of the article
    for ev in episode.evidence:
        assert (ev.start, ev.end) in analyses[ev.article].sentences


def test_named_episodes_are_labelled():
    _analyses, episode_set = corpus_episodes()
    labelled = {e.named: e for e in episode_set.episodes if e.named}
    assert labelled["mitchell-visit-2018"].first == D(2018, 10, 29)
    assert labelled["makei-letter-2022"].first == D(2022, 4, 6)
    assert {e.first.year for e in episode_set.named("ryzhankou-push-2024")} == {2024}
    assert len(episode_set.named("ryzhankou-push-2024")) >= 2  # the UN week and the Minsk conference
    assert episode_set.unmatched() == []


def test_titles_are_written_from_the_contents():
    _analyses, episode_set = corpus_episodes()
    mitchell = episode_set.named("mitchell-visit-2018")[0]
    assert mitchell.title.startswith("Mitchell visits")
    assert "Lukashenko" in mitchell.title and "Makei" in mitchell.title
    letter = episode_set.named("makei-letter-2022")[0]
    assert letter.title == "Makei writes to European leaders"


def test_json_contract():
    analyses, episode_set = corpus_episodes()
    for episode in episode_set.episodes:
        data = episode_json(episode)
        assert set(data) == {
            "id",
            "title",
            "start",
            "end",
            "value",
            "type",
            "actors",
            "place",
            "named",
            "evidence",
        }
        assert data["start"] <= data["end"]
        for ev in data["evidence"]:
            assert 0 <= ev["start"] < ev["end"] <= len(analyses[ev["article"]].text)


def episodes_of(text: str, published: dt.date):
    article = Article(id="unseen", title="Unseen", body=text, published=published)
    return build_episodes([analyzer().analyze(article)]).episodes


def test_an_article_never_seen_gives_sensible_episodes():
    text = (
        "On March 3, 2021, Lithuanian Foreign Minister Gabrielius Landsbergis met Sviatlana Tsikhanouskaya in Vilnius. "
        "Landsbergis said that Lithuania would keep its sanctions in place.\n\n"
        "Two weeks later, the Belarusian foreign minister Vladimir Makei sent a letter to the OSCE."
    )
    episodes = episodes_of(text, D(2021, 3, 8))
    meeting = find(episodes, D(2021, 3, 3), D(2021, 3, 3), "landsbergis", "tsikhanouskaya")
    assert meeting.place == "Vilnius"
    assert meeting.type == "meeting"
    letter = find(episodes, D(2021, 3, 17), D(2021, 3, 17), "makei")
    assert letter.type == "letter"


def test_a_negated_meeting_is_no_episode():
    episodes = episodes_of("On Monday, Lukashenko did not meet Vladimir Putin in Sochi.", D(2022, 9, 28))
    assert not any("putin" in e.actor_ids and e.type == "meeting" for e in episodes)


def test_commentary_without_people_or_dates_is_no_episode():
    text = "The regime is trying to reset relations with the West. Sanctions are not working, the analysts think."
    assert episodes_of(text, D(2024, 9, 16)) == []


def test_a_rule_that_matches_nothing_is_reported(monkeypatch, tmp_path):
    from desktop.core.episodes import curation as episodes
    from desktop.core.files import paths

    corpus = tmp_path / "corpus"
    (corpus / "lexicons").mkdir(parents=True)
    (corpus / "episodes.yaml").write_text(
        "named:\n  - id: nothing\n    label: Nothing\n"
        "    rule: {actors: [nobody-at-all], types: [meeting], from: 2000-01-01, to: 2030-12-31}\n"
        "compare: [nothing]\n" + MERGE,
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "corpus_dir", lambda: corpus)
    episodes.load_curation.cache_clear()
    try:
        curation = load_curation()
        analyses, _ = corpus_episodes()
        episode_set = build_episodes(list(analyses.values()), curation=curation)
        assert [r.id for r in episode_set.unmatched()] == ["nothing"]
        groups, unknown = episode_set.resolve(["nothing", "no-such-episode"])
        assert groups == [] and unknown == ["nothing", "no-such-episode"]
    finally:
        episodes.load_curation.cache_clear()


MERGE = "merge:\n  precision: {day: 1}\n  window: {day: 1}\n  span: {day: 7}\n"
RULE = "named:\n  - id: x\n    label: X\n    rule: "


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("named:\n  - label: X\n", "named entry #1 needs an 'id'"),
        (
            RULE + "{types: [visit], from: someday, to: 2020-01-01}\n" + MERGE,
            "named episode 'x', rule.from: not a date",
        ),
        (RULE + "{types: [visit], from: 2020-01-01, to: 2020-02-01, colour: red}\n" + MERGE, "unknown field 'colour'"),
        (RULE + "{from: 2020-01-01, to: 2020-02-01}\n" + MERGE, "named episode 'x', rule: missing field 'types'"),
        (RULE + "{types: [], from: 2020-01-01, to: 2020-02-01}\n" + MERGE, "rule.types: needs at least one event type"),
        (RULE + "{types: [visit], from: 2020-01-01}\n" + MERGE, "named episode 'x', rule: missing field 'to'"),
        (RULE + "{types: [visit], from: 2020-03-01, to: 2020-02-01}\n" + MERGE, "'from' is after 'to'"),
        ("named: []\ncompare: [missing]\n" + MERGE, "compare names unknown episode(s): missing"),
        ("named: []\n", "missing 'merge'"),
        ("named: []\nmerge:\n  precision: {day: 1}\n  window: {}\n  span: {day: 7}\n", "merge.window: needs one"),
        (
            "named: []\nmerge:\n  precision: {day: 1}\n  window: {day: x}\n  span: {day: 7}\n",
            "merge.window.day: expected a whole number",
        ),
    ],
)
def test_malformed_curation_names_the_entry(monkeypatch, tmp_path, yaml_text, message):
    from desktop.core.episodes import curation as episodes
    from desktop.core.files import paths

    (tmp_path / "episodes.yaml").write_text(yaml_text, encoding="utf-8")
    monkeypatch.setattr(paths, "corpus_dir", lambda: tmp_path)
    episodes.load_curation.cache_clear()
    try:
        with pytest.raises(DataFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
            load_curation()
    finally:
        episodes.load_curation.cache_clear()


def test_event_lexicon_errors_name_the_type(monkeypatch):
    from desktop.core.episodes import event_lexicon as events

    monkeypatch.setattr(events, "load_lexicon", lambda name: {"types": {"visit": {"label": "Visit"}}})
    events.load_event_lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"^events\.yaml: types\.visit: missing field 'triggers'"):
            events.load_event_lexicon()
    finally:
        events.load_event_lexicon.cache_clear()


def test_a_title_from_a_summary_is_cut_between_words():
    from desktop.core.text.clip import whole_words

    summary = "Lukashenko received the delegation of the parliamentary assembly in the Palace of Independence"
    cut = whole_words(summary, 60)
    assert cut.endswith("…") and len(cut) <= 61
    assert summary.startswith(cut[:-1]) and summary[len(cut) - 1] == " "
    assert whole_words("Short summary", 60) == "Short summary"
