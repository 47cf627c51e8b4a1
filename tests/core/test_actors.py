"""The actor tagger on invented sentences: each matching rule, resolution rule and edge case."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import time
from pathlib import Path

import pytest

from desktop.core.annotate.actor_tagger import ActorTagger, _fast_constructor
from desktop.core.annotate.actors import phrase_tokens
from desktop.core.annotate.gazetteer import load_gazetteer
from desktop.core.annotate.records import ActorMention
from desktop.core.text.sentences import sentence_spans

NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")
D2013, D2018, D2022, D2023, D2024 = (
    dt.date(2013, 2, 25),
    dt.date(2018, 11, 5),
    dt.date(2022, 9, 26),
    dt.date(2023, 6, 1),
    dt.date(2024, 9, 16),
)


@pytest.fixture(scope="module")
def tagger() -> ActorTagger:
    return ActorTagger(load_gazetteer(user_path=NO_USER_FILE, cache=False))


def tag(tagger: ActorTagger, text: str, anchor: dt.date | None = D2022, sentences: bool = False):
    spans = list(sentence_spans(text)) if sentences else None
    return tagger.tag(text, anchor, spans)


def found(tagger, text, anchor=D2022, sentences=False) -> list[tuple[str, str | None, str]]:
    """(text, actor, via) of every actor mention."""
    mentions, _ = tag(tagger, text, anchor, sentences)
    return [(m.text, m.actor, m.via) for m in mentions]


def persons(tagger, text, anchor=D2022, sentences=False) -> list[tuple[str, str | None]]:
    mentions, _ = tag(tagger, text, anchor, sentences)
    return [(m.text, m.actor) for m in mentions if m.kind == "person"]


# ─────────────────────────────────────────────────────────── names, aliases, case, boundaries


def test_names_aliases_and_surnames(tagger):
    assert found(tagger, "Alexander Lukashenko met Aliaksandr Lukashenka and Łukašenka.") == [
        ("Alexander Lukashenko", "lukashenko", "name"),
        ("Aliaksandr Lukashenka", "lukashenko", "alias"),
        ("Łukašenka", "lukashenko", "surname"),
    ]


def test_longest_match_wins(tagger):
    assert found(tagger, "The United Nations General Assembly met.") == [
        ("United Nations General Assembly", "un-general-assembly", "alias")
    ]
    assert found(tagger, "the Belarusian Foreign Ministry said")[0][:2] == (
        "Belarusian Foreign Ministry",
        "belarus-foreign-ministry",
    )


def test_acronyms_are_case_sensitive(tagger):
    assert found(tagger, "They asked us to wait; the US and the EU did not.") == [
        ("US", "united-states", "alias"),
        ("EU", "eu", "alias"),
    ]
    assert found(tagger, "Us and eu and Eu.") == []


def test_dotted_acronyms_keep_their_dots(tagger):
    mentions, _ = tag(tagger, "a former U.S. ambassador and the U.N. in the U.S.")
    assert [(m.text, m.actor) for m in mentions] == [
        ("U.S.", "united-states"),
        ("U.N.", "un"),
        ("U.S.", "united-states"),
    ]


@pytest.mark.parametrize("possessive", ["’s", "'s", "’", "'"])
def test_possessives_are_outside_the_span(tagger, possessive):
    mentions, _ = tag(tagger, f"Putin{possessive} statement and Belarus{possessive} success")
    assert [m.text for m in mentions] == ["Putin", "Belarus"]


def test_names_inside_hyphenated_compounds(tagger):
    assert [
        m[:2] for m in found(tagger, "the Russian-American exchange on the EU-Belarus border, Belarusian-European ties")
    ] == [
        ("Russian", "russia"),
        ("American", "united-states"),
        ("EU", "eu"),
        ("Belarus", "belarus"),
        ("Belarusian", "belarus"),
        ("European", "eu"),
    ]


def test_no_match_inside_words(tagger):
    assert found(tagger, "Putinism and Belarusianness and iRussia") == []


def test_a_name_across_a_line_break(tagger):
    assert found(tagger, "said Vladimir\nPutin today")[0][:2] == ("Vladimir\nPutin", "putin")


def test_demonyms_stand_for_their_state_or_bloc(tagger):
    mentions, _ = tag(tagger, "Belarusian authorities, Western partners, Europeans and Americans")
    assert [(m.text, m.actor, m.kind, m.via) for m in mentions] == [
        ("Belarusian", "belarus", "state", "demonym"),
        ("Western", "the-west", "bloc", "demonym"),
        ("Europeans", "eu", "bloc", "demonym"),
        ("Americans", "united-states", "state", "demonym"),
    ]


def test_a_leading_the_is_not_part_of_a_name(tagger):
    mentions, _ = tag(tagger, "It is decided by the Kremlin, not the West.")
    assert [(m.text, m.actor, m.name) for m in mentions] == [
        ("Kremlin", "russia", "Russia"),
        ("West", "the-west", "the West"),
    ]


# ─────────────────────────────────────────────────────────── roles and descriptions


@pytest.mark.parametrize(
    ("anchor", "holder"),
    [(D2018, "makei"), (D2022, "makei"), (D2023, "aleinik"), (D2024, "ryzhankou")],
)
def test_descriptions_resolve_to_the_holder_on_the_date(tagger, anchor, holder):
    for phrase in (
        "the Belarusian foreign minister",
        "the foreign minister of Belarus",
        "the head of the Belarusian Foreign Ministry",
        "Belarusian Minister of Foreign Affairs",
    ):
        mentions, _ = tag(tagger, f"Yesterday {phrase} spoke.", anchor)
        assert [(m.text, m.actor, m.via) for m in mentions] == [(phrase, holder, "role")], phrase


def test_description_at_the_start_of_a_sentence(tagger):
    assert found(tagger, "The foreign minister of Belarus declined.") == [
        ("The foreign minister of Belarus", "makei", "role")
    ]


def test_role_field_says_the_role_held_on_the_date(tagger):
    mentions, _ = tag(tagger, "the Belarusian foreign minister", D2024)
    assert mentions[0].role == "Foreign Minister of Belarus (since June 2024)"
    assert mentions[0].matched == "Belarusian foreign minister"


def test_former_blocks_the_description(tagger):
    assert persons(tagger, "the former Belarusian foreign minister said", D2024) == []
    assert persons(tagger, "an ex-KGB chairman said", D2022) == []


def test_description_without_a_holder_is_not_a_person(tagger):
    # No Belarusian foreign minister between Makei's death (26 Nov 2022) and 13 Dec 2022.
    assert persons(tagger, "the Belarusian foreign minister spoke", dt.date(2022, 12, 1)) == []


def test_without_an_anchor_descriptions_resolve_to_the_current_holder(tagger):
    assert found(tagger, "the Belarusian leader", anchor=None) == [("the Belarusian leader", "lukashenko", "role")]


def test_description_and_name_merge_into_one_mention(tagger):
    mentions, _ = tag(tagger, "KGB Chairman Vladimir Vakulchik and Russian President Putin met.", D2013)
    assert [(m.text, m.actor, m.via) for m in mentions] == [
        ("KGB Chairman Vladimir Vakulchik", "vakulchik", "alias"),
        ("Russian President Putin", "putin", "surname"),
    ]
    assert mentions[0].matched == "KGB chairman + Vladimir Vakulchik"


def test_the_name_wins_over_the_description(tagger):
    # In 2024 "Belarusian foreign minister" alone means Ryzhankou; before Makei's name, it is a title.
    assert persons(tagger, "former Belarusian Foreign Minister Vladimir Makei", D2024) == [
        ("Belarusian Foreign Minister Vladimir Makei", "makei")
    ]


def test_comma_after_a_bare_title_merges_but_an_apposition_does_not(tagger):
    assert persons(
        tagger, "Secretary of the National Security and Defence Council of Ukraine, Alexei Danilov, said"
    ) == [("Secretary of the National Security and Defence Council of Ukraine, Alexei Danilov", "danilov")]
    assert persons(tagger, "the Belarusian leader, Alexander Lukashenko, said") == [
        ("the Belarusian leader", "lukashenko"),
        ("Alexander Lukashenko", "lukashenko"),
    ]


def test_titles_merge_with_the_name(tagger):
    assert persons(tagger, "President Lukashenko met Foreign Minister Radosław Sikorski.", D2024) == [
        ("President Lukashenko", "lukashenko"),
        ("Foreign Minister Radosław Sikorski", "sikorski"),
    ]


def test_a_title_alone_is_nothing(tagger):
    assert found(tagger, "The President said the Minister was late.") == []


# ─────────────────────────────────────────────────────────── surnames


def test_surname_resolves_to_the_person_named_in_the_article(tagger):
    text = "George W. Bush spoke. Later Bush said more."
    assert persons(tagger, text, D2013) == [("George W. Bush", "george-w-bush"), ("Bush", "george-w-bush")]


def test_shared_surname_resolves_by_the_nearest_role_to_the_date(tagger):
    assert persons(tagger, "Clinton said so in Dublin.", dt.date(2012, 12, 6)) == [("Clinton", "hillary-clinton")]
    assert persons(tagger, "Clinton said so.", dt.date(1998, 1, 1)) == [("Clinton", "bill-clinton")]


def test_shared_surname_follows_the_article_before_the_date(tagger):
    text = "Bill Clinton spoke in 1994. Clinton was president then."
    assert persons(tagger, text, D2013) == [("Bill Clinton", "bill-clinton"), ("Clinton", "bill-clinton")]


def test_shared_surname_without_a_date_is_unlinked(tagger):
    mentions, _ = tag(tagger, "Clinton said so.", None)
    assert [(m.text, m.actor, m.via, m.side) for m in mentions] == [("Clinton", None, "surname", "other")]


def test_a_description_before_a_shared_surname_picks_its_holder(tagger):
    assert persons(tagger, "US President Clinton said so.", D2013) == [("US President Clinton", "bill-clinton")]


def test_given_name_with_a_known_surname_links_a_spelling_variant(tagger):
    mentions, _ = tag(tagger, "Aleksandr Lukashenka and Mikalai Lukashenka spoke.")
    assert [(m.text, m.actor, m.via) for m in mentions] == [
        ("Aleksandr Lukashenka", "lukashenko", "alias"),  # a listed alias
        ("Mikalai Lukashenka", None, "pattern"),  # another Lukashenka: his son, not the president
    ]
    mentions, _ = tag(tagger, "Alyaksandr Lukashenko spoke.")  # a spelling not listed as such
    assert [(m.text, m.actor, m.via) for m in mentions] == [("Alyaksandr Lukashenko", "lukashenko", "alias")]


# ─────────────────────────────────────────────────────────── capitals and places


def test_capital_standing_for_its_government(tagger):
    mentions, places = tag(
        tagger, "Minsk seeks a partner. Official Minsk hopes. Moscow had no choice. Minsk’s relations."
    )
    assert [(m.text, m.actor, m.matched) for m in mentions] == [
        ("Minsk", "belarus", "Minsk (capital for its government)"),
        ("Minsk", "belarus", "Minsk (capital for its government)"),
        ("Moscow", "russia", "Moscow (capital for its government)"),
        ("Minsk", "belarus", "Minsk (capital for its government)"),
    ]
    assert places == []


def test_capital_where_something_happens_is_a_place(tagger):
    mentions, places = tag(tagger, "It was held in Minsk; he traveled to Moscow and then to New York, Sochi and Kiev.")
    assert mentions == []
    assert [(p.text, p.place, p.country) for p in places] == [
        ("Minsk", "minsk", "belarus"),
        ("Moscow", "moscow", "russia"),
        ("New York", "new-york", "united-states"),
        ("Sochi", "sochi", "russia"),
        ("Kiev", "kyiv", "ukraine"),
    ]


def test_a_comma_after_a_place_is_not_always_a_list(tagger):
    mentions, places = tag(tagger, "threats from Moscow, Minsk hopes to resume talks")
    assert [(m.text, m.actor) for m in mentions] == [("Minsk", "belarus")]
    assert [p.text for p in places] == ["Moscow"]


def test_capital_before_a_place_noun_or_in_a_dateline(tagger):
    _, places = tag(tagger, "the Minsk agreements, a Minsk-based group, (Dublin, December 2012)")
    assert [p.place for p in places] == ["minsk", "minsk", "dublin"]


def test_a_country_after_a_preposition_is_still_the_country(tagger):
    mentions, places = tag(tagger, "the visit to Belarus")
    assert [(m.text, m.actor) for m in mentions] == [("Belarus", "belarus")]
    assert places == []


def test_europe_stands_for_the_eu_unless_it_is_a_place(tagger):
    mentions, places = tag(
        tagger, "If Europe finished seething, diplomats from Europe would come to Central and Eastern Europe."
    )
    assert [(m.text, m.actor) for m in mentions] == [("Europe", "eu")]
    assert [p.place for p in places] == ["europe", "central-and-eastern-europe"]


def test_short_forms_refer_to_an_organisation_named_before(tagger):
    mentions, _ = tag(tagger, "The Belarusian Foreign Ministry wrote. The Foreign Ministry repeated it.")
    assert [(m.text, m.actor, m.via) for m in mentions] == [
        ("Belarusian Foreign Ministry", "belarus-foreign-ministry", "name"),
        ("Foreign Ministry", "belarus-foreign-ministry", "alias"),
    ]
    assert found(tagger, "The Foreign Ministry repeated it.") == []


# ─────────────────────────────────────────────────────────── people not in the gazetteer


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        ("Deputy Minister Ivan Petrov said so.", "Deputy Minister Ivan Petrov", "Ivan Petrov"),
        ("They met Ambassador Jane Roe yesterday.", "Ambassador Jane Roe", "Jane Roe"),
        (
            "Yesterday former political prisoner Hubert Zelmanski spoke.",
            "Hubert Zelmanski",
            "Hubert Zelmanski",
        ),
        ("the journalist Tadeusz Mrowiec wrote", "Tadeusz Mrowiec", "Tadeusz Mrowiec"),
        (
            "Quentin Harrowgate, a former U.S. ambassador to Belarus, told us.",
            "Quentin Harrowgate",
            "Quentin Harrowgate",
        ),
        ("Anna Kowalczyk said the talks failed.", "Anna Kowalczyk", "Anna Kowalczyk"),
        ("He spoke to Mr. Smithers.", "Mr. Smithers", "Smithers"),
    ],
)
def test_unknown_people_are_unlinked_person_mentions(tagger, text, span, name):
    mentions, _ = tag(tagger, text)
    people = [m for m in mentions if m.kind == "person"]
    assert [(m.text, m.actor, m.name, m.via, m.side, m.kind) for m in people] == [
        (span, None, name, "pattern", "other", "person")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The General Assembly met on Monday.",
        "Chatham House, a member of the network, said so.",
        "In the Belarusian regime, Western Sanctions Bite.",
        "President of the Federal Reserve said.",
        "The Ambassador Extraordinary and Plenipotentiary arrived.",
        "Viasna, a human rights group, reported it.",
        "Foreign Affairs Committee chairman spoke.",
    ],
)
def test_no_unknown_person_where_there_is_none(tagger, text):
    assert [m for m in tag(tagger, text)[0] if m.actor is None] == []


def test_sentences_keep_a_title_and_a_name_apart(tagger):
    text = "He met the Minister. Ivan Petrov said nothing."
    assert persons(tagger, text, sentences=True) == [("Ivan Petrov", None)]


# ─────────────────────────────────────────────────────────── output shape and bad input


def test_mentions_are_ordered_and_never_overlap(tagger):
    text = "Russian President Vladimir Putin met President Lukashenko in Sochi; Minsk and Moscow agreed."
    mentions, places = tag(tagger, text)
    spans = sorted([(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in places])
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(text[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "1234567890 " * 500,
        "THE BELARUSIAN PRESIDENT MET PUTIN IN MINSK. " * 200,
        "A B C D E F G. " * 500,
        "U.S.U.S.U.S. EU-EU-EU- -Belarus- ’’’ '' “Minsk” (Putin) [Makei]",
        "the the the the the foreign the head of the",
        "President President President President",
        "Mr. Mr. Mr. Ms. Dr.",
        "Ivan, a former, a former ambassador, an",
    ],
)
def test_odd_input_never_crashes(tagger, text):
    mentions, places = tagger.tag(text, D2022)
    for item in (*mentions, *places):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text


def test_a_ten_megabyte_paragraph(tagger):
    text = ("Official Minsk and President Lukashenko met the Belarusian foreign minister and 123 others " * 120_000)[
        : 10 * 1024 * 1024
    ]
    started = time.perf_counter()
    mentions, _ = tagger.tag(text, D2022)
    assert mentions and mentions[-1].end <= len(text)
    assert time.perf_counter() - started < 60


def test_the_fast_constructor_makes_ordinary_equal_mentions():
    construct = _fast_constructor(ActorMention)
    values = (1, 6, "Putin", "putin", "Vladimir Putin", "person", "russia", "surname", "Putin", "President")
    made = construct(*values)
    assert type(made) is ActorMention
    assert made == ActorMention(*values)
    assert hash(made) == hash(ActorMention(*values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 3  # type: ignore[misc]


def test_phrase_tokens_follow_the_scan():
    assert phrase_tokens("U.S. Secretary-General") == ("U.S", "Secretary", "General")
    assert phrase_tokens("St. Petersburg") == ("St", ".", "Petersburg")
    assert phrase_tokens("People’s Assembly") == ("People", "'", "s", "Assembly")


def test_the_compiled_matcher_is_shared_and_never_written_to_disk(fresh_user_dirs):
    gazetteer = load_gazetteer()
    first, second = ActorTagger(gazetteer), ActorTagger(gazetteer)
    assert first._m is second._m
    assert not [p for p in fresh_user_dirs.rglob("*") if p.suffix == ".pickle"]
    reloaded = ActorTagger(load_gazetteer())
    text = "Russian President Vladimir Putin met the Belarusian leader in Minsk."
    assert reloaded.tag(text, D2022) == first.tag(text, D2022)
