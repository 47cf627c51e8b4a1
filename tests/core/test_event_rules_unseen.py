"""More rules of the event layer for articles the project has never seen (issue 10, items 5 and 6).

Each test pins one general rule of news prose on sentences made up for it, in the style of
``test_event_rules_open.py``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from desktop.core.annotate.analysis import Analyzer
from desktop.core.episodes.events import EventExtractor
from desktop.core.episodes.grouping import build_episodes
from desktop.core.text.articles import Article

PUBLISHED = dt.date(2024, 6, 13)  # a Thursday


@cache
def _analyzer() -> Analyzer:
    return Analyzer()


def _analysis(text: str, published: dt.date = PUBLISHED):
    article = Article(id="made-up", title="Made up", body=text, published=published, published_precision="day")
    return _analyzer().analyze(article)


def _events(text: str, published: dt.date = PUBLISHED):
    return EventExtractor().extract(_analysis(text, published))


def _episodes(text: str, published: dt.date = PUBLISHED):
    return build_episodes([_analysis(text, published)], EventExtractor()).episodes


def _of_type(events, type_id: str):
    return [e for e in events if e.type == type_id]


def _keys(people) -> set[str]:
    return {p.key for p in people}


# --------------------------------------------------------------------------- a document and its stages


def test_a_letter_published_later_is_one_episode_dated_by_the_letter() -> None:
    episodes = _episodes(
        "On Tuesday, the Polish Foreign Ministry published a letter from Vladimir Putin to Alexander "
        "Lukashenko. The letter, dated May 30, had been kept out of the press."
    )
    letters = [e for e in episodes if e.type == "letter"]
    assert len(letters) == 1
    assert letters[0].value == "2024-05-30"
    assert letters[0].first == letters[0].last == dt.date(2024, 5, 30)
    assert "publication" in {e.type for e in letters[0].events}  # the publication is a stage of it
    assert not [e for e in episodes if e.type == "publication"]  # no duplicate
