"""The compiled patterns of date recognition, built from the words of the date lexicon.

:mod:`desktop.core.annotate.date_recognise` runs :data:`TRIGGER` (one prefilter for every token
a date expression can hinge on: month and weekday names, digits, unit nouns, deictic words)
and, at each hit, the small anchored patterns below: calendar points and ranges, numeric dates
and page stamps, and the words that may stand left or right of a unit noun, a season, a weekday.
"""

from __future__ import annotations

import re

from desktop.core.annotate.date_lexicon import (
    CLOCK_WORDS,
    DAY_WORDS,
    HOLIDAYS,
    MONTH_ABBREVIATIONS,
    PARTS,
    SEASONS,
    SETS,
    SMALL_NUMBERS,
    TENS,
    UNITS,
    VAGUE,
    WORDS,
)

_DOCUMENTS = (
    r"letters?|decrees?|documents?|memos?|memorand(?:um|a)|notes?|treat(?:y|ies)|"
    r"laws?|resolutions?|declarations?|protocols?|communiqu[eé]s?|orders?|reports?|"
    r"accords?|agreements?|edicts?|directives?|messages?"
)


# --------------------------------------------------------------------------- patterns

_MONTH = rf"(?:{'|'.join(WORDS.months)}|(?:{'|'.join(MONTH_ABBREVIATIONS)})(?![a-z])\.?)"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z]|:\d|[.,]\d)"
_YEAR = r"(?:1[89]|20)[0-9]{2}(?![0-9]|[.,]\d|%)"
_SEP = r"(?:\s*[–—-]\s*|\s+(?:to|until|till|through|thru)\s+)"
_NUMW = "|".join([*SMALL_NUMBERS, *TENS, "hundred", "thousand", "dozen"])
_NUM = rf"(?:\d+(?:\.\d+)?|(?:{_NUMW})(?:(?:\s+and\s+|[\s-]+)(?:{_NUMW}))*)"

_PT_MD = re.compile(rf"(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?")
_PT_DM = re.compile(rf"(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
_PT_M = re.compile(rf"(?P<m>{_MONTH})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}))?")
_PT_DY = re.compile(rf"(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})")
_PT_D = re.compile(rf"(?P<d>{_DAY})(?!\s+(?:of\s+)?{_MONTH})")
_PT_DD = re.compile(
    rf"(?P<d0>{_DAY})(?:{_SEP}|\s+and\s+)(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
)
FIRST_POINTS = {"MD": _PT_MD, "DM": _PT_DM, "M": _PT_M, "DD": _PT_DD}
RANGE_SEP = re.compile(_SEP)
AND_SEP = re.compile(r"\s+and\s+")
#: What may follow each first point of a range: "October 30th – November 1st",
#: "September 24 to 30, 2024", "February 11th – 20th", "30 October – 1 November 2018".
SECOND_POINTS = {"MD": (_PT_MD, _PT_DY, _PT_D), "DM": (_PT_DM,), "M": (_PT_M,)}

_NUMERIC_DATE = (
    r"(?:(?P<iy>(?:19|20)\d\d)-(?P<im>0?[1-9]|1[0-2])-(?P<id>3[01]|[12]\d|0?[1-9])"
    r"|(?P<a>3[01]|[12]\d|0?[1-9])(?P<sep>[-./])(?P<b>3[01]|[12]\d|0?[1-9])(?P=sep)"
    r"(?P<y>(?:19|20)\d\d))(?![0-9]|[-./]\d)"
)
_CLOCK = r"(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<ss>[0-5]\d))?(?![0-9])"
STAMP_TIME_FIRST = re.compile(rf"{_CLOCK}\s*,?\s*{_NUMERIC_DATE}")
STAMP_DATE_FIRST = re.compile(rf"{_NUMERIC_DATE}(?:T|,?\s+|,\s*)(?:at\s+)?{_CLOCK}")
NUMERIC = re.compile(_NUMERIC_DATE)
#: A clock time before a written date ("11:42pm, 11 Aug, 2020", "13:33, 29 November 2021").
CLOCK_FIRST = re.compile(
    r"(?P<hh>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:[^\S\n]*(?P<ap>[ap])\.?m\.?)?(?![0-9A-Za-z]),?[^\S\n]+(?:on[^\S\n]+)?",
    re.I,
)
CLOCK_AFTER = re.compile(r",?[^\S\n]+(?:at[^\S\n]+)?(?P<hh>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?![0-9])")
PERIOD_YEAR = re.compile(rf"[^\S\n]+(?:of[^\S\n]+)?(?P<y>{_YEAR})")  # "Q3 2022", "H1 of 2023"
YEAR_RANGE = re.compile(rf"(?P<a>{_YEAR})(?:{_SEP}|(?P<and>\s+and\s+))(?P<b>{_YEAR}|\d\d(?![0-9]|[.,]\d|%))")
DECADE = re.compile(r"(?P<y>(?:1[89]|20)\d0)(?:’|')?s\b")

EDGE_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?:(?P<e1>early|late)\s+|(?P<e2>mid)(?:\s+|-)"
    r"|(?P<e3>end|beginning|start|middle)\s+of\s+(?:the\s+)?)\Z",
    re.I,
)
EDGE_LAST_WORDS = frozenset("early late mid of the".split())
THE_LEFT = re.compile(r"\b(?:the|The)\s+\Z")
NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z][A-Za-z’'-]*)")
YEAR_AND_LEFT = re.compile(rf"{_YEAR}(?:,\s+|,?\s+(?:and|or)\s+)\Z")  # "in 2006, 2011 and 2020"
MONTH_AND_LEFT = re.compile(rf"{_MONTH},?\s+(?:and|or)\s+\Z")
STAMP_LEFT = re.compile(
    r"(?:^|\n)[^\S\n]*(?:last\s+)?(?:updated|published|posted|modified|created|date)"
    r"(?:[^\S\n]+(?:on|at))?[^\S\n]*:?[^\S\n]*\Z",
    re.I,
)
ATTRIBUTE_LEFT = re.compile(
    rf"(?:\b(?P<verb>dated|signed|written|drafted|sent)(?:\s+(?:on|in))?"
    rf"|\b(?:{_DOCUMENTS})\s+(?:of|from))\s+(?:the\s+)?\Z",
    re.I,
)
ATTRIBUTE_RIGHT = re.compile(rf"[^\S\n]+(?:{_DOCUMENTS})\b")
BE_LEFT = re.compile(r"\b(?:is|are|was|were|been|be|being)\s+\Z", re.I)

UNIT_LEFT = re.compile(
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
UNIT_RIGHT = re.compile(
    r"(?P<ago>\s+ago\b)|(?P<fromnow>\s+from\s+now\b)"
    r"|\s+(?P<later>later|afterwards?|earlier|on(?=\s*[,.;:)!?—–]|\s*$))\b"
    r"|\s+(?P<adverb>before|after)(?=\s*[,.;:)!?]|\s*$)|(?P<hyphen>-[A-Za-z])|(?P<of>\s+of\b)",
)
CENTURY_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?:(?P<edge>early|mid|late)[-\s]+)?"
    r"(?P<ord>\d{1,2}(?:st|nd|rd|th)|nineteenth|twentieth|twenty-first)[-\s]+\Z",
    re.I,
)
PART_LEFT = re.compile(r"\b(?P<which>yesterday|tomorrow|this|last|every|each)\s+\Z")
PART_THE_LEFT = re.compile(r"\b(?:[Bb]y|[Ii]n|[Dd]uring|[Uu]ntil|[Tt]ill|[Tt]hroughout|[Ii]nto)\s+(?P<the>the)\s+\Z")
PART_RIGHT = re.compile(r"[^\S\n]+(?P<part>morning|afternoon|evening|night)\b")
PERIOD_LEFT = re.compile(
    r"\b(?P<prep>during|at|by|since|from|in|over|throughout|until)\s+"
    r"(?P<det>this|that|the\s+same|the)\s+\Z",
    re.I,
)
HALF_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    r"\s+\Z",
    re.I,
)
HALF_RIGHT = re.compile(rf"\s+of\s+(?:(?P<y>{_YEAR})|(?:the\s+)?(?P<rel>this|last|next|the|current)\s+year\b)")
FUTURE_LEFT = re.compile(
    r"\b(?:in|for|into)\s+(?:(?P<the>the)\s+)?(?P<adj>(?:near|distant|foreseeable|immediate"
    r"|not-too-distant|not\s+too\s+distant)\s+)?\Z",
    re.I,
)
PAST_LEFT = re.compile(r"\b(?:in|into|from)\s+(?P<the>the)\s+(?:(?:recent|distant|not-so-distant)\s+)?\Z", re.I)
UNIT_AHEAD = re.compile(
    rf"\s+(?:(?:a\s+)?(?:few|several|couple|{_NUM}|\d+)\s+(?:of\s+)?)?(?:{'|'.join(UNITS)})\b",
    re.I,
)
SEASON_RIGHT = re.compile(rf"(?:\s+of)?,?\s+(?P<y>{_YEAR})")
SEASON_LEFT = re.compile(
    r"\b(?:(?P<rel>this|last|next|past|coming)\s+"
    r"|(?P<prep>in|during|by|until|till|since|over|through|throughout|before|after)\s+"
    r"(?P<the>the\s+)?(?:(?P<edge>early|late)\s+)?)\Z",
    re.I,
)
SOON_AFTER = re.compile(r"\s+(?:as|after|afterwards?|thereafter)\b")
RIGHT_LEFT = re.compile(r"\b[Rr]ight\s+\Z")
WEEKDAY_AFTER = re.compile(r",?[^\S\n]+(?:the[^\S\n]+)?")
EVERY_LEFT = re.compile(r"\b(?:every|each)\s+\Z", re.I)  # "every February"
#: A year counted from publication after a month or a day: "October last year", "24 May of next year".
YEAR_STEP = re.compile(r",?[^\S\n]+(?:of[^\S\n]+)?(?P<rel>last|next|this)[^\S\n]+year\b")
HALF_MORE = re.compile(r"[^\S\n]+and[^\S\n]+a[^\S\n]+half\b")  # "a year and a half"
WEEKDAY_LEFT = re.compile(
    r"\b(?:(?P<the>the)\s+)?(?P<rel>last|next|this|coming|past|every|on|that|following|previous)\s+\Z", re.I
)
#: "half a year", "half an hour" (after "half"), and a modifier before it ("more than half a year").
HALF_A = re.compile(rf"[^\S\n]+an?[^\S\n]+(?P<unit>{'|'.join(WORDS.half_units)})\b", re.I)
_MODIFIERS = "|".join(m.replace(" ", r"\s+") for m in sorted(WORDS.modifiers, key=len, reverse=True))
HALF_MOD_LEFT = re.compile(rf"\b(?P<mod>{_MODIFIERS})\s+\Z", re.I)
#: A holiday's name ("Independence Day"), the longest first, and perhaps its year.
HOLIDAY = re.compile(
    rf"(?P<name>{'|'.join(re.escape(h) for h in sorted(HOLIDAYS, key=len, reverse=True))})(?![\w’'])"
    rf"(?:,?[^\S\n]+(?P<y>{_YEAR}))?"
)
#: A week counted from publication after a weekday: "Friday last week", "Monday next week".
WEEK_STEP = re.compile(r",?[^\S\n]+(?P<rel>last|next|this)[^\S\n]+week\b")


def _trigger_words() -> str:
    """An alternation of every word a date expression can hinge on, grouped by first letter."""
    words = [*WORDS.months, *MONTH_ABBREVIATIONS, *WORDS.weekdays,
             *(d + "s" for d in WORDS.weekdays), *UNITS, *SETS, "time", "period",
             "half", "present", "future", "past", *PARTS, *CLOCK_WORDS, "Q1", "Q2", "Q3", "Q4",
             "H1", "H2", *(h.split()[0] for h in HOLIDAYS)]  # fmt: skip
    for word in [*VAGUE, *DAY_WORDS, *SEASONS]:
        words += [word, word.capitalize()]
    by_first: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in by_first.items())


#: The prefilter: a trigger token preceded by white space or punctuation. Starting the
#: pattern with that one character (rarer than letters) lets the regex engine skip most
#: positions with a character-set test; text that starts with a trigger is matched by
#: TRIGGER_AT_START.
_TOKEN = rf"(?:{_trigger_words()}|[0-9]+(?:st|nd|rd|th|s)?)(?![\w])"
#: White space is listed, not written \s: a plain set of characters is faster to test.
_SPACES = " \t\n\r\f\v\xa0\u2002\u2003\u2009\u202f"
TRIGGER = re.compile(rf"[{_SPACES}(\[{{\"“‘'’«/—–,;:-]{_TOKEN}")
TRIGGER_AT_START = re.compile(_TOKEN)
