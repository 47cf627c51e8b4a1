"""The reader's episode edits applied after grouping: rename, date, remove and move an event, merge."""

from __future__ import annotations

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotations.anchoring import quote_at
from desktop.core.annotations.episodes import apply_episode_edits
from desktop.core.annotations.records import Annotation
from desktop.core.episodes.grouping import build_episodes
from desktop.core.text.articles import load_default_corpus


@pytest.fixture(scope="module")
def corpus():
    analyzer = Analyzer()
    analyses = [analyzer.analyze(a) for a in load_default_corpus()]
    return build_episodes(analyses), {a.article_id: a.text for a in analyses}


def _event_quote(episode, texts, index=0) -> tuple[str, object]:
    event = episode.events[index]
    start, end = event.sentence
    return event.article, quote_at(texts[event.article], start, end)


def test_rename_and_date_change_the_episode_and_leave_the_input_alone(corpus):
    episodes, texts = corpus
    target = episodes.episodes[0]
    edits = [
        Annotation(id="r", kind="episode-rename", episode=target.id, title="Renamed by the reader"),
        Annotation(id="d", kind="episode-date", episode=target.id, value="1999-05"),
    ]
    edited, outcome = apply_episode_edits(episodes, edits, texts)
    changed = edited.get(target.id)
    assert changed.title == "Renamed by the reader" and changed.value == "1999-05"
    assert (changed.first.isoformat(), changed.last.isoformat()) == ("1999-05-01", "1999-05-31")
    assert outcome.corrected == {target.id} and len(outcome.applied) == 2
    assert target.title != "Renamed by the reader"  # the input set is not changed


def test_an_edit_finds_its_episode_by_its_words_when_the_id_changed(corpus):
    episodes, texts = corpus
    target = episodes.episodes[0]
    article, quote = _event_quote(target, texts)
    edit = Annotation(id="r", kind="episode-rename", episode="old-id", article=article, quote=quote, title="T")
    edited, outcome = apply_episode_edits(episodes, [edit], texts)
    assert edited.get(target.id).title == "T" and not outcome.orphaned


def test_merge_joins_two_episodes(corpus):
    episodes, texts = corpus
    a, b = episodes.episodes[0], episodes.episodes[1]
    edit = Annotation(id="m", kind="episode-merge", episode=a.id, other=b.id)
    edited, _ = apply_episode_edits(episodes, [edit], texts)
    assert edited.get(b.id) is None and len(edited.episodes) == len(episodes.episodes) - 1
    assert len(edited.get(a.id).events) == len(a.events) + len(b.events)
    assert all(b.id not in ids for ids in edited.matches.values())


def test_remove_and_move_an_event(corpus):
    episodes, texts = corpus
    many = next(e for e in episodes.episodes if len(e.events) >= 2)
    other = next(e for e in episodes.episodes if e is not many)
    article, quote = _event_quote(many, texts, 1)
    removed, _ = apply_episode_edits(
        episodes,
        [Annotation(id="x", kind="episode-remove-event", episode=many.id, article=article, quote=quote)],
        texts,
    )
    assert len(removed.get(many.id).events) < len(many.events)
    move = Annotation(id="v", kind="episode-move-event", episode=many.id, other=other.id, article=article, quote=quote)
    moved, _ = apply_episode_edits(episodes, [move], texts)
    assert len(moved.get(other.id).events) == len(other.events) + 1


def test_an_edit_of_an_unknown_episode_is_orphaned_and_nothing_changes(corpus):
    episodes, texts = corpus
    edits = [
        Annotation(id="r", kind="episode-rename", episode="no-such-episode", title="T"),
        Annotation(id="s", kind="episode-split", episode=episodes.episodes[0].id),  # no event quoted
    ]
    edited, outcome = apply_episode_edits(episodes, edits, texts)
    assert edited is episodes and [n.id for n in outcome.orphaned] == ["r", "s"]


def test_split_makes_a_second_episode_from_the_quoted_event_on(corpus):
    episodes, texts = corpus
    many = next(e for e in episodes.episodes if len(e.events) >= 2)
    article, quote = _event_quote(many, texts, len(many.events) - 1)
    split = Annotation(id="s", kind="episode-split", episode=many.id, article=article, quote=quote)
    edited, outcome = apply_episode_edits(episodes, [split], texts)
    assert not outcome.orphaned and len(edited.episodes) == len(episodes.episodes) + 1
    assert len(edited.get(many.id).events) + len(edited.get(many.id + "-split").events) == len(many.events)
