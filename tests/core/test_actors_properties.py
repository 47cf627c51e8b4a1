"""Properties of the actor tagger on any text: it never raises and its spans are always sound."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.annotate.actor_tagger import ActorTagger
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.text.sentences import sentence_spans

NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")
TAGGER = ActorTagger(load_gazetteer(user_path=NO_USER_FILE, cache=False))

# Pieces that exercise the rules: names, titles, descriptions, capitals, cues, punctuation.
PIECES = [
    "Putin",
    "Vladimir Putin",
    "Lukashenka",
    "Aliaksandr",
    "Makei",
    "Clinton",
    "Bush",
    "President",
    "Foreign Minister",
    "KGB Chairman",
    "the",
    "The",
    "Belarusian",
    "president",
    "foreign minister of",
    "Belarus",
    "head of the",
    "Foreign Ministry",
    "Minsk",
    "Moscow",
    "in",
    "to",
    "from",
    "U.S.",
    "US",
    "us",
    "EU",
    "UN",
    "Secretary-General",
    "Secretary",
    "General",
    "former",
    "ex-",
    "journalist",
    "Ivan",
    "Petrov",
    "Mr.",
    "a former",
    ",",
    ", a",
    ".",
    "’s",
    "'s",
    "’",
    "-",
    "–",
    "(",
    ")",
    "“",
    "”",
    "\n",
    "\n\n",
    "  ",
    " ",
    "St.",
    "Petersburg",
    "New York",
    "Europe",
    "West",
    "Western",
    "Russian-American",
    "EU-Belarus",
    "2022",
    "1994",
    "Ł",
    "ł",
    "Ǆ",
    "İ",
    "ß",
    "ﬁ",
    "\u00a0",
    "\t",
    "Union State",
    "of",
]


def pieces_text() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES), max_size=40).map(
        lambda parts: "".join(p if p in ",.’s's’-–()“”\n\n  \u00a0\t" else " " + p for p in parts)
    )


texts = st.one_of(st.text(max_size=300), pieces_text())
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))


def check(text: str, anchor: dt.date | None, use_sentences: bool) -> None:
    sentences = list(sentence_spans(text)) if use_sentences else None
    mentions, places = TAGGER.tag(text, anchor, sentences)
    for item in (*mentions, *places):
        assert 0 <= item.start < item.end <= len(text)
        assert item.text == text[item.start : item.end]
    for spans in ([(m.start, m.end) for m in mentions], [(p.start, p.end) for p in places]):
        assert spans == sorted(spans)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), spans
    for mention in mentions:
        assert mention.kind in ("person", "state", "organisation", "bloc")
        assert mention.via in ("name", "alias", "surname", "role", "demonym", "pattern")
        assert mention.actor is None or TAGGER.gazetteer.actor(mention.actor) is not None
        assert mention.side in TAGGER.gazetteer.sides
        if mention.actor is None:
            assert mention.kind == "person" and mention.side == "other"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, anchors, st.booleans())
def test_tag_never_raises_and_spans_are_sound(text, anchor, use_sentences):
    check(text, anchor, use_sentences)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(categories=["Lu", "Nd", "Zs", "Po"]), max_size=400), anchors)
def test_text_of_capitals_digits_and_punctuation(text, anchor):
    check(text, anchor, False)


@settings(max_examples=100, deadline=None)
@given(pieces_text(), anchors)
def test_actor_and_place_mentions_do_not_overlap_each_other(text, anchor):
    mentions, places = TAGGER.tag(text, anchor)
    spans = sorted([(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in places])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


@settings(max_examples=60, deadline=None)
@given(pieces_text(), anchors)
def test_tagging_is_deterministic(text, anchor):
    assert TAGGER.tag(text, anchor) == TAGGER.tag(text, anchor)
