"""Rules of the event layer for articles the project has never seen (issue 10, items 5 and 6).

Each test pins one rule on sentences made up for it: who acts and who is the counterpart, which
date a clause gives, which triggers are no events (background, habits, plans whose time has
passed, characterisations of the event told before), and when events of one article are one
episode.
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


def _of_type(events, type_id: str):
    return [e for e in events if e.type == type_id]


def _keys(people) -> set[str]:
    return {p.key for p in people}


# --------------------------------------------------------------------------- triggers in context


def test_a_person_named_before_the_trigger_gives_received_its_context() -> None:
    events = _events(
        "President of Belarus Alexander Lukashenko on Monday received at the Palace of Independence "
        "a group of guests led by Vladimir Putin."
    )
    meetings = _of_type(events, "meeting")
    assert meetings and meetings[0].value == "2024-06-10"


def test_a_framing_trigger_gives_way_to_the_trigger_it_frames() -> None:
    events = _events("On Monday Alexander Lukashenko decided to pardon twelve prisoners.")
    assert not _of_type(events, "announcement")
    (release,) = _of_type(events, "prisoners")
    assert "lukashenko" in _keys(release.sources) and release.value == "2024-06-10"


def test_a_framing_trigger_alone_keeps_its_type() -> None:
    events = _events("On Monday Vladimir Putin and Alexander Lukashenko agreed to build a bridge.")
    assert _of_type(events, "announcement")


def test_released_documents_are_no_release_of_prisoners() -> None:
    events = _events("On Monday Vladimir Putin spoke, according to a transcript released by his office.")
    assert not _of_type(events, "prisoners")


def test_a_passive_discussed_is_no_meeting() -> None:
    events = _events("On Monday the name of Vladimir Makei as a candidate was being discussed in Minsk.")
    assert not _of_type(events, "meeting")


def test_speaking_to_the_press_is_a_statement_not_a_meeting() -> None:
    assert not _of_type(_events("Vladimir Putin spoke to reporters on Tuesday about the harvest."), "meeting")
    events = _events("Speaking to reporters on Tuesday, Vladimir Putin praised the harvest.")
    assert [e.value for e in _of_type(events, "statement")] == ["2024-06-11"]


def test_a_border_closed_is_pressure_and_reopened_an_announcement() -> None:
    events = _events("Poland closed the border crossing on Monday and reopened the border on Wednesday.")
    assert [e.value for e in _of_type(events, "threat")] == ["2024-06-10"]
    assert [e.value for e in _of_type(events, "announcement")] == ["2024-06-12"]


def test_a_closed_meeting_is_no_closure() -> None:
    events = _events("Vladimir Putin and Alexander Lukashenko met on Monday and closed the session.")
    assert not _of_type(events, "threat")


# --------------------------------------------------------------------------- reports


def test_a_report_whose_only_date_is_in_the_quote_is_no_event() -> None:
    events = _events('"We can sign it tomorrow," Vladimir Putin said.')
    assert not _of_type(events, "statement")


def test_a_dated_report_before_what_it_reports_is_an_event() -> None:
    events = _events("Vladimir Putin said on Wednesday that the inauguration of Alexander Lukashenko was legitimate.")
    assert [e.value for e in _of_type(events, "statement")] == ["2024-06-12"]


def test_asked_about_frames_a_statement() -> None:
    events = _events("Asked about the protests, Vladimir Putin told a briefing on Tuesday that all was calm.")
    assert not _of_type(events, "appeal")
    assert [e.value for e in _of_type(events, "statement")] == ["2024-06-11"]


def test_a_cue_of_intention_inside_a_quotation_plans_nothing() -> None:
    events = _events('"Nothing will be signed without us," Vladimir Putin told reporters on Wednesday.')
    statements = _of_type(events, "statement")
    assert statements and not statements[0].planned and statements[0].value == "2024-06-12"


# --------------------------------------------------------------------------- agents and counterparts


def test_a_pronoun_met_someone_of_an_organisation() -> None:
    events = _events(
        "Vladimir Makei flew to Vienna on Monday.\n\n"
        "On Tuesday he met the head of the Russian delegation, Sergei Lavrov."
    )
    meeting = next(e for e in _of_type(events, "meeting") if e.value == "2024-06-11")
    assert "makei" in _keys(meeting.sources) and "lavrov" in _keys(meeting.targets)


def test_coordinated_subjects_both_act() -> None:
    events = _events("Sergei Lavrov and Vladimir Makei also met on Wednesday night.")
    (meeting,) = _of_type(events, "meeting")
    assert {"lavrov", "makei"} <= _keys(meeting.participants)


def test_the_two_leaders_are_the_two_just_named() -> None:
    events = _events(
        "Vladimir Putin spoke by telephone on Monday with Alexander Lukashenko. Two days later, the two leaders spoke again."
    )
    later = [e for e in _of_type(events, "meeting") if e.value == "2024-06-12"]
    assert later and {"putin", "lukashenko"} <= _keys(later[0].participants)


def test_the_ministers_are_the_two_ministers_just_named() -> None:
    events = _events(
        "On Monday Vladimir Makei and Sergei Lavrov signed an agreement on visas. The ministers also held consultations."
    )
    assert any({"makei", "lavrov"} <= _keys(e.participants) for e in _of_type(events, "meeting"))


def test_a_counterpart_who_speaks_afterwards_still_takes_part() -> None:
    events = _events(
        "On Monday Alexander Lukashenko held talks with Vladimir Putin, who said afterwards that the talks were useful."
    )
    meeting = _of_type(events, "meeting")[0]
    assert {"lukashenko", "putin"} <= _keys(meeting.participants)


def test_the_object_of_a_first_verb_is_no_reporter_of_a_second() -> None:
    events = _events("Vladimir Putin congratulated Alexander Lukashenko on Monday and expressed the hope for peace.")
    (letter,) = _of_type(events, "letter")
    assert letter.value == "2024-06-10" and "lukashenko" in _keys(letter.targets)


# --------------------------------------------------------------------------- dates and background


def test_a_date_ends_its_clause() -> None:
    events = _events(
        "Vladimir Makei met Sergei Lavrov last week to discuss a visit by Alexander Lukashenko to Moscow in September."
    )
    meeting = _of_type(events, "meeting")[0]
    assert meeting.value == "2024-W23"


def test_a_possessive_date_dates_its_noun_only() -> None:
    events = _events("Vladimir Putin on Monday congratulated Alexander Lukashenko on the result of Sunday's vote.")
    (letter,) = _of_type(events, "letter")
    assert letter.value == "2024-06-10"


def test_a_habitual_run_without_its_own_date_is_no_event() -> None:
    events = _events(
        "Alexander Lukashenko has visited Moscow many times since 1995 and last met Vladimir Putin in April 2019."
    )
    assert not _of_type(events, "visit")
    assert [e.value for e in _of_type(events, "meeting")] == ["2019-04"]


def test_a_sentence_characterising_the_event_before_makes_no_new_one() -> None:
    events = _events(
        "On Monday Alexander Lukashenko met Vladimir Putin in Minsk. It was the first international meeting of the new "
        "government."
    )
    assert not _of_type(events, "conference")


def test_his_first_trip_points_back_to_the_visit() -> None:
    analysis = _analysis(
        "Alexander Lukashenko began a state visit to China on Tuesday. The visit is his first trip abroad this year."
    )
    episodes = build_episodes([analysis]).episodes
    visits = [e for e in episodes if e.type == "visit"]
    assert len(visits) == 1 and visits[0].value == "2024-06-11"


def test_a_proposed_visit_whose_month_has_passed_is_no_event() -> None:
    events = _events(
        "In May, Vladimir Makei proposed a visit to Minsk in May and was turned down.", published=dt.date(2024, 6, 20)
    )
    assert not _of_type(events, "visit")


def test_an_invitation_to_pay_a_visit_makes_the_visit_planned() -> None:
    events = _events(
        "On Monday Alexander Lukashenko accepted an invitation to pay a return visit to Moscow in October."
    )
    visits = _of_type(events, "visit")
    assert visits and all(v.planned for v in visits)


def test_an_undated_present_of_an_official_text_is_the_day_of_publication() -> None:
    events = _events("Belarus suspends its participation in the initiative.")
    assert [e.value for e in _of_type(events, "announcement")] == ["2024-06-13"]


def test_a_caption_shows_an_event_and_adds_none_without_a_date() -> None:
    events = _events(
        "On 2 June Alexander Lukashenko flew to Moscow.\n\n"
        "Sergei Lavrov met the press in Minsk on Monday.\n\n"
        "Photo: Vladimir Putin congratulates Alexander Lukashenko in the Kremlin."
    )
    assert not _of_type(events, "letter")


def test_proposals_are_not_dated_by_the_lede() -> None:
    events = _events(
        "On Monday the Council of the European Union added Alexander Lukashenko to its list.\n\n"
        "Meanwhile the weather was mild.\n\nThe markets were calm.\n\nThe ministry was silent.\n\n"
        "Sergei Lavrov proposed a new round of talks."
    )
    assert not _of_type(events, "proposal")


# --------------------------------------------------------------------------- episodes of one article


def test_a_year_does_not_bridge_a_june_and_a_september_meeting() -> None:
    analysis = _analysis(
        "In June, Alexander Lukashenko received Vladimir Putin in Minsk.\n\n"
        "On 11 September Alexander Lukashenko received Vladimir Putin in Minsk again.\n\n"
        "Vladimir Putin visited Minsk twice this year.",
        published=dt.date(2024, 9, 12),
    )
    meetings = [e for e in build_episodes([analysis]).episodes if e.type in ("meeting", "visit")]
    values = sorted(e.value for e in meetings)
    assert "2024-06" in values and "2024-09-11" in values


def test_a_flashback_does_not_date_what_follows_it() -> None:
    analysis = _analysis(
        "On 11 September Alexander Lukashenko met Vladimir Putin in Minsk. "
        "Lukashenko noted that the talks continued those held in June with Sergei Lavrov.\n\n"
        "Vladimir Putin handed Alexander Lukashenko a letter.",
        published=dt.date(2024, 9, 12),
    )
    letters = [e for e in EventExtractor().extract(analysis) if e.type == "letter"]
    assert letters and letters[0].value == "2024-09-11"


# --------------------------------------------------------------------------- more agents, anchors and dates


def test_it_is_the_organisation_named_before_and_its_date_is_of_its_clause() -> None:
    events = _events(
        "On 10 June the Council of the European Union adopted new measures, and on 12 June it decided to "
        "widen sanctions against Minsk."
    )
    (threat,) = _of_type(events, "threat")
    assert threat.value == "2024-06-12" and "council-of-the-eu" in _keys(threat.participants)


def test_a_person_in_apposition_is_the_subject_of_a_passive() -> None:
    events = _events(
        "The head of the Russian delegation, Sergei Lavrov, was invited today to the ministry by Vladimir Makei."
    )
    (invitation,) = _of_type(events, "invitation")
    assert {"lavrov", "makei"} <= _keys(invitation.participants)


def test_since_someones_visit_is_background_with_its_date() -> None:
    events = _events(
        "On 3 June Alexander Lukashenko met Vladimir Putin, their first meeting since Putin's visit to Minsk in March 2023."
    )
    assert not _of_type(events, "visit")
    assert all(not e.value.startswith("2023") for e in events)


def test_after_the_visit_of_someone_on_a_date_tells_of_that_visit() -> None:
    events = _events(
        "Vladimir Makei praised the dialogue, in particular after the visit to Minsk of Sergei Lavrov in October 2018."
    )
    assert [e.value for e in _of_type(events, "visit")] == ["2018-10"]


def test_a_date_before_an_anchor_is_not_the_anchors() -> None:
    events = _events("The return visit could take place in October, before the Eastern Partnership summit.")
    assert not _of_type(events, "conference")


def test_the_guest_brings_the_host_to_the_visit() -> None:
    events = _events(
        "On Monday Vladimir Putin arrived in Minsk on an official visit.\n\n"
        "The talks began in a narrow format. Alexander Lukashenko thanked the guest for coming."
    )
    assert any("lukashenko" in _keys(e.participants) for e in events)


def test_a_past_weekday_read_as_the_coming_one_is_the_last_one() -> None:
    analysis = _analysis("Sergei Lavrov, who arrived in Minsk on Friday, met Vladimir Makei.")
    friday = next(d for d in analysis.dates if d.text == "Friday")
    events = EventExtractor().extract(analysis)
    if friday.value == "2024-06-14":  # the tagger read it as the coming Friday
        assert [e.value for e in _of_type(events, "visit")] == ["2024-06-07"]
    else:
        assert [e.value for e in _of_type(events, "visit")] == [friday.value]


def test_a_present_tense_on_a_coming_weekday_stays_ahead() -> None:
    events = _events("On Monday Vladimir Putin opened the forum in Minsk. The forum continues on Friday.")
    assert all(e.value != "2024-06-07" for e in events)


def test_the_speaker_of_a_clause_about_a_video_takes_part() -> None:
    events = _events("On Monday night state television broadcast a video in which Vladimir Makei said he was well.")
    (publication,) = _of_type(events, "publication")
    assert "makei" in _keys(publication.participants)


def test_a_person_came_is_a_visit_but_came_under_is_none() -> None:
    events = _events("They recall that Vladimir Putin came in February.", published=dt.date(2024, 6, 13))
    assert [e.value for e in _of_type(events, "visit")] == ["2024-02"]
    assert not _of_type(_events("Vladimir Putin came under pressure in February."), "visit")


def test_an_actor_after_a_preposition_is_no_subject() -> None:
    events = _events("EU leaders will discuss sanctions against Belarusian officials at a summit on 1 July.")
    assert all("belarus" not in _keys(e.sources) for e in events)


def test_a_report_takes_no_date_from_a_clause_before_it() -> None:
    events = _events("The two countries agreed in May to restore flights, and Vladimir Makei said a deal was near.")
    assert not _of_type(events, "statement")


def test_a_when_clause_is_dated_by_the_date_before_it() -> None:
    events = _events("The line was set in January, when Alexander Lukashenko told ambassadors to knock on every door.")
    assert [e.value for e in _of_type(events, "statement")] == ["2024-01"]


def test_an_appeal_takes_no_date_from_another_sentence_of_its_paragraph() -> None:
    events = _events(
        "Kazakhstan followed on Tuesday. Lithuanian President Gitanas Nauseda said the vote was unfair and urged "
        "the EU to respond."
    )
    assert not _of_type(events, "appeal")


def test_in_may_is_a_month_not_a_cue_of_intention() -> None:
    events = _events("In May, Vladimir Makei visited Vilnius.")
    visits = _of_type(events, "visit")
    assert visits and not visits[0].planned and visits[0].value == "2024-05"


def test_a_verb_joined_by_and_shares_its_subject() -> None:
    events = _events("On Monday Vladimir Makei held talks with Sergei Lavrov and was received by Vladimir Putin.")
    assert all("makei" in _keys(e.participants) for e in _of_type(events, "meeting"))


def test_the_sides_are_the_countries_of_the_places_named() -> None:
    events = _events(
        "Last week Vladimir Putin of Russia visited Belarus for talks on trade, energy and the border.\n\n"
        "The sides agreed to return ambassadors to Minsk and Moscow."
    )
    agreements = _of_type(events, "announcement")
    assert agreements and {"belarus", "russia"} <= _keys(agreements[0].participants)


def test_a_date_before_a_prepositional_phrase_is_the_verbs() -> None:
    events = _events("Vladimir Makei and Sergei Lavrov met at the border on Monday for the first talks in a year.")
    meetings = [e for e in _of_type(events, "meeting") if {"makei", "lavrov"} <= _keys(e.participants)]
    assert meetings and meetings[0].value == "2024-06-10"


def test_a_title_drops_the_date_and_its_preposition_from_a_name() -> None:
    analysis = _analysis("EU leaders will hold a summit on 1 and 2 July in Brussels with Vladimir Putin.")
    titles = [e.title for e in build_episodes([analysis]).episodes]
    assert titles and all(not t.rstrip().endswith((" on", " 1", " on 1")) for t in titles)


def test_a_surname_keeps_its_particles() -> None:
    from desktop.core.episodes.event_records import _surname

    assert _surname("Alexander Van der Bellen") == "Van der Bellen"
    assert _surname("Jean-Luc de Saint-Aubin") == "de Saint-Aubin"
    assert _surname("Angela Merkel") == "Merkel"


def test_a_done_event_names_the_episode_before_a_planned_one() -> None:
    from desktop.core.episodes.titles import rank_events

    analysis = _analysis(
        "On Monday Alexander Lukashenko met Vladimir Putin in Minsk and said he would visit Moscow on Monday."
    )
    events = EventExtractor().extract(analysis)
    assert not rank_events(events)[0].planned
