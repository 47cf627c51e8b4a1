"""The English words of the date tagger, read from ``corpus/lexicons/dates.yaml``.

Recognition (:mod:`desktop.core.annotate.date_recognise` and its helpers) and tense detection
(:mod:`desktop.core.annotate.date_tense`) look words up in the tables below: month and weekday
names, numerals, unit nouns, modifiers, and the words that show the tense of a clause. The file
is read and checked once, when the tagger is first imported; the patterns that combine these
words are compiled from them in :mod:`desktop.core.annotate.date_patterns`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.core.files import schema
from desktop.core.files.lexicons import load_lexicon


@dataclass(frozen=True)
class TenseWords:
    """Words that show the tense of a clause (see ``tense`` in dates.yaml)."""

    future: list[str]
    future_unless_of: list[str]
    future_before_for: list[str]
    future_before_to: list[str]
    past: list[str]
    plain_past: list[str]
    participles: list[str]
    not_past: list[str]
    participle_left: list[str]
    clause_conjunctions: list[str]
    reporting: list[str]
    future_in_past: list[str]
    prospective: list[str]
    prospective_participles: list[str]
    finite_left: list[str]
    relative_prepositions: list[str]
    scheduled_present: list[str]
    not_present_left: list[str]
    inviting: list[str]
    not_infinitive: list[str]


@dataclass(frozen=True)
class DateWords:
    """The shape of ``corpus/lexicons/dates.yaml``."""

    months: list[str]
    month_abbreviations: dict[str, int]
    weekdays: list[str]
    seasons: dict[str, str]
    parts_of_day: dict[str, str]
    units: dict[str, str]
    sets: dict[str, str]
    vague: dict[str, str]
    clock_words: dict[str, str]
    clock_prepositions: list[str]
    day_words: dict[str, int]
    holidays: dict[str, str]
    numbers: list[str]
    tens: list[str]
    ordinals: dict[str, int]
    modifiers: dict[str, str]
    edges: dict[str, str]
    year_words: list[str]
    month_words: list[str]
    weak_month_words: list[str]
    determiners: list[str]
    event_plurals: list[str]
    bare_noun_followers: list[str]
    count_nouns: list[str]
    year_verbs: list[str]
    attribute_words: list[str]
    head_nouns: dict[str, str]
    present_after: list[str]
    stamp_words: list[str]
    published_stamp_words: list[str]
    deadline_words: list[str]
    unit_adjectives: list[str]
    unit_relations: list[str]
    deictic_steps: dict[str, int]
    unit_determiners: list[str]
    unit_prepositions: list[str]
    duration_prepositions: list[str]
    duration_verbs: list[str]
    half_units: dict[str, str]
    tense: TenseWords
    holiday_nouns: list[str] = field(default_factory=list)


WORDS: DateWords = schema.load(DateWords, load_lexicon("dates"), "dates.yaml")

#: Month names (full, lower case) and abbreviations -> month number.
MONTHS = {name.lower(): i for i, name in enumerate(WORDS.months, 1)}
MONTHS.update(WORDS.month_abbreviations)
#: The month abbreviations as written ("Sept", "Sep"), longer first within a month.
MONTH_ABBREVIATIONS = [
    a.capitalize() for a, _ in sorted(WORDS.month_abbreviations.items(), key=lambda item: (item[1], -len(item[0])))
]
WEEKDAYS = {name.lower(): i for i, name in enumerate(WORDS.weekdays)}
SEASONS = WORDS.seasons
PARTS = WORDS.parts_of_day
UNITS = WORDS.units
SETS = WORDS.sets
VAGUE = WORDS.vague
DAY_WORDS = WORDS.day_words
#: Holiday names -> (month, day); and the first words they may begin with.
HOLIDAY_NOUNS = frozenset(WORDS.holiday_nouns)
HOLIDAYS = {name: (int(md[:2]), int(md[3:])) for name, md in WORDS.holidays.items()}
HOLIDAY_FIRST_WORDS = frozenset(name.split()[0] for name in HOLIDAYS)
CLOCK_WORDS = WORDS.clock_words
CLOCK_PREPOSITIONS = frozenset(WORDS.clock_prepositions)
SMALL_NUMBERS = WORDS.numbers
TENS = WORDS.tens
NUMBER_WORDS = {w: i for i, w in enumerate(SMALL_NUMBERS)}
NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(TENS)})
ORDINALS = WORDS.ordinals
MODS = WORDS.modifiers
EDGES = WORDS.edges
YEAR_WORDS = frozenset(WORDS.year_words)
MONTH_WORDS = YEAR_WORDS | frozenset(WORDS.month_words)
WEAK_MONTH_WORDS = frozenset(WORDS.weak_month_words)
DETERMINERS = frozenset(WORDS.determiners)
EVENT_PLURALS = frozenset(WORDS.event_plurals)
COUNT_NOUNS = frozenset(WORDS.count_nouns)
BARE_NOUN_FOLLOWERS = frozenset(WORDS.bare_noun_followers)
YEAR_VERBS = frozenset(WORDS.year_verbs)
ATTRIBUTE_WORDS = frozenset(WORDS.attribute_words)
HEAD_NOUNS = WORDS.head_nouns
PRESENT_AFTER = frozenset(WORDS.present_after)
STAMP_WORDS = tuple(WORDS.stamp_words)
PUBLISHED_STAMP_WORDS = tuple(WORDS.published_stamp_words)
DEADLINE_WORDS = frozenset(WORDS.deadline_words)
ADJ_WORDS = frozenset(WORDS.unit_adjectives)
REL_WORDS = frozenset(WORDS.unit_relations)
DEICTIC_STEPS = WORDS.deictic_steps
DET_WORDS = frozenset(WORDS.unit_determiners)
PREP_WORDS = frozenset(WORDS.unit_prepositions)
DURATION_PREPOSITIONS = frozenset(WORDS.duration_prepositions)
DURATION_VERBS = frozenset(WORDS.duration_verbs)
HALF_UNITS = WORDS.half_units

FUTURE_WORDS = frozenset(WORDS.tense.future)
FUTURE_UNLESS_OF = frozenset(WORDS.tense.future_unless_of)
FUTURE_BEFORE_FOR = frozenset(WORDS.tense.future_before_for)
FUTURE_BEFORE_TO = frozenset(WORDS.tense.future_before_to)
PAST_WORDS = frozenset(WORDS.tense.past)
PLAIN_PAST = frozenset(WORDS.tense.plain_past)
PARTICIPLES = frozenset(WORDS.tense.participles)
NOT_PAST = frozenset(WORDS.tense.not_past)
PARTICIPLE_LEFT = frozenset(WORDS.tense.participle_left)
REPORTING = frozenset(WORDS.tense.reporting)
CLAUSE_CONJUNCTIONS = frozenset(WORDS.tense.clause_conjunctions)
FUTURE_IN_PAST = frozenset(WORDS.tense.future_in_past)
PROSPECTIVE = frozenset(WORDS.tense.prospective)
PROSPECTIVE_PARTICIPLES = frozenset(WORDS.tense.prospective_participles)
FINITE_LEFT = frozenset(WORDS.tense.finite_left)
RELATIVE_PREPOSITIONS = frozenset(WORDS.tense.relative_prepositions)
SCHEDULED_PRESENT = frozenset(WORDS.tense.scheduled_present)
NOT_PRESENT_LEFT = frozenset(WORDS.tense.not_present_left)
INVITING = frozenset(WORDS.tense.inviting)
NOT_INFINITIVE = frozenset(WORDS.tense.not_infinitive)
