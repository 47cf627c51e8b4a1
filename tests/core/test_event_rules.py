"""The general rules of the event layer (issue 10, item 5), on made-up sentences.

Background dates date nothing; habitual sentences make no event; plans look forward from the
publication date; a letter "dated" a day is dated that day; triggers need their context; roles
follow the prepositions from/to/by.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import pytest

from desktop.core.annotate.analysis import Analyzer
from desktop.core.annotate.records import DateMention
from desktop.core.episodes.event_context import forward_value, is_background
from desktop.core.episodes.event_lexicon import load_event_lexicon
from desktop.core.episodes.events import EventExtractor
from desktop.core.text.articles import Article


@cache
def _analyzer() -> Analyzer:
    return Analyzer()


def _events(text: str, published: dt.date = dt.date(2024, 6, 12)):
    article = Article(id="made-up", title="Made up", body=text, published=published)
    return EventExtractor().extract(_analyzer().analyze(article))


def _of_type(events, type_id: str):
    return [e for e in events if e.type == type_id]


# --------------------------------------------------------------------------- 1. background


@pytest.mark.parametrize(
    ("text", "before"),
    [("ruled the country since 1994", "since "), ("open until 2020", "until "), ("held every March", "every ")],
)
def test_background_cues_before_a_date(text: str, before: str) -> None:
    start = text.index(before) + len(before)
    d = DateMention(start, len(text), text[start:], "1994", "DATE")
    assert is_background(text, d, load_event_lexicon().background)


def test_a_plain_date_is_not_background() -> None:
    text = "They met in 1994"
    d = DateMention(12, 16, "1994", "1994", "DATE")
    assert not is_background(text, d, load_event_lexicon().background)


def test_a_since_date_never_dates_an_event() -> None:
    events = _events("Vladimir Putin, in power since 1999, met Alexander Lukashenko in Sochi on Monday.")
    meetings = _of_type(events, "meeting")
    assert meetings and all(not e.value.startswith("1999") for e in meetings)
    assert meetings[0].value == "2024-06-10"


def test_a_habitual_sentence_with_only_a_background_date_makes_no_event() -> None:
    events = _events("Such meetings between Alexander Lukashenko and Vladimir Putin have been held since 2011.")
    assert not _of_type(events, "meeting")


# --------------------------------------------------------------------------- 2. plans look forward


def test_a_month_before_publication_moves_forward() -> None:
    assert forward_value("2023-10", dt.date(2024, 6, 12)) == "2024-10"
    assert forward_value("2024-03", dt.date(2024, 6, 12)) == "2025-03"
    assert forward_value("2024-08", dt.date(2024, 6, 12)) == "2024-08"
    assert forward_value("2024-03-05", dt.date(2024, 6, 12)) == "2024-03-05"


def test_an_invitation_to_a_month_is_the_coming_month() -> None:
    events = _events("Alexander Lukashenko invited Vladimir Putin to a forum in Minsk in February.")
    invitations = _of_type(events, "invitation")
    assert invitations and invitations[0].value == "2025-02"


# --------------------------------------------------------------------------- 4. triggers need context


def test_an_exchange_of_ambassadors_is_no_prisoner_exchange() -> None:
    events = _events("On Monday Belarus and Poland agreed to an exchange of ambassadors.")
    assert not _of_type(events, "prisoners")


def test_an_exchange_of_prisoners_is_one() -> None:
    events = _events("On Monday Belarus and Poland carried out an exchange of prisoners.")
    assert _of_type(events, "prisoners")


def test_a_released_report_is_no_release() -> None:
    events = _events("On Monday Belarus released a report on the harvest.")
    assert not _of_type(events, "prisoners")


def test_released_detainees_are_a_release() -> None:
    events = _events("On Monday Belarus released twelve detainees.")
    assert _of_type(events, "prisoners")


# --------------------------------------------------------------------------- 3. a letter and its publication


_LETTER = (
    "On Tuesday, the Polish Foreign Ministry published a letter from Vladimir Putin to Alexander Lukashenko. "
    "The letter, dated May 30, had been kept out of the press."
)


def test_a_letter_takes_the_date_it_bears() -> None:
    letters = _of_type(_events(_LETTER), "letter")
    assert letters and letters[0].value == "2024-05-30"
    assert [p.key for p in letters[0].sources] == ["putin"]
    assert "lukashenko" in [p.key for p in letters[0].targets]


def test_its_publication_is_a_stage_of_the_same_episode() -> None:
    events = _events(_LETTER)
    publications = _of_type(events, "publication")
    letters = _of_type(events, "letter")
    assert len(publications) == 1 and publications[0].value == "2024-06-11"
    assert publications[0].link == letters[0].id and publications[0].stage
    assert all(e.link == letters[0].id for e in letters[1:])


# --------------------------------------------------------------------------- 5. roles follow the prepositions


@pytest.mark.parametrize(
    "text",
    [
        "On Friday Lukashenko received a letter from Vladimir Putin, delivered by Sergei Lavrov.",
        "On Friday Sergei Lavrov handed Alexander Lukashenko a letter from Vladimir Putin.",
        "On Friday Sergei Lavrov conveyed to Alexander Lukashenko a personal letter from Vladimir Putin.",
    ],
)
def test_writer_addressee_and_carrier(text: str) -> None:
    letter = _of_type(_events(text), "letter")[0]
    assert [p.key for p in letter.sources] == ["putin"]
    assert [p.key for p in letter.targets] == ["lukashenko"]
    assert [p.key for p in letter.deliverers] == ["lavrov"]
    assert {"putin", "lukashenko", "lavrov"} <= {p.key for p in letter.participants}


def test_a_letter_without_from_keeps_its_writer() -> None:
    letter = _of_type(_events("On Friday Vladimir Putin wrote a letter to Alexander Lukashenko."), "letter")[0]
    assert [p.key for p in letter.sources] == ["putin"]
    assert [p.key for p in letter.targets] == ["lukashenko"]


# --------------------------------------------------------------------------- 1b. more background


def _events_day(text: str, published: dt.date = dt.date(2024, 6, 12)):
    article = Article(id="made-up", title="Made up", body=text, published=published, published_precision="day")
    return EventExtractor().extract(_analyzer().analyze(article))


def test_since_with_words_between_is_background() -> None:
    events = _events("Vladimir Putin was the first Russian leader to visit Minsk since the bitter 2011 dispute.")
    assert all(not e.value.startswith("2011") for e in _of_type(events, "visit"))


def test_a_perfect_with_only_a_background_date_makes_no_event() -> None:
    events = _events("Alexander Lukashenko has released hundreds of prisoners since 2022.")
    assert not _of_type(events, "prisoners")


def test_a_bare_earlier_year_is_a_reference_not_an_event() -> None:
    events = _events("Relations were warmer in 2019, when Vladimir Putin visited Minsk.")
    assert not _of_type(events, "visit")


def test_what_is_done_is_not_dated_after_a_publication_known_to_the_day() -> None:
    events = _events_day("Vladimir Putin visited Minsk on Monday. He met Alexander Lukashenko in 2031.")
    assert all(e.value != "2031" for e in events)


# --------------------------------------------------------------------------- 4b. "received" needs a visitor


def test_received_a_delegation_is_a_meeting() -> None:
    events = _events("On Monday Alexander Lukashenko received a delegation of Chinese businessmen.")
    assert _of_type(events, "meeting")


def test_received_a_letter_is_no_meeting() -> None:
    events = _events("On Monday Alexander Lukashenko received a letter from President Vladimir Putin.")
    assert not _of_type(events, "meeting")
    assert _of_type(events, "letter")


def test_a_package_needs_sanctions_words() -> None:
    assert _of_type(_events("On Monday the EU adopted a package of sanctions against Belarus."), "threat")
    assert not _of_type(_events("On Monday Belarus sent a package of books to Poland."), "threat")


def test_a_conjunction_that_is_no_pointer_back() -> None:
    events = _events("Alexander Lukashenko said that Vladimir Putin should come to Minsk.")
    assert not [e for e in _of_type(events, "visit") if not e.planned]


# --------------------------------------------------------------------------- 1c. one happening, one date


def test_a_relative_clause_year_does_not_stretch_the_event() -> None:
    events = _events("Ihar Losik, jailed in 2019, was released on Saturday.")
    releases = _of_type(events, "prisoners")
    assert releases and releases[0].value == "2024-06-08"


def test_a_date_joined_to_a_background_date_is_background() -> None:
    events = _events(
        "Vladimir Putin spoke by telephone on Monday with Alexander Lukashenko, the first call since "
        "their quarrel in March of last year."
    )
    assert {e.value for e in _of_type(events, "meeting")} == {"2024-06-10"}


def test_nobody_acting_makes_no_event() -> None:
    assert not _events("There were signs on Thursday that the pressure was working.")


# --------------------------------------------------------------------------- plans and speakers by clause


def test_a_cue_of_intention_governs_its_own_clause_only() -> None:
    events = _events("Critics will say that Vladimir Putin visited Minsk in May.")
    visits = _of_type(events, "visit")
    assert visits and not visits[0].planned and visits[0].value == "2024-05"


def test_a_person_in_apposition_is_the_speaker() -> None:
    events = _events("The Kremlin's spokesman, Dmitry Peskov, said on Tuesday that the harvest was good.")
    statements = _of_type(events, "statement")
    assert statements and [p.key for p in statements[0].sources] == ["peskov"]


def test_a_perfect_in_a_relative_clause_leaves_the_event() -> None:
    events = _events(
        "Vladimir Putin visited Minsk on Monday. "
        "He met Alexander Lukashenko, who has ruled the country for thirty years, and his ministers."
    )
    assert any("lukashenko" in {p.key for p in e.participants} for e in _of_type(events, "meeting"))


def test_a_later_past_date_of_the_paragraph_does_not_date_an_event() -> None:
    events = _events_day(
        "Vladimir Putin visited Minsk on Monday.\n\n"
        "Alexander Lukashenko met a group of farmers. The two countries signed a treaty in March."
    )
    assert all(e.value != "2024-03" for e in _of_type(events, "meeting"))


def test_the_person_a_country_qualifies_is_the_subject() -> None:
    events = _events("Chancellor Angela Merkel of Germany spoke by telephone on Monday with Alexander Lukashenko.")
    meetings = _of_type(events, "meeting")
    assert meetings and [p.key for p in meetings[0].sources] == ["merkel"]


def test_a_pronoun_never_points_to_the_late() -> None:
    events = _events(
        "Sergei Lavrov, who succeeded the late Yevgeny Primakov, is busy. In March he visited Minsk and met officials."
    )
    visits = _of_type(events, "visit")
    assert visits and [p.key for p in visits[0].sources] == ["lavrov"]


def test_a_date_in_a_who_clause_dates_only_that_clause() -> None:
    events = _events(
        "Vladimir Putin visited Minsk on Monday. "
        "Later, Putin met Prime Minister Roman Golovchenko, who took office on Thursday."
    )
    assert {e.value for e in _of_type(events, "meeting")} <= {"2024-06-10"}
    appointments = _of_type(events, "appointment")
    assert appointments and appointments[0].value == "2024-06-06"


def test_a_which_clause_after_an_event_dates_it() -> None:
    events = _events("Vladimir Putin's state visit, which began on Tuesday, ends today.")
    assert any(e.value.startswith("2024-06-11") for e in _of_type(events, "visit"))


def test_a_participle_used_as_an_adjective_is_no_trigger() -> None:
    events = _events("On Monday Alexander Lukashenko greeted the newly appointed governors.")
    assert not _of_type(events, "appointment")


def test_recalled_for_consultations_is_no_meeting() -> None:
    events = _events("On Monday Belarus recalled its ambassador to Poland for consultations.")
    assert not _of_type(events, "meeting")


def test_a_quantified_kind_of_event_without_a_date_is_none() -> None:
    events = _events(
        "Vladimir Putin visited Minsk on Monday. Sergei Lavrov, who has joined him on many official visits, came too."
    )
    assert all("many official visits" not in e.trigger for e in events)
    assert len(_of_type(events, "visit")) == 1


def test_a_byline_is_no_lede() -> None:
    filler = "\n\n".join(
        f"Analysts wrote paragraph {n} about the harvest and the weather in the region." for n in range(6)
    )
    text = (
        "By Jane Roe\n\n"
        "Vladimir Putin visited Minsk on Monday for talks with Alexander Lukashenko.\n\n"
        f"{filler}\n\n"
        "Alexander Lukashenko also received a letter from Xi Jinping."
    )
    letters = _of_type(_events(text), "letter")
    assert letters and letters[0].value == "2024-06-10"


def test_a_date_in_a_reported_clause_does_not_date_the_saying() -> None:
    events = _events("Sergei Lavrov said that Vladimir Putin had been in Sochi on Sunday.")
    assert not [e for e in _of_type(events, "statement") if e.value == "2024-06-09"]


def test_said_on_a_day_dates_the_saying() -> None:
    events = _events("Sergei Lavrov said on Tuesday that the harvest was good.")
    assert [e.value for e in _of_type(events, "statement")] == ["2024-06-11"]


def test_since_a_date_when_dates_the_when_clause() -> None:
    events = _events("Relations have been cold since March, when Vladimir Putin demanded a new treaty.")
    appeals = _of_type(events, "appeal")
    assert appeals and appeals[0].value == "2024-03"


def test_a_holiday_is_a_stay_only_with_a_place_word() -> None:
    assert _of_type(_events("On Monday Vladimir Putin went on holiday in Sochi."), "visit")
    assert not _of_type(_events('On Monday Vladimir Putin called the day "a holiday of the whole people".'), "visit")


def test_a_demonym_before_a_noun_of_people_is_a_party() -> None:
    """ "a letter to European leaders": the EU takes part; "European security" alone names no party."""
    events = _events("On Monday, Vladimir Makei sent a letter to European leaders.")
    letter = _of_type(events, "letter")[0]
    keys = {p.key for p in (*letter.sources, *letter.targets)}
    assert "makei" in keys and "eu" in keys
    events = _events("On Monday, Vladimir Makei sent a letter about European security.")
    letter = _of_type(events, "letter")[0]
    assert "eu" not in {p.key for p in (*letter.sources, *letter.targets)}


def test_a_pronoun_never_points_to_the_late_under_another_name() -> None:
    text = (
        "Sergei Aleinik, who replaced the late Vladimir Makei in December, travels more than his predecessor. "
        "In March he visited Geneva."
    )
    visit = _of_type(_events(text, dt.date(2023, 4, 20)), "visit")[0]
    assert "aleinik" in {p.key for p in visit.sources} and "makei" not in {p.key for p in visit.sources}
