"""The coverage's "dates it gives" leave out the page's stamps and bylines (issue 14).

A small corpus of two invented articles about one episode, each opening with the furniture a
news page carries ("2 minutes ago", "By Anna Berg, 5 hours ago", "Updated 3 hours ago",
"Last updated: 13:33, 12-09-2025"): none of those is a date the outlet gives about the episode.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotate.dates import DateTagger
from desktop.core.compare.coverage import DATES, coverage
from desktop.core.compare.coverage_lexicon import load_coverage_lexicon
from desktop.core.compare.outlets import Outlets
from desktop.core.compare.page_stamps import is_page_stamp
from desktop.core.episodes.grouping import build_episodes
from desktop.core.text.articles import load_corpus

FRONT = """---
id: {id}
title: "{title}"
outlet: "{outlet}"
url: https://{id}.example/story
published: 2025-09-12
published_precision: day
language: en
---

"""
WIRE = """2 minutes ago

By Anna Berg, 5 hours ago

Updated 3 hours ago

Belarus released 52 prisoners on 11 September 2025 after the U.S. envoy John Coale met Alexander \
Lukashenko in Minsk.

Coale told reporters that Washington would lift sanctions on the state airline Belavia. The talks \
in Minsk lasted four hours, he said.
"""
EXILED = """Natalia Kvit · 1 hour ago

Last updated: 13:33, 12-09-2025

The dictator Lukashenka met the U.S. envoy John Coale in Minsk on 11 September 2025, and the regime \
freed 52 political prisoners the same day.

In return Washington lifted sanctions on Belavia. Coale said the United States wanted to normalise relations.
"""
STAMPS = {"2 minutes ago", "5 hours ago", "3 hours ago", "1 hour ago", "13:33, 12-09-2025"}


@pytest.fixture(scope="module")
def stamped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stamps")
    for key, title, outlet, body in (
        ("stamp-wire-2025", "Belarus frees prisoners after meeting with U.S. envoy", "Northern Wire", WIRE),
        ("stamp-exiled-2025", "Lukashenka trades 52 political prisoners", "Free Belarus Daily", EXILED),
    ):
        (folder / f"{key}.md").write_text(FRONT.format(id=key, title=title, outlet=outlet) + body, encoding="utf-8")
    analyzer = Analyzer()
    analyses = {a.id: analyzer.analyze(a) for a in load_corpus(folder)}
    episodes = build_episodes(list(analyses.values()))
    episode = max(episodes.episodes, key=lambda e: len(set(e.articles)))
    assert len(set(episode.articles)) == 2  # one episode told by both
    return analyses, coverage(episode, analyses, outlets=Outlets([]))


def test_the_tagger_finds_the_stamps_but_the_dates_row_leaves_them_out(stamped):
    analyses, cov = stamped
    tagged = {d.text for a in analyses.values() for d in a.dates}
    assert tagged >= STAMPS  # the tagger does tag them (the reader still shows them)
    row = next(r for r in cov.rows if r.kind == DATES)
    for cell in row.cells:
        words = "; ".join(i.label for i in cell.items)
        assert not any(stamp in words for stamp in STAMPS), words
        assert "2025-09-11" in {i.key for i in cell.items}  # the date of the episode stays
        analysis = analyses[cov.columns[cell.column].article]
        for item in cell.items:  # every span left is no stamp line
            for start, end in item.spans:
                assert analysis.text[start:end] not in STAMPS
    assert any(i.key == "PT4H" for c in row.cells for i in c.items)  # "four hours" of the talks stays


@pytest.mark.parametrize(
    ("text", "date", "stamp"),
    [
        ("2 minutes ago\n\nThe talks began.", "2 minutes ago", True),
        ("Updated 3 hours ago\n", "3 hours ago", True),
        ("By Anna Berg, 5 hours ago\n", "5 hours ago", True),
        ("Anna Berg · 1 hour ago\n", "1 hour ago", True),
        ("Published 12 September 2025, 10:15\n", "12 September 2025, 10:15", True),
        ("He said 3 hours ago that the delegation had left Minsk for Vilnius.\n", "3 hours ago", False),
        ("Talks in Minsk on 11 September\n", "11 September", False),  # a headline: a date it gives
        ("By September, talks resumed\n", "September", False),  # "by" a date is no byline
        ("The envoy met him on 11 September 2025.\n", "11 September 2025", False),
    ],
)
def test_what_counts_as_a_page_stamp(text, date, stamp):
    start = text.index(date)
    end = start + len(date)
    assert any(d.start == start for d in DateTagger().tag(text, dt.date(2025, 9, 12)))
    assert is_page_stamp(text, start, end, load_coverage_lexicon().page_stamps) is stamp
