"""Recognition, the first pass of the date tagger: date expressions found in a text.

One compiled prefilter (:data:`~desktop.core.annotate.date_patterns.TRIGGER`) runs over the text
for the few tokens a date expression can hinge on; at each, the expression around it is matched
with small anchored patterns: numeric dates and page stamps, years and decades, calendar dates
and their ranges, weekdays, unit phrases ("two weeks ago", "the same day", :mod:`.date_units`)
and the word-based expressions of :mod:`.date_word_forms`. Each gives a :class:`Found` with a
meaning; expressions never overlap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

from desktop.core.annotate import timex
from desktop.core.annotate.date_lexicon import (
    CLOCK_WORDS,
    COUNT_NOUNS,
    DAY_WORDS,
    DEICTIC_STEPS,
    DETERMINERS,
    DURATION_VERBS,
    EVENT_PLURALS,
    HEAD_NOUNS,
    HOLIDAY_FIRST_WORDS,
    MONTH_WORDS,
    MONTHS,
    PARTS,
    PRESENT_AFTER,
    SEASONS,
    SETS,
    UNITS,
    VAGUE,
    WEAK_MONTH_WORDS,
    WEEKDAYS,
    YEAR_VERBS,
    YEAR_WORDS,
)
from desktop.core.annotate.date_meanings import (
    CalendarPoint,
    Deictic,
    Fixed,
    Meaning,
    MonthDay,
    Vague,
    Weekday,
    calendar_meaning,
    join_range,
)
from desktop.core.annotate.date_patterns import (
    AND_SEP,
    CLOCK_AFTER,
    CLOCK_FIRST,
    DECADE,
    EVERY_LEFT,
    FIRST_POINTS,
    HALF_MORE,
    MONTH_AND_LEFT,
    NUMERIC,
    PART_RIGHT,
    PERIOD_YEAR,
    RANGE_SEP,
    SECOND_POINTS,
    STAMP_DATE_FIRST,
    STAMP_TIME_FIRST,
    THE_LEFT,
    TRIGGER,
    TRIGGER_AT_START,
    UNIT_RIGHT,
    WEEK_STEP,
    WEEKDAY_AFTER,
    WEEKDAY_LEFT,
    YEAR_AND_LEFT,
    YEAR_RANGE,
    YEAR_STEP,
)
from desktop.core.annotate.date_scan import ROLE_ATTRIBUTE, Found, left_of, point_of
from desktop.core.annotate.date_units import UnitPhrase, add_half, read_unit_left, unit_meaning, unit_phrase
from desktop.core.annotate.date_word_forms import WordForms


class Recogniser(WordForms):
    """Finds date expressions in one text (the first pass)."""

    def run(self) -> list[Found]:
        found: list[Found] = []
        text = self.text
        first = TRIGGER_AT_START.match(text)
        for m in itertools.chain((first,) if first else (), TRIGGER.finditer(text)):
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

    # ---- digits

    def _digits(self, start: int, end: int) -> Found | None:
        text = self.text
        if start and text[start - 1] in "$€£#+№":
            return None
        if found := self._numeric(start) or self._clock_first(start):
            return found
        if text[end : end + 1] in (",", ".") and text[end + 1 : end + 2].isdigit():
            return None  # "2,000", "3.5"
        token = text[start:end]
        if token.endswith("s") and len(token) == 5:
            return self._decade(start)
        if token[-2:] in ("st", "nd", "rd", "th") or len(token) <= 2:
            return self._calendar(start, ("DD", "DM"))
        if len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2099:
            return self._year(start, end)
        return None

    def _numeric(self, start: int) -> Found | None:
        """ "2022-04-12", "29-11-2021", "12.04.2022", "13:33,29-11-2021" (a page stamp)."""
        text = self.text
        if start and (
            text[start - 1].isdigit() or (text[start - 1] in "-./:" and start > 1 and text[start - 2].isdigit())
        ):
            return None  # inside a longer run of numbers: a phone number or a code
        for pattern in (STAMP_TIME_FIRST, STAMP_DATE_FIRST, NUMERIC):
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

    def _clock_first(self, start: int) -> Found | None:
        """ "11:42pm, 11 Aug, 2020": a clock time, then a day with its year."""
        clock = CLOCK_FIRST.match(self.text, start)
        day = self._calendar(clock.end(), ("DM", "MD")) if clock else None
        if clock is None or day is None or not isinstance(day.spec, Fixed) or len(day.spec.value) != 10:
            return None
        hour = int(clock["hh"])
        if clock["ap"] and hour <= 12:
            hour = hour % 12 + (12 if clock["ap"].lower() == "p" else 0)
        return self._found(start, day.end, Fixed(f"{day.spec.value}T{hour:02d}:{clock['mi']}"), "TIME")

    def _decade(self, start: int) -> Found | None:
        m = DECADE.match(self.text, start)
        if m is None:
            return None
        begin, mod = self._edge(start)
        if begin == start and (the := self._left(THE_LEFT, start, 1)):
            begin = the.start()
        return self._found(begin, m.end(), Fixed(m.group("y")[:3]), mod=mod)

    def _year(self, start: int, end: int) -> Found | None:
        text = self.text
        prev = self._prev_word(start)
        m = YEAR_RANGE.match(text, start)
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
        if word in COUNT_NOUNS:
            return True
        return (
            len(word) > 3
            and word.endswith("s")
            and not word.endswith(("ss", "us", "is"))
            and word not in EVENT_PLURALS
            and "'" not in word
            and "’" not in word
        )

    def _year_context(self, start: int, end: int, prev: str) -> bool:
        text = self.text
        if prev in YEAR_WORDS:
            return True
        after = text[end : end + 2]
        if (
            after[:1] in (",", ";", ")", ":")
            or after in (". ", ".\n", "’s", "'s")
            or (after == "." and end + 1 == len(text))
            or end == len(text)
        ):
            return True
        if left_of(self.text, YEAR_AND_LEFT, start, 3):  # may look past the floor
            return True  # "in 1994 and 1997"
        following = self._next_word(end)
        if following and (prev in DETERMINERS or self._determiner_before_adjective(start, following)):
            return True  # "the 2020 election", "the disputed 2020 election" (plural counts were refused before)
        before = text[max(0, start - 4) : start].rstrip(" \"“‘'(")
        at_sentence_start = not before or before[-1] in ".!?;:\n"
        return at_sentence_start and following.lower() in YEAR_VERBS

    # ---- calendar expressions: points and ranges

    def _calendar(self, start: int, forms: Sequence[str], weekday_start: int | None = None
                  ) -> Found | None:  # fmt: skip
        """Month-based expressions and their ranges, starting at ``start``."""
        m, form = self._first_point(start, forms)
        if m is None:
            return None
        joined = self._range(m, form, start)
        if joined is None:
            return None
        (first, last), end = joined
        step = YEAR_STEP.match(self.text, end) if first.year is None and last is None else None
        if first.day is None and weekday_start is None:
            return self._month(m, start, end, (first, last), step)
        begin = start if weekday_start is None else weekday_start
        if step is not None:
            return self._year_step(first, begin, step, "")
        return self._point(first, last, begin, end, "")

    def _month(self, m: re.Match[str], start: int, end: int,
               points: tuple[CalendarPoint, CalendarPoint | None], step: re.Match[str] | None
               ) -> Found | None:  # fmt: skip
        """A calendar expression without a day: "in May", "every February", "the August election"."""
        first, last = points
        if last is None and (every := self._left(EVERY_LEFT, start, 1)):
            return self._found(every.start(), end, Fixed(f"XXXX-{first.month:02d}", "repeats"), "SET")
        begin, mod = self._edge(start)
        if not (step or self._month_alone_ok(m, begin, start, first, last)):
            return None
        if step is not None:
            return self._year_step(first, begin, step, mod)
        found = self._point(first, last, begin, end, mod)
        if first.year is None and last is None and self._adjectival(m, start):
            found.role = ROLE_ATTRIBUTE  # "the August election" does not move the narrative
        return found

    def _year_step(self, first: CalendarPoint, begin: int, step: re.Match[str], mod: str) -> Found:
        """ "October last year", "24 February last year": a year counted from publication."""
        spec = MonthDay(first.month, first.day, year_step=DEICTIC_STEPS.get(step["rel"], 0))  # type: ignore[arg-type]
        return self._found(begin, step.end(), spec, mod=mod)

    def _adjectival(self, m: re.Match[str], start: int) -> bool:
        """A month alone that modifies a noun after a determiner: "the August election"."""
        return m.group("m") != "May" and self._prev_word(start) in DETERMINERS and self._next_word(m.end()).islower()

    def _point(self, first: CalendarPoint, last: CalendarPoint | None, begin: int, end: int,
               mod: str) -> Found:  # fmt: skip
        """A calendar point or range; a day with a year may take a clock time after it."""
        if last is None and first.day and first.year and (clock := CLOCK_AFTER.match(self.text, end)):
            value = f"{first.year:04d}-{first.month:02d}-{first.day:02d}"  # "14 March 2023 10:45"
            return self._found(begin, clock.end(), Fixed(f"{value}T{int(clock['hh']):02d}:{clock['mi']}"),
                               "TIME")  # fmt: skip
        return self._found(begin, end, calendar_meaning(first, last), mod=mod)

    def _first_point(self, start: int, forms: Sequence[str]) -> tuple[re.Match[str] | None, str]:
        """The first of the calendar forms that matches at ``start``, and its name."""
        for form in forms:
            m = FIRST_POINTS[form].match(self.text, start)
            if m is not None:
                return m, form
        return None, ""

    def _range(self, m: re.Match[str], form: str, start: int
               ) -> tuple[tuple[CalendarPoint, CalendarPoint | None], int] | None:  # fmt: skip
        """The points of a calendar expression (a range if a second point follows) and its end."""
        first = point_of(m)
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
        return points, end

    def _second_point(self, form: str, start: int, end: int) -> tuple[CalendarPoint | None, int]:
        text = self.text
        sep = RANGE_SEP.match(text, end)
        if sep is None and (sep := AND_SEP.match(text, end)) and self._prev_word(start) != "between":
            sep = None  # "and" joins a range only after "between"
        if sep is None:
            return None, end
        for pattern in SECOND_POINTS.get(form, ()):
            m = pattern.match(text, sep.end())
            if m is not None:
                return point_of(m), m.end()
        return None, end

    def _month_alone_ok(self, m: re.Match[str], begin: int, start: int, first: CalendarPoint,
                        last: CalendarPoint | None) -> bool:  # fmt: skip
        """A month with no day: "in May" yes, "May I" no; abbreviations need a year."""
        name = m.group("m")
        if first.year is not None or last is not None:
            return first.year is not None or self._range_of_months_ok(name, begin, start)
        if len(name.rstrip(".")) <= 4 and name not in ("June", "July", "May"):
            return False
        prev = self._prev_word(start)
        if name == "May" and prev in WEAK_MONTH_WORDS and begin == start:
            return False  # "calls for May to resign"
        if begin < start or prev in MONTH_WORDS or prev in WEAK_MONTH_WORDS:
            return True
        if left_of(self.text, MONTH_AND_LEFT, start, 3):
            return True  # "in March and May"
        if self._adjectival(m, start):
            return True  # "the August election"
        return name not in ("March", "May", "April", "June", "August")

    def _range_of_months_ok(self, name: str, begin: int, start: int) -> bool:
        """ "March to May" needs a word before it ("from March to May"): "May" may be a name."""
        return name[:3] not in ("Mar", "May") or self._prev_word(start) in MONTH_WORDS or begin < start

    # ---- words

    def _word(self, word: str, start: int, end: int) -> Found | None:
        lower = word.lower()
        if len(word) == 2 and word[0] in "QH" and (year := PERIOD_YEAR.match(self.text, end)):
            return self._found(start, year.end(), Fixed(f"{year['y']}-{word}"))  # "Q3 2022"
        if word[0].isupper() and lower in MONTHS:
            return self._calendar(start, ("MD", "M"))
        if word in HOLIDAY_FIRST_WORDS and (holiday := self._holiday(start)):
            return holiday
        for words, read in _WORD_READERS:
            if lower in words:
                return read(self, word, start, end)
        return None

    def _weekday_plural(self, word: str, start: int, end: int) -> Found | None:
        """ "Mondays": every Monday."""
        return self._found(start, end, Fixed(f"XXXX-WXX-{_PLURAL_WEEKDAYS[word.lower()] + 1}"), "SET")

    def _unit_word(self, word: str, start: int, end: int) -> Found | None:
        lower = word.lower()
        if UNITS[lower] == "century" and (found := self._century(start, end)):
            return found
        if UNITS[lower] == "quarter":
            return self._half(start, end, "Q")
        return self._unit(lower, start, end)

    def _set_word(self, word: str, start: int, end: int) -> Found | None:
        return self._found(start, end, Fixed(SETS[word.lower()], "repeats"), "SET")

    def _head_noun(self, word: str, start: int, end: int) -> Found | None:
        """ "time", "period", "half", "future", "past", "present" (see head_nouns in dates.yaml)."""
        reading = HEAD_NOUNS[word.lower()]
        if reading == "period":
            return self._period(start, end)
        if reading == "half":
            return self._half(start, end, "H")
        if reading == "future":
            return self._future(start, end)
        if reading == "past":
            return self._past(start, end)
        if reading == "present" and self._prev_word(start) in PRESENT_AFTER:
            return self._found(start, end, Vague("PRESENT_REF"))
        return None

    def _weekday(self, lower: str, start: int, end: int) -> Found | None:
        text = self.text
        after = WEEKDAY_AFTER.match(text, end)
        if after and (found := self._calendar(after.end(), ("MD", "DM"), weekday_start=start)):
            return found  # "Monday, 26 September 2022"
        rel, begin = self._weekday_relation(start)
        if rel == "every":
            return self._found(begin, end, Fixed(f"XXXX-WXX-{WEEKDAYS[lower] + 1}"), "SET")
        part_m = PART_RIGHT.match(text, end)
        part = PARTS[part_m.group("part")] if part_m else ""
        stop = part_m.end() if part_m else end
        spec = Weekday(WEEKDAYS[lower], rel, part)
        if not rel and (week := WEEK_STEP.match(text, stop)):
            spec.week_step, stop = DEICTIC_STEPS.get(week["rel"], 0), week.end()  # "Friday last week"
        found = self._found(begin, stop, spec, "TIME" if part else "DATE")
        if not (rel or part) and self._prev_word(start) == "the" and self._next_word(end).islower():
            spec.rel, found.role = "the", ROLE_ATTRIBUTE  # "the Sunday march": the day before
        return found

    def _weekday_relation(self, start: int) -> tuple[str, int]:
        """The relation word before a weekday ("last", "that", "the following", "every") and
        where the expression starts; ("", start) if none."""
        rel_m = self._left(WEEKDAY_LEFT, start, 2)
        rel = rel_m.group("rel").lower() if rel_m else ""
        if rel_m is None or (rel not in _WEEKDAY_RELATIONS and rel != "every"):
            return "", start
        return rel, rel_m.start("the" if rel in _NARRATIVE_RELATIONS and rel_m["the"] else "rel")

    def _unit(self, word: str, start: int, end: int) -> Found | None:
        """Expressions built on a unit noun: durations, "last week", "two weeks ago",
        "the same day", "a week later", "recent months", "every day"."""
        text = self.text
        right = UNIT_RIGHT.match(text, end)
        if right and right.group("hyphen") and text[end : end + 2] != "-l":
            return None  # "day-to-day", "10-year-old"; but "year-long"
        if right and right.group("of") and not word.endswith("s") and self._prev_word(start) not in ("a", "an"):
            return None  # "the last week of September", "the day of the vote"; not "a month of"
        left = read_unit_left(text, max(self.floor, start - 45), start)
        unit = UNITS[word]
        phrase = unit_phrase(left, right, unit, word != unit and word.endswith("s"))
        phrase.after_verb = self._prev_word(phrase.start) in DURATION_VERBS
        meaning = unit_meaning(phrase)
        if meaning is None:
            return self._edge_of_the(unit, phrase, start, end)
        begin, stop, spec, type, mod = meaning
        if type == "DURATION":
            spec, stop = self._and_a_half(spec, stop, end)
        if isinstance(spec, Deictic) and spec.unit not in ("day", "weekend"):
            edge_begin, edge = self._edge(begin)  # "the end of last year", "early next month"
            if edge:
                begin, mod = edge_begin, edge
        return self._found(begin, max(end, stop), spec, type, mod)

    def _and_a_half(self, spec: Meaning, stop: int, end: int) -> tuple[Meaning, int]:
        """ "the past year and a half": a duration half a unit longer."""
        half = HALF_MORE.match(self.text, end)
        value = add_half(spec.value) if half and isinstance(spec, Fixed) else None
        return (Fixed(value), half.end()) if value and half else (spec, stop)

    def _edge_of_the(self, unit: str, phrase: UnitPhrase, start: int, end: int) -> Found | None:
        """ "the end of the year", "the beginning of the month": that period of publication."""
        if unit not in ("year", "month") or phrase.plural or phrase.det != "the" or phrase.rel or phrase.num:
            return None
        begin, mod = self._edge(start)
        if not mod or self.text[end : end + 3] == " of" or self.text[end + 1 : end + 2].isdigit():
            return None
        return self._found(begin, end, Deictic(0, unit, words=f"the {unit}"), mod=mod)


#: Relation words before a weekday: counted from publication ("last Friday") or from the
#: day the narrative moved to ("that Saturday", "the following Monday").
_NARRATIVE_RELATIONS = ("that", "following", "previous")
_WEEKDAY_RELATIONS = ("last", "next", "this", *_NARRATIVE_RELATIONS)

_PLURAL_WEEKDAYS = {f"{name}s": number for name, number in WEEKDAYS.items()}

#: What a word the prefilter stopped on may begin, tried in this order (months first, above).
_WORD_READERS = (
    (WEEKDAYS, lambda r, word, start, end: r._weekday(word.lower(), start, end)),
    (_PLURAL_WEEKDAYS, Recogniser._weekday_plural),
    (UNITS, Recogniser._unit_word),
    (SETS, Recogniser._set_word),
    (DAY_WORDS, lambda r, word, start, end: r._day_word(word.lower(), start, end)),
    (VAGUE, lambda r, word, start, end: r._vague(word.lower(), start, end)),
    (SEASONS, Recogniser._season),
    (PARTS, lambda r, word, start, end: r._part_of_day(word.lower(), start, end)),
    (CLOCK_WORDS, Recogniser._clock_word),
    (HEAD_NOUNS, Recogniser._head_noun),
)


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
