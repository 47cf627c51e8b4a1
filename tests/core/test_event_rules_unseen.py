"""More rules of the event layer for articles the project has never seen (issue 10, items 5 and 6).

Each test pins one general rule of news prose on sentences made up for it, in the style of
``test_event_rules_open.py``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from desktop.core.annotate.analysis import Analyzer
from desktop.core.episodes.events import EventExtractor
from desktop.core.episodes.grouping import build_episodes
from desktop.core.text.articles import Article

PUBLISHED = dt.date(2024, 6, 13)  # a Thursday


@cache
def _analyzer() -> Analyzer:
    return Analyzer()


def _analysis(text: str, published: dt.date = PUBLISHED):
    article = Article(id="made-up", title="Made up", body=text, published=published, published_precision="day")
    return _analyzer().analyze(article)


def _events(text: str, published: dt.date = PUBLISHED):
    return EventExtractor().extract(_analysis(text, published))


def _episodes(text: str, published: dt.date = PUBLISHED):
    return build_episodes([_analysis(text, published)], EventExtractor()).episodes


def _of_type(events, type_id: str):
    return [e for e in events if e.type == type_id]


def _keys(people) -> set[str]:
    return {p.key for p in people}


# --------------------------------------------------------------------------- a document and its stages


def test_a_letter_published_later_is_one_episode_dated_by_the_letter() -> None:
    episodes = _episodes(
        "On Tuesday, the Polish Foreign Ministry published a letter from Vladimir Putin to Alexander "
        "Lukashenko. The letter, dated May 30, had been kept out of the press."
    )
    letters = [e for e in episodes if e.type == "letter"]
    assert len(letters) == 1
    assert letters[0].value == "2024-05-30"
    assert letters[0].first == letters[0].last == dt.date(2024, 5, 30)
    assert "publication" in {e.type for e in letters[0].events}  # the publication is a stage of it
    assert not [e for e in episodes if e.type == "publication"]  # no duplicate


# --------------------------------------------------------------------------- plans


def test_a_present_tense_with_a_date_ahead_is_a_schedule() -> None:
    meetings = _of_type(_events("The NATO defence ministers meet on Monday in Brussels."), "meeting")
    assert meetings and meetings[0].planned and meetings[0].value == "2024-06-17"


def test_a_past_tense_with_a_weekday_stays_done() -> None:
    meetings = _of_type(_events("Alexander Lukashenko met Vladimir Putin on Monday."), "meeting")
    assert meetings and not meetings[0].planned and meetings[0].value == "2024-06-10"


def test_is_to_and_are_to_tell_of_a_plan() -> None:
    talks = _of_type(_events("Talks between Lithuania and Latvia are to continue next week."), "meeting")
    assert talks and talks[0].planned and talks[0].value == "2024-W25"
    plenary = _of_type(_events("Sergei Lavrov is to address the plenary session tomorrow."), "conference")
    assert plenary and plenary[0].planned and plenary[0].value == "2024-06-14"


def test_to_travel_to_a_place_is_a_visit() -> None:
    visits = _of_type(_events("Annalena Baerbock will travel to Ankara next week."), "visit")
    assert visits and visits[0].planned and _keys(visits[0].sources) == {"baerbock"}


def test_a_travel_ban_is_no_visit() -> None:
    assert not _of_type(_events("On Monday the EU imposed a travel ban to the bloc on Alexander Lukashenko."), "visit")


def test_a_state_heading_a_noun_of_people_is_the_subject() -> None:
    events = _events("EU foreign ministers will hold a summit on Friday.")
    summits = _of_type(events, "conference")
    assert summits and _keys(summits[0].sources) == {"eu"} and summits[0].planned


def test_what_a_past_report_says_is_planned_but_the_report_is_not() -> None:
    events = _events("Two more flights are expected next week, the Polish Foreign Ministry said.")
    assert not [e for e in events if e.reporting and e.planned]


# --------------------------------------------------------------------------- organisations


def _actor(text: str, surface: str, published: dt.date = PUBLISHED):
    return next((m.actor for m in _analysis(text, published).actors if m.text == surface), "missing")


def test_a_short_form_never_named_in_full_belongs_to_the_state_just_named() -> None:
    text = "Minsk answered within hours. The Ministry of Foreign Affairs announced retaliatory measures on Friday."
    assert _actor(text, "Ministry of Foreign Affairs") == "belarus-foreign-ministry"
    events = _of_type(_events(text), "announcement")
    assert events and _keys(events[0].sources) == {"belarus-foreign-ministry"}


def test_a_short_form_after_another_state_stays_unlinked() -> None:
    text = "Two lorry drivers were handed over, the Lithuanian Foreign Ministry said on Tuesday."
    assert _actor(text, "Foreign Ministry") != "belarus-foreign-ministry"


def test_a_parliament_stands_for_its_state() -> None:
    events = _of_type(_events("On Tuesday the Seimas approved a state of emergency on the border."), "announcement")
    assert events and _keys(events[0].sources) == {"lithuania"} and events[0].value == "2024-06-11"
    assert _actor("The Sejm voted on Monday.", "Sejm") == "poland"
    assert _actor("The Bundestag debated the bill.", "Bundestag") == "germany"


def test_a_message_from_someone_dated_a_day_is_a_letter_of_that_day() -> None:
    events = _events(
        "At the opening, the Chinese ambassador read out a message from President Xi Jinping dated 9 June, "
        "wishing the forum success."
    )
    letters = _of_type(events, "letter")
    assert letters and letters[0].value == "2024-06-09" and _keys(letters[0].sources) == {"xi-jinping"}


# --------------------------------------------------------------------------- anaphoric dates


def test_the_same_day_is_the_day_of_the_event_of_that_kind() -> None:
    events = _events(
        "Xi Jinping on Monday congratulated Alexander Lukashenko on his re-election. "
        "A spokesman for the Chinese foreign ministry, Wei Anlan, told a briefing on Tuesday that China "
        "opposed interference. Vladimir Putin sent his congratulations the same day."
    )
    letters = [e for e in _of_type(events, "letter") if "putin" in _keys(e.sources)]
    assert letters and letters[0].value == "2024-06-10"


def test_the_same_day_without_an_event_of_its_kind_keeps_the_narrative_day() -> None:
    events = _events(
        "Vladimir Putin met Alexander Lukashenko in Sochi on Tuesday. Xi Jinping sent his congratulations the same day."
    )
    letters = _of_type(events, "letter")
    assert letters and letters[0].value == "2024-06-11"


# --------------------------------------------------------------------------- states described


def test_the_regime_is_the_state_of_the_leader_the_text_names_most() -> None:
    text = (
        "VILNIUS – Lithuania opened its border on Thursday. The regime released 14 prisoners on Thursday, "
        "hours after Alexander Lukashenko received an American delegation. Lukashenko spoke of a thaw."
    )
    assert _actor(text, "The regime") == "belarus"
    releases = _of_type(_events(text), "prisoners")
    assert releases and "belarus" in _keys(releases[0].sources)


def test_the_authorities_after_a_demonym_are_that_state() -> None:
    releases = _of_type(_events("The Belarusian authorities released 14 prisoners on Monday."), "prisoners")
    assert releases and _keys(releases[0].sources) == {"belarus"}


def test_phone_calls_are_talks() -> None:
    text = "On Saturday, Yevgeny Prigozhin turned back after a series of phone calls with Alexander Lukashenko."
    talks = _of_type(_events(text), "meeting")
    assert talks and {"prigozhin", "lukashenko"} <= _keys(talks[0].participants)


# --------------------------------------------------------------------------- deadlines


def _dates(text: str, published: dt.date = PUBLISHED) -> list[tuple[str, str]]:
    return [(d.text, d.value) for d in _analysis(text, published).dates]


def test_the_holiday_after_a_holidays_name_is_that_day() -> None:
    assert ("Independence Day", "2024-07-03") in _dates(
        "The amnesty was announced ahead of the Independence Day holiday.", dt.date(2024, 7, 5)
    )
    assert _dates("The Independence Day parade was cancelled.", dt.date(2024, 7, 5)) == []


def test_ahead_of_a_day_is_a_deadline_not_the_date_of_what_was_done() -> None:
    events = _events(
        "Alexander Lukashenko pardoned 18 prisoners on Tuesday ahead of the Independence Day holiday.",
        dt.date(2024, 7, 5),
    )
    releases = _of_type(events, "prisoners")
    assert releases and releases[0].value == "2024-07-02"


def test_an_accusation_with_a_date_is_a_statement_and_a_resolution_an_announcement() -> None:
    statements = _of_type(_events("Volodymyr Zelensky accused Minsk on Tuesday of preparing an attack."), "statement")
    assert statements and statements[0].value == "2024-06-11" and _keys(statements[0].sources) == {"zelensky"}
    resolutions = _of_type(
        _events("On Wednesday the European Parliament adopted a resolution on Belarus."), "announcement"
    )
    assert resolutions and _keys(resolutions[0].sources) == {"european-parliament"}


def test_the_same_day_after_a_day_of_events_is_that_day() -> None:
    events = _events(
        "On Monday, Alexander Lukashenko met Vladimir Putin. On Wednesday Lukashenko flew to Beijing. "
        "The same day Xi Jinping received him."
    )
    received = [e for e in _of_type(events, "meeting") if "xi-jinping" in _keys(e.participants)]
    assert received and received[0].value == "2024-06-12"


# --------------------------------------------------------------------------- who acts


def test_a_pronoun_opening_a_sentence_continues_the_subject_before() -> None:
    visits = _of_type(
        _events("On Monday, Alexander Lukashenko met Vladimir Putin. On Wednesday he flew to Beijing."), "visit"
    )
    assert visits and _keys(visits[0].sources) == {"lukashenko"}


def test_a_pronoun_after_a_person_in_its_sentence_is_that_person() -> None:
    events = _events("Vladimir Putin said that on Wednesday he flew to Beijing.")
    visits = _of_type(events, "visit")
    assert visits and _keys(visits[0].sources) == {"putin"}


def test_last_year_is_the_narrative_a_bare_earlier_year_a_reference() -> None:
    assert _of_type(_events("Late last year, Belarus released 30 prisoners."), "prisoners")[0].value == "2023"
    assert not _of_type(_events("Belarus released 30 prisoners in 2021."), "prisoners")
    assert not _of_type(_events("Belarus released 30 prisoners four years ago."), "prisoners")


def test_a_states_organ_after_its_possessive_makes_the_state_act() -> None:
    proposals = _of_type(_events("On Monday, Latvia's State Border Guard proposed talks with Belarus."), "proposal")
    assert proposals and "latvia" in _keys(proposals[0].sources)


def test_every_form_of_a_release_and_a_closure() -> None:
    releases = _of_type(_events("On Monday Alexander Lukashenko signed a decree pardoning 16 people."), "prisoners")
    assert releases and releases[0].value == "2024-06-10" and _keys(releases[0].sources) == {"lukashenko"}
    closures = _of_type(_events("Lithuania will close its border crossings with Belarus from Monday."), "threat")
    assert closures and closures[0].planned
    assert not _of_type(_events("Belarus releases its harvest figures on Monday."), "prisoners")
    assert not _of_type(_events("The talks came close to a deal on Monday."), "threat")


def test_a_background_date_does_not_move_the_narrative() -> None:
    text = (
        "Alexander Lukashenko took the oath on Wednesday. Protests have continued every Sunday since the "
        "election of 9 August. By the evening, thousands had gathered in Minsk."
    )
    assert ("the evening", "2024-06-12TEV") in _dates(text, dt.date(2024, 6, 14))


def test_an_invitation_past_a_name_in_apposition_looks_forward() -> None:
    text = "Mr Halvorsen said he had invited his Latvian counterpart, Ilze Ozola, to Oslo in December."
    assert ("December", "2024-12") in _dates(text, dt.date(2024, 10, 30))
    assert ("December", "2023-12") in _dates(
        "He met his counterpart, Ilze Ozola, in Riga in December.", dt.date(2024, 10, 30)
    )


def test_an_object_pronoun_after_the_trigger_is_the_subject_before() -> None:
    events = _events(
        "Alexander Lukashenko has ruled Belarus since 1994. On Monday Donald Trump spoke to him by telephone."
    )
    calls = _of_type(events, "meeting")
    assert calls and _keys(calls[0].sources) == {"trump"} and "lukashenko" in _keys(calls[0].targets)


def test_a_description_after_a_verb_of_calling_is_no_mention() -> None:
    analysis = _analysis('Donald Trump later called him "the highly respected President of Belarus" online.')
    assert [m.text for m in analysis.actors if m.kind == "person"] == ["Donald Trump"]


def test_an_object_pronoun_with_nobody_opening_the_sentence_before_is_nobody() -> None:
    events = _events(
        "Germany freed Vadim Krasikov in return. The paramedic had been sentenced in June. "
        "On Tuesday, Alexander Lukashenko pardoned him."
    )
    releases = [e for e in _of_type(events, "prisoners") if "lukashenko" in _keys(e.sources)]
    assert releases and "unlinked:Vadim Krasikov" not in _keys(releases[0].participants)


def test_a_demonym_before_the_name_of_an_organ_makes_the_state_act() -> None:
    closures = _of_type(_events("On Monday the Polish Border Guard closed the crossing with Belarus."), "threat")
    assert closures and _keys(closures[0].sources) == {"poland"}


def test_being_under_pressure_is_no_threat() -> None:
    assert not _of_type(_events("In March Donald Tusk had come under pressure from the opposition."), "threat")
    pressure = _of_type(_events("In March Vladimir Putin put pressure on Alexander Lukashenko."), "threat")
    assert pressure and _keys(pressure[0].sources) == {"putin"}
