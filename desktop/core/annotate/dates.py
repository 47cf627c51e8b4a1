"""The temporal tagger: date expressions in article text, each with a TIMEX3-style value.

Two passes. *Recognition* runs one compiled prefilter over the text for the few tokens a
date expression can hinge on (month and weekday names, digits, unit nouns such as "week",
deictic words such as "yesterday") and, at each, matches the expression around it with
small anchored patterns. *Resolution* then walks the expressions in text order and fixes
what the text leaves open: the year of "February 21st", the day of "on Monday", the week
of "last week" (against the publication date, in the direction the tense points), and the
day of "on the same day" (against the last date the narrative moved to). Dates that are
attributes of a document ("a letter, dated April 6th") and page stamps ("Updated at ...")
do not move the narrative.

Recognition makes a *meaning* for each expression (a fixed value, a month-day of an
unknown year, a weekday, a period counted from publication or from the date before...);
those, their value arithmetic and the words for tooltips live in :mod:`desktop.core.annotate.timex`.
Whether a date is a document's or a page stamp is only worked out when an anaphor needs
the reference time, so most texts never pay for it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.annotate import timex
from desktop.core.annotate.records import DateMention
from desktop.core.annotate.timex import (
    Anaphor,
    CalendarPoint,
    Deictic,
    Fixed,
    HalfOf,
    Meaning,
    MonthDay,
    Season,
    Vague,
    Weekday,
    Weekend,
    calendar_meaning,
    describe_value,
    join_range,
)

__all__ = ["DateTagger", "describe_value", "infer_publication"]

# --------------------------------------------------------------------------- lexicon

_MONTHS = {name.lower(): i for i, name in enumerate(timex.MONTH_NAMES, 1)}
_MONTHS.update({a: i for i, a in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): i for i, name in enumerate(timex.WEEKDAY_NAMES)}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_UNITS = {
    "day": "day", "days": "day", "week": "week", "weeks": "week", "fortnight": "fortnight",
    "fortnights": "fortnight", "month": "month", "months": "month", "year": "year",
    "years": "year", "decade": "decade", "decades": "decade", "century": "century",
    "centuries": "century", "hour": "hour", "hours": "hour", "minute": "minute",
    "minutes": "minute", "second": "second", "seconds": "second", "weekend": "weekend", "weekends": "weekend", "quarter": "quarter",
}  # fmt: skip
_SETS = {
    "daily": "P1D", "weekly": "P1W", "fortnightly": "P2W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip
_VAGUE = {
    "now": "PRESENT_REF", "nowadays": "PRESENT_REF", "currently": "PRESENT_REF",
    "presently": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "soon": "FUTURE_REF",
}  # fmt: skip
_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}
_SMALL_NUMBERS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {w: i for i, w in enumerate(_SMALL_NUMBERS)}
_NUMBER_WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "well over": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN",
    "under": "LESS_THAN", "just under": "LESS_THAN", "nearly": "LESS_THAN",
    "almost": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "about": "APPROX",
    "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX",
}  # fmt: skip
_EDGES = {
    "early": "EARLY", "mid": "MID", "middle": "MID", "late": "LATE", "end": "END",
    "beginning": "START", "start": "START",
}  # fmt: skip
#: Words after which a bare four-digit number is a year ("in 2012", "since 1994").
_YEAR_WORDS = frozenset(
    "in since by until till from before after during of through throughout around circa "
    "year between early late mid".split()
)
#: Words that make a following month name a month even without day or year ("in May").
_MONTH_WORDS = _YEAR_WORDS | frozenset("on last next this to and or every".split())
_DETERMINERS = frozenset("the a an its his her their our this that".split())
#: Plural nouns that a year may modify ("the 2020 elections"); other plurals after a
#: number make it a count ("the 2000 participants").
_EVENT_PLURALS = frozenset(
    "elections games olympics talks negotiations protests sanctions events riots "
    "demonstrations polls floods accords agreements crises hearings consultations".split()
)
_COUNT_NOUNS = frozenset("people men women children persons troops votes".split())
#: Verbs after which a sentence-initial year is a year ("2020 was a turning point").
_YEAR_VERBS = frozenset("was saw is marked became brought began ended will has had".split())
#: Nouns for documents: a date attached to one ("the April 6 letter", "the decree of
#: 12 May") is an attribute, not a moment the narrative moves to.
_DOCUMENTS = (
    r"letters?|decrees?|documents?|memos?|memorand(?:um|a)|notes?|treat(?:y|ies)|"
    r"laws?|resolutions?|declarations?|protocols?|communiqu[eé]s?|orders?|reports?|"
    r"accords?|agreements?|edicts?|directives?|messages?"
)

# --------------------------------------------------------------------------- patterns

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)"
)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z]|:\d|[.,]\d)"
_YEAR = r"(?:1[89]|20)[0-9]{2}(?![0-9]|[.,]\d|%)"
_SEP = r"(?:\s*[–—-]\s*|\s+(?:to|until|till|through|thru)\s+)"
_NUMW = "|".join([*_SMALL_NUMBERS, *_TENS, "hundred", "thousand", "dozen"])
_NUM = rf"(?:\d+(?:\.\d+)?|(?:{_NUMW})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMW}))*)"

_PT_MD = re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?")
_PT_DM = re.compile(rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
_PT_M = re.compile(rf"(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?")
_PT_DY = re.compile(rf"(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})")
_PT_D = re.compile(rf"(?P<d>{_DAY})(?!\s+(?:of\s+)?{_MONTH})")
_PT_DD = re.compile(rf"(?P<d0>{_DAY}){_SEP}(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
_FIRST_POINTS = {"MD": _PT_MD, "DM": _PT_DM, "M": _PT_M, "DD": _PT_DD}
_RANGE_SEP = re.compile(_SEP)
_AND_SEP = re.compile(r"\s+and\s+")
#: What may follow each first point of a range: "October 30th – November 1st",
#: "September 24 to 30, 2024", "February 11th – 20th", "30 October – 1 November 2018".
_SECOND_POINTS = {"MD": (_PT_MD, _PT_DY, _PT_D), "DM": (_PT_DM,), "M": (_PT_M,)}

_NUMERIC_DATE = (
    r"(?:(?P<iy>(?:19|20)\d\d)-(?P<im>0?[1-9]|1[0-2])-(?P<id>3[01]|[12]\d|0?[1-9])"
    r"|(?P<a>3[01]|[12]\d|0?[1-9])(?P<sep>[-./])(?P<b>3[01]|[12]\d|0?[1-9])(?P=sep)"
    r"(?P<y>(?:19|20)\d\d))(?![0-9]|[-./]\d)"
)
_CLOCK = r"(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d))?(?![0-9])"
_STAMP_TIME_FIRST = re.compile(rf"{_CLOCK}\s*,?\s*{_NUMERIC_DATE}")
_STAMP_DATE_FIRST = re.compile(rf"{_NUMERIC_DATE}(?:T|,?\s+|,\s*)(?:at\s+)?{_CLOCK}")
_NUMERIC = re.compile(_NUMERIC_DATE)
_CLOCK_AFTER = re.compile(r",?[^\S\n]+(?:at[^\S\n]+)?(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?![0-9])")
_PERIOD_YEAR = re.compile(rf"[^\S\n]+(?:of[^\S\n]+)?(?P<y>{_YEAR})")  # "Q3 2022", "H1 of 2023"
_YEAR_RANGE = re.compile(rf"(?P<a>{_YEAR})(?:{_SEP}|(?P<and>\s+and\s+))(?P<b>{_YEAR}|\d\d(?![0-9]|[.,]\d|%))")
_DECADE = re.compile(r"(?P<y>(?:1[89]|20)\d0)(?:’|')?s\b")

_EDGE_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?:(?P<e1>early|late)\s+|(?P<e2>mid)(?:\s+|-)"
    r"|(?P<e3>end|beginning|start|middle)\s+of\s+(?:the\s+)?)\Z",
    re.I,
)
_EDGE_LAST_WORDS = frozenset("early late mid of the".split())
_THE_LEFT = re.compile(r"\b(?:the|The)\s+\Z")
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z][A-Za-z’'-]*)")
_YEAR_AND_LEFT = re.compile(rf"{_YEAR}(?:,\s+|,?\s+(?:and|or)\s+)\Z")  # "in 2006, 2011 and 2020"
_MONTH_AND_LEFT = re.compile(rf"{_MONTH},?\s+(?:and|or)\s+\Z")
_STAMP_LEFT = re.compile(
    r"(?:^|\n)[^\S\n]*(?:last\s+)?(?:updated|published|posted|modified|created|date)"
    r"(?:[^\S\n]+(?:on|at))?[^\S\n]*:?[^\S\n]*\Z",
    re.I,
)
_STAMP_WORDS = ("updated", "published", "posted", "modified", "created", "date")
_ATTRIBUTE_LEFT = re.compile(
    rf"(?:\b(?P<verb>dated|signed|written|drafted|sent)(?:\s+(?:on|in))?"
    rf"|\b(?:{_DOCUMENTS})\s+(?:of|from))\s+(?:the\s+)?\Z",
    re.I,
)
#: Words one of which _ATTRIBUTE_LEFT needs among the three before a date: a cheap test first.
_ATTRIBUTE_WORDS = frozenset(
    "dated signed written drafted sent letter letters decree decrees document documents memo "
    "memos memorandum memoranda note notes treaty treaties law laws resolution resolutions "
    "declaration declarations protocol protocols communique communiques communiqué "
    "communiqués order orders report reports accord accords agreement agreements edict "
    "edicts directive directives message messages".split()
)
_ATTRIBUTE_RIGHT = re.compile(rf"[^\S\n]+(?:{_DOCUMENTS})\b")
_BE_LEFT = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+\Z", re.I)

_UNIT_LEFT = re.compile(
    rf"""(?:
        (?P<every>every|each)\s+(?:(?P<every_n>{_NUM}|other)\s+)?
      | (?P<freq>(?:once|twice|thrice|(?P<freq_n>{_NUM})\s+times)\s+(?:a|an|per|every|each))\s+
      | (?:(?P<prep>for|in|within|over|during|throughout|after|since|under)\s+)?
        (?:(?P<edge>earlier|later)\s+)?
        (?:(?P<mod>more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to
            |no\s+more\s+than|nearly|almost|about|around|roughly|approximately|some
            |just\s+over|just\s+under|well\s+over)\s+)?
        (?:(?P<det>the|this|that|these|those)\s+)?
        (?:(?P<rel>coming|next|past|last|previous|preceding|following|recent|same
            |upcoming)\s+)?
        (?:(?P<num>{_NUM}|a\s+few|a\s+couple(?:\s+of)?|several|many|few|a|an)(?:\s+|-))?
        (?:(?P<adj>more|full|long|consecutive|straight|additional|further|whole)\s+)?
    )""",
    re.X | re.I,
)
_UNIT_RIGHT = re.compile(
    r"(?P<ago>\s+ago\b)|(?P<fromnow>\s+from\s+now\b)"
    r"|\s+(?P<later>later|afterwards?|earlier|on)\b"
    r"|\s+(?P<adverb>before|after)(?=\s*[,.;:)!?]|\s*$)|(?P<hyphen>-[A-Za-z])|(?P<of>\s+of\b)",
)
_CENTURY_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?:(?P<edge>early|mid|late)[-\s]+)?"
    r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first)[-\s]+\Z",
    re.I,
)
_PART_LEFT = re.compile(r"\b(?P<which>yesterday|tomorrow|this|last)\s+\Z")
_PART_RIGHT = re.compile(r"[^\S\n]+(?P<part>morning|afternoon|evening|night)\b")
_PERIOD_LEFT = re.compile(
    r"\b(?P<prep>during|at|by|since|from|in|over|throughout|until)\s+"
    r"(?P<det>this|that|the\s+same|the)\s+\Z",
    re.I,
)
_HALF_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    r"\s+\Z",
    re.I,
)
_HALF_RIGHT = re.compile(rf"\s+of\s+(?:(?P<y>{_YEAR})|(?:the\s+)?(?P<rel>this|last|next|the|current)\s+year\b)")
_FUTURE_LEFT = re.compile(
    r"\b(?:in|for|into)\s+(?:(?P<the>the)\s+)?(?P<adj>(?:near|distant|foreseeable|immediate"
    r"|not-too-distant|not\s+too\s+distant)\s+)?\Z",
    re.I,
)
_PAST_LEFT = re.compile(r"\b(?:in|into|from)\s+(?P<the>the)\s+(?:(?:recent|distant|not-so-distant)\s+)?\Z", re.I)
_UNIT_AHEAD = re.compile(
    rf"\s+(?:(?:a\s+)?(?:few|several|couple|{_NUM}|\d+)\s+(?:of\s+)?)?(?:{'|'.join(_UNITS)})\b",
    re.I,
)
_SEASON_RIGHT = re.compile(rf"(?:\s+of)?,?\s+(?P<y>{_YEAR})")
_SEASON_LEFT = re.compile(
    r"\b(?:(?P<rel>this|last|next|past|coming)\s+"
    r"|(?P<prep>in|during|by|until|till|since|over|through|throughout|before|after)\s+"
    r"(?P<the>the\s+)?(?:(?P<edge>early|late)\s+)?)\Z",
    re.I,
)
_SOON_AFTER = re.compile(r"\s+(?:as|after|afterwards?|thereafter)\b")
_RIGHT_LEFT = re.compile(r"\b[Rr]ight\s+\Z")
_WEEKDAY_AFTER = re.compile(r",?[^\S\n]+(?:the[^\S\n]+)?")
_WEEKDAY_LEFT = re.compile(r"\b(?P<rel>last|next|this|coming|past|every|on)\s+\Z", re.I)


def _trigger_words() -> str:
    """An alternation of every word a date expression can hinge on, grouped by first letter."""
    words = [*timex.MONTH_NAMES, "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept",
             "Sep", "Oct", "Nov", "Dec", *timex.WEEKDAY_NAMES,
             *(d + "s" for d in timex.WEEKDAY_NAMES), *_UNITS, *_SETS, "time", "period",
             "half", "present", "future", "past", *_PARTS, "Q1", "Q2", "Q3", "Q4", "H1",
             "H2"]  # fmt: skip
    for word in [*_VAGUE, *_DAY_WORDS, *_SEASONS]:
        words += [word, word.capitalize()]
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in by_first.items())


#: The prefilter: a trigger token preceded by white space or punctuation. Starting the
#: pattern with that one character (rarer than letters) lets the regex engine skip most
#: positions with a character-set test; text that starts with a trigger is matched by
#: _TRIGGER_AT_START.
_TOKEN = rf"(?:{_trigger_words()}|[0-9]+(?:st|nd|rd|th|s)?)(?![\w])"
#: White space is listed, not written \s: a plain set of characters is faster to test.
_SPACES = " \t\n\r\f\v\xa0\u2002\u2003\u2009\u202f"
_TRIGGER = re.compile(rf"[{_SPACES}(\[{{\"“‘'’«/—–,;:-]{_TOKEN}")
_TRIGGER_AT_START = re.compile(_TOKEN)

# --------------------------------------------------------------------------- roles
# The internal records below are plain (not frozen) slotted dataclasses: the tagger makes
# several per mention, and frozen ones cost several times more to construct.

ROLE_EVENT = "event"  # moves the narrative reference time
ROLE_ATTRIBUTE = "attribute"  # a date of a document ("dated April 6th")
ROLE_STAMP = "stamp"  # a page stamp ("Updated at 13:33,29-11-2021")


@dataclass(slots=True)
class _Found:
    """An expression found by recognition, before its value is resolved."""

    start: int
    end: int
    spec: Meaning
    type: str = "DATE"
    mod: str = ""
    role: str = ""  # ROLE_*, found out only when needed ("" until then)


# --------------------------------------------------------------------------- tense

#: Words that show the tense of a clause, looked up word by word outwards from a date.
_FUTURE_WORDS = frozenset("will shall won't won’t scheduled slated upcoming forthcoming ahead".split())
_FUTURE_BEFORE_TO = frozenset("going plans plan planning expected set intends intend".split())
_PAST_WORDS = frozenset(
    "was were had did ago yesterday said told met held made saw took gave came went became "
    "began left sent spoke wrote brought led won lost got knew stood chose fell rose ran flew "
    "paid sold kept felt heard meant struck sought fought built".split()
)
_PARTICIPLES = frozenset("been made met held said told done had sent brought led won lost got kept".split())
_NOT_PAST = frozenset(
    "need indeed united hundred red bed feed speed seed shed proceed exceed succeed based "
    "related concerned interested limited armed detailed alleged supposed so-called "
    "unprecedented advanced bled bred fled wed".split()
)
#: A past form after these is a participle or an adjective: "will be held", "the unrecognized".
_PARTICIPLE_LEFT = frozenset("the a an this that its his her their our these those is are be been being am".split())
_CUE_WORDS = _FUTURE_WORDS | _FUTURE_BEFORE_TO | _PAST_WORDS | {"has", "have", "later", "is", "are", "due"}
#: Verbs of a reporting clause that closes a sentence ("..., the ministry said."): they
#: date the report, not the reported event, so they are no tense cue for a date before.
_REPORTING = frozenset("said says told added noted stated announced reported claimed wrote".split())
#: The cue words as they may be written between spaces ("said," "will"), and endings.
_CUE_FORMS = frozenset(
    q + w + p for w in _CUE_WORDS for q in ("", "“", "‘", '"', "(")
    for p in ("", ",", ".", ";", ":", "”", "’", '"', ")")
)  # fmt: skip
_CUE_ENDINGS = tuple(e + p for e in ("ed", "ll") for p in ("", ",", ".", ";", ":", "”", "’", '"'))
_CUE_REACH = 110  # characters each side of a mention that tense cues are looked for in
_CUE_WORDS_REACH = 16  # and at most so many words
_PUNCTUATION = ".,;:!?\"“”‘’'()[]"


_SENTENCE_END_CHARS = frozenset(".!?\"”’')")


def _ends_sentence(word: str) -> bool:
    """Does this word end a sentence ("said.", "leak.”")? Not "U.S." or "Mr."."""
    last = word.rstrip("\"”’')")
    if not last or last[-1] not in ".!?":
        return False
    # "U.S.", "Mr.", "A.": an abbreviation or an initial does not end the sentence
    return not (last[-1] == "." and ("." in last[:-1] or (len(last) <= 4 and last[0].isupper())))


def _closing_report(words: list[str], i: int) -> bool:
    """Is ``words[i]`` the verb of a reporting clause that closes the sentence ("...,
    the organisers said." / "..., said Makei.")?"""
    if _plain(words[i]) not in _REPORTING:
        return False
    return _ends_sentence(words[i]) or (i + 1 < len(words) and _ends_sentence(words[i + 1]))


def _plain(word: str) -> str:
    return word.strip(_PUNCTUATION).lower()


def _cue(words: list[str], i: int) -> int:
    """+1 if ``words[i]`` marks the future, -1 the past, 0 neither. ``words`` are the
    white-space-separated words around a date, in text order."""
    raw = words[i]
    if raw[-1] in _PUNCTUATION or raw[0] in _PUNCTUATION:
        raw = raw.strip(_PUNCTUATION)
    word = raw.lower()
    if word not in _CUE_WORDS and not (word.endswith("ed") or word.endswith("ll")):
        return 0  # most words: one set look-up
    following = _plain(words[i + 1]) if i + 1 < len(words) else ""
    if word in _FUTURE_WORDS or word.endswith(("’ll", "'ll")):
        return 1
    if (word in _FUTURE_BEFORE_TO and following == "to") or (word == "later" and following == "this"):
        return 1
    if word in ("is", "are", "due"):  # "is to host", "is due to take place"; not "due to the war"
        before = _plain(words[i - 1]) if i > 0 else ""
        if following == "to" and (word != "due" or before in ("is", "are", "was", "were", "be")):
            return 1
        return 0
    if word in ("has", "have"):
        if following.endswith("ly") and i + 2 < len(words):
            following = _plain(words[i + 2])
        participle = following in _PARTICIPLES or following.endswith(("ed", "en"))
        return -1 if participle else 0
    if word in _PAST_WORDS or (word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST
                               and raw[:1].islower()):  # fmt: skip
        if word in ("was", "were", "had", "did", "ago", "yesterday"):
            return -1
        before = _plain(words[i - 1]) if i > 0 else ""
        return 0 if before in _PARTICIPLE_LEFT else -1
    return 0


# --------------------------------------------------------------------------- numbers


def _number(words: str) -> float | None:
    """The value of "10", "two hundred", "twenty-five", "a"; None for "a few", "several"."""
    words = words.lower().strip()
    if words in ("a", "an", "one"):
        return 1
    if words[:1].isdigit():
        try:
            return float(words)
        except ValueError:
            return None
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", words):
        if token in _NUMBER_WORDS:
            current += _NUMBER_WORDS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token == "thousand":
            total, current = total + max(current, 1) * 1000, 0
        elif token == "dozen":
            current = max(current, 1) * 12
        elif token in ("and", "a", "an"):
            continue
        else:
            return None
        seen = True
    return float(total + current) if seen else None


# --------------------------------------------------------------------------- recognition


def _point_of(m: re.Match[str]) -> CalendarPoint:
    """The parts of a date a calendar pattern matched ("y", "m", "d" groups)."""
    names = m.re.groupindex
    year = m.group("y") if "y" in names else None
    month = m.group("m") if "m" in names else None
    day = m.group("d") if "d" in names else None
    return CalendarPoint(
        int(year) if year else None,
        _MONTHS[month.rstrip(".").lower()] if month else None,
        int(day.rstrip("stndrh")) if day else None,
    )


def _left_of(text: str, pattern: re.Pattern[str], pos: int, words: int = 4, floor: int = 0
             ) -> re.Match[str] | None:  # fmt: skip
    """``pattern`` (ending in \\Z) matched in the few words before ``pos``, never before
    ``floor``. The window is cut at a word boundary ``words`` words back, so the search
    tries few positions."""
    limit = max(floor, pos - 100)
    lo = pos - 1
    for _ in range(words + 1):
        lo = text.rfind(" ", limit, lo) if lo > limit else -1
        if lo < 0:
            lo = limit
            break
    return pattern.search(text, lo, pos)


def _role_of(text: str, start: int, end: int) -> str:
    """Stamp, document attribute or event, from the words around a date expression."""
    line_start = text.rfind("\n", max(0, start - 40), start)
    if line_start >= 0 or start <= 40:
        label = text[max(0, line_start) : start].lower()
        if any(word in label for word in _STAMP_WORDS) and _STAMP_LEFT.search(text, max(0, line_start), start):
            return ROLE_STAMP
    left = None
    if not _ATTRIBUTE_WORDS.isdisjoint(text[max(0, start - 40) : start].lower().split()[-3:]):
        left = _left_of(text, _ATTRIBUTE_LEFT, start, 3)
    if left and not (
        left.group("verb")
        and left.group("verb").lower() != "dated"
        and _BE_LEFT.search(text, max(0, left.start() - 12), left.start())
    ):
        return ROLE_ATTRIBUTE  # "a letter, dated April 6th"; not "was signed on"
    if _ATTRIBUTE_RIGHT.match(text, end):
        return ROLE_ATTRIBUTE  # "the April 6 letter"
    return ROLE_EVENT


def _word_before(text: str, lo: int, pos: int) -> str:
    end = pos
    while end > lo and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > lo and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end].lower()


class _Recogniser:
    """Finds date expressions in one text (the first pass)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.floor = 0  # the end of the last expression found: nothing may start before it

    def run(self) -> list[_Found]:
        found: list[_Found] = []
        text = self.text
        first = _TRIGGER_AT_START.match(text)
        for m in itertools.chain((first,) if first else (), _TRIGGER.finditer(text)):
            start, end = m.span()
            if m is not first:
                start += 1  # the delimiter before the token
            if start < self.floor:
                continue
            word = text[start:end]
            item = self._digits(start, end) if word[0].isdigit() else self._word(word, start, end)
            if item is not None and self.floor <= item.start < item.end <= len(text):
                found.append(item)
                self.floor = item.end
        return found

    # ---- helpers

    def _left(self, pattern: re.Pattern[str], pos: int, words: int = 4) -> re.Match[str] | None:
        """``pattern`` (ending in \\Z) matched in the few words before ``pos``, never before
        the floor. The window is cut at a word boundary ``words`` words back, so the
        search tries few positions."""
        return _left_of(self.text, pattern, pos, words, self.floor)

    def _prev_word(self, pos: int) -> str:
        """The word just before ``pos`` (lower case), or "" if punctuation comes first."""
        return _word_before(self.text, max(self.floor, pos - 30), pos)

    def _next_word(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.text, pos)
        return m.group(1) if m else ""

    def _found(self, start: int, end: int, spec: Meaning, type: str = "DATE", mod: str = ""
               ) -> _Found:  # fmt: skip
        return _Found(start, end, spec, type, mod)

    def _edge(self, start: int) -> tuple[int, str]:
        """A modifier before a month, year or decade: "early 2022", "mid-September"."""
        if self.text[start - 1 : start] != "-" and self._prev_word(start) not in _EDGE_LAST_WORDS:
            return start, ""  # a cheap test first
        m = self._left(_EDGE_LEFT, start, 4)
        if not m:
            return start, ""
        word = (m.group("e1") or m.group("e2") or m.group("e3")).lower()
        return m.start(), _EDGES[word]

    # ---- digits

    def _digits(self, start: int, end: int) -> _Found | None:
        text = self.text
        if start and text[start - 1] in "$€£#+№":
            return None
        if found := self._numeric(start):
            return found
        if text[end : end + 1] in (",", ".") and text[end + 1 : end + 2].isdigit():
            return None  # "2,000", "3.5"
        token = text[start:end]
        if token.endswith("s") and len(token) == 5:
            return self._decade(start)
        if token[-2:] in ("st", "nd", "rd", "th") or len(token) <= 2:
            return self._calendar(start, ("DD", "DM"))
        if len(token) == 4 and 1900 <= int(token) <= 2099:
            return self._year(start, end)
        return None

    def _numeric(self, start: int) -> _Found | None:
        """ "2022-04-12", "29-11-2021", "12.04.2022", "13:33,29-11-2021" (a page stamp)."""
        text = self.text
        if start and (
            text[start - 1].isdigit() or (text[start - 1] in "-./:" and start > 1 and text[start - 2].isdigit())
        ):
            return None  # inside a longer run of numbers: a phone number or a code
        for pattern in (_STAMP_TIME_FIRST, _STAMP_DATE_FIRST, _NUMERIC):
            m = pattern.match(text, start)
            if m is None:
                continue
            day = _numeric_day(m)
            if day is None:
                continue
            value, type = timex.day_value(day), "DATE"
            if "hh" in m.groupdict() and m.group("hh"):
                value += f"T{int(m.group('hh')):02d}:{m.group('mi')}"
                value += f":{m.group('ss')}" if m.group("ss") else ""
                type = "TIME"
            return self._found(start, m.end(), Fixed(value), type)
        return None

    def _decade(self, start: int) -> _Found | None:
        m = _DECADE.match(self.text, start)
        if m is None:
            return None
        begin, mod = self._edge(start)
        if begin == start and (the := self._left(_THE_LEFT, start, 1)):
            begin = the.start()
        return self._found(begin, m.end(), Fixed(m.group("y")[:3]), mod=mod)

    def _year(self, start: int, end: int) -> _Found | None:
        text = self.text
        prev = self._prev_word(start)
        m = _YEAR_RANGE.match(text, start)
        if m and (not m.group("and") or prev == "between"):
            a, b = int(m.group("a")), m.group("b")
            last = int(b) if len(b) == 4 else a // 100 * 100 + int(b)
            if last > a and not self._count_follows(m.end()):
                return self._found(start, m.end(), Fixed(f"{a}/{last}"))
        begin, mod = self._edge(start)
        if self._count_follows(end) or not (mod or self._year_context(start, end, prev)):
            return None
        return self._found(begin, end, Fixed(text[start:end]), mod=mod)

    def _count_follows(self, end: int) -> bool:
        """Is the number followed by a plural count noun ("2000 participants")?"""
        if self.text[end : end + 1] in ("%", "-"):
            return True
        word = self._next_word(end).lower()
        if word in _COUNT_NOUNS:
            return True
        return (
            len(word) > 3
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is"))
            and word not in _EVENT_PLURALS
            and "'" not in word
            and "’" not in word
        )

    def _year_context(self, start: int, end: int, prev: str) -> bool:
        text = self.text
        if prev in _YEAR_WORDS:
            return True
        after = text[end : end + 2]
        if (
            after[:1] in (",", ";", ")", ":")
            or after in (". ", ".\n", "’s", "'s")
            or (after == "." and end + 1 == len(text))
            or end == len(text)
        ):
            return True
        if _left_of(self.text, _YEAR_AND_LEFT, start, 3):  # may look past the floor
            return True  # "in 1994 and 1997"
        following = self._next_word(end)
        if prev in _DETERMINERS and following:
            return True  # "the 2020 election" (plural counts were refused before)
        before = text[max(0, start - 4) : start].rstrip(" \"“‘'(")
        at_sentence_start = not before or before[-1] in ".!?;:\n"
        return at_sentence_start and following.lower() in _YEAR_VERBS

    # ---- calendar expressions: points and ranges

    def _calendar(self, start: int, forms: Sequence[str], weekday_start: int | None = None
                  ) -> _Found | None:  # fmt: skip
        """Month-based expressions and their ranges, starting at ``start``."""
        text = self.text
        for form in forms:
            m = _FIRST_POINTS[form].match(text, start)
            if m is not None:
                break
        else:
            return None
        first = _point_of(m)
        end = m.end()
        last: CalendarPoint | None = None
        if form == "DD":
            last, first = first, CalendarPoint(None, None, int(re.match(r"\d+", m.group("d0")).group()))  # type: ignore[union-attr]
        else:
            last, end = self._second_point(form, start, end)
        points = join_range(first, last)
        if points is None:
            if last is None:
                return None
            points, end = join_range(first, None), m.end()
            if points is None:
                return None
        first, last = points
        begin = start if weekday_start is None else weekday_start
        mod = ""
        if first.day is None and weekday_start is None:
            begin, mod = self._edge(start)
            if not self._month_alone_ok(m, begin, start, first, last):
                return None
        if last is None and first.day and first.year and (clock := _CLOCK_AFTER.match(text, end)):
            value = f"{first.year:04d}-{first.month:02d}-{first.day:02d}"  # "14 March 2023 10:45"
            return self._found(begin, clock.end(), Fixed(f"{value}T{int(clock['hh']):02d}:{clock['mi']}"),
                               "TIME")  # fmt: skip
        return self._found(begin, end, calendar_meaning(first, last), mod=mod)

    def _second_point(self, form: str, start: int, end: int) -> tuple[CalendarPoint | None, int]:
        text = self.text
        sep = _RANGE_SEP.match(text, end)
        if sep is None and (sep := _AND_SEP.match(text, end)) and self._prev_word(start) != "between":
            sep = None  # "and" joins a range only after "between"
        if sep is None:
            return None, end
        for pattern in _SECOND_POINTS.get(form, ()):
            m = pattern.match(text, sep.end())
            if m is not None:
                return _point_of(m), m.end()
        return None, end

    def _month_alone_ok(self, m: re.Match[str], begin: int, start: int, first: CalendarPoint,
                        last: CalendarPoint | None) -> bool:  # fmt: skip
        """A month with no day: "in May" yes, "May I" no; abbreviations need a year."""
        name = m.group("m")
        if first.year is not None or last is not None:
            return (
                name[:3] not in ("Mar", "May")
                or first.year is not None
                or self._prev_word(start) in _MONTH_WORDS
                or begin < start
            )
        if len(name.rstrip(".")) <= 4 and name not in ("June", "July", "May"):
            return False
        if begin < start or self._prev_word(start) in _MONTH_WORDS:
            return True
        if _left_of(self.text, _MONTH_AND_LEFT, start, 3):
            return True  # "in March and May"
        return name not in ("March", "May", "April", "June", "August")

    # ---- words

    def _word(self, word: str, start: int, end: int) -> _Found | None:
        lower = word.lower()
        if len(word) == 2 and word[0] in "QH" and (year := _PERIOD_YEAR.match(self.text, end)):
            return self._found(start, year.end(), Fixed(f"{year['y']}-{word}"))  # "Q3 2022"
        if word[0].isupper() and lower in _MONTHS:
            return self._calendar(start, ("MD", "M"))
        if lower in _WEEKDAYS:
            return self._weekday(lower, start, end)
        if lower.endswith("s") and lower[:-1] in _WEEKDAYS:
            return self._found(start, end, Fixed(f"XXXX-WXX-{_WEEKDAYS[lower[:-1]] + 1}"), "SET")
        if lower in _UNITS:
            if lower.startswith("centur") and (found := self._century(start, end)):
                return found
            if lower in ("quarter",):
                return self._half(start, end, "Q")
            return self._unit(lower, start, end)
        if lower in _SETS:
            return self._found(start, end, Fixed(_SETS[lower], "repeats"), "SET")
        if lower in _DAY_WORDS:
            return self._day_word(lower, start, end)
        if lower in _VAGUE:
            return self._vague(lower, start, end)
        if lower in _SEASONS:
            return self._season(word, start, end)
        if lower in _PARTS:
            return self._part_of_day(lower, start, end)
        if lower in ("time", "period"):
            return self._period(start, end)
        if lower == "half":
            return self._half(start, end, "H")
        if lower == "future":
            return self._future(start, end)
        if lower == "past":
            return self._past(start, end)
        if lower == "present" and self._prev_word(start) == "at":
            return self._found(start, end, Vague("PRESENT_REF"))
        return None

    def _weekday(self, lower: str, start: int, end: int) -> _Found | None:
        text = self.text
        after = _WEEKDAY_AFTER.match(text, end)
        if after and (found := self._calendar(after.end(), ("MD", "DM"), weekday_start=start)):
            return found  # "Monday, 26 September 2022"
        rel_m = self._left(_WEEKDAY_LEFT, start, 1)
        rel = rel_m.group("rel").lower() if rel_m else ""
        if rel == "every":
            return self._found(
                rel_m.start(),
                end,  # type: ignore[union-attr]
                Fixed(f"XXXX-WXX-{_WEEKDAYS[lower] + 1}"),
                "SET",
            )
        begin = rel_m.start() if rel in ("last", "next", "this") else start  # type: ignore[union-attr]
        part_m = _PART_RIGHT.match(text, end)
        part = _PARTS[part_m.group("part")] if part_m else ""
        spec = Weekday(_WEEKDAYS[lower], rel if rel in ("last", "next", "this") else "", part)
        return self._found(begin, part_m.end() if part_m else end, spec, "TIME" if part else "DATE")

    def _day_word(self, lower: str, start: int, end: int) -> _Found | None:
        part = "NI" if lower == "tonight" else ""
        stop = end
        if not part and (part_m := _PART_RIGHT.match(self.text, end)):
            part, stop = _PARTS[part_m.group("part")], part_m.end()
        words = {
            "yesterday": "the day before",
            "today": "the same day",
            "tomorrow": "the day after",
            "tonight": "the same night",
        }[lower]
        spec = Deictic(_DAY_WORDS[lower], "day", part, words)
        return self._found(start, stop, spec, "TIME" if part else "DATE")

    def _vague(self, lower: str, start: int, end: int) -> _Found | None:
        text = self.text
        if text[end : end + 1] == "-":
            return None  # "the now-defunct"
        begin = start
        if lower == "soon" and (self._prev_word(start) == "as" or _SOON_AFTER.match(text, end)):
            return None  # "as soon as", "soon after his return"
        if lower == "now" and (right := self._left(_RIGHT_LEFT, start, 1)):
            begin = right.start()  # "right now"
        return self._found(begin, end, Vague(_VAGUE[lower]))

    def _future(self, start: int, end: int) -> _Found | None:
        m = self._left(_FUTURE_LEFT, start, 5)
        if m is None or re.match(r"\s+of\b", self.text[end : end + 6]):
            return None  # "the future of this dialogue" is not a time
        begin = m.start("the") if m.group("the") else m.start("adj") if m.group("adj") else start
        return self._found(begin, end, Vague("FUTURE_REF"))

    def _past(self, start: int, end: int) -> _Found | None:
        m = self._left(_PAST_LEFT, start, 4)
        if m is None or _UNIT_AHEAD.match(self.text, end):
            return None  # "the past two weeks" is the unit's business
        return self._found(m.start("the"), end, Vague("PAST_REF"))

    def _season(self, word: str, start: int, end: int) -> _Found | None:
        text, code = self.text, _SEASONS[word.lower()]
        year_m = _SEASON_RIGHT.match(text, end)
        if year_m:
            begin, mod = self._edge(start)
            if begin == start and (the := self._left(_THE_LEFT, start, 1)):
                begin = the.start()
            return self._found(begin, year_m.end(), Fixed(f"{year_m.group('y')}-{code}"), mod=mod)
        if word[0].isupper():
            return None  # "the Arab Spring"
        m = self._left(_SEASON_LEFT, start, 4)
        if m is None or (word == "fall" and not (m.group("rel") or m.group("the"))):
            return None
        if m.group("rel"):
            rel = {"past": "last", "coming": "next"}.get(m.group("rel").lower(), m.group("rel").lower())
            return self._found(m.start("rel"), end, Season(code, rel))
        begin = m.start("the") if m.group("the") else m.start("edge") if m.group("edge") else start
        mod = _EDGES[m.group("edge").lower()] if m.group("edge") else ""
        return self._found(begin, end, Season(code), mod=mod)

    def _part_of_day(self, lower: str, start: int, end: int) -> _Found | None:
        m = self._left(_PART_LEFT, start, 1)
        if m is None or not m.group("which"):
            return None
        which = m.group("which")
        amount = {"yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}[which]
        if which == "last" and lower != "night":
            return None
        spec = Deictic(amount, "day", _PARTS[lower], f"{which} {lower}")
        return self._found(m.start(), end, spec, "TIME")

    def _period(self, start: int, end: int) -> _Found | None:
        m = self._left(_PERIOD_LEFT, start, 3)
        if m is None or re.match(r"\s+of\b", self.text[end : end + 5]):
            return None  # "at the time of writing"
        det, prep = re.sub(r"\s+", " ", m.group("det").lower()), m.group("prep").lower()
        if (det == "the" and prep != "at") or det == "the same":
            return None  # "during the period", "at the same time" (= also)
        if det == "this" and prep == "at":
            return self._found(m.start("det"), end, Vague("PRESENT_REF"))
        return self._found(m.start("det"), end, Anaphor(0, "time", "", "the period"))

    def _half(self, start: int, end: int, code: str) -> _Found | None:
        left = self._left(_HALF_LEFT, start, 2)
        right = _HALF_RIGHT.match(self.text, end)
        if left is None or right is None:
            return None
        number = _ORDINALS[left.group("ord").lower()]
        number = min(number, 2) if code == "H" else number
        if code == "H" and left.group("ord").lower() in ("third", "fourth", "3rd", "4th"):
            return None  # a year has two halves
        begin = left.start("the") if left.group("the") else left.start("ord")
        if right.group("y"):
            return self._found(begin, right.end(), Fixed(f"{right.group('y')}-{code}{number}"))
        rel = right.group("rel").lower()
        amount = {"last": -1, "next": 1}.get(rel, 0)
        spec = Deictic(amount, "year", words=f"{rel} year")
        return self._found(begin, right.end(), HalfOf(spec, code, number))

    def _century(self, start: int, end: int) -> _Found | None:
        m = self._left(_CENTURY_LEFT, start, 4)
        if m is None:
            return None
        ordinal = m.group("ord").lower()
        number = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}.get(ordinal)
        if number is None:
            number = int(re.match(r"\d+", ordinal).group())  # type: ignore[union-attr]
        if not 1 <= number <= 21:
            return None
        mod = _EDGES[m.group("edge").lower()] if m.group("edge") else ""
        return self._found(m.start(), end, Fixed(f"{number - 1:02d}"), mod=mod)

    def _unit(self, word: str, start: int, end: int) -> _Found | None:
        """Expressions built on a unit noun: durations, "last week", "two weeks ago",
        "the same day", "a week later", "recent months", "every day"."""
        text = self.text
        right = _UNIT_RIGHT.match(text, end)
        if right and right.group("hyphen") and text[end : end + 2] != "-l":
            return None  # "day-to-day", "10-year-old"; but "year-long"
        if right and right.group("of") and not word.endswith("s"):
            return None  # "the last week of September", "the day of the vote"
        left = _read_unit_left(text, max(self.floor, start - 45), start)
        unit = _UNITS[word]
        phrase = _unit_phrase(left, right, unit, word != unit and word.endswith("s"))
        meaning = _unit_meaning(phrase)
        if meaning is None:
            return None
        begin, stop, spec, type, mod = meaning
        if isinstance(spec, Deictic) and spec.unit not in ("day", "weekend"):
            edge_begin, edge = self._edge(begin)  # "the end of last year", "early next month"
            if edge:
                begin, mod = edge_begin, edge
        return self._found(begin, max(end, stop), spec, type, mod)


def _numeric_day(m: re.Match[str]) -> dt.date | None:
    """The day of a numeric date match: ISO order, or day-first (month-first with slashes
    when the first number cannot be a day... or the second cannot be a month)."""
    try:
        if m.group("iy"):
            return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day, month = (a, b)
        if b > 12 or (m.group("sep") == "/" and a <= 12):
            day, month = b, a  # "04/12/2022" is read the American way; "29/11/2021" cannot be
        return dt.date(year, month, day)
    except ValueError:
        return None


_ADJ_WORDS = frozenset("more full long consecutive straight additional further whole".split())
_REL_WORDS = frozenset("coming next past last previous preceding following recent same upcoming".split())
_DET_WORDS = frozenset("the this that these those".split())
_PREP_WORDS = frozenset("for in within over during throughout after since under".split())
_SCALES = frozenset(("hundred", "thousand", "dozen"))


#: Every word that can stand before a unit noun in a phrase the reader knows.
_LEFT_VOCABULARY = frozenset(
    [*_ADJ_WORDS, *_REL_WORDS, *_DET_WORDS, *_PREP_WORDS, *_NUMBER_WORDS, *_SCALES,
     *(w for k in _MODS for w in k.split()), "a", "an", "few", "several", "many", "couple",
     "of", "every", "each", "other", "once", "twice", "thrice", "times", "per", "earlier",
     "later"]
)  # fmt: skip


_UNIT_PARTS = ("every", "every_n", "freq", "prep", "edge", "mod", "det", "rel", "num")


@dataclass(slots=True)
class _UnitLeft:
    """The words before a unit noun ("the coming three"), as matched by _UNIT_LEFT."""

    start: int
    match: re.Match[str] | None

    def words(self) -> list[str | None]:
        """The words of each part (_UNIT_PARTS), lower case and single-spaced, or None."""
        if self.match is None:
            return [None] * len(_UNIT_PARTS)
        return [" ".join(w.lower().split()) if w else None for w in self.match.group(*_UNIT_PARTS)]

    def part_start(self, name: str) -> int:
        return self.match.start(name) if self.match else self.start

    def after_prep(self) -> int:
        """Where the expression starts when a leading preposition is dropped."""
        m = self.match
        if m is None:
            return self.start
        return (
            m.start("edge")
            if m.group("edge")
            else min((m.start(n) for n in ("mod", "det", "rel", "num", "adj") if m.group(n)), default=m.end())
        )


def _left_word(chunk: str) -> bool:
    """Can this white-space-separated chunk be part of the words before a unit noun?"""
    if chunk in _LEFT_VOCABULARY:
        return True
    if chunk[:1].isdigit():
        return chunk.replace(".", "", 1).isdigit()
    return all(part in _NUMBER_WORDS or part in _SCALES for part in chunk.split("-"))


def _read_unit_left(text: str, lo: int, pos: int) -> _UnitLeft:
    """The words before a unit noun ("the coming three", "more than 10", "every").

    Walks back over the words that could belong to such a phrase (cheap set look-ups),
    then matches _UNIT_LEFT from the leftmost of them; the first start that matches
    gives the longest phrase.
    """
    starts: list[int] = []
    end = pos
    if text[pos - 1 : pos] == "-":
        end -= 1  # "20-year", "three-day"
    while end > lo and text[end - 1] in " \t\n":
        end -= 1
    while end > lo:
        begin = max(lo, text.rfind(" ", lo, end) + 1, text.rfind("\n", lo, end) + 1)
        if begin == end or not _left_word(text[begin:end].lower()):
            break
        starts.append(begin)
        end = begin
        while end > lo and text[end - 1] in " \t\n":
            end -= 1
    for begin in reversed(starts):
        m = _UNIT_LEFT.fullmatch(text, begin, pos)
        if m is not None:
            return _UnitLeft(begin if m.end() > begin else pos, m)
    return _UnitLeft(pos, None)


@dataclass(slots=True)
class _UnitPhrase:
    """The words around a unit noun ("the coming three weeks", "two days later")."""

    unit: str  # day | week | fortnight | month | year | decade | century | hour | minute | weekend
    plural: bool
    start: int  # where the expression starts, leading preposition dropped
    edge_start: int  # where "earlier"/"later" starts, if present ("earlier this year")
    right_end: int  # the end of "ago" / "later" / "from now", if present
    every: str | None
    every_n: str | None
    freq: str | None
    prep: str | None
    edge: str | None
    mod: str
    det: str | None
    rel: str | None
    num: str | None
    number: float | None
    after: str  # ago | from now | later | earlier | before | after | on | ""

    @property
    def counted(self) -> bool:
        return self.number is not None

    @property
    def vague_count(self) -> bool:  # "a few", "several"
        return self.num is not None and self.number is None


_Reading = tuple[int, int, Meaning, str, str]  # start, end (-1: the unit's end), meaning, type, mod


def _unit_phrase(left: _UnitLeft, right: re.Match[str] | None, unit: str,
                 plural: bool) -> _UnitPhrase:  # fmt: skip
    every, every_n, freq, prep, edge, mod_words, det, rel, num = left.words()
    number = _number(num) if num else None
    mod = _MODS.get(mod_words or "", "")
    start = left.start
    if prep in ("over", "under") and not (det or rel) and number and not mod:
        mod = "MORE_THAN" if prep == "over" else "LESS_THAN"  # "over 10 years"
    elif prep:
        start = left.after_prep()
    after, right_end = "", -1
    if right is not None and not (right.group("hyphen") or right.group("of")):
        after = next(right.group(k) for k in ("ago", "fromnow", "later", "adverb") if right.group(k))
        after, right_end = re.sub(r"\s+", " ", after.strip().lower()), right.end()
        after = {"afterwards": "later", "afterward": "later"}.get(after, after)
    edge_start = left.part_start("edge") if edge else start
    return _UnitPhrase(
        unit, plural, start, edge_start, right_end, every, every_n, freq, prep, edge, mod,
        det, rel, num, number, after,
    )  # fmt: skip


def _unit_meaning(p: _UnitPhrase) -> _Reading | None:
    """What the words around a unit noun mean, tried from the most specific reading."""
    if p.unit in timex.SUB_DAY_UNITS and not p.counted and not (p.every or p.freq):
        return None
    if p.unit == "second" and not p.plural and p.after not in ("ago", "from now"):
        return None  # "a second time", "the second round": an ordinal
    for reading in (_repetition, _counted_from, _anaphora, _duration, _plural_reference,
                    _deictic_unit):  # fmt: skip
        meaning = reading(p)
        if meaning is not None:
            return meaning
    return None


def _repetition(p: _UnitPhrase) -> _Reading | None:
    """ "every day", "every two weeks", "every other year", "twice a year" -> SET."""
    if not (p.every or p.freq):
        return None
    amount = _number(p.every_n) if p.every_n and p.every_n != "other" else 1
    if p.every_n == "other":
        amount = 2
    if amount is None:
        return None
    value = "XXXX-WXX-WE" if p.unit == "weekend" else timex.duration_value(amount, p.unit)
    return p.start, -1, Fixed(value, "repeats"), "SET", ""


def _counted_from(p: _UnitPhrase) -> _Reading | None:
    """ "two weeks ago", "ten years from now" (from publication); "a week later", "two
    days earlier", "the day before" (from the last date mentioned)."""
    if not p.after or (p.after == "on" and not p.counted):
        return None
    unit, amount = p.unit, int(p.number) if p.counted else None  # type: ignore[arg-type]
    if unit == "fortnight" and amount is not None:
        unit, amount = "week", amount * 2
    words = f"{p.num} {p.unit}{'s' if p.plural else ''}"
    if p.after in ("ago", "from now"):
        if amount is None:
            if not (p.vague_count or p.plural):
                return None
            return p.start, p.right_end, Vague("PAST_REF" if p.after == "ago" else "FUTURE_REF"), "DATE", ""
        sign = -1 if p.after == "ago" else 1
        return p.start, p.right_end, Deictic(sign * amount, unit, words=f"{words} {p.after}"), "DATE", ""
    if unit in timex.SUB_DAY_UNITS or unit == "weekend":
        return None
    if amount is not None and not p.det and not p.rel:
        sign = -1 if p.after in ("earlier", "before") else 1
        side = "before" if sign < 0 else "after"
        spec = Anaphor(
            sign * amount, unit, "day" if unit == "week" else unit, f"{words} {side} the date mentioned before:"
        )
        return p.start, p.right_end, spec, "DATE", ""
    if p.det == "the" and not p.rel and amount is None and p.after in ("before", "after"):
        sign = -1 if p.after == "before" else 1
        spec = Anaphor(sign, unit, unit, f"the {unit} {p.after} the date mentioned before:")
        return p.start, p.right_end, spec, "DATE", ""
    return None


def _anaphora(p: _UnitPhrase) -> _Reading | None:
    """ "the same day", "that year", "the following week", "the previous day", "the next day"."""
    if p.plural or p.counted or p.unit not in ("day", "week", "month", "year"):
        return None
    amount = {"same": 0, "following": 1, "next": 1, "previous": -1, "preceding": -1}.get(p.rel or "")
    if p.det == "that" and not p.rel:
        amount = 0
    elif amount is None or (amount != 0 and p.det != "the") or (p.rel == "same" and p.det is None):
        return None
    if p.rel == "next" and p.prep in ("over", "within", "in", "during", "for", "throughout"):
        return None  # "within the next week" is a duration
    words = {0: f"same {p.unit} as", 1: f"the {p.unit} after", -1: f"the {p.unit} before"}[amount]
    return p.start, -1, Anaphor(amount, p.unit, p.unit, f"{words} the date mentioned before:"), "DATE", ""


def _duration(p: _UnitPhrase) -> _Reading | None:
    """ "the coming three weeks", "more than 10 years", "for two decades", "20-year",
    "within the next week", "over the past year"."""
    if p.unit == "weekend":
        return None
    if p.counted or p.vague_count:
        if p.num in ("a", "an") and not (p.prep or p.mod or p.rel):
            return None  # "a year" alone: "twice a year", "$5 billion a year"
        if p.rel in ("same", "preceding") or p.det in ("that", "this"):
            return None
        return p.start, -1, Fixed(timex.duration_value(p.number, p.unit)), "DURATION", p.mod
    if p.det == "the" and p.rel in ("past", "last") and not p.plural:
        return p.start, -1, Fixed(timex.duration_value(1, p.unit)), "DURATION", ""
    if p.det == "the" and p.rel == "next" and not p.plural:
        return p.start, -1, Fixed(timex.duration_value(1, p.unit)), "DURATION", ""
    if p.plural and p.det == "the" and p.rel in ("past", "last"):
        return p.start, -1, Fixed(timex.duration_value(None, p.unit)), "DURATION", ""
    if p.plural and p.prep in ("for", "over") and not p.det and not p.rel:
        return p.start, -1, Fixed(timex.duration_value(None, p.unit)), "DURATION", ""
    return None


def _plural_reference(p: _UnitPhrase) -> _Reading | None:
    """ "recent months" (the past), "the coming years" (the future), "these days" (now)."""
    if not p.plural:
        return None
    if p.rel == "recent":
        return p.start, -1, Vague("PAST_REF"), "DATE", ""
    if p.rel in ("coming", "upcoming", "next") and p.det == "the":
        return p.start, -1, Vague("FUTURE_REF"), "DATE", ""
    if p.det == "these" and p.unit == "day":
        return p.start, -1, Vague("PRESENT_REF"), "DATE", ""
    return None


def _deictic_unit(p: _UnitPhrase) -> _Reading | None:
    """ "last week", "next month", "this year", "earlier this year", "the coming year"."""
    if p.plural or p.unit in ("day", "fortnight") or p.unit in timex.SUB_DAY_UNITS:
        return None
    if p.unit == "weekend" and p.det == "the" and not p.rel:
        return p.start, -1, Weekend(), "DATE", ""  # "over the weekend"
    if p.det == "the" and p.rel in ("coming", "upcoming"):
        return p.start, -1, Deictic(1, p.unit, words=f"the coming {p.unit}"), "DATE", ""
    if (p.det is None and p.rel in ("last", "next", "past", "coming")) or (p.det == "this" and not p.rel):
        amount = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(p.rel or "", 0)
        words = f"{p.edge + ' ' if p.edge else ''}{p.rel or 'this'} {p.unit}"
        return p.edge_start, -1, Deictic(amount, p.unit, words=words), "DATE", ""
    return None


# --------------------------------------------------------------------------- resolution


class _Resolver:
    """Gives values to found expressions in text order (the second pass)."""

    def __init__(self, text: str, anchor: dt.date | None,
                 sentences: Sequence[tuple[int, int]] | None) -> None:  # fmt: skip
        self.text = text
        self.anchor = anchor
        self.sentences = sentences
        self._starts: list[int] | None = None  # sentence starts, for bisect, when needed
        self._ref_day: str | None = None  # the last day the narrative moved to
        self._ref_value: str | None = None  # the last date of any size it moved to
        self._pending: list[tuple[_Found, str]] = []  # dates whose role is not checked yet
        self._current: _Found | None = None  # the expression being resolved
        self._published = self._anchor_words = ""  # made when first needed

    @property
    def published(self) -> str:
        """The ``anchor`` of a mention resolved against the publication date."""
        if not self._published:
            self._published = f"published:{self.anchor.isoformat()}" if self.anchor else "none"
        return self._published

    @property
    def anchor_words(self) -> str:
        """The publication date in words: "18 April 2022"."""
        if not self._anchor_words and self.anchor:
            self._anchor_words = timex.format_day(self.anchor)
        return self._anchor_words

    @property
    def relative_note(self) -> str:
        return f"relative to publication, {self.anchor_words}"

    def resolve(self, found: Sequence[_Found]) -> list[DateMention]:
        mentions: list[DateMention] = []
        for f in found:
            try:
                self._current = f
                resolved = f.spec.resolve(self)
            except (ValueError, OverflowError):  # a shift past year 1 or 9999
                resolved = None
            if resolved is None:
                continue
            mentions.append(DateMention(f.start, f.end, self.text[f.start : f.end],
                                        resolved.value, f.type, resolved.anchor, f.mod,
                                        resolved.note))  # fmt: skip
            if f.type in ("DATE", "TIME"):
                self._pending.append((f, resolved.value))
        return mentions

    def role(self, f: _Found) -> str:
        if not f.role:
            f.role = _role_of(self.text, f.start, f.end)
        return f.role

    @property
    def ref_day(self) -> str | None:
        """The last day the narrative moved to (dates of documents and stamps aside)."""
        self._catch_up()
        return self._ref_day

    @property
    def ref_value(self) -> str | None:
        """The last date of any size the narrative moved to."""
        self._catch_up()
        return self._ref_value

    def _catch_up(self) -> None:
        """Check the roles of the dates resolved since the last look (only anaphora need
        them, so most texts never pay for it) and move the reference time."""
        for f, value in self._pending:
            if self.role(f) == ROLE_EVENT:
                self._remember(value)
        self._pending.clear()

    def _remember(self, value: str) -> None:
        """Move the narrative reference time to a date just mentioned."""
        if value.endswith("_REF") or value.startswith("P") or "XXXX-XX" in value:
            return
        last = value.partition("/")[2] or value
        if len(last) >= 10 and last[4] == "-" and last[7] == "-" and last[8:10].isdigit():
            self._ref_day = last[:10]  # a day, a day and time, or a part of a day
        elif not timex.granularity(value):
            return
        self._ref_value = value

    # ---- tense

    def direction(self, f: _Found | None = None) -> tuple[int, str]:
        """-1 if the sentence around ``f`` points to the past, 1 to the future, 0 if it
        says neither; with the cue word. Words are tried outwards from the date, nearest
        first (the one before before the one after), so the nearest cue wins; the walk
        stops at the ends of the sentence."""
        f = f or self._current
        if f is None:
            return 0, ""
        text = self.text
        lo, hi = self._sentence(f.start, f.end) if self.sentences else (0, len(text))
        lo, hi = max(lo, f.start - _CUE_REACH), min(hi, f.end + _CUE_REACH)
        lo = max(lo, text.rfind("\n", lo, f.start) + 1)
        if (newline := text.find("\n", f.end, hi)) >= 0:
            hi = newline
        before = text[lo : f.start].split()[-_CUE_WORDS_REACH:]
        after = text[f.end : hi].split()[:_CUE_WORDS_REACH]
        i, j = len(before) - 1, 0
        comma = text[f.end : f.end + 1] == ","  # a comma between the date and a word after it
        while i >= 0 or j < len(after):
            if i >= 0:
                w = before[i]
                if w[-1] in _SENTENCE_END_CHARS and _ends_sentence(w):
                    i = -1  # the previous sentence
                elif ((lw := w.lower()) in _CUE_FORMS or lw.endswith(_CUE_ENDINGS)) and (sign := _cue(before, i)):
                    return sign, _plain(w)
                i -= 1
            if j < len(after):
                w = after[j]
                if (
                    ((lw := w.lower()) in _CUE_FORMS or lw.endswith(_CUE_ENDINGS))
                    and (sign := _cue(after, j))
                    and not (comma and _closing_report(after, j))
                ):
                    return sign, _plain(w)
                comma = comma or w.endswith(",")
                j = len(after) if w[-1] in _SENTENCE_END_CHARS and _ends_sentence(w) else j + 1
        return 0, ""

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """The given sentence around ``start:end`` (or the whole text)."""
        if self._starts is None:
            self.sentences = sorted(self.sentences or ())
            self._starts = [a for a, _ in self.sentences]
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self.sentences[i][1] >= end:
            return self.sentences[i]
        return 0, len(self.text)


# --------------------------------------------------------------------------- public API


class DateTagger:
    """Finds date expressions and resolves them against a publication date.

    Stateless and cheap to create: the patterns are compiled once, when the module loads.
    """

    def __init__(self) -> None:
        """Nothing to set up; one tagger may serve every article, from any thread."""

    def tag(self, text: str, anchor: dt.date | None,
            sentences: Sequence[tuple[int, int]] | None = None) -> list[DateMention]:  # fmt: skip
        """Date mentions in ``text``, sorted by start and never overlapping.

        ``anchor`` is the publication date that relative expressions resolve against; with
        None they are still tagged, with placeholder values (``XXXX-04-12``) and anchor
        ``none``. ``sentences`` (spans of the whole text), when given, save the tagger from
        finding sentence boundaries itself for tense detection.
        """
        found = _Recogniser(text).run()
        if not found:
            return []
        return _Resolver(text, anchor, sentences).resolve(found)


#: A date after these is a limit ("until 2030"), not something that has happened.
_DEADLINE_WORDS = frozenset("until till by before through".split())


def infer_publication(text: str, tagger: DateTagger | None = None
                      ) -> tuple[dt.date | None, str]:  # fmt: skip
    """For an article with no publication date: (inferred date or None, a reason in words).

    The latest explicit date the text mentions in the past (not one it looks forward to,
    nor a deadline such as "until 2030"; a bare year only if nothing finer is mentioned) is
    taken; month-day dates without a year are placed on or after it and may move it later.
    A page stamp saying when the page was published wins; one saying when it was updated
    is used only when it is close to the events, since archives restamp old pages.
    ``tagger`` is accepted for symmetry with the rest of the API; the tagger is stateless.
    """
    found = _Recogniser(text).run()
    resolver = _Resolver(text, None, None)
    stamps: list[tuple[dt.date, bool]] = []  # (day, says "published")
    events: list[tuple[dt.date, str]] = []
    partials: list[tuple[MonthDay, int]] = []
    for f in found:
        if isinstance(f.spec, Fixed) and f.type in ("DATE", "TIME"):
            span = timex.bounds(f.spec.value)
            if span is None or timex.granularity(f.spec.value) in ("", "decade", "century"):
                continue
            if _role_of(text, f.start, f.end) == ROLE_STAMP:
                label = text[max(0, f.start - 30) : f.start].lower()
                stamps.append((span[0], "publish" in label or "posted" in label))
            elif (
                resolver.direction(f)[0] <= 0
                and _word_before(text, max(0, f.start - 20), f.start) not in _DEADLINE_WORDS
            ):
                events.append((span[0], f.spec.value))
        elif isinstance(f.spec, MonthDay):
            direction = resolver.direction(f)[0]
            if direction <= 0:
                partials.append((f.spec, direction))
    published = [day for day, says_published in stamps if says_published]
    if published:
        return max(published), f"the page says it was published on {timex.format_day(max(published))}"
    latest = _latest_event(events, partials)
    updated = max((day for day, _ in stamps), default=None)
    if latest is None:
        if updated is not None:
            return updated, f"only a page stamp: {timex.format_day(updated)}"
        return None, "no explicit date or page stamp in the text"
    day, words = latest
    reason = f"latest date mentioned: {words}"
    if updated is None:
        return day, reason
    gap = (updated - day).days
    if 0 <= gap <= 90:
        return updated, f"page stamp of {timex.format_day(updated)}, close to the {reason}"
    stamp = f"the page stamp of {timex.format_day(updated)}"
    if gap < 0:
        return day, f"{reason}; {stamp} is earlier than the events, so it is ignored"
    how_far = f"{gap // 365} years" if gap >= 730 else "a year or more" if gap >= 365 else "months"
    return day, f"{reason}; {stamp} is {how_far} later than the events, so it is ignored"


def _latest_event(events: list[tuple[dt.date, str]], partials: list[tuple[MonthDay, int]]
                  ) -> tuple[dt.date, str] | None:  # fmt: skip
    """The latest past date: the latest explicit one, then month-days in the past tense
    placed on or after it (and re-placed by their tense from the new date, until stable)."""
    if not events:
        return None
    finer = [e for e in events if timex.granularity(e[1]) not in ("year", "season", "quarter")]
    base, base_value = max(finer or events)
    anchor = base
    for rounds in range(3):
        latest = base
        for spec, direction in partials:
            chosen = spec.choose(anchor, 1 if rounds == 0 else -1) if direction < 0 else None
            if chosen is not None:
                latest = max(latest, chosen[1] if spec.day is not None else chosen[0])
        if latest == anchor:
            break
        anchor = latest
    if anchor == base and timex.granularity(base_value) != "day":
        return anchor, describe_value(base_value)
    return anchor, timex.format_day(anchor)
