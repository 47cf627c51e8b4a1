"""General rules of English news prose for the event layer (issue 10, item 5), pinned on
sentences made up for them, in the style of ``test_event_rules_unseen.py``: how triggers of
speech and of calls are written, who takes part, and what a sentence leaves as background.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from desktop.core.annotate.analysis import Analyzer
from desktop.core.episodes.events import EventExtractor
from desktop.core.text.articles import Article

PUBLISHED = dt.date(2024, 6, 13)  # a Thursday


@cache
def _analyzer() -> Analyzer:
    return Analyzer()


def _events(text: str, published: dt.date = PUBLISHED):
    article = Article(id="made-up", title="Made up", body=text, published=published, published_precision="day")
    return EventExtractor().extract(_analyzer().analyze(article))


def _of_type(events, type_id: str):
    return [e for e in events if e.type == type_id]


def _keys(people) -> set[str]:
    return {p.key for p in people}


# --------------------------------------------------------------------------- speech


def test_calling_a_thing_a_quotation_is_a_statement() -> None:
    for text in (
        'Maria Zakharova called the decision "reckless" on Tuesday.',
        'On Tuesday, Maria Zakharova called the vote "a sham".',
    ):
        (said,) = _of_type(_events(text), "statement")
        assert said.value == "2024-06-11" and _keys(said.sources) == {"zakharova"}


def test_calling_without_a_quotation_is_no_statement() -> None:
    assert not _of_type(_events("Alexander Lukashenko called snap elections on Tuesday."), "statement")
    assert not _of_type(_events("The minister called off the visit on Tuesday."), "statement")


def test_the_day_after_a_statement_dates_the_reply() -> None:
    events = _events(
        'Antony Blinken warned on Friday that the troops would stay. Maria Zakharova called the remark "offensive" the next day.'
    )
    assert {e.value for e in _of_type(events, "statement") if "zakharova" in _keys(e.sources)} == {"2024-06-08"}


def test_confirming_is_a_statement_but_a_confirmed_appointment_is_not() -> None:
    (said,) = _of_type(
        _events("Dmitry Peskov confirmed on Wednesday evening that the delegation had left Moscow."), "statement"
    )
    assert said.value == "2024-06-12TEV" and _keys(said.sources) == {"peskov"}
    assert not _of_type(_events("Dmitry Peskov was confirmed as spokesman on Wednesday."), "statement")


# --------------------------------------------------------------------------- calls


def test_a_pluperfect_phone_call_is_a_meeting() -> None:
    for text in (
        "Alexander Lukashenko, who had spoken with Vladimir Putin by phone on Monday, praised the mission.",
        "On Monday, Alexander Lukashenko had spoken by phone with Vladimir Putin.",
    ):
        (call,) = _of_type(_events(text), "meeting")
        assert call.value == "2024-06-10" and _keys(call.participants) == {"lukashenko", "putin"}


def test_having_spoken_to_journalists_is_no_meeting() -> None:
    assert not _of_type(_events("Alexander Lukashenko had spoken to journalists on Monday."), "meeting")


# --------------------------------------------------------------------------- deadlines


def test_a_deadline_dates_nothing() -> None:
    # what is to be done "by" a date is no event of that date, nor is the saying of it
    assert not _events('The Russian leader has said he expects "concrete answers" by the end of the month.')
    events = _events("Anton Kowalczyk, the head of the commission, said the results would be published by Friday.")
    assert not [e for e in events if e.value == "2024-06-14"]


def test_a_date_after_by_and_a_name_is_no_deadline() -> None:
    # "received by President X on Tuesday": the agent, then the date of the event
    meetings = _of_type(_events("The delegation was received by Alexander Lukashenko on Tuesday."), "meeting")
    assert meetings and meetings[0].value == "2024-06-11"


# --------------------------------------------------------------------------- subjects


def test_a_noun_in_apposition_stands_between_a_body_and_its_verb() -> None:
    for text, key in (
        (
            "The Collective Security Treaty Organization, a military alliance, approved the deployment on Monday.",
            "csto",
        ),
        ("Belarus, an ally of Russia, approved the deployment on Monday.", "belarus"),
    ):
        (done,) = _of_type(_events(text), "announcement")
        assert done.value == "2024-06-10" and _keys(done.sources) == {key}


def test_two_people_with_their_titles_in_apposition_both_act() -> None:
    text = (
        "In Brussels, the EU's foreign policy chief, Kaja Kallas, and the enlargement commissioner, "
        "Marta Kos, issued a joint statement on Sunday evening."
    )
    (said,) = _of_type(_events(text), "statement")
    assert _keys(said.sources) == {"kallas", "kos"} and said.value == "2024-06-09TEV"


def test_a_clause_after_and_keeps_its_own_subject() -> None:
    (met,) = _of_type(_events("Alexander Lukashenko met Vladimir Putin, and signed a treaty on Monday."), "meeting")
    assert _keys(met.sources) == {"lukashenko"} and _keys(met.targets) == {"putin"}


# --------------------------------------------------------------------------- one event per happening


def test_talks_that_a_meeting_was_for_are_that_meeting() -> None:
    text = "Wendy Sherman met Sergei Ryabkov in Geneva on Monday for eight hours of talks on security guarantees."
    (met,) = _of_type(_events(text), "meeting")
    assert met.value == "2024-06-10"
    assert {p.key for p in met.participants} >= {"unlinked:Wendy Sherman", "unlinked:Sergei Ryabkov"}


# --------------------------------------------------------------------------- quotations


def test_a_trigger_in_a_quotation_is_what_was_said() -> None:
    text = 'Pavel Latushka said on Tuesday: "The dictator has appointed himself again, and nobody was released."'
    events = _events(text)
    assert not _of_type(events, "appointment") and not _of_type(events, "prisoners")
    assert _of_type(events, "statement")


def test_a_sentence_may_begin_inside_a_quotation() -> None:
    # the quotation opened in the sentence before: what follows its end is told, not quoted
    text = (
        '"We are ready to help. We will deliver the oil," the secretary said after he met Vladimir Makei '
        "in Minsk on Saturday."
    )
    met = _of_type(_events(text, dt.date(2020, 2, 3)), "meeting")
    assert met and met[0].value == "2020-02-01" and "makei" in _keys(met[0].participants)


def test_the_owner_of_a_counted_visit_made_it() -> None:
    text = "The three-day state visit, which began on Tuesday, is Mr Lukashenko's first to China since 2019."
    (visit,) = [e for e in _of_type(_events(text), "visit") if e.value == "2024-06-11"]
    assert "lukashenko" in _keys(visit.sources)


def test_the_end_of_a_season_after_by_is_a_deadline() -> None:
    (said,) = _events("On Friday, Vladimir Putin said the transfer would be completed by the end of the summer.")
    assert said.type == "statement" and said.value == "2024-06-07"


def test_the_two_ministers_may_carry_a_modifier() -> None:
    text = (
        "On 25 May, Sergei Shoigu met Viktor Khrenin in Minsk. The two defence ministers are to meet again in October."
    )
    (later,) = [e for e in _of_type(_events(text, dt.date(2023, 6, 20)), "meeting") if e.planned]
    assert later.value == "2023-10" and _keys(later.participants) == {"shoigu", "khrenin"}


def test_the_date_after_a_verbs_object_dates_the_verb_too() -> None:
    events = _events("Anton Kowalczyk announced the pardon on Monday on his channel.")
    (told,) = _of_type(events, "announcement")
    assert told.value == "2024-06-10"


def test_a_visit_prepared_at_a_meeting_is_another_event() -> None:
    text = (
        "The ambassador, Xie Xiaoyong, met Maxim Ryzhenkov on Monday to discuss preparations for a visit "
        "by Alexander Lukashenko to China in September."
    )
    events = _events(text)
    assert [e.value for e in _of_type(events, "meeting")] == ["2024-06-10"]
    assert [e.value for e in _of_type(events, "visit") if e.planned] == ["2024-09"]


# --------------------------------------------------------------------------- addressees


def test_a_like_message_goes_to_the_same_addressee() -> None:
    text = (
        "Vladimir Putin congratulated Alexander Lukashenko on Monday. "
        "Xi Jinping sent a congratulatory message the same day."
    )
    letters = _of_type(_events(text), "letter")
    xi = [e for e in letters if "xi-jinping" in _keys(e.sources)]
    assert xi and _keys(xi[0].targets) == {"lukashenko"} and xi[0].value == "2024-06-10"


def test_a_message_far_from_the_last_one_keeps_no_addressee() -> None:
    text = (
        "Vladimir Putin congratulated Alexander Lukashenko on Monday. The vote was calm. Turnout was high. "
        "Observers left. Xi Jinping sent a message on Tuesday."
    )
    xi = [e for e in _of_type(_events(text), "letter") if "xi-jinping" in _keys(e.sources)]
    assert all(not e.targets for e in xi)


# --------------------------------------------------------------------------- pairs by title


def test_the_two_presidents_are_the_two_named_as_presidents() -> None:
    text = (
        "On Monday, President of Belarus Alexander Lukashenko held talks with President of Zimbabwe "
        "Emmerson Mnangagwa. The ministers signed a plan. The invitation was accepted, said Press Secretary "
        "of the President of Belarus Natalya Eismont. The dates were first discussed by the two presidents "
        "in a telephone conversation on 12 January."
    )
    (call,) = [e for e in _of_type(_events(text), "meeting") if e.value == "2024-01-12"]
    assert _keys(call.participants) == {"lukashenko", "unlinked:Emmerson Mnangagwa"}


def test_the_two_defence_ministers_are_the_two_named_as_ministers_however_far_back() -> None:
    text = (
        "On 25 May, Russian Defence Minister Sergei Shoigu met his Belarusian counterpart, Viktor Khrenin. "
        "Alexander Lukashenko praised the deal. Vladimir Putin said it was a response. Analysts disagreed. "
        "The two defence ministers are to meet again in October."
    )
    (later,) = [e for e in _of_type(_events(text, dt.date(2023, 6, 20)), "meeting") if e.planned]
    assert later.value == "2023-10" and _keys(later.participants) == {"shoigu", "khrenin"}


def test_a_term_in_scare_quotes_is_no_quotation() -> None:
    (stay,) = _of_type(
        _events('From 11 to 20 February, Alexander Lukashenko was on a "working vacation" in Sochi.'), "visit"
    )
    assert _keys(stay.sources) == {"lukashenko"}
