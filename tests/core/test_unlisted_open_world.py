"""People outside the actor list with names of any origin, and descriptions that refer back to them.

Every name and sentence here is made up. The rules: a human verb after a name, "who" after it,
a pair with a person, a possessive "'s" that is not part of the name, "Title of State Name", a
lower-case office noun before a name, an apposition opened by a possessive or a demonym, surnames
of several words; for descriptions: titles written beside an unlisted person, demonyms of states
outside the list, "his Belarusian counterpart", and the fitting person named last in the sentence.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.core.annotate.analysis import Analyzer

NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")
DAY = dt.date(2024, 4, 12)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(user_actors_file=NO_USER_FILE)


def persons(analyzer: Analyzer, text: str) -> list[tuple[str, str | None, str]]:
    """(text, actor id, name) of every person mention."""
    analysis = analyzer.analyze_text(text, DAY)
    return [(m.text, m.actor, m.name) for m in analysis.actors if m.kind == "person"]


def names_of(analyzer: Analyzer, text: str) -> dict[str, str]:
    return {t: name for t, _, name in persons(analyzer, text)}


# ---------------------------------------------------------------- finding the name


@pytest.mark.parametrize(
    "text",
    [
        "Kamran Bahrami-Nezhad arrived in Minsk on Monday.",
        "On Monday, Kamran Bahrami-Nezhad met Alexander Lukashenko.",
        "Kamran Bahrami-Nezhad also visited a tractor plant.",
        "Kamran Bahrami-Nezhad received the delegation at the airport.",
        "Kamran Bahrami-Nezhad, who flew in from the south, laid a wreath.",
        "Lukashenko and Kamran Bahrami-Nezhad signed eight documents.",
        "Kamran Bahrami-Nezhad and Lukashenko signed eight documents.",
    ],
)
def test_a_human_verb_who_or_a_person_beside_it_makes_a_name_a_person(analyzer, text):
    assert names_of(analyzer, text).get("Kamran Bahrami-Nezhad") == "Kamran Bahrami-Nezhad"


def test_an_organisation_before_a_verb_is_no_person(analyzer):
    text = "The Minsk Tractor Works signed a contract. Belarusian Railways received the cargo."
    assert persons(analyzer, text) == []


def test_the_possessive_is_not_part_of_the_name(analyzer):
    text = "Iranian President Dariush Farahmand's visit began on Sunday. Farahmand said the sanctions had failed."
    got = persons(analyzer, text)
    assert got == [
        ("President Dariush Farahmand", None, "Dariush Farahmand"),
        ("Farahmand", None, "Dariush Farahmand"),
    ]


def test_title_of_a_listed_state_then_a_name(analyzer):
    got = names_of(analyzer, "President of Iran Dariush Farahmand thanked his host.")
    assert got == {"President of Iran Dariush Farahmand": "Dariush Farahmand"}


def test_of_a_place_that_is_no_state_does_not_make_a_name(analyzer):
    text = "The chairman of the Grodno Regional Executive Committee, Ivan Karpovich, came."
    assert names_of(analyzer, text) == {"Ivan Karpovich": "Ivan Karpovich"}


def test_a_lower_case_office_noun_before_a_name(analyzer):
    text = "Prime Minister Nadeem Bhatti arrived. Former prime minister Tariq Bhatti stayed at home."
    got = names_of(analyzer, text)
    assert got["Prime Minister Nadeem Bhatti"] == "Nadeem Bhatti"
    assert got["Tariq Bhatti"] == "Tariq Bhatti"  # another person: never merged with the first


@pytest.mark.parametrize(
    "text",
    [
        "Farid Alavi-Tabar, Iran's deputy foreign minister, said so.",
        "Farid Alavi-Tabar, the Iranian first vice-president, said so.",
    ],
)
def test_an_apposition_opened_by_a_possessive_or_hyphenated(analyzer, text):
    assert names_of(analyzer, text).get("Farid Alavi-Tabar") == "Farid Alavi-Tabar"


def test_a_surname_of_two_words_is_the_same_person(analyzer):
    text = (
        "Deputy Foreign Minister Farid Alavi Tabar arrived in Minsk. Alavi Tabar said the talks were useful. "
        "Mr Alavi Tabar left on Friday."
    )
    got = persons(analyzer, text)
    assert [name for _, _, name in got] == ["Farid Alavi Tabar"] * 3


def test_a_later_surname_is_the_person_named_in_full(analyzer):
    text = "President Nadeem Akhtar Bhatti arrived. Bhatti met Lukashenko. Mr Bhatti left."
    got = [(t, name) for t, actor, name in persons(analyzer, text) if actor is None]
    assert got == [
        ("President Nadeem Akhtar Bhatti", "Nadeem Akhtar Bhatti"),
        ("Bhatti", "Nadeem Akhtar Bhatti"),
        ("Mr Bhatti", "Nadeem Akhtar Bhatti"),
    ]


# ---------------------------------------------------------------- descriptions that refer back


def _refers(analyzer: Analyzer, text: str, description: str) -> tuple[str | None, str]:
    analysis = analyzer.analyze_text(text, DAY)
    found = [m for m in analysis.actors if m.text == description]
    assert found, [m.text for m in analysis.actors]
    return found[0].actor, found[0].name


@pytest.mark.parametrize(
    "text",
    [
        "Nadeem Bhatti, the Prime Minister of Pakistan, arrived in Minsk. The Prime Minister laid a wreath.",
        "Pakistan's prime minister, Nadeem Bhatti, arrived in Minsk. The Prime Minister laid a wreath.",
        "Prime Minister Nadeem Bhatti arrived in Minsk. The Prime Minister laid a wreath.",
    ],
)
def test_the_visiting_prime_minister_named_with_his_title_beside_him(analyzer, text):
    assert _refers(analyzer, text, "The Prime Minister") == (None, "Nadeem Bhatti")


def test_a_demonym_of_a_state_outside_the_list(analyzer):
    text = "Pakistani Prime Minister Nadeem Bhatti arrived. The Pakistani prime minister laid a wreath."
    assert _refers(analyzer, text, "The Pakistani prime minister") == (None, "Nadeem Bhatti")
    other = "Pakistani Prime Minister Nadeem Bhatti arrived. The Nepalese prime minister laid a wreath."
    assert "The Nepalese prime minister" not in names_of(analyzer, other)  # nobody fits: left alone


def test_the_belarusian_counterpart_holds_the_same_office(analyzer):
    gazetteer = analyzer.gazetteer
    text = "Foreign Minister Farid Alavi-Tabar met his Belarusian counterpart in Minsk."
    actor, _ = _refers(analyzer, text, "his Belarusian counterpart")
    assert actor == gazetteer.holder_at("foreign-minister-belarus", DAY).id
    text = "Prime Minister Nadeem Bhatti arrived. He held talks with his Belarusian counterpart."
    actor, _ = _refers(analyzer, text, "his Belarusian counterpart")
    assert actor == gazetteer.holder_at("prime-minister-belarus", DAY).id


def test_the_fitting_person_named_last_in_the_same_sentence_wins(analyzer):
    text = (
        "Prime Minister Nadeem Bhatti arrived in Minsk. Bhatti laid a wreath. Bhatti thanked his hosts. "
        "Later Bhatti met Prime Minister Ivan Karpovich, the first foreign guest of the new head of government."
    )
    assert _refers(analyzer, text, "the new head of government") == (None, "Ivan Karpovich")
    text = "Prime Minister Nadeem Bhatti arrived in Minsk. Bhatti met Prime Minister Ivan Karpovich. The head of government smiled."
    assert _refers(analyzer, text, "The head of government")[1] == "Nadeem Bhatti"  # the most named, across sentences


@pytest.mark.parametrize(
    "text",
    [
        "Lukashenko thanked Kamran Bahrami-Nezhad for the visit.",
        "On Tuesday Lukashenko received Kamran Bahrami-Nezhad in Minsk.",
    ],
)
def test_a_verb_whose_object_is_a_person(analyzer, text):
    assert names_of(analyzer, text).get("Kamran Bahrami-Nezhad") == "Kamran Bahrami-Nezhad"


def test_a_verb_before_an_organisation_or_an_outlet_makes_no_person(analyzer):
    text = "He met Pakistan Air Force officers. He told Nasha Volya that it was over."
    assert persons(analyzer, text) == []


def test_title_of_a_word_outside_the_list_then_a_name(analyzer):
    got = names_of(analyzer, "Minister of Foreign Affairs of Pakistan Nadeem Bhatti arrived.")
    assert got == {"Minister of Foreign Affairs of Pakistan Nadeem Bhatti": "Nadeem Bhatti"}


def test_the_subject_of_the_sentence_is_not_the_description_later_in_it(analyzer):
    text = (
        "Prime Minister Nadeem Bhatti arrived in Minsk. Bhatti laid a wreath. Bhatti thanked his hosts. "
        "Prime Minister Ivan Karpovich greeted the head of government at the palace."
    )
    assert _refers(analyzer, text, "the head of government")[1] == "Nadeem Bhatti"


def test_only_an_apposition_made_of_title_words_gives_a_title(analyzer):
    from desktop.core.annotate.references import ReferenceResolver, _ends_with_office

    words = ReferenceResolver(analyzer.gazetteer)._tails
    assert _ends_with_office("Pakistan's prime minister", words)
    assert _ends_with_office("the Prime Minister of Pakistan", words)
    assert _ends_with_office("The Belarusian ambassador to China", words)
    assert not _ends_with_office("He spoke with the president", words)
    assert not _ends_with_office("the talks in Minsk", words)


def test_titles_of_the_names_lexicon(analyzer):
    text = "Ayatollah Ali Rahimi received him. Field Marshal Tariq Bhatti visited Minsk."
    assert names_of(analyzer, text) == {
        "Ayatollah Ali Rahimi": "Ali Rahimi",
        "Field Marshal Tariq Bhatti": "Tariq Bhatti",
    }


def test_a_surname_after_a_word_that_opens_a_sentence(analyzer):
    text = "President Nadeem Bhatti arrived. But Bhatti said little. Later Bhatti flew home."
    got = [(t, name) for t, _, name in persons(analyzer, text)]
    assert got == [
        ("President Nadeem Bhatti", "Nadeem Bhatti"),
        ("Bhatti", "Nadeem Bhatti"),
        ("Bhatti", "Nadeem Bhatti"),
    ]


def test_two_people_sharing_a_surname_are_not_merged(analyzer):
    text = "President Nadeem Bhatti arrived. Former prime minister Tariq Bhatti stayed at home. But Bhatti said little."
    got = persons(analyzer, text)
    assert [name for t, _, name in got if t == "Bhatti"] in ([], ["Bhatti"])  # either of them: left alone
