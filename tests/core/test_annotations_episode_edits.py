"""Episode edits made by the window's menus (no Qt): each anchored by a sentence, applied after
grouping, kept through a re-analysis that changed the episodes' ids; an event made from a sentence."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotations import episode_edits as make
from desktop.core.annotations import listing
from desktop.core.annotations.episodes import apply_episode_edits
from desktop.core.annotations.jsonld import from_jsonld, to_jsonld
from desktop.core.annotations.store import load_annotations, save_annotations
from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.core.episodes.grouping import EpisodeSet, build_episodes
from desktop.core.text.articles import load_default_corpus


@pytest.fixture(scope="module")
def corpus():
    analyzer = Analyzer()
    analyses = [analyzer.analyze(a) for a in load_default_corpus()]
    return build_episodes(analyses), {a.article_id: a.text for a in analyses}, analyses


def _renumbered(episodes: EpisodeSet) -> EpisodeSet:
    """The same episodes under other ids (as a new engine may name them)."""
    return EpisodeSet([dataclasses.replace(e, id="new-" + e.id) for e in episodes.episodes], episodes.curation, {})


def test_every_edit_is_anchored_by_a_sentence_of_its_episode(corpus):
    episodes, texts, _ = corpus
    many = next(e for e in episodes.episodes if len(e.events) >= 2)
    for note in (
        make.rename(many, "  A title  ", texts),
        make.redate(many, "2020-08", texts),
        make.split(many, many.events[1], texts),
        make.remove_event(many, many.events[1], texts),
    ):
        start = note.quote.start
        assert texts[note.article][start : start + len(note.quote.exact)] == note.quote.exact
    assert make.rename(many, "  A title  ", texts).title == "A title"
    with pytest.raises(ValueError):
        make.redate(many, "soon", texts)
    with pytest.raises(ValueError):
        make.split(many, many.events[0], texts)


def test_edits_survive_new_episode_ids(corpus):
    episodes, texts, _ = corpus
    many = next(e for e in episodes.episodes if len(e.events) >= 2)
    edits = [make.rename(many, "Reader's title", texts), make.split(many, many.events[-1], texts)]
    edited, outcome = apply_episode_edits(_renumbered(episodes), edits, texts)
    assert not outcome.orphaned and len(edited.episodes) == len(episodes.episodes) + 1
    renamed = edited.get("new-" + many.id)
    assert renamed.title == "Reader's title" and renamed.edited
    assert len(renamed.events) == len(many.events) - 1


def test_a_merge_and_a_move_find_the_other_episode_by_its_words_too(corpus, tmp_path):
    episodes, texts, _ = corpus
    many = next(e for e in episodes.episodes if len(e.events) >= 2)
    a, b = [e for e in episodes.episodes if e is not many][:2]
    edits = [make.merge(a, b, texts), make.move_event(many, many.events[-1], a, texts)]
    assert edits[0].other_quote is not None and edits[0].other_article
    assert from_jsonld(to_jsonld(edits[0])) == edits[0]
    save_annotations(edits, tmp_path / "a.json")
    assert load_annotations(tmp_path / "a.json") == (edits, [])
    edited, outcome = apply_episode_edits(_renumbered(episodes), edits, texts)
    assert not outcome.orphaned
    assert edited.get("new-" + b.id) is None
    merged = edited.get("new-" + a.id)
    assert len(merged.events) == len(a.events) + len(b.events) + 1


def test_an_event_made_from_a_sentence_joins_an_episode_or_makes_one(corpus):
    episodes, texts, analyses = corpus
    analysis = analyses[0]
    lexicon = load_event_lexicon()
    start, end = analysis.sentences[1]
    filled = make.prefill(analysis, start + 2, start + 5, lexicon)
    assert filled.span == (start, end) and filled.value
    event_type = filled.event_type or next(iter(lexicon.types))
    keys = tuple(k for k, _name in filled.actors) or ("someone",)
    target = episodes.episodes[0]
    into = make.add_event(analysis.article_id, analysis.text, filled.span, event_type, keys, "", target.id)
    own = make.add_event(analysis.article_id, analysis.text, filled.span, event_type, keys, "1999-05-04")
    with pytest.raises(ValueError):
        make.add_event(analysis.article_id, analysis.text, filled.span, event_type, keys)  # no date, no episode
    edited, outcome = apply_episode_edits(episodes, [into, own], texts)
    assert not outcome.orphaned
    assert len(edited.get(target.id).events) == len(target.events) + 1
    made = next(e for e in edited.episodes if e.first.isoformat() == "1999-05-04")
    assert made.edited and made.events[0].id == f"user-{own.id}" and made.events[0].date_source == "user"
    assert [p.key for p in made.participants][: len(keys)] == list(keys)
    assert edited.episodes == sorted(edited.episodes, key=lambda e: (e.first, e.last))


def test_a_made_event_round_trips_through_the_store_and_json_ld(corpus, tmp_path):
    _, _, analyses = corpus
    analysis = analyses[0]
    note = make.add_event(analysis.article_id, analysis.text, analysis.sentences[0], "meeting", ("a", "b"), "2020")
    assert from_jsonld(to_jsonld(note)) == note
    save_annotations([note], tmp_path / "a.json")
    assert load_annotations(tmp_path / "a.json") == ([note], [])


def test_an_unknown_type_or_episode_orphans_a_made_event(corpus):
    episodes, texts, analyses = corpus
    analysis = analyses[0]
    span = analysis.sentences[0]
    bad_type = make.add_event(analysis.article_id, analysis.text, span, "no-such-type", (), "2020")
    bad_episode = make.add_event(analysis.article_id, analysis.text, span, "meeting", (), "", "no-such-episode")
    edited, outcome = apply_episode_edits(episodes, [bad_type, bad_episode], texts)
    assert edited is episodes and len(outcome.orphaned) == 2


def test_the_listing_says_where_what_and_whether_applied(corpus):
    episodes, texts, analyses = corpus
    analysis = analyses[0]
    first = episodes.episodes[0]
    renamed = make.rename(first, "Mine", texts)
    moved = make.merge(first, episodes.episodes[1], texts)
    titles = {e.id: e.title for e in episodes.episodes}
    mention = dataclasses.replace(renamed, id="m", kind="not-actor", episode="", title="", article=analysis.article_id)
    mention = dataclasses.replace(mention, quote=make.quote_at(analysis.text, 0, 5))
    gone = dataclasses.replace(mention, id="g", quote=dataclasses.replace(mention.quote, exact="zzzz-not-there"))
    rows = listing.rows(
        [renamed, moved, mention, gone], texts, {analysis.article_id: "The article"}, titles, orphaned_edits=[moved.id]
    )
    assert [r.state for r in rows] == ["applied", "orphaned", "applied", "orphaned"]
    assert rows[0].where == first.title and rows[0].what == "Episode renamed “Mine”"
    assert titles[episodes.episodes[1].id] in rows[1].what and rows[2].where == "The article"
    assert listing.rows([mention], {}, {}, {})[0].state == listing.WAITING
