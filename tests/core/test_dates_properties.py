"""Property tests of the date tagger: whatever the text, tag() returns well-formed mentions.

The strategies build texts from date-ish fragments (month and weekday names, digits,
dashes, ordinals, unit words, prepositions) as well as arbitrary unicode, since real
articles mix all of these and the tagger must never raise on any of them.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.core.annotate.dates import DateTagger
from desktop.core.annotate.publication import infer_publication
from desktop.core.annotate.timex import describe_value

FRAGMENTS = [
    "January", "February", "March", "May", "May ", "march", "may", "Sept.", "Dec", "Monday",
    "Sundays", "12", "1st", "2nd", "3rd", "21st", "30th", "2022", "1994", "1990s", "2,000",
    "13:33", "29-11-2021", "12.04.2022", "2022-04-12", "24/7", "50-70", "–", "—", "-", " to ",
    " and ", "between ", "from ", "since ", "in ", "on ", "the ", "last ", "next ", "this ",
    "same ", "coming ", "recent ", "past ", "future", "present", "now", "right ", "soon",
    "day", "days", "week", "weeks", "weekend", "month", "year", "years", "decade", "century",
    "quarter", "half", "time", "period", "ago", " later", "earlier ", "more than ", "a ",
    "two ", "hundred ", "twenty-five", "every ", "twice ", "daily", "spring", "fall",
    "yesterday", "tomorrow", "tonight", "morning", "evening", "dated ", "letter ",
    "Updated at ", "Published: ", "\n", " ", ", ", ". ", "(", ")", "“", "”", "’s", "mid-",
    "early ", "late ", "the end of ", "will ", "was ", "scheduled for ", "G7", "+375 ",
]  # fmt: skip

date_ish = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
mixed = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8), st.integers(0, 99999).map(str)),
    max_size=40,
).map("".join)
any_text = st.one_of(date_ish, mixed, st.text(max_size=300))
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str, anchor: dt.date | None) -> None:
    mentions = DateTagger().tag(text, anchor)
    previous_end = 0
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= previous_end, "mentions overlap or are unsorted"
        previous_end = m.end
        assert m.text == text[m.start : m.end]
        assert m.type in ("DATE", "TIME", "DURATION", "SET")
        assert m.value
        assert isinstance(describe_value(m.value, m.type), str)


@SETTINGS
@given(any_text, anchors)
def test_tag_never_raises_and_returns_disjoint_spans_inside_the_text(text, anchor):
    check(text, anchor)


@SETTINGS
@given(date_ish, anchors)
def test_date_ish_fragments(text, anchor):
    check(text, anchor)


@SETTINGS
@given(any_text)
def test_infer_publication_never_raises(text):
    day, reason = infer_publication(text)
    assert day is None or isinstance(day, dt.date)
    assert reason


@SETTINGS
@given(st.text(max_size=40))
def test_describe_value_never_raises(value):
    assert isinstance(describe_value(value), str)


@settings(max_examples=5, deadline=None)
@given(st.sampled_from(FRAGMENTS))
def test_a_dense_single_paragraph(fragment):
    text = (fragment + " 2022 in May, 12 April ") * 2_000  # a date every dozen characters
    check(text, dt.date(2022, 4, 18))


def test_a_ten_megabyte_single_paragraph():
    """Real prose with its line breaks removed, repeated to 10 MB: one huge paragraph."""
    from desktop.core.text.articles import load_default_corpus
    from desktop.core.text.markup import plain_text

    prose = " ".join(plain_text(a.body).replace("\n", " ") for a in load_default_corpus())
    text = prose * (10_000_000 // len(prose) + 1)
    check(text, dt.date(2022, 4, 18))


def test_a_text_full_of_numbers():
    text = "1 22 333 4444 55555 12-04 2022, 3.5 1,000 24/7 50-70 +375 29 " * 20_000  # ~1 MB
    check(text, dt.date(2022, 4, 18))
