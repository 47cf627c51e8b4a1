"""Unit tests of the date tagger: one rule per test, with a realistic sentence and anchor."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import time

import pytest

from desktop.core.annotate.dates import DateTagger
from desktop.core.annotate.publication import infer_publication
from desktop.core.annotate.records import DateMention
from desktop.core.annotate.timex import describe_value
from desktop.core.text.articles import load_default_corpus
from desktop.core.text.markup import plain_text
from desktop.core.text.sentences import sentences

D = dt.date
ANCHOR = D(2022, 4, 18)  # a Monday


def tag(text: str, anchor: dt.date | None = ANCHOR) -> list[DateMention]:
    return DateTagger().tag(text, anchor)


def only(text: str, anchor: dt.date | None = ANCHOR) -> DateMention:
    """The single mention in ``text``."""
    mentions = tag(text, anchor)
    assert len(mentions) == 1, [(m.text, m.value) for m in mentions]
    return mentions[0]


def found(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in tag(text, anchor)]


# --------------------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The talks took place on 12 April 2022 in Minsk.", "12 April 2022", "2022-04-12"),
        ("The talks took place on April 12, 2022 in Minsk.", "April 12, 2022", "2022-04-12"),
        ("He arrived on the 12th of April 2022.", "12th of April 2022", "2022-04-12"),
        ("The decree (No. 12) took effect on 2022-04-12.", "2022-04-12", "2022-04-12"),
        ("The decree took effect on 29-11-2021.", "29-11-2021", "2021-11-29"),
        ("The decree took effect on 12.04.2022.", "12.04.2022", "2022-04-12"),
        ("Sanctions were extended in November 2024.", "November 2024", "2024-11"),
        ("Clinton spoke in Dublin (Dublin, December 2012).", "December 2012", "2012-12"),
        ("Sept. 24, 2024 was the first day of the debate.", "Sept. 24, 2024", "2024-09-24"),
    ],
)
def test_explicit_dates(text, span, value):
    mention = only(text)
    assert (mention.text, mention.value, mention.type) == (span, value, "DATE")
    assert mention.anchor == "absolute"
    assert mention.note == "explicit"


def test_page_stamp_is_a_time_and_the_label_is_left_out():
    mention = only("Updated at 13:33,29-11-2021\n\nLukashenko asked about progress.", None)
    assert (mention.text, mention.value, mention.type) == ("13:33,29-11-2021", "2021-11-29T13:33", "TIME")
    assert mention.anchor == "absolute"


def test_iso_date_and_time():
    mention = only("Posted 2021-11-29T13:33 by the editors.")
    assert (mention.value, mention.type) == ("2021-11-29T13:33", "TIME")


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("Lukashenko has ruled Belarus since 1994.", "1994", "1994", ""),
        ("The protests after the 2020 election were crushed.", "2020", "2020", ""),
        ("The economy shrank in 2012, the ministry said.", "2012", "2012", ""),
        ("Relations thawed in the 1990s.", "the 1990s", "199", ""),
        ("Relations thawed in the early 1990s.", "the early 1990s", "199", "EARLY"),
        ("A new round of talks began in early 2022.", "early 2022", "2022", "EARLY"),
        ("The embassy closed in late 2021.", "late 2021", "2021", "LATE"),
        ("The delegation will arrive in mid-September 2024.", "mid-September 2024", "2024-09", "MID"),
        ("The offensive stalled in spring 2022.", "spring 2022", "2022-SP", ""),
        ("The offensive stalled in the spring of 2022.", "the spring of 2022", "2022-SP", ""),
        ("The treaty expires at the end of 2022.", "the end of 2022", "2022", "END"),
        ("Exports fell in the first quarter of 2022.", "the first quarter of 2022", "2022-Q1", ""),
        ("It was the largest crisis of the 21st century.", "the 21st century", "20", ""),
        ("2020 was a turning point for Minsk.", "2020", "2020", ""),
    ],
)
def test_years_decades_seasons_and_modifiers(text, span, value, mod):
    mention = only(text)
    assert (mention.text, mention.value, mention.mod) == (span, value, mod)


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "anchor", "span", "value"),
    [
        (
            "On February 11th – 20th he was on a working vacation in Sochi.",
            D(2013, 2, 25),
            "February 11th – 20th",
            "2013-02-11/2013-02-20",
        ),
        (
            "From September 24 to 30, 2024, the UN headquarters will be busy.",
            D(2024, 9, 16),
            "September 24 to 30, 2024",
            "2024-09-24/2024-09-30",
        ),
        (
            "On October 30th – November 1st, the meeting was held in Minsk.",
            D(2018, 11, 5),
            "October 30th – November 1st",
            "2018-10-30/2018-11-01",
        ),
        (
            "The conference was held on 30 October – 1 November 2018.",
            D(2018, 11, 5),
            "30 October – 1 November 2018",
            "2018-10-30/2018-11-01",
        ),
        ("The talks were held on 12–14 April 2022.", D(2022, 4, 18), "12–14 April 2022", "2022-04-12/2022-04-14"),
        ("The rouble fell from 2012 to 2022.", D(2022, 4, 18), "2012 to 2022", "2012/2022"),
        ("Minsk was isolated between 2008 and 2010.", D(2022, 4, 18), "2008 and 2010", "2008/2010"),
        ("Ken Yalowitz was ambassador in 1994–1997.", D(2022, 4, 18), "1994–1997", "1994/1997"),
        ("The budget for 2020-21 was cut.", D(2022, 4, 18), "2020-21", "2020/2021"),
        ("Exercises ran from March to May 2022.", D(2022, 4, 18), "March to May 2022", "2022-03/2022-05"),
        (
            "The visit lasted from December 30 to January 2, 2019.",
            D(2019, 1, 10),
            "December 30 to January 2, 2019",
            "2018-12-30/2019-01-02",
        ),
        (
            "Talks ran from April 12 until April 14, 2022.",
            D(2022, 4, 18),
            "April 12 until April 14, 2022",
            "2022-04-12/2022-04-14",
        ),
    ],
)
def test_ranges_share_the_parts_said_once(text, anchor, span, value):
    mention = only(text, anchor)
    assert (mention.text, mention.value, mention.type) == (span, value, "DATE")


def test_spans_leave_out_leading_prepositions():
    assert [m.text for m in tag("On April 12th, in 2012 and from 2015 to 2016, since 1994.")] == [
        "April 12th",
        "2012",
        "2015 to 2016",
        "1994",
    ]


# --------------------------------------------------------------------------- relative dates


def test_month_day_takes_the_year_the_tense_points_to():
    anchor = D(2013, 2, 25)
    past = only("On March 15th, the council met in St. Petersburg.", anchor)
    future = only("The council meeting is scheduled for March 15th in St. Petersburg.", anchor)
    nearest = only("The council: March 15th, St. Petersburg.", anchor)
    assert past.value == "2012-03-15"
    assert future.value == "2013-03-15"
    assert nearest.value == "2013-03-15"
    assert past.anchor == future.anchor == "published:2013-02-25"
    assert past.note == "relative to publication, 25 February 2013 (past tense: 'met')"
    assert "future: 'scheduled'" in future.note


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("The conference will be held in Minsk in November.", "2024-11"),
        ("The regime plans to host the forum in November.", "2024-11"),
        ("The upcoming forum in November is already on the agenda.", "2024-11"),
        ("A similar conference was held in Minsk in November.", "2023-11"),
    ],
)
def test_month_without_year_follows_the_tense(sentence, value):
    assert only(sentence, D(2024, 9, 16)).value == value


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Makei disclosed on Monday that he attended the meetings.", "2022-09-26"),
        ("Makei will meet the Pope on Monday.", "2022-10-03"),
        ("Makei: meetings on Monday.", "2022-09-26"),  # no tense: the nearest Monday
        ("Lukashenko met Putin last Friday.", "2022-09-23"),
        ("Lukashenko meets Putin next Friday.", "2022-09-30"),
        ("On Friday, Lukashenko said he would not go.", "2022-09-23"),
        ("The talks will resume on Friday.", "2022-09-30"),
    ],
)
def test_weekdays_resolve_in_the_direction_of_the_tense(sentence, value):
    assert only(sentence, D(2022, 9, 28)).value == value  # a Wednesday


def test_weekday_on_the_publication_day_is_that_day():
    mention = only("Makei disclosed on Monday that he attended the meetings.", D(2022, 9, 26))
    assert mention.value == "2022-09-26"


def test_weekday_with_part_of_day_is_a_time():
    mention = only("The statement came on Monday evening.", D(2022, 9, 28))
    assert (mention.text, mention.value, mention.type) == ("Monday evening", "2022-09-26TEV", "TIME")


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Makei attended meetings at the UN General Assembly last week.", "last week", "2022-W38"),
        ("The envoy arrived yesterday.", "yesterday", "2022-09-25"),
        ("The envoy arrives today.", "today", "2022-09-26"),
        ("The envoy arrives tomorrow.", "tomorrow", "2022-09-27"),
        ("Sanctions will be reviewed next month.", "next month", "2022-10"),
        ("The embassy reopened two weeks ago.", "two weeks ago", "2022-W37"),
        ("The embassy reopened three years ago.", "three years ago", "2019"),
        ("The embassy reopened two days ago.", "two days ago", "2022-09-24"),
        ("Exports grew earlier this year.", "earlier this year", "2022"),
        ("Exports fell last year.", "last year", "2021"),
        ("Exports will grow this year.", "this year", "2022"),
        ("The talks stalled last summer.", "last summer", "2022-SU"),
        ("The talks resumed last weekend.", "last weekend", "2022-W38-WE"),
        ("Exports fell in the first quarter of this year.", "the first quarter of this year", "2022-Q1"),
        ("Growth returned in the second half of last year.", "the second half of last year", "2021-H2"),
        ("The visit is planned for next spring.", "next spring", "2023-SP"),
        ("The talks resumed this morning.", "this morning", "2022-09-26TMO"),
        ("Two bombs exploded last night.", "last night", "2022-09-25TNI"),
        ("A decade ago, Minsk was courted by Brussels.", "A decade ago", "201"),
    ],
)
def test_deictic_expressions_count_from_publication(text, span, value):
    mention = only(text, D(2022, 9, 26))
    assert (mention.text, mention.value) == (span, value)
    assert mention.anchor == "published:2022-09-26"


def test_last_week_is_the_iso_week_before_the_anchors_week():
    assert only("Major events last week.", D(2018, 11, 5)).value == "2018-W44"
    assert describe_value("2018-W44") == "the week of 29 October – 4 November 2018"


# --------------------------------------------------------------------------- anaphora


def test_anaphora_count_from_the_last_date_mentioned():
    text = (
        "On 12 April 2022, Lukashenka met Putin. The next day, he flew to Minsk. "
        "A week later, the letter leaked. Two days earlier, Makei had written it."
    )
    assert found(text) == [
        ("12 April 2022", "2022-04-12"),
        ("The next day", "2022-04-13"),
        ("A week later", "2022-04-20"),
        ("Two days earlier", "2022-04-18"),
    ]
    mentions = tag(text)
    assert mentions[1].anchor == "context:2022-04-12"
    assert mentions[2].anchor == "context:2022-04-13"


def test_a_dated_document_does_not_move_the_narrative():
    text = (
        "April 14th saw the publication of a letter, dated April 6th, from Vladimir Makei. "
        "On the same day, Danilov stated that Kyiv did not expect a strike."
    )
    mentions = tag(text)
    assert [(m.text, m.value) for m in mentions] == [
        ("April 14th", "2022-04-14"),
        ("April 6th", "2022-04-06"),
        ("the same day", "2022-04-14"),
    ]
    assert mentions[2].anchor == "context:2022-04-14"
    assert mentions[2].note == "same day as the date mentioned before: 14 April 2022"


@pytest.mark.parametrize(
    "text",
    [
        "On 3 March 2021 the ministry published a decree, signed on 20 February 2021. "
        "The same day, the embassy closed.",
        "On 3 March 2021 the ministry published the 20 February 2021 decree. That day, the embassy closed.",
        "On 3 March 2021 the ministry published the decree of 20 February 2021. The same day, the embassy closed.",
    ],
)
def test_document_dates_of_any_wording_are_attributes(text):
    assert tag(text)[-1].value == "2021-03-03"


def test_a_date_something_was_signed_on_does_move_the_narrative():
    text = "The agreement was signed on 20 February 2021. The same day, the embassy closed."
    assert tag(text)[-1].value == "2021-02-20"


def test_this_time_refers_to_the_period_mentioned_before():
    text = "From September 24 to 30, 2024, the UN will meet. He plans to speak during this time."
    mention = tag(text, D(2024, 9, 16))[-1]
    assert (mention.text, mention.value) == ("this time", "2024-09-24/2024-09-30")
    assert mention.anchor == "context:2024-09-24/2024-09-30"


def test_that_year_and_at_the_time():
    text = "In 2012 Makei became foreign minister. That year, relations improved; at the time, hopes were high."
    assert found(text) == [("2012", "2012"), ("That year", "2012"), ("the time", "2012")]


def test_at_the_same_time_is_not_a_date():
    assert found("At the same time, Minsk kept its distance from the Kremlin.") == []


# --------------------------------------------------------------------------- tense details


def test_a_closing_reporting_clause_does_not_set_the_tense():
    # "said" dates the report; "is to host" looks forward
    assert (
        only("Minsk is to host the forum from 12 to 14 April, the organisers said.", D(2023, 3, 14)).value
        == "2023-04-12/2023-04-14"
    )
    # but a reporting verb that heads the main clause does
    assert only("On Friday, Lukashenko said he would not go.", D(2022, 9, 28)).value == "2022-09-23"


def test_due_to_is_future_only_after_a_form_of_be():
    assert only("The summit is due to take place on 4-5 April.", D(2023, 4, 20)).value == ("2024-04-04/2024-04-05")
    assert only("Due to the war, the 4-5 April summit was cancelled.", D(2023, 4, 20)).value == (
        "2023-04-04/2023-04-05"
    )


# --------------------------------------------------------------------------- more forms


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Sanctions imposed in 2006, 2011 and 2020 have not changed the regime.", ["2006", "2011", "2020"]),
        ("Growth slowed at the end of last year.", ["2022"]),
        ("Exports rose in Q3 2022.", ["2022-Q3"]),
        ("Published: 14 March 2023 10:45", ["2023-03-14T10:45"]),
        ("Last updated on March 14, 2023 at 09:12 GMT", ["2023-03-14T09:12"]),
        ("Over the weekend, protesters gathered in Minsk.", ["2023-W10-WE"]),
        ("The court will rule two weeks from now.", ["2023-W13"]),
    ],
)
def test_more_forms(text, values):
    assert [m.value for m in tag(text, D(2023, 3, 14))] == values


def test_edges_of_relative_periods():
    mention = only("Growth slowed at the end of last year.", D(2023, 3, 14))
    assert (mention.text, mention.mod) == ("the end of last year", "END")
    assert only("Talks resume early next month.", D(2023, 3, 14)).mod == "EARLY"


def test_anaphora_with_no_date_before_count_from_publication():
    mention = only("A year earlier, the talks had collapsed.", D(2023, 3, 14))
    assert (mention.value, mention.anchor) == ("2022", "published:2023-03-14")


# --------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "span", "value", "mod"),
    [
        ("This was the first high-level visit in more than 10 years.", "more than 10 years", "P10Y", "MORE_THAN"),
        ("The authorities will continue in the coming three weeks.", "the coming three weeks", "P3W", ""),
        ("Lukashenko has ruled for two decades.", "two decades", "P20Y", ""),
        ("The siege lasted two hundred days.", "two hundred days", "P200D", ""),
        ("Belarus has been an ally of Russia for years.", "years", "PXY", ""),
        ("He was given a 20-year sentence.", "20-year", "P20Y", ""),
        ("The talks lasted nearly two weeks.", "nearly two weeks", "P2W", "LESS_THAN"),
        ("The border was closed for 48 hours.", "48 hours", "PT48H", ""),
        ("Inflation has doubled over the past two years.", "the past two years", "P2Y", ""),
        ("Prices rose over 10 years.", "over 10 years", "P10Y", "MORE_THAN"),
        ("He spent twenty-five years in office.", "twenty-five years", "P25Y", ""),
        ("The visit took a few days.", "a few days", "PXD", ""),
        ("It was a three-day visit.", "three-day", "P3D", ""),
    ],
)
def test_durations(text, span, value, mod):
    mention = only(text)
    assert (mention.text, mention.value, mention.type, mention.mod) == (span, value, "DURATION", mod)


# --------------------------------------------------------------------------- vague references


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Recently, it became evident that Minsk wants a reset.", "Recently", "PAST_REF"),
        ("The war has lagged in recent months.", "recent months", "PAST_REF"),
        ("Exports have grown in recent years.", "recent years", "PAST_REF"),
        ("Belarus right now really is in Putin's pocket.", "right now", "PRESENT_REF"),
        ("These issues are now decided by the Kremlin.", "now", "PRESENT_REF"),
        ("Belarus is currently under sanctions.", "currently", "PRESENT_REF"),
        ("At present, no talks are planned.", "present", "PRESENT_REF"),
        ("Minsk promises no threats in the future.", "the future", "FUTURE_REF"),
        ("Minsk promises no threats in the near future.", "the near future", "FUTURE_REF"),
        ("The embassy will reopen soon.", "soon", "FUTURE_REF"),
        ("Such things happened in the past.", "the past", "PAST_REF"),
        ("More sanctions may follow in the coming months.", "the coming months", "FUTURE_REF"),
    ],
)
def test_vague_references(text, span, value):
    mention = only(text)
    assert (mention.text, mention.value, mention.type) == (span, value, "DATE")


@pytest.mark.parametrize(
    "text",
    [
        "The future of this yet 'virtual' dialogue depends on the talks.",
        "I have already told Europeans that their future is with us.",
        "Call me as soon as you land.",
        "Soon after his return, he met the KGB chief.",
        "The now-defunct agency closed its doors.",
    ],
)
def test_words_that_only_look_vague_are_left_alone(text):
    assert found(text) == []


# --------------------------------------------------------------------------- sets


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("There were 130 attempts made daily.", "daily", "P1D"),
        ("The commission meets every week.", "every week", "P1W"),
        ("The council meets twice a year.", "twice a year", "P1Y"),
        ("The opposition protests every Sunday.", "every Sunday", "XXXX-WXX-7"),
        ("Consultations are held annually.", "annually", "P1Y"),
    ],
)
def test_sets(text, span, value):
    mention = only(text)
    assert (mention.text, mention.value, mention.type) == (span, value, "SET")


# --------------------------------------------------------------------------- no false dates


@pytest.mark.parametrize(
    "text",
    [
        "Minsk may march on, and the West may not notice.",
        "May I ask a question about March?",
        "In the second round, 130 attempts were made, compared to the usual 50-70.",
        "He spoke at the 79th session of the UN General Assembly.",
        "About 2,000 people marched, and the 2000 participants were counted.",
        "I have already told Europeans three times that their future is with us.",
        "Call +375 17 222-33-44 or 8-029-12-04-2022 for details.",
        "Article 5 applies to G7 members; the hotline works 24/7.",
        "Theresa May said nothing.",
        "The Daily Beast reported it first.",
        "The Arab Spring began in Tunisia.",
        "Prices fall when demand falls.",
        "Resolution 2231 and 1,500 troops; 3.5 percent; 2000 soldiers.",
        "COVID-19 hit MH-17 families hard.",
        "He said day-to-day work continues; the year-on-year figures are out.",
        "It was the last week of the campaign.",
    ],
)
def test_numbers_and_words_without_temporal_context_are_not_dates(text):
    assert found(text) == []


def test_may_and_march_are_months_with_a_day_year_or_temporal_word():
    # past tense ("resumed"): the last May 9 and the last March before 18 April 2022
    assert found("Talks resumed on May 9 and in March, and again in May 2022.") == [
        ("May 9", "2021-05-09"),
        ("March", "2022-03"),
        ("May 2022", "2022-05"),
    ]


# --------------------------------------------------------------------------- no anchor


def test_without_an_anchor_relative_dates_keep_placeholders():
    mentions = tag(
        "On February 21st he asked about it; last week he met Putin on Monday. "
        "Recently, in 2012, things changed. February 11th – 20th he was away.",
        None,
    )
    assert [(m.text, m.value, m.anchor) for m in mentions] == [
        ("February 21st", "XXXX-02-21", "none"),
        ("last week", "XXXX-WXX", "none"),
        ("Monday", "XXXX-WXX-1", "none"),
        ("Recently", "PAST_REF", "none"),
        ("2012", "2012", "absolute"),
        ("February 11th – 20th", "XXXX-02-11/XXXX-02-20", "none"),
    ]


def test_without_an_anchor_anaphora_still_use_the_context():
    mentions = tag("On 12 April 2022 he met Putin. The next day he flew home.", None)
    assert [(m.value, m.anchor) for m in mentions] == [("2022-04-12", "absolute"), ("2022-04-13", "context:2022-04-12")]


# --------------------------------------------------------------------------- describe_value


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2022-04-12", "Tuesday, 12 April 2022"),
        ("2022-W38", "the week of 19–25 September 2022"),
        ("2024-11", "November 2024"),
        ("2012", "2012"),
        ("199", "the 1990s"),
        ("20", "the 21st century"),
        ("P3W", "3 weeks"),
        ("P1D", "1 day"),
        ("P10Y", "10 years"),
        ("PXY", "years (an unspecified number)"),
        ("PT48H", "48 hours"),
        ("2018-10-30/2018-11-01", "30 October – 1 November 2018"),
        ("2013-02-11/2013-02-20", "11–20 February 2013"),
        ("2012/2022", "2012–2022"),
        ("2022-03/2022-05", "March – May 2022"),
        ("PAST_REF", "the past (unspecified)"),
        ("PRESENT_REF", "the present"),
        ("FUTURE_REF", "the future (unspecified)"),
        ("2021-11-29T13:33", "13:33 on Monday, 29 November 2021"),
        ("2022-09-26TEV", "the evening of Monday, 26 September 2022"),
        ("2022-SP", "spring 2022"),
        ("2022-Q1", "the first quarter of 2022"),
        ("2022-W38-WE", "the weekend of 24–25 September 2022"),
        ("XXXX-04-12", "12 April (year unknown)"),
        ("XXXX-WXX-1", "a Monday (date unknown)"),
        ("nonsense", "nonsense"),
    ],
)
def test_describe_value(value, words):
    assert describe_value(value) == words


def test_describe_value_of_a_set():
    assert describe_value("P1D", "SET") == "every day"
    assert describe_value("P2W", "SET") == "every 2 weeks"


# --------------------------------------------------------------------------- inference


def epicenter_without_date() -> str:
    article = next(a for a in load_default_corpus() if a.id == "epicenter-2013")
    return plain_text(article.body)


def test_infer_publication_ignores_a_late_archive_stamp():
    day, reason = infer_publication(epicenter_without_date())
    assert day is not None and (day.year, day.month) == (2013, 2)
    assert day == D(2013, 2, 21)
    assert "21 February 2013" in reason
    assert "29 November 2021" in reason and "ignored" in reason


def test_infer_publication_uses_a_published_stamp():
    text = "Published: 12 April 2022\n\nOn April 10 the talks began; in 2012 they had failed."
    assert infer_publication(text)[0] == D(2022, 4, 12)


def test_infer_publication_uses_an_updated_stamp_close_to_the_events():
    text = "Updated at 10:00, 20-02-2013\n\nIn December 2012 talks failed. On February 14th Putin spoke."
    day, reason = infer_publication(text)
    assert day == D(2013, 2, 20)
    assert "page stamp" in reason


def test_infer_publication_skips_dates_the_text_looks_forward_to():
    text = (
        "In December 2012, Clinton spoke in Dublin. On February 14th Putin answered. "
        "The summit is scheduled for March 15th."
    )
    assert infer_publication(text)[0] == D(2013, 2, 14)


def test_infer_publication_ignores_deadlines_and_prefers_finer_dates():
    text = "The deal, signed on 12 March 2019, runs until 2030. Talks began in 2012."
    assert infer_publication(text) == (D(2019, 3, 12), "latest date mentioned: 12 March 2019")


def test_infer_publication_without_any_date():
    assert infer_publication("Minsk wants to talk to the West.") == (None, "no explicit date or page stamp in the text")
    assert infer_publication("")[0] is None


# --------------------------------------------------------------------------- the API contract


def corpus_texts() -> list[tuple[str, dt.date | None]]:
    return [(plain_text(a.body), a.published) for a in load_default_corpus()]


def test_mentions_are_sorted_disjoint_and_match_the_text():
    for text, published in corpus_texts():
        mentions = tag(text, published)
        for before, after in itertools.pairwise(mentions):
            assert before.end <= after.start
        for m in mentions:
            assert text[m.start : m.end] == m.text
            assert m.type in ("DATE", "TIME", "DURATION", "SET")
            assert re.fullmatch(r"absolute|none|published:\d{4}-\d\d-\d\d|context:\S+", m.anchor)


def test_given_sentences_give_the_same_result():
    for text, published in corpus_texts():
        assert DateTagger().tag(text, published, sentences(text)) == tag(text, published)


def test_tagger_is_cheap_to_create():
    start = time.perf_counter()
    for _ in range(100):
        DateTagger()
    assert (time.perf_counter() - start) / 100 < 0.005


@pytest.mark.parametrize("text", ["", " ", "\n\n", "2022", "May", "-", "Monday", "now"])
def test_tiny_texts(text):
    tag(text)
    tag(text, None)


def test_extreme_anchors_do_not_raise():
    text = "Yesterday, last week, two years ago, on Monday and on March 3 the talks failed."
    for anchor in (D(1, 1, 1), D(9999, 12, 31)):
        for m in tag(text, anchor):
            assert m.start < m.end
