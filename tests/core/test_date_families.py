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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The road will be finished by the end of the year.", ("the end of the year", "2022", "DATE", "END")),
        ("Prices rose at the beginning of the year.", ("the beginning of the year", "2022", "DATE", "START")),
        ("Rents fall at the start of the month.", ("the start of the month", "2022-04", "DATE", "START")),
    ],
)
def test_edges_of_the_year_of_publication(text: str, expected: tuple[str, str, str, str]) -> None:
    assert found(text) == [expected]


def test_edge_of_a_named_year_is_not_the_year_of_publication() -> None:
    assert [t for t, *_ in found("It ended at the end of the year 2019.")] == ["2019"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The repairs may take months.", ("months", "PXM")),
        ("The shop had been closed for years.", ("years", "PXY")),
        ("The mayor answered within hours.", ("hours", "PTXH")),
        ("The minister spent several hours at the port.", ("several hours", "PTXH")),
        ("The strike would last a month.", ("a month", "P1M")),
        ("The vote ends a week of quarrels.", ("a week", "P1W")),
        ("The bakery has sold bread over the past year and a half.", ("the past year and a half", "P18M")),
        ("The talks went on for two days and a half.", ("two days and a half", "PT60H")),
        ("The farmer was sentenced to three years on fraud charges.", ("three years", "P3Y")),
    ],
)
def test_durations(text: str, expected: tuple[str, str]) -> None:
    assert [(t, v) for t, v, ty, _ in found(text) if ty == "DURATION"] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "The ferry left hours after the storm.",  # relative to an event
        "The bridge opened in his last months as mayor.",
        "He earns a fortune twice a year.",
        "The plan cost $5 a month per person.",
    ],
)
def test_no_duration(text: str) -> None:
    assert [t for t, _, ty, _ in found(text) if ty == "DURATION"] == []


def test_years_on_with_a_comma_still_counts_from_the_date_before() -> None:
    assert [ty for _, _, ty, _ in found("The war ended in 2010. Ten years on, the town is rebuilt.")] == [
        "DATE",
        "DATE",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor will use the winter to repair the roads.", [("the winter", "2022-WI")]),
        ("The town has been short of salt since the storms of the winter, and it shows.", [("the winter", "2021-WI")]),
        ("The summer camp was closed.", []),
        ("The wall was built before the fall of the old regime.", []),
    ],
)
def test_the_season(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, v, _, _ in found(text)] == expected


def test_a_month_before_a_noun_is_a_date_that_does_not_move_the_narrative() -> None:
    text = "The first package, adopted on 2 October, named the organisers of the August vote. At that time, few agreed."
    assert [(t, v) for t, v, _, _ in found(text, dt.date(2020, 11, 6))] == [
        ("2 October", "2020-10-02"),
        ("August", "2020-08"),
        ("that time", "2020-10-02"),
    ]


def test_may_before_a_noun_is_a_name() -> None:
    assert found("The May government fell.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated 11:05pm, 3 Mar, 2021", ("11:05pm, 3 Mar, 2021", "2021-03-03T23:05")),
        ("The ferry left at 7:30 am on 2 June 2021.", ("7:30 am on 2 June 2021", "2021-06-02T07:30")),
        ("Posted 12:15am, 1 May 2020", ("12:15am, 1 May 2020", "2020-05-01T00:15")),
    ],
)
def test_clock_time_before_a_day(text: str, expected: tuple[str, str]) -> None:
    assert [(t, v, ty) for t, v, ty, _ in found(text)] == [(*expected, "TIME")]


def test_ahead_of_is_no_future() -> None:
    # published on a Thursday; the promise was made on the Tuesday before
    text = "The release followed a promise made by the mayor on Tuesday at a ceremony ahead of the fair."
    assert [v for _, v, _, _ in found(text, dt.date(2024, 7, 4))] == ["2024-07-02"]


def test_ahead_alone_is_the_future() -> None:
    assert [v for _, v, _, _ in found("The hard work is on Tuesday, ahead.", dt.date(2024, 7, 4))] == ["2024-07-09"]


def test_another_clause_after_comma_and_gives_no_tense() -> None:
    text = "The town elects a mayor on 9 August, and the campaign has already turned ugly."
    assert [v for _, v, _, _ in found(text, dt.date(2020, 6, 12))] == ["2020-08-09"]


def test_by_the_evening_is_the_evening_of_the_day_before() -> None:
    text = "The fair opened on Saturday. By the evening, the square was full."
    assert found(text) == [("Saturday", "2022-04-16", "DATE", ""), ("the evening", "2022-04-16TEV", "TIME", "")]


def test_the_morning_before_a_noun_is_no_date() -> None:
    assert found("He read it in the morning paper.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Friday the council voted a curfew, to start at midnight.",
            [("Friday", "2022-04-15"), ("midnight", "2022-04-16T00:00")],
        ),
        ("On Friday the market closed at noon.", [("Friday", "2022-04-15"), ("noon", "2022-04-15T12:00")]),
        ("They watched the midnight sun.", []),
    ],
)
def test_named_clock_times(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t, v) for t, v, _, _ in found(text)] == expected


def test_a_weekday_before_a_noun_is_the_day_mentioned_before() -> None:
    text = "On 17 April, the police stopped the Sunday march."
    assert [(t, v) for t, v, _, _ in found(text)] == [("17 April", "2022-04-17"), ("Sunday", "2022-04-17")]


def test_a_weekday_before_a_noun_without_that_day_before_counts_from_publication() -> None:
    assert [(t, v) for t, v, _, _ in found("He joined the Friday prayers.")] == [("Friday", "2022-04-15")]
