"""Tense, aspect, modality and narrative anchors of the date tagger, on made-up sentences.

Each rule is general English: a date in a clause that looks forward from a past main verb
("agreed to meet in September"), the future seen from the past ("would"), a timetable present
("the ministers meet on Monday"), a weekday anchored in the narrative ("that Saturday"), and
the smaller readings ("one day", "every autumn", "half a year", holidays from the lexicon).
"""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.core.annotate.dates import DateTagger
from desktop.core.text.sentences import sentences

D = dt.date


def found(text: str, anchor: dt.date) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.type) for m in DateTagger().tag(text, anchor, sentences(text))]


def value(text: str, anchor: dt.date) -> str:
    (mention,) = DateTagger().tag(text, anchor, sentences(text))
    return mention.value


# --------------------------------------------------------------------------- forward clauses


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # a prospective verb governs an infinitive: its event lies after the (past) agreement
        ("The two presidents agreed to hold another round of talks in November.", D(2021, 8, 3), "2021-11"),
        ("The foreign ministers decided to reconvene in the spring.", D(2019, 1, 20), "2019-SP"),
        ("She promised to return to the capital on Friday.", D(2023, 5, 9), "2023-05-12"),
        ("Officials were ready to sign the treaty in December.", D(2022, 9, 1), "2022-12"),
        # inviting: the "to" may lead a place or an occasion
        ("The chancellor invited the premier to Berlin in October.", D(2018, 6, 14), "2018-10"),
        ("He accepted an invitation to the forum in March.", D(2024, 1, 30), "2024-03"),
        # "would": the future seen from the past
        ("The spokesman said the envoy would arrive on Thursday evening.", D(2020, 2, 11), "2020-02-13TEV"),
        # scheduled for / set for
        ("The referendum was scheduled for August.", D(2022, 5, 2), "2022-08"),
        ("The vote, set for October, was postponed by parliament.", D(2022, 5, 2), "2022-10"),
        # a timetable present and a futurate progressive
        ("The interior ministers meet on Wednesday in Prague.", D(2021, 3, 5), "2021-03-10"),
        ("The delegations are meeting on Monday.", D(2021, 3, 5), "2021-03-08"),
        # a participle after a noun that looks forward
        ("Nobody will attend the summit planned in Tallinn in September.", D(2019, 4, 2), "2019-09"),
    ],
)
def test_forward_clauses_point_after_the_reference_time(text: str, anchor: dt.date, expected: str) -> None:
    assert value(text, anchor) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # the date belongs to the main verb, not to the infinitive after it
        ("On Monday the ministers agreed to meet again.", D(2021, 3, 5), "2021-03-01"),
        # a purpose infinitive after a verb of motion is no plan
        ("He flew to Riga to sign the agreement in February.", D(2020, 6, 1), "2020-02"),
        # "to" before a determiner is a preposition: "agreed to the plan in May"
        ("The government agreed to the plan in May.", D(2020, 9, 1), "2020-05"),
        # "would have": a counterfactual past
        ("The talks would have opened on Tuesday.", D(2020, 2, 13), "2020-02-11"),
        # after "was" the participle is a past
        ("The operation was planned in January.", D(2020, 6, 1), "2020-01"),
        # a negated present is no timetable
        ("The ministers did not meet on Monday.", D(2021, 3, 5), "2021-03-01"),
        # the clause of the date ends at the comma after it
        ("The envoy, who landed in Vilnius on Tuesday, is to speak at the forum.", D(2024, 5, 9), "2024-05-07"),
    ],
)
def test_past_clauses_stay_in_the_past(text: str, anchor: dt.date, expected: str) -> None:
    assert value(text, anchor) == expected


# --------------------------------------------------------------------------- narrative anchors


def test_that_weekday_is_in_the_week_of_the_narrative() -> None:
    text = "The talks opened in Geneva on 3 March. That Friday, the delegations signed a protocol."
    assert found(text, D(2022, 4, 20))[1][:2] == ("That Friday", "2022-03-04")  # 3 March 2022 is a Thursday


def test_following_and_previous_weekday_count_from_the_narrative() -> None:
    text = "The border closed on 10 May 2023. The following Monday, trucks queued; the previous Sunday was calm."
    values = [v for _, v, _ in found(text, D(2023, 6, 30))]
    assert values == ["2023-05-10", "2023-05-15", "2023-05-14"]  # the narrative moved on to the 15th


def test_that_weekday_without_a_narrative_date_falls_back_to_the_tense() -> None:
    assert value("That Saturday, thousands marched.", D(2020, 8, 19)) == "2020-08-15"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The parcel was handed over on Friday last week.", ("Friday last week", "2025-06-20", "DATE")),
        ("The court sits on Tuesday next week.", ("Tuesday next week", "2025-07-01", "DATE")),
        ("Ballots were counted on Monday morning this week.", ("Monday morning this week", "2025-06-23TMO", "TIME")),
    ],
)
def test_weekday_of_a_counted_week_is_one_day(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text, D(2025, 6, 26)) == [expected]  # a Thursday


# --------------------------------------------------------------------------- smaller readings


def test_the_idiom_one_day_is_no_duration() -> None:
    assert found("One day, he said, the country will be free.", D(2021, 1, 1)) == []
    assert found("He hopes to go home one day.", D(2021, 1, 1)) == []
    assert found("The strike lasted one day.", D(2021, 1, 1)) == [("one day", "P1D", "DURATION")]
    assert found("The talks were suspended for one day.", D(2021, 1, 1)) == [("one day", "P1D", "DURATION")]


def test_a_span_before_an_event_is_a_duration() -> None:
    text = "The embassy closed five weeks after a letter from the ministry."
    assert found(text, D(2023, 5, 5)) == [("five weeks", "P5W", "DURATION")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Farmers protest every autumn.", ("every autumn", "XXXX-FA", "SET")),
        ("Each spring the rivers flood.", ("Each spring", "XXXX-SP", "SET")),
    ],
)
def test_every_season_repeats(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text, D(2022, 1, 1)) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He spent half a year in detention.", ("half a year", "P6M", "DURATION")),
        ("The meeting lasted half an hour.", ("half an hour", "PT30M", "DURATION")),
        ("The party ruled for half a century.", ("half a century", "P50Y", "DURATION")),
    ],
)
def test_half_a_unit_is_a_duration(text: str, expected: tuple[str, str, str]) -> None:
    assert found(text, D(2022, 1, 1)) == [expected]


def test_more_than_half_a_year_keeps_its_modifier() -> None:
    (m,) = DateTagger().tag("She waited more than half a year.", D(2022, 1, 1))
    assert (m.text, m.value, m.mod) == ("more than half a year", "P6M", "MORE_THAN")


def test_for_before_a_month_makes_it_a_month_but_not_may() -> None:
    assert value("The hearing is scheduled for June.", D(2023, 2, 1)) == "2023-06"
    assert found("Critics called for May to resign.", D(2019, 2, 1)) == []


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("Dozens of prisoners were pardoned on Independence Day.", D(2021, 7, 9), "2021-07-03"),
        ("The amnesty will take effect on Independence Day.", D(2021, 6, 20), "2021-07-03"),
        ("Veterans marched on Victory Day 2015.", D(2021, 6, 20), "2015-05-09"),
        ("The opposition rallied on Freedom Day.", D(2018, 4, 2), "2018-03-25"),
        ("The embassy celebrated US Independence Day.", D(2019, 7, 10), "2019-07-04"),
    ],
)
def test_holidays_are_dates_from_the_lexicon(text: str, anchor: dt.date, expected: str) -> None:
    assert value(text, anchor) == expected


def test_a_holiday_name_that_modifies_a_noun_is_left_to_it() -> None:
    assert found("The Independence Day parade was cancelled.", D(2020, 7, 10)) == []


def test_a_name_between_an_inviting_verb_and_to_does_not_hide_it() -> None:
    text = "The president invited Prime Minister Jonas Petraitis to visit Minsk in the autumn."
    assert value(text, D(2023, 4, 12)) == "2023-FA"


def test_expected_after_be_looks_forward() -> None:
    assert value("The verdict is expected in May.", D(2023, 4, 12)) == "2023-05"


def test_a_year_after_an_adjective_or_for() -> None:
    assert value("Sanctions followed the disputed 2020 election.", D(2025, 9, 11)) == "2020"
    assert [v for _, v, _ in found("They agreed a plan for 2025 and 2026.", D(2024, 10, 31))] == ["2025", "2026"]


def test_a_plural_of_three_digits_is_no_year() -> None:
    assert found("000s", D(2024, 1, 1)) == []  # was a ValueError


def test_the_future_of_a_dated_past_counts_from_that_date() -> None:
    text = "In March 2023 the two leaders agreed to meet again in September."
    assert [v for _, v, _ in found(text, D(2024, 2, 1))] == ["2023-03", "2023-09"]
    text = "On 3 March 2023 the envoy said he would come back in May."
    assert [v for _, v, _ in found(text, D(2024, 2, 1))] == ["2023-03-03", "2023-05"]


def test_a_date_of_another_sentence_does_not_hold_back_a_plan() -> None:
    text = "In March 2023 they met. They agreed to meet again in September."
    assert [v for _, v, _ in found(text, D(2024, 2, 1))] == ["2023-03", "2024-09"]


# --------------------------------------------------------------------------- the reach of the tense


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        # the words of names and titles cost nothing: the past verb far before them still governs
        (
            "The date was fixed in a call between President of the Republic of Moldova Ion Vasilescu "
            "and Prime Minister of the Kingdom of Norway Kari Lindqvist on Sunday.",
            D(2022, 3, 3),  # a Thursday
            "2022-02-27",
        ),
        # what a "that" opens after the date has a tense of its own: "would" is what was said
        (
            "The minister told a radio station on 25 March that the army would build a new base.",
            D(2023, 6, 20),
            "2023-03-25",
        ),
        ("He asked the envoys on Friday whether they would stay.", D(2024, 6, 13), "2024-06-07"),
    ],
)
def test_names_widen_the_reach_and_a_that_clause_keeps_its_tense(text: str, anchor: dt.date, expected: str) -> None:
    assert value(text, anchor) == expected
