"""The merge rules added for articles the project has never seen, on made-up events."""

from __future__ import annotations

import dataclasses

from desktop.core.episodes.merging import group_events
from tests.core.test_merge_rules import WINDOWS, event, person, sizes


def test_a_plan_for_a_month_does_not_merge_with_a_day_done():
    plan = dataclasses.replace(event("a", "2021-09", person("kowalczyk")), planned=True)
    done = event("b", "2021-09-11", person("kowalczyk"))
    assert sizes([plan, done]) == [1, 1]


def test_a_plan_for_a_day_meets_what_was_done_that_day():
    plan = dataclasses.replace(event("a", "2021-09-11", person("kowalczyk")), planned=True)
    done = event("b", "2021-09-11", person("kowalczyk"))
    assert sizes([plan, done]) == [2]


def test_a_year_links_no_events_of_one_article():
    june = event("a", "2021-06", person("kowalczyk"), n=0)
    year = event("a", "2021", person("kowalczyk"), n=1)
    september = event("a", "2021-09-11", person("kowalczyk"), n=2)
    groups = group_events([june, year, september], WINDOWS)
    assert sorted(len(g) for g in groups) == [1, 1, 1]
