"""People outside the actor list and near-spellings of listed surnames (issue 10, items 2 and 3).

Every name and text here is made up; the listed people of the near-spelling tests come from a
user actors file written by the test.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from desktop.core.annotate.actor_tagger import ActorTagger
from desktop.core.annotate.actor_unlisted import near_spelling, split_name
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.text.sentences import sentence_spans

NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")
DAY = dt.date(2031, 5, 14)
ROLE = "assistant-secretary-eur-us"  # a bundled role: its phrases are read from the gazetteer

USER_ACTORS = f"""
actors:
  - id: test-quillfeather
    name: Ottoline Quillfeather
    kind: person
    side: us
    roles:
      - {{role: {ROLE}, from: 2031-01-01, to: 2031-12-31}}
  - id: test-brannigan-a
    name: Cosima Vandersteen
    kind: person
    side: eu
  - id: test-brannigan-b
    name: Cosimo Vandersteel
    kind: person
    side: eu
"""


@pytest.fixture(scope="module")
def tagger() -> ActorTagger:
    return ActorTagger(load_gazetteer(user_path=NO_USER_FILE, cache=False))


@pytest.fixture(scope="module")
def listed(tmp_path_factory) -> ActorTagger:
    path = tmp_path_factory.mktemp("actors") / "actors.yaml"
    path.write_text(USER_ACTORS, encoding="utf-8")
    return ActorTagger(load_gazetteer(user_path=path, cache=False))


def people(tagger: ActorTagger, text: str) -> list[tuple[str, str | None, str]]:
    """(text, actor id, name) of every person mention, with sentences as the analysis gives them."""
    mentions, _ = tagger.tag(text, DAY, list(sentence_spans(text)))
    return [(m.text, m.actor, m.name) for m in mentions if m.kind == "person"]


def names(tagger: ActorTagger, text: str) -> list[str]:
    return [name for _, actor, name in people(tagger, text) if actor is None]


# ─────────────────────────────────────────────────────────── finding unlisted people


def test_title_and_name(tagger):
    assert names(tagger, "Yesterday Assoc Prof Orla Fenwright spoke at the institute.") == ["Orla Fenwright"]
    assert people(tagger, "The talks were led by Ambassador Teodor Vaskelainen.")[0][0] == (
        "Ambassador Teodor Vaskelainen"
    )


def test_particles_and_hyphenated_given_names(tagger):
    assert names(tagger, "By Marie-Claire de la Fontenelle in Geneva") == ["Marie-Claire de la Fontenelle"]
    assert names(tagger, "Bertus van der Kolk said the vote was fair.") == ["Bertus van der Kolk"]


def test_initials(tagger):
    assert names(tagger, "By R. T. Oyelaran\n\nThe summit opened on Monday.") == ["R. T. Oyelaran"]
    assert names(tagger, "By Imke J. Sorensby\n\nThe summit opened on Monday.") == ["Imke J. Sorensby"]


def test_apposition_with_the_role_before(tagger):
    text = "The agency's spokeswoman, Livia Harcastle, said on Monday that the talks would go on."
    assert names(tagger, text) == ["Livia Harcastle"]
    text = "They were received by the chargé d'affaires, Emrys Tollander."
    assert names(tagger, text) == ["Emrys Tollander"]


def test_apposition_with_the_role_after(tagger):
    text = "Quentin Abernethy-Roe, the Deputy Director of the institute, declined to comment."
    assert names(tagger, text) == ["Quentin Abernethy-Roe"]


def test_bylines_and_credits(tagger):
    text = "By Henrike Ostrava in Prague and Tobiah Merriweather in Riga\n\nThe vote was held on Sunday."
    assert names(tagger, text) == ["Henrike Ostrava", "Tobiah Merriweather"]
    assert names(tagger, "The crowd at the square. Photo: Elsbeth Quarry / Agency") == ["Elsbeth Quarry"]
    assert names(tagger, "The report was written by Ambrose Kettering last year.") == ["Ambrose Kettering"]


def test_reporting_verb_after(tagger):
    assert names(tagger, "Ignatius Marwood said the border stayed open.") == ["Ignatius Marwood"]


def test_a_role_as_the_predicate(tagger):
    assert names(tagger, "Rosalind de Wever is a columnist for a weekly paper.") == ["Rosalind de Wever"]


def test_a_signature_line(tagger):
    text = "The vote was held on Sunday.\n\nBarnabas Ten Hove, Senior Fellow, Baltic Programme\n"
    assert names(tagger, text) == ["Barnabas Ten Hove"]


def test_a_sentence_opening_word_before_a_listed_name_is_not_a_name(tagger):
    text = "Only Vladimir Makei, the foreign minister, spoke."
    assert next((t, a) for t, a, _ in people(tagger, text)) == ("Vladimir Makei", "makei")


def test_a_given_name_alone_after_a_kinship_noun(tagger):
    assert names(tagger, "He came with his youngest son, Nikolai, and two aides.") == ["Nikolai"]
    assert names(tagger, "Nikolai came with two aides.") == []


def test_no_cue_no_person(tagger):
    assert names(tagger, "Harwick Borough lies on the coast.") == []


# ─────────────────────────────────────────────────────────── one identity per person


def test_a_later_surname_is_the_person_named_in_full(tagger):
    text = (
        "Fenella Kowalczyk, the head of the mission, arrived on Monday. "
        "Kowalczyk met the minister. Later, Ms Kowalczyk told reporters the talks went well."
    )
    found = people(tagger, text)
    assert [t for t, _, _ in found] == ["Fenella Kowalczyk", "Kowalczyk", "Ms Kowalczyk"]
    assert {name for _, _, name in found} == {"Fenella Kowalczyk"}


def test_a_possessive_surname_and_an_apostrophe_in_it(tagger):
    text = (
        "Fenella Kowalczyk, the head of the mission, arrived. Kowalczyk's aide said little. "
        "Declan O'Farrelly, the chief executive, spoke. O'Farrelly left."
    )
    assert [(t, name) for t, _, name in people(tagger, text)] == [
        ("Fenella Kowalczyk", "Fenella Kowalczyk"),
        ("Kowalczyk", "Fenella Kowalczyk"),
        ("Declan O'Farrelly", "Declan O'Farrelly"),
        ("O'Farrelly", "Declan O'Farrelly"),
    ]


def test_many_unlisted_people_stay_fast(tagger):
    words = [f"{a}{b}wen" for a in "BCDFGHKLMNPRST" for b in "aeiou"]
    text = " ".join(
        f"By {words[i % 70]}ka {words[(i * 7) % 70]}ski\nMr {words[(i * 3) % 70]}ski left." for i in range(2000)
    )
    started = time.perf_counter()
    tagger.tag(text, DAY, None)
    assert time.perf_counter() - started < 10


def test_a_particle_surname_after_a_title_is_the_person(tagger):
    text = "Federal President Anselm Van der Gracht welcomed the guest. Mr Van der Gracht said little."
    assert {name for _, _, name in people(tagger, text)} == {"Anselm Van der Gracht"}


def test_two_people_with_one_surname_stay_apart(tagger):
    text = (
        "Dorian Pellegrew, the head of the delegation, arrived with his brother, Silas Pellegrew, "
        "a journalist. Pellegrew said nothing."
    )
    found = people(tagger, text)
    assert ("Dorian Pellegrew", None, "Dorian Pellegrew") in found
    assert ("Silas Pellegrew", None, "Silas Pellegrew") in found
    assert all(name != "Dorian Pellegrew" for t, _, name in found if t == "Pellegrew")
    assert all(name != "Silas Pellegrew" for t, _, name in found if t == "Pellegrew")


def test_split_name_keeps_particles_with_the_surname():
    assert split_name("Pieter van der Kolk") == ("Pieter", "van der Kolk")
    assert split_name("Van der Gracht") == ("", "Van der Gracht")
    assert split_name("Orla Fenwright") == ("Orla", "Fenwright")


# ─────────────────────────────────────────────────────────── near-spellings


def test_near_spelling_with_the_given_name_resolves(listed):
    text = "The visit of Ottoline Quilfeather, the senior envoy, was brief. Quilfeather left on Friday."
    found = people(listed, text)
    assert [(t, a) for t, a, _ in found] == [
        ("Ottoline Quilfeather", "test-quillfeather"),
        ("Quilfeather", "test-quillfeather"),
    ]
    mentions, _ = listed.tag(text, DAY, list(sentence_spans(text)))
    assert "near-spelling of Quillfeather" in mentions[0].matched
    assert "given name Ottoline" in mentions[0].matched


def test_near_spelling_with_the_person_named_elsewhere_resolves(listed):
    text = "Ottoline Quillfeather arrived on Monday. Later Ms Quilfeather said the talks went well."
    assert [(t, a) for t, a, _ in people(listed, text)][-1] == ("Ms Quilfeather", "test-quillfeather")


def test_near_spelling_with_the_role_named_resolves(listed):
    phrase = listed.gazetteer.roles[ROLE].phrases[0]
    text = f"The {phrase} was in town. Ms Quilfeather said the talks went well."
    assert ("Ms Quilfeather", "test-quillfeather") in [(t, a) for t, a, _ in people(listed, text)]


def test_near_spelling_without_context_stays_unlisted(listed):
    text = "Ms Quilfeather said the talks went well."
    assert [(t, a) for t, a, _ in people(listed, text)] == [("Ms Quilfeather", None)]


def test_near_spelling_with_another_given_name_stays_unlisted(listed):
    text = "Ottoline Quillfeather met Barnaby Quilfeather, a journalist, on Monday."
    found = [(t, a) for t, a, _ in people(listed, text)]
    assert ("Barnaby Quilfeather", None) in found


def test_never_to_a_wrong_person_when_two_are_as_close(listed):
    assert near_spelling("Vandersteem", listed.gazetteer) is None
    text = "Cosima Vandersteen and Cosimo Vandersteel arrived. Ms Vandersteem, a diplomat, spoke."
    found = [(t, a) for t, a, _ in people(listed, text)]
    assert ("Cosima Vandersteen", "test-brannigan-a") in found
    assert ("Cosimo Vandersteel", "test-brannigan-b") in found
    assert all(a is None for t, a in found if "Vandersteem" in t)


def test_a_listed_surname_itself_is_no_misspelling(listed):
    assert near_spelling("Quillfeather", listed.gazetteer) is None
    assert near_spelling("Quilfeather", listed.gazetteer) == ("test-quillfeather", "Quillfeather")


# ─────────────────────────────────────────────────────────── titles of a state's formal name


def test_a_title_of_the_formal_name_of_a_state_and_the_name(tagger):
    text = "President of the Islamic Republic of Iran Dariush Farahmandi held talks in Tehran."
    assert people(tagger, text)[0][:2] == ("President of the Islamic Republic of Iran Dariush Farahmandi", None)
    text = "Prime Minister of the Kingdom of Norway Ingrid Solvang Haukeland arrived in Minsk."
    assert names(tagger, text) == ["Ingrid Solvang Haukeland"]
    text = (
        "Prime Minister of the Islamic Republic of Qaristan Tariq Mehmood Abbasi arrived. Later Tariq Abbasi met him."
    )
    assert names(tagger, text) == ["Tariq Mehmood Abbasi", "Tariq Mehmood Abbasi"]


def test_a_noun_only_a_person_is_as_the_predicate(tagger):
    assert names(tagger, "A year ago, Tobin Ferrault was a man sentenced to death in Minsk.") == ["Tobin Ferrault"]
    assert names(tagger, "Ilse Vardanyan is a paramedic from Graz.") == ["Ilse Vardanyan"]
    assert names(tagger, "The Brest Fortress Museum is a site of memory.") == []


def test_a_role_noun_right_before_a_name(tagger):
    assert names(tagger, "Mirela Dostanic met her Serbian counterpart Vuk Radmanovic in Belgrade.") == [
        "Mirela Dostanic",
        "Vuk Radmanovic",
    ]
    assert names(tagger, "The session was opened by the party chairman Oskar Lindqvist.") == ["Oskar Lindqvist"]
    assert names(tagger, "The counterpart Trade Fair opened in Minsk.") == []


def test_wire_credits_editing_and_translation(tagger):
    assert names(tagger, "Reporting by Ruta Vaitkute; Editing by Corwin Ashdale") == ["Ruta Vaitkute", "Corwin Ashdale"]
    assert names(tagger, "The interview was translated by Oona Pelkonen.") == ["Oona Pelkonen"]


def test_a_title_with_two_portfolios_before_a_state_and_a_name(tagger):
    text = "Sergei Aleinik held consultations with Minister of Foreign Affairs and International Trade of Zimbabwe Tendai Mukurazhizha."
    assert names(tagger, text) == ["Tendai Mukurazhizha"]


def test_bylines_of_analysis_and_opinion(tagger):
    assert names(tagger, "Analysis by Liis Kõiv-Tamm and Jan-Willem de Boer\n\nThe talks began.") == [
        "Liis Kõiv-Tamm",
        "Jan-Willem de Boer",
    ]
    assert names(tagger, "Opinion by Maarten van Dijk\n\nThe vote was a farce.") == ["Maarten van Dijk"]


def test_a_shared_surname_alone_is_the_one_not_introduced_as_a_relative(tagger):
    text = (
        "The court freed Anton Kowalczyk on Monday. Kowalczyk thanked his lawyers. "
        "His father, Jerzy Kowalczyk, said he had not spoken to him. Kowalczyk left for Warsaw."
    )
    found = people(tagger, text)
    assert [name for span, _, name in found if span == "Kowalczyk"] == ["Anton Kowalczyk", "Anton Kowalczyk"]


def test_a_shared_surname_alone_stays_open_without_a_relative(tagger):
    text = "Anna Nowak met Jan Nowak in Warsaw on Monday. Nowak said the talks went well."
    assert [name for span, _, name in people(tagger, text) if span == "Nowak"] in ([], ["Nowak"])


def test_abbreviated_military_ranks_are_titles(tagger):
    text = "The troops served under Col. Gen. Andrei Serdyukov. Lt. Gen. Anton Kowalczyk said so."
    assert names(tagger, text) == ["Andrei Serdyukov", "Anton Kowalczyk"]
