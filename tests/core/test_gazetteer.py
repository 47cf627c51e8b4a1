"""The gazetteer: the bundled data, its validation, role resolution, user actors and the cache."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from pathlib import Path

import pytest
import yaml

from desktop.core.annotate.gazetteer import Gazetteer, load_gazetteer
from desktop.core.annotate.gazetteer_records import GazetteerError, slugify
from desktop.core.annotate.role_patterns import expand_pattern
from desktop.core.annotate.sides import bundled_sides
from desktop.core.annotate.tenures import parse_partial_date
from desktop.core.annotate.user_actors import add_user_actor, bundled_actors_file

SIDE_IDS = tuple(side.id for side in bundled_sides())
NO_USER_FILE = Path("/nonexistent/overtures/actors.yaml")

# Ids the rest of the app (and the gold set) relies on.
KEY_IDS = """lukashenko makei ryzhankou aleinik mitchell putin sikorski poczobut vaskrasenski ambrazevich
piatkevich guterres danilov vakulchik hillary-clinton yalowitz tsikhanouskaya belarus russia united-states
ukraine poland eu the-west un nato osce kgb-belarus belarus-foreign-ministry us-state-department
munich-security-conference""".split()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer(user_path=NO_USER_FILE, cache=False)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ─────────────────────────────────────────────────────────── the bundled data


def test_bundled_gazetteer_has_the_fixed_sides_with_codes(gazetteer):
    assert list(gazetteer.sides) == list(SIDE_IDS)
    assert gazetteer.side("belarus").code == "BY"
    assert gazetteer.side("opposition").code == "OPP"
    assert gazetteer.side("no-such-side").id == "other"


def test_bundled_gazetteer_covers_the_key_actors(gazetteer):
    missing = [actor_id for actor_id in KEY_IDS if actor_id not in gazetteer]
    assert not missing
    assert 150 <= len(gazetteer) <= 250


def test_every_kind_is_represented_and_persons_have_surnames(gazetteer):
    kinds = {actor.kind for actor in gazetteer.actors.values()}
    assert kinds == {"person", "state", "organisation", "bloc"}
    assert "Lukashenka" in gazetteer.actor("lukashenko").surnames
    assert "Aliaksandr Lukashenka" in gazetteer.actor("lukashenko").aliases
    assert gazetteer.actor("belarus").demonyms[0] == "Belarusian"


def test_unknown_actor_is_none(gazetteer):
    assert gazetteer.actor("nobody") is None
    assert "nobody" not in gazetteer


@pytest.mark.parametrize(
    ("role", "date", "holder"),
    [
        ("foreign-minister-belarus", "2011-05-01", "martynov"),
        ("foreign-minister-belarus", "2018-11-05", "makei"),
        ("foreign-minister-belarus", "2022-09-26", "makei"),
        ("foreign-minister-belarus", "2023-06-01", "aleinik"),
        ("foreign-minister-belarus", "2024-09-16", "ryzhankou"),
        ("foreign-minister-belarus", "2022-12-01", None),  # between Makei's death and Aleinik
        ("president-belarus", "2013-02-25", "lukashenko"),
        ("kgb-chairman-belarus", "2013-02-25", "vakulchik"),
        ("kgb-chairman-belarus", "2022-04-18", "tertel"),
        ("president-russia", "2010-01-01", "medvedev"),
        ("president-russia", "2013-02-25", "putin"),
        ("secretary-of-state-us", "2012-12-06", "hillary-clinton"),
        ("un-secretary-general", "2024-09-16", "guterres"),
        ("secretary-nsdc-ukraine", "2022-04-18", "danilov"),
    ],
)
def test_holder_at_resolves_roles_by_date(gazetteer, role, date, holder):
    actor = gazetteer.holder_at(role, day(date))
    assert (actor.id if actor else None) == holder


def test_holder_without_a_date_is_the_current_one(gazetteer):
    assert gazetteer.holder_at("president-belarus", None).id == "lukashenko"
    assert gazetteer.holder_at("foreign-minister-belarus", None).id == "ryzhankou"


def test_role_at_describes_the_tenure_in_words(gazetteer):
    assert gazetteer.actor("ryzhankou").role_at(day("2024-09-16")) == "Foreign Minister of Belarus (since June 2024)"
    assert gazetteer.actor("makei").role_at(day("2022-09-26")) == (
        "Foreign Minister of Belarus (August 2012 – November 2022)"
    )
    assert gazetteer.actor("makei").role_at(day("2010-01-01")).startswith("Head of the Presidential Administration")
    assert gazetteer.actor("yalowitz").role_at(day("2022-09-26")) == ""
    assert gazetteer.actor("vaskrasenski").role_at(day("2024-09-16")) == ""
    assert gazetteer.actor("yalowitz").role_at(day("1995-01-01")) == "US Ambassador to Belarus (1994 – 1997)"


def test_capitals_are_places_that_stand_for_their_state(gazetteer):
    minsk = gazetteer.place("minsk")
    assert (minsk.country, minsk.stands_for) == ("belarus", "belarus")
    assert gazetteer.place("brussels").stands_for == "eu"
    assert gazetteer.place("europe").stands_for == "eu"
    assert gazetteer.place("sochi").stands_for is None
    assert "Kiev" in gazetteer.place("kyiv").aliases


def test_role_patterns_are_expanded(gazetteer):
    phrases = set(gazetteer.role("foreign-minister-belarus").phrases)
    assert {
        "Belarusian foreign minister",
        "foreign minister of Belarus",
        "head of the Belarusian foreign ministry",
    } <= phrases
    assert "minister of foreign affairs of the Belarusian regime" in phrases
    assert "UN secretary general" in gazetteer.role("un-secretary-general").phrases
    assert "KGB chairman" in gazetteer.role("kgb-chairman-belarus").phrases


# ─────────────────────────────────────────────────────────── the pattern language


def test_expand_pattern_handles_options_choices_and_placeholders(gazetteer):
    belarus = gazetteer.actor("belarus")
    assert expand_pattern("[the] (a|b c) d", belarus, gazetteer.actor) == [
        "a d",
        "b c d",
        "the a d",
        "the b c d",
    ]
    assert "Belarusian leader" in expand_pattern("{adj} leader", belarus, gazetteer.actor)
    assert "Republic of Belarus leader" in expand_pattern("{name} leader", belarus, gazetteer.actor)
    assert "US envoy to Belarus" in expand_pattern("{adj:united-states} envoy to {name}", belarus, gazetteer.actor)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(a|b", "missing ')'"),
        ("[a", "missing ']'"),
        ("a ]", "unexpected ']'"),
        ("{country} leader", "unknown placeholder"),
        ("{adj:atlantis} leader", "unknown actor 'atlantis'"),
        ("(|a) b", "empty choice"),
        ("   ", "empty pattern"),
    ],
)
def test_malformed_patterns_are_refused(gazetteer, pattern, problem):
    with pytest.raises(
        ValueError,
        match=problem.replace("(", r"\(").replace(")", r"\)").replace("[", r"\[").replace("]", r"\]"),
    ):
        expand_pattern(pattern, gazetteer.actor("belarus"), gazetteer.actor)


@pytest.mark.parametrize(
    ("value", "first", "last", "label"),
    [
        (2012, "2012-01-01", "2012-12-31", "2012"),
        ("2024-02", "2024-02-01", "2024-02-29", "February 2024"),
        (dt.date(2012, 8, 20), "2012-08-20", "2012-08-20", "August 2012"),
        ("2012-08-20", "2012-08-20", "2012-08-20", "August 2012"),
    ],
)
def test_partial_dates(value, first, last, label):
    bound = parse_partial_date(value)
    assert (bound.first, bound.last, bound.label) == (day(first), day(last), label)


@pytest.mark.parametrize("value", ["2024-13", "2023-02-30", "24-01-01", "soon", 3.5, True])
def test_bad_partial_dates(value):
    with pytest.raises(ValueError):
        parse_partial_date(value)


# ─────────────────────────────────────────────────────────── validation


MINIMAL = """\
actors:
  - id: belarus
    name: Belarus
    kind: state
    side: belarus
    demonyms: [Belarusian]
    capital: Minsk
  - id: makei
    name: Vladimir Makei
    kind: person
    side: belarus
    aliases: [Uladzimir Makei]
    roles:
      - {role: foreign-minister-belarus, from: 2012-08-20, to: 2022-11-26}
roles:
  - id: foreign-minister-belarus
    title: Foreign Minister of Belarus
    of: belarus
    patterns: ["{adj} foreign minister"]
places:
  - {id: minsk, name: Minsk, country: belarus}
"""


def write(tmp_path: Path, text: str, name: str = "actors.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load_text(tmp_path: Path, text: str) -> Gazetteer:
    return load_gazetteer(write(tmp_path, text), user_path=NO_USER_FILE, cache=False)


def test_minimal_file_loads(tmp_path):
    gazetteer = load_text(tmp_path, MINIMAL)
    assert gazetteer.actor("makei").role_at(day("2020-01-01")).startswith("Foreign Minister of Belarus")
    assert gazetteer.place("minsk").stands_for == "belarus"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  - id: makei\n    name: Vladimir Makei\n",
            "  - name: Vladimir Makei\n",
            ["actors[1]", "missing 'id'"],
        ),
        ("    name: Vladimir Makei\n", "", ["actors[1] (id 'makei')", "missing 'name'"]),
        ("    kind: person\n", "    kind: persn\n", ["(id 'makei')", "kind: 'persn' is not one of"]),
        ("    side: belarus\n    aliases", "    side: mars\n    aliases", ["(id 'makei')", "side: 'mars'"]),
        ("  - id: makei\n", "  - id: belarus\n", ["actors[1] (id 'belarus')", "duplicate id 'belarus'"]),
        ("from: 2012-08-20", "from: 2012-14", ["(id 'makei')", "roles[0].from", "month 14"]),
        ("to: 2022-11-26", "to: 2011", ["(id 'makei')", "roles[0].to", "before from"]),
        (
            "aliases: [Uladzimir Makei]",
            "aliases: [Uladzimir Makei, 42]",
            ["(id 'makei')", "aliases: 42 is not a string"],
        ),
        (
            "aliases: [Uladzimir Makei]",
            "aliases: [uladzimir makei]",
            ["(id 'makei')", "must start with a capital"],
        ),
        (
            "aliases: [Uladzimir Makei]",
            "aliases: Uladzimir Makei",
            ["(id 'makei')", "aliases: expected a list"],
        ),
        (
            "role: foreign-minister-belarus,",
            "role: foreign-minister,",
            ["(id 'makei')", "unknown role id 'foreign-minister'"],
        ),
        (
            "    of: belarus\n",
            "    of: atlantis\n",
            ["roles[0] (id 'foreign-minister-belarus')", "unknown actor 'atlantis'"],
        ),
        (
            '["{adj} foreign minister"]',
            '["{adj} (foreign minister"]',
            ["roles[0]", "patterns", "missing ')'"],
        ),
        (
            "country: belarus}",
            "country: belarussia}",
            ["places[0] (id 'minsk')", "unknown actor 'belarussia'"],
        ),
        ("aliases: [Uladzimir Makei]", "aliases: [Belarus]", ["'Belarus' also names 'belarus'"]),
        (
            "    kind: person\n",
            "    kind: person\n    wife: unknown\n",
            ["(id 'makei')", "unknown field(s) wife"],
        ),
    ],
)
def test_malformed_entries_name_file_entry_and_field(tmp_path, old, new, expected):
    assert old in MINIMAL, old
    with pytest.raises(GazetteerError) as caught:
        load_text(tmp_path, MINIMAL.replace(old, new, 1))
    message = str(caught.value)
    assert message.startswith("actors.yaml: "), message
    for part in expected:
        assert part in message, message


def test_bad_yaml_names_the_file_and_line(tmp_path):
    with pytest.raises(GazetteerError, match=r"actors\.yaml: bad YAML at line \d+"):
        load_text(tmp_path, MINIMAL + "  - {id: [unclosed\n")


def test_top_level_must_be_a_mapping(tmp_path):
    with pytest.raises(GazetteerError, match="expected a mapping"):
        load_text(tmp_path, "- just a list\n")


def test_yaml_booleans_are_caught_in_word_lists(tmp_path):
    # YAML 1.1 reads an unquoted No as false: the validator must say so, not crash later.
    with pytest.raises(GazetteerError, match="name_stopwords: False is not a string"):
        load_text(tmp_path, MINIMAL + "cues:\n  name_stopwords: [The, No]\n")


# ─────────────────────────────────────────────────────────── the user's own actors


def test_user_file_entries_may_be_simple(tmp_path):
    user = write(
        tmp_path,
        "actors:\n  - name: John Doe\n  - {name: Free Belarus Fund, kind: organisation, side: opposition}\n",
        "user.yaml",
    )
    gazetteer = load_gazetteer(user_path=user, cache=False)
    doe = gazetteer.actor("john-doe")
    assert (doe.kind, doe.side, doe.user, doe.surnames) == ("person", "other", True, ("Doe",))
    assert gazetteer.actor("free-belarus-fund").side == "opposition"
    assert gazetteer.actor("putin") is not None  # the bundled actors are still there


def test_user_entry_replaces_a_bundled_actor_of_the_same_id(tmp_path):
    user = write(tmp_path, "- {id: yalowitz, name: Kenneth Yalowitz, side: us}\n", "user.yaml")
    gazetteer = load_gazetteer(user_path=user, cache=False)
    assert gazetteer.actor("yalowitz").name == "Kenneth Yalowitz"


def test_malformed_user_entry_names_the_user_file_and_is_left_out(tmp_path):
    user = write(tmp_path, "actors:\n  - {name: John Doe, kind: robot}\n", "my-actors.yaml")
    gazetteer = load_gazetteer(user_path=user, cache=False)
    (problem,) = gazetteer.problems
    assert re.match(r"^my-actors\.yaml: actors\[0\]: kind: 'robot'", problem)
    assert "lukashenko" in gazetteer and not [a for a in gazetteer.actors.values() if a.name == "John Doe"]


def test_add_user_actor_writes_a_loadable_file(tmp_path):
    path = tmp_path / "data" / "actors.yaml"
    first = add_user_actor("John Doe", path=path)
    second = add_user_actor("Free Belarus Fund", kind="organisation", side="opposition", aliases=["FBF"], path=path)
    assert (first, second) == ("john-doe", "free-belarus-fund")
    assert add_user_actor("John Doe", path=path) == "john-doe"  # already there: nothing new
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e["id"] for e in data["actors"]] == ["john-doe", "free-belarus-fund"]
    gazetteer = load_gazetteer(user_path=path, cache=False)
    assert gazetteer.actor("free-belarus-fund").aliases == ("FBF",)


def test_add_user_actor_never_takes_a_bundled_id(tmp_path):
    path = tmp_path / "actors.yaml"
    assert add_user_actor("Putin", path=path) == "putin-2"


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"name": ""}, "must start with a capital"),
        ({"name": "john doe"}, "must start with a capital"),
        ({"name": "John Doe", "kind": "robot"}, "kind 'robot'"),
        ({"name": "John Doe", "side": "mars"}, "side 'mars'"),
    ],
)
def test_add_user_actor_refuses_bad_input(tmp_path, kwargs, problem):
    path = tmp_path / "actors.yaml"
    with pytest.raises(GazetteerError, match=problem):
        add_user_actor(path=path, **kwargs)
    assert not path.exists()


def test_add_user_actor_defaults_to_the_user_data_folder(fresh_user_dirs):
    actor_id = add_user_actor("Jane Roe")
    assert (fresh_user_dirs / "data" / "actors.yaml").is_file()
    assert load_gazetteer().actor(actor_id).name == "Jane Roe"


def test_slugify():
    assert slugify("Radosław Sikorski") == "radoslaw-sikorski"
    assert slugify("Łukašenka") == "lukasenka"
    assert slugify("!!!") == "actor"


# ─────────────────────────────────────────────────────────── the start-up cache


def test_cache_returns_the_same_gazetteer_and_follows_the_user_file(fresh_user_dirs):
    first = load_gazetteer()
    assert first.fingerprint
    again = load_gazetteer()
    assert again.fingerprint == first.fingerprint
    assert set(again.actors) == set(first.actors)
    assert again.actor("makei") == first.actor("makei")
    add_user_actor("Jane Roe")  # the user file changes: the cache must not hide it
    assert load_gazetteer().actor("jane-roe") is not None


def test_a_damaged_cache_is_ignored(fresh_user_dirs):
    first = load_gazetteer()
    for cached in (fresh_user_dirs / "cache" / "actors").glob("gazetteer-*.pickle"):
        cached.write_bytes(b"not a pickle")
    assert load_gazetteer().fingerprint == first.fingerprint


def test_the_bundled_file_is_the_one_in_the_corpus():
    assert bundled_actors_file().name == "actors.yaml"
    assert bundled_actors_file().parent.name == "corpus"


def test_data_file_documents_its_schema():
    head = bundled_actors_file().read_text(encoding="utf-8")[:4000]
    for word in ("sides", "actors", "roles", "places", "cues", "Pattern language"):
        assert word in head
    assert textwrap.dedent(head)
