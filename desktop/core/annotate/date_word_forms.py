"""Recognising the date expressions that hinge on a word rather than on a calendar date.

"yesterday", "tonight", "now", "soon", "in the near future", "in the past", "last summer",
"this morning", "at that time", "the first quarter of this year", "the 20th century": each
has a small recogniser here, called from :class:`~desktop.core.annotate.date_recognise.Recogniser`
when the prefilter stops on its word; each returns a :class:`Found` with its meaning, or None.
"""

from __future__ import annotations

import re

from desktop.core.annotate.date_lexicon import (
    BARE_NOUN_FOLLOWERS,
    CLOCK_PREPOSITIONS,
    CLOCK_WORDS,
    DAY_WORDS,
    DETERMINERS,
    EDGES,
    HALF_UNITS,
    HOLIDAY_NOUNS,
    HOLIDAYS,
    MODS,
    ORDINALS,
    PARTS,
    SEASONS,
    VAGUE,
)
from desktop.core.annotate.date_meanings import Anaphor, Deictic, Fixed, HalfOf, MonthDay, Season, Vague
from desktop.core.annotate.date_patterns import (
    CENTURY_LEFT,
    EVERY_LEFT,
    FUTURE_LEFT,
    HALF_A,
    HALF_LEFT,
    HALF_MOD_LEFT,
    HALF_RIGHT,
    HOLIDAY,
    PART_LEFT,
    PART_RIGHT,
    PART_THE_LEFT,
    PAST_LEFT,
    PERIOD_LEFT,
    RIGHT_LEFT,
    SEASON_LEFT,
    SEASON_RIGHT,
    SOON_AFTER,
    THE_LEFT,
    UNIT_AHEAD,
)
from desktop.core.annotate.date_scan import Found, Scanner


class WordForms(Scanner):
    """The recognisers of expressions built on a word (see the module)."""

    def _day_word(self, lower: str, start: int, end: int) -> Found | None:
        part = "NI" if lower == "tonight" else ""
        stop = end
        if not part and (part_m := PART_RIGHT.match(self.text, end)):
            part, stop = PARTS[part_m.group("part")], part_m.end()
        words = {
            "yesterday": "the day before",
            "today": "the same day",
            "tomorrow": "the day after",
            "tonight": "the same night",
        }[lower]
        spec = Deictic(DAY_WORDS[lower], "day", part, words)
        return self._found(start, stop, spec, "TIME" if part else "DATE")

    def _vague(self, lower: str, start: int, end: int) -> Found | None:
        text = self.text
        if text[end : end + 1] == "-":
            return None  # "the now-defunct"
        begin = start
        if lower == "soon" and (self._prev_word(start) == "as" or SOON_AFTER.match(text, end)):
            return None  # "as soon as", "soon after his return"
        if lower == "now" and (right := self._left(RIGHT_LEFT, start, 1)):
            begin = right.start()  # "right now"
        return self._found(begin, end, Vague(VAGUE[lower]))

    def _future(self, start: int, end: int) -> Found | None:
        m = self._left(FUTURE_LEFT, start, 5)
        if m is None or re.match(r"\s+of\b", self.text[end : end + 6]):
            return None  # "the future of this dialogue" is not a time
        begin = m.start("the") if m.group("the") else m.start("adj") if m.group("adj") else start
        return self._found(begin, end, Vague("FUTURE_REF"))

    def _past(self, start: int, end: int) -> Found | None:
        m = self._left(PAST_LEFT, start, 4)
        if m is None or UNIT_AHEAD.match(self.text, end):
            return None  # "the past two weeks" is the unit's business
        return self._found(m.start("the"), end, Vague("PAST_REF"))

    def _season(self, word: str, start: int, end: int) -> Found | None:
        text, code = self.text, SEASONS[word.lower()]
        year_m = SEASON_RIGHT.match(text, end)
        if year_m:
            begin, mod = self._edge(start)
            if begin == start and (the := self._left(THE_LEFT, start, 1)):
                begin = the.start()
            return self._found(begin, year_m.end(), Fixed(f"{year_m.group('y')}-{code}"), mod=mod)
        if word[0].isupper():
            return None  # "the Arab Spring"
        if every := self._left(EVERY_LEFT, start, 1):
            return self._found(every.start(), end, Fixed(f"XXXX-{code}", "repeats"), "SET")  # "every autumn"
        return self._season_alone(word, code, start, end)

    def _season_alone(self, word: str, code: str, start: int, end: int) -> Found | None:
        """A season with no year: "last summer", "in the autumn", "use the winter to"."""
        m = self._left(SEASON_LEFT, start, 4)
        if m is None and word != "fall" and (the := self._left(THE_LEFT, start, 1)) and self._stands_alone(end):
            return self._found(the.start(), end, Season(code))
        if m is None or (word == "fall" and not (m.group("rel") or m.group("the"))):
            return None
        if word == "fall" and self.text[end : end + 3] == " of":
            return None  # "the fall of the regime"
        if m.group("rel"):
            rel = {"past": "last", "coming": "next"}.get(m.group("rel").lower(), m.group("rel").lower())
            return self._found(m.start("rel"), end, Season(code, rel))
        begin = m.start("the") if m.group("the") else m.start("edge") if m.group("edge") else start
        mod = EDGES[m.group("edge").lower()] if m.group("edge") else ""
        return self._found(begin, end, Season(code), mod=mod)

    def _stands_alone(self, end: int) -> bool:
        """Does a season or a part of the day after a bare "the" end there ("the winter, and",
        "by the evening,"), not modify a noun?"""
        after = self.text[end : end + 1]
        if not after or after in ",.;:!?)—–\n":
            return True
        word = self._next_word(end)
        return after == " " and word in BARE_NOUN_FOLLOWERS

    def _part_of_day(self, lower: str, start: int, end: int) -> Found | None:
        m = self._left(PART_LEFT, start, 1)
        if m is None and (the := self._left(PART_THE_LEFT, start, 2)) and self._stands_alone(end):
            spec = Anaphor(0, "day", "day", f"the {lower} of the date mentioned before:", PARTS[lower])
            return self._found(the.start("the"), end, spec, "TIME")  # "by the evening"
        if m is None or not m.group("which"):
            return None
        which = m.group("which")
        if which in ("every", "each"):  # "every morning"
            return self._found(m.start(), end, Fixed(f"XXXX-XX-XXT{PARTS[lower]}", "repeats"), "SET")
        amount = {"yesterday": -1, "tomorrow": 1, "this": 0, "last": -1}[which]
        if which == "last" and lower != "night":
            return None
        spec = Deictic(amount, "day", PARTS[lower], f"{which} {lower}")
        return self._found(m.start(), end, spec, "TIME")

    def _clock_word(self, word: str, start: int, end: int) -> Found | None:
        """ "at midnight", "by noon": a time of the day mentioned before (midnight: the next)."""
        if word != word.lower() or self._prev_word(start) not in CLOCK_PREPOSITIONS:
            return None
        clock = CLOCK_WORDS[word]
        step = 1 if clock == "00:00" else 0
        return self._found(
            start, end, Anaphor(step, "day", "day", f"{word} of the date mentioned before:", clock), "TIME"
        )

    def _period(self, start: int, end: int) -> Found | None:
        m = self._left(PERIOD_LEFT, start, 3)
        if m is None or re.match(r"\s+of\b", self.text[end : end + 5]):
            return None  # "at the time of writing"
        det, prep = re.sub(r"\s+", " ", m.group("det").lower()), m.group("prep").lower()
        if (det == "the" and prep != "at") or det == "the same":
            return None  # "during the period", "at the same time" (= also)
        if det == "this" and prep == "at":
            return self._found(m.start("det"), end, Vague("PRESENT_REF"))
        return self._found(m.start("det"), end, Anaphor(0, "time", "", "the period"))

    def _half_a(self, start: int, end: int) -> Found | None:
        """ "half a year", "more than half a century": a duration of half the unit."""
        m = HALF_A.match(self.text, end)
        if m is None:
            return None
        value = HALF_UNITS[m["unit"].lower()]
        begin, mod = start, ""
        if mods := self._left(HALF_MOD_LEFT, start, 3):
            begin, mod = mods.start(), MODS[" ".join(mods["mod"].lower().split())]
        return self._found(begin, m.end(), Fixed(value), "DURATION", mod)

    def _half(self, start: int, end: int, code: str) -> Found | None:
        if code == "H" and (found := self._half_a(start, end)):
            return found
        left = self._left(HALF_LEFT, start, 2)
        right = HALF_RIGHT.match(self.text, end)
        if left is None or right is None:
            return None
        number = ORDINALS[left.group("ord").lower()]
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

    def _century(self, start: int, end: int) -> Found | None:
        m = self._left(CENTURY_LEFT, start, 4)
        if m is None:
            return None
        ordinal = m.group("ord").lower()
        number = {"nineteenth": 19, "twentieth": 20, "twenty-first": 21}.get(ordinal)
        if number is None:
            number = int(re.match(r"\d+", ordinal).group())  # type: ignore[union-attr]
        if not 1 <= number <= 21:
            return None
        mod = EDGES[m.group("edge").lower()] if m.group("edge") else ""
        return self._found(m.start(), end, Fixed(f"{number - 1:02d}"), mod=mod)

    def _holiday(self, start: int) -> Found | None:
        """ "Independence Day", "Victory Day 2020": the holiday's day, in the year the tense
        points to unless the year is given."""
        m = HOLIDAY.match(self.text, start)
        if m is None:
            return None
        month, day = HOLIDAYS[m["name"]]
        following = self._next_word(m.end())
        if (
            not m["y"]
            and self._prev_word(start) in DETERMINERS
            and following.islower()
            and following not in HOLIDAY_NOUNS
        ):
            return None  # "the Independence Day holiday": a name that modifies a noun, left to it
        if m["y"]:
            return self._found(start, m.end(), Fixed(f"{m['y']}-{month:02d}-{day:02d}"))
        return self._found(start, m.end(), MonthDay(month, day))

    def _determiner_before_adjective(self, start: int, following: str) -> bool:
        """ "the disputed 2020 election": a determiner, one lower-case word, the year, a noun."""
        prev_start = self.text.rfind(" ", max(0, start - 30), start - 1)
        word = self.text[prev_start + 1 : start - 1]
        if not following.islower() or not word.isalpha() or not word.islower():
            return False
        return self._prev_word(prev_start + 1) in DETERMINERS
