"""What recognition records and the small helpers it reads the text with.

A :class:`Found` is an expression recognition has found (its span and its meaning), before
:mod:`desktop.core.annotate.date_resolve` gives it a value. :class:`Scanner` is the base of the
recogniser (:mod:`desktop.core.annotate.date_recognise`): the text, the end of the last
expression found, and the look-ups of the words just before or after a position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop.core.annotate.date_lexicon import EDGES, MONTHS
from desktop.core.annotate.date_meanings import CalendarPoint, Meaning
from desktop.core.annotate.date_patterns import EDGE_LAST_WORDS, EDGE_LEFT, NEXT_WORD

# --------------------------------------------------------------------------- roles
# The internal records below are plain (not frozen) slotted dataclasses: the tagger makes
# several per mention, and frozen ones cost several times more to construct.

ROLE_EVENT = "event"  # moves the narrative reference time
ROLE_ATTRIBUTE = "attribute"  # a date of a document ("dated April 6th")
ROLE_STAMP = "stamp"  # a page stamp ("Updated at 13:33,29-11-2021")


@dataclass(slots=True)
class Found:
    """An expression found by recognition, before its value is resolved."""

    start: int
    end: int
    spec: Meaning
    type: str = "DATE"
    mod: str = ""
    role: str = ""  # ROLE_*, found out only when needed ("" until then)


# --------------------------------------------------------------------------- recognition


def point_of(m: re.Match[str]) -> CalendarPoint:
    """The parts of a date a calendar pattern matched ("y", "m", "d" groups)."""
    names = m.re.groupindex
    year = m.group("y") if "y" in names else None
    month = m.group("m") if "m" in names else None
    day = m.group("d") if "d" in names else None
    return CalendarPoint(
        int(year) if year else None,
        MONTHS[month.rstrip(".").lower()] if month else None,
        int(day.rstrip("stndrh")) if day else None,
    )


def left_of(text: str, pattern: re.Pattern[str], pos: int, words: int = 4, floor: int = 0
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


def word_before(text: str, lo: int, pos: int) -> str:
    end = pos
    while end > lo and text[end - 1] in " \t":
        end -= 1
    begin = end
    while begin > lo and text[begin - 1].isalpha():
        begin -= 1
    return text[begin:end].lower()


class Scanner:
    """The text being read and where the last expression found ends."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.floor = 0  # the end of the last expression found: nothing may start before it

    # ---- helpers

    def _left(self, pattern: re.Pattern[str], pos: int, words: int = 4) -> re.Match[str] | None:
        """``pattern`` (ending in \\Z) matched in the few words before ``pos``, never before
        the floor. The window is cut at a word boundary ``words`` words back, so the
        search tries few positions."""
        return left_of(self.text, pattern, pos, words, self.floor)

    def _prev_word(self, pos: int) -> str:
        """The word just before ``pos`` (lower case), or "" if punctuation comes first."""
        return word_before(self.text, max(self.floor, pos - 30), pos)

    def _next_word(self, pos: int) -> str:
        m = NEXT_WORD.match(self.text, pos)
        return m.group(1) if m else ""

    def _found(self, start: int, end: int, spec: Meaning, type: str = "DATE", mod: str = ""
               ) -> Found:  # fmt: skip
        return Found(start, end, spec, type, mod)

    def _edge(self, start: int) -> tuple[int, str]:
        """A modifier before a month, year or decade: "early 2022", "mid-September"."""
        if self.text[start - 1 : start] != "-" and self._prev_word(start) not in EDGE_LAST_WORDS:
            return start, ""  # a cheap test first
        m = self._left(EDGE_LEFT, start, 4)
        if not m:
            return start, ""
        word = (m.group("e1") or m.group("e2") or m.group("e3")).lower()
        return m.start(), EDGES[word]
