"""Reading the phrases built on a unit noun: "two weeks ago", "the same day", "for a decade".

The recogniser stops on a unit noun ("week", "years", "hours"); the words before it (a
preposition, a modifier, a determiner, a relation word, a count) and after it ("ago", "later",
"from now") are read into a :class:`UnitPhrase`, and the readings below are tried from the most
specific: a repetition ("every day"), a date counted from publication or from the date before
("two weeks ago", "a week later"), an anaphor ("that year"), a duration ("more than 10 years"),
a vague plural ("recent months") or a deictic period ("last week").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.annotate import timex
from desktop.core.annotate.date_lexicon import (
    ADJ_WORDS,
    DEICTIC_STEPS,
    DET_WORDS,
    DURATION_PREPOSITIONS,
    MODS,
    NUMBER_WORDS,
    PREP_WORDS,
    REL_WORDS,
)
from desktop.core.annotate.date_meanings import Anaphor, Deictic, Fixed, Meaning, Vague, Weekend
from desktop.core.annotate.date_patterns import UNIT_LEFT

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
        if token in NUMBER_WORDS:
            current += NUMBER_WORDS[token]
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


_SCALES = frozenset(("hundred", "thousand", "dozen"))


#: Every word that can stand before a unit noun in a phrase the reader knows.
_LEFT_VOCABULARY = frozenset(
    [*ADJ_WORDS, *REL_WORDS, *DET_WORDS, *PREP_WORDS, *NUMBER_WORDS, *_SCALES,
     *(w for k in MODS for w in k.split()), "a", "an", "few", "several", "many", "couple",
     "of", "every", "each", "other", "once", "twice", "thrice", "times", "per", "earlier",
     "later"]
)  # fmt: skip


_UNIT_PARTS = ("every", "every_n", "freq", "prep", "edge", "mod", "det", "rel", "num")


@dataclass(slots=True)
class _UnitLeft:
    """The words before a unit noun ("the coming three"), as matched by UNIT_LEFT."""

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
    return all(part in NUMBER_WORDS or part in _SCALES for part in chunk.split("-"))


def read_unit_left(text: str, lo: int, pos: int) -> _UnitLeft:
    """The words before a unit noun ("the coming three", "more than 10", "every").

    Walks back over the words that could belong to such a phrase (cheap set look-ups),
    then matches UNIT_LEFT from the leftmost of them; the first start that matches
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
        m = UNIT_LEFT.fullmatch(text, begin, pos)
        if m is not None:
            return _UnitLeft(begin if m.end() > begin else pos, m)
    return _UnitLeft(pos, None)


@dataclass(slots=True)
class UnitPhrase:
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
    of: bool = False  # "of" follows ("a month of hesitation")
    after_verb: bool = False  # a verb of duration comes first ("may take months")

    @property
    def counted(self) -> bool:
        return self.number is not None

    @property
    def vague_count(self) -> bool:  # "a few", "several"
        return self.num is not None and self.number is None


#: How half a unit is written in the next smaller unit: "P1Y" and a half is "P18M".
_HALVES = {"Y": (12, "M"), "W": (7, "D"), "D": (24, "TH"), "TH": (60, "TM")}


def add_half(value: str) -> str | None:
    """The duration ``value`` and a half more of its unit ("P1Y" -> "P18M"), or None."""
    m = re.fullmatch(r"P(T?)(\d+)([YWDHM])", value)
    if m is None or (m[1] + m[3]) not in _HALVES:
        return None
    factor, code = _HALVES[m[1] + m[3]]
    return f"P{code[:-1]}{int(m[2]) * factor + factor // 2}{code[-1]}"


_Reading = tuple[int, int, Meaning, str, str]  # start, end (-1: the unit's end), meaning, type, mod


def unit_phrase(left: _UnitLeft, right: re.Match[str] | None, unit: str,
                 plural: bool) -> UnitPhrase:  # fmt: skip
    every, every_n, freq, prep, edge, mod_words, det, rel, num = left.words()
    number = _number(num) if num else None
    mod = MODS.get(mod_words or "", "")
    rel, start = _verb_last(left, rel, num, bool(det or prep or mod_words))
    if prep in ("over", "under") and not (det or rel) and number and not mod:
        mod = "MORE_THAN" if prep == "over" else "LESS_THAN"  # "over 10 years"
    elif prep:
        start = left.after_prep()
    after, right_end = _read_right(right)
    edge_start = left.part_start("edge") if edge else start
    return UnitPhrase(
        unit, plural, start, edge_start, right_end, every, every_n, freq, prep, edge, mod,
        det, rel, num, number, after, bool(right and right.group("of")),
    )  # fmt: skip


def _verb_last(left: _UnitLeft, rel: str | None, num: str | None, words_before: bool) -> tuple[str | None, int]:
    """The relation word and where the phrase starts: "last" before "a" is a verb ("would
    last a month"), left out."""
    if rel == "last" and num in ("a", "an") and not words_before:
        return None, left.part_start("num")
    return rel, left.start


def _read_right(right: re.Match[str] | None) -> tuple[str, int]:
    """The word after a unit noun ("ago", "from now", "later"...) and where it ends, or ("", -1)."""
    if right is None or right.group("hyphen") or right.group("of"):
        return "", -1
    after = next(right.group(k) for k in ("ago", "fromnow", "later", "adverb") if right.group(k))
    after = re.sub(r"\s+", " ", after.strip().lower())
    return {"afterwards": "later", "afterward": "later"}.get(after, after), right.end()


def unit_meaning(p: UnitPhrase) -> _Reading | None:
    """What the words around a unit noun mean, tried from the most specific reading."""
    if p.unit in timex.SUB_DAY_UNITS and not (p.counted or p.every or p.freq or p.vague_count or _bare_plural(p)):
        return None
    if p.unit == "second" and not p.plural and p.after not in ("ago", "from now"):
        return None  # "a second time", "the second round": an ordinal
    for reading in (_repetition, _counted_from, _anaphora, _duration, _plural_reference,
                    _deictic_unit):  # fmt: skip
        meaning = reading(p)
        if meaning is not None:
            return meaning
    return None


def _repetition(p: UnitPhrase) -> _Reading | None:
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


def _counted_from(p: UnitPhrase) -> _Reading | None:
    """ "two weeks ago", "ten years from now" (from publication); "a week later", "two
    days earlier", "the day before" (from the last date mentioned)."""
    if not p.after or (p.after == "on" and not p.counted):
        return None
    if p.after in ("ago", "from now"):
        return _from_publication(p)
    return _from_date_before(p)


def _count(p: UnitPhrase) -> tuple[str, int | None]:
    """The unit and the number of them, a fortnight counted as two weeks."""
    unit, amount = p.unit, int(p.number) if p.counted else None  # type: ignore[arg-type]
    if unit == "fortnight" and amount is not None:
        unit, amount = "week", amount * 2
    return unit, amount


def _count_words(p: UnitPhrase) -> str:
    return f"{p.num} {p.unit}{'s' if p.plural else ''}"


def _from_publication(p: UnitPhrase) -> _Reading | None:
    """ "two weeks ago", "ten years from now"; "years ago", "a few months from now" (vague)."""
    unit, amount = _count(p)
    if amount is None:
        if not (p.vague_count or p.plural):
            return None
        return p.start, p.right_end, Vague("PAST_REF" if p.after == "ago" else "FUTURE_REF"), "DATE", ""
    sign = -1 if p.after == "ago" else 1
    return p.start, p.right_end, Deictic(sign * amount, unit, words=f"{_count_words(p)} {p.after}"), "DATE", ""


def _from_date_before(p: UnitPhrase) -> _Reading | None:
    """ "a week later", "two days earlier" (counted); "the day before", "the year after"."""
    unit, amount = _count(p)
    if unit in timex.SUB_DAY_UNITS or unit == "weekend":
        return None
    if amount is not None and not p.det and not p.rel:
        sign = -1 if p.after in ("earlier", "before") else 1
        side = "before" if sign < 0 else "after"
        words = f"{_count_words(p)} {side} the date mentioned before:"
        spec = Anaphor(sign * amount, unit, "day" if unit == "week" else unit, words)
        return p.start, p.right_end, spec, "DATE", ""
    if p.det == "the" and not p.rel and amount is None and p.after in ("before", "after"):
        sign = -1 if p.after == "before" else 1
        spec = Anaphor(sign, unit, unit, f"the {unit} {p.after} the date mentioned before:")
        return p.start, p.right_end, spec, "DATE", ""
    return None


def _anaphora(p: UnitPhrase) -> _Reading | None:
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


def _duration(p: UnitPhrase) -> _Reading | None:
    """ "the coming three weeks", "more than 10 years", "for two decades", "20-year",
    "within the next week", "over the past year"."""
    if p.unit == "weekend":
        return None
    if p.counted or p.vague_count:
        if not _counted_duration(p):
            return None
        return p.start, -1, Fixed(timex.duration_value(p.number, p.unit)), "DURATION", p.mod
    if _uncounted_duration(p):
        amount = None if p.plural else 1
        return p.start, -1, Fixed(timex.duration_value(amount, p.unit)), "DURATION", ""
    return None


def _counted_duration(p: UnitPhrase) -> bool:
    """Is a counted unit a duration ("for two years"), not "a year" alone nor "that year"?"""
    if p.num in ("a", "an") and not (p.prep or p.mod or p.rel or p.of or p.after_verb):
        return False  # "a year" alone: "twice a year", "$5 billion a year"
    if _one_day_idiom(p):
        return False
    return not (p.rel in ("same", "preceding") or p.det in ("that", "this"))


def _one_day_idiom(p: UnitPhrase) -> bool:
    """ "One day, the regime will fall": the idiom (some day), not a day's length ("lasted one
    day", "for one day", "one day of talks" are)."""
    return p.num == "one" and p.unit == "day" and not (p.plural or p.prep or p.mod or p.det or p.of or p.after_verb)


def _uncounted_duration(p: UnitPhrase) -> bool:
    """ "the past year", "the next week" (one unit); "the past years", "for years" (some)."""
    if p.det == "the":
        return p.rel in ("past", "last") or (p.rel == "next" and not p.plural)
    return _bare_plural(p)


def _bare_plural(p: UnitPhrase) -> bool:
    """ "for years", "within hours", "may take months": some units, no word but a preposition
    of duration or a verb of duration before them."""
    if p.det or p.rel or p.num or p.after or not p.plural:
        return False
    return p.prep in DURATION_PREPOSITIONS or (p.prep is None and p.after_verb)


def _plural_reference(p: UnitPhrase) -> _Reading | None:
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


def _deictic_unit(p: UnitPhrase) -> _Reading | None:
    """ "last week", "next month", "this year", "earlier this year", "the coming year"."""
    if p.plural or p.unit in ("day", "fortnight") or p.unit in timex.SUB_DAY_UNITS:
        return None
    if p.unit == "weekend" and p.det == "the" and not p.rel:
        return p.start, -1, Weekend(), "DATE", ""  # "over the weekend"
    if p.det == "the" and p.rel in ("coming", "upcoming"):
        return p.start, -1, Deictic(1, p.unit, words=f"the coming {p.unit}"), "DATE", ""
    if _counts_from_now(p):
        amount = DEICTIC_STEPS.get(p.rel or "", 0)
        words = f"{p.edge + ' ' if p.edge else ''}{p.rel or 'this'} {p.unit}"
        return p.edge_start, -1, Deictic(amount, p.unit, words=words), "DATE", ""
    return None


def _counts_from_now(p: UnitPhrase) -> bool:
    """ "last week", "next month", "this year": no determiner but a step, or "this" alone."""
    return (p.det is None and p.rel in DEICTIC_STEPS) or (p.det == "this" and not p.rel)
