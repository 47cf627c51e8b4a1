"""Families of date expressions of issue 10, each with made-up sentences: repeated months
and parts of the day, a month in a year counted from publication, a pair of days, the edges
of "the year", bare plural durations and "a year and a half"."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.annotate.dates import DateTagger

ANCHOR = dt.date(2022, 4, 18)  # a Monday


def found(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str, str, str]]:
    return [(m.text, m.value, m.type, m.mod) for m in DateTagger().tag(text, anchor)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fair is held every March in the old town.", ("every March", "XXXX-03", "SET", "")),
        ("Every November the club meets.", ("Every November", "XXXX-11", "SET", "")),
        ("The nurses visit the ward every evening.", ("every evening", "XXXX-XX-XXTEV", "SET", "")),
        ("They march every Saturday.", ("every Saturday", "XXXX-WXX-6", "SET", "")),
    ],
)
def test_repetitions_are_sets(text: str, expected: tuple[str, str, str, str]) -> None:
    assert found(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The bridge opened in June last year.", ("June last year", "2021-06")),
        ("The bridge opened in June of last year.", ("June of last year", "2021-06")),
        ("The bridge opened on 3 June last year.", ("3 June last year", "2021-06-03")),
        ("The bridge will open in June next year.", ("June next year", "2023-06")),
        ("The bridge opened in January this year.", ("January this year", "2022-01")),
    ],
)
def test_month_in_a_counted_year(text: str, expected: tuple[str, str]) -> None:
    assert [(t, v) for t, v, _, _ in found(text)] == [expected]


def test_month_in_a_counted_year_without_anchor() -> None:
    assert [(t, v) for t, v, _, _ in found("It opened in June last year.", None)] == [("June last year", "XXXX-06")]


def test_two_days_joined_by_and_make_a_range() -> None:
    assert found("The fair runs on 5 and 6 May.") == [("5 and 6 May", "2022-05-05/2022-05-06", "DATE", "")]
