"""Resolution, the second pass of the date tagger: a value for each expression found.

The expressions are walked in text order; each meaning (:mod:`desktop.core.annotate.date_meanings`)
is resolved against this :class:`Resolver`, which knows the publication date (the anchor), the
tense around the expression (:mod:`desktop.core.annotate.date_tense`) and the last date the
narrative moved to. Dates that are attributes of a document ("a letter, dated April 6th") and
page stamps ("Updated at ...") do not move the narrative; their role is only worked out when an
anaphor ("the same day") needs the reference time, so most texts never pay for it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from desktop.core.annotate import timex
from desktop.core.annotate.date_lexicon import ATTRIBUTE_WORDS, STAMP_WORDS
from desktop.core.annotate.date_patterns import ATTRIBUTE_LEFT, ATTRIBUTE_RIGHT, BE_LEFT, STAMP_LEFT
from desktop.core.annotate.date_scan import ROLE_ATTRIBUTE, ROLE_EVENT, ROLE_STAMP, Found, left_of
from desktop.core.annotate.date_tense import future_in_past, tense_around
from desktop.core.annotate.records import DateMention


def role_of(text: str, start: int, end: int) -> str:
    """Stamp, document attribute or event, from the words around a date expression."""
    line_start = text.rfind("\n", max(0, start - 40), start)
    if line_start >= 0 or start <= 40:
        label = text[max(0, line_start) : start].lower()
        if any(word in label for word in STAMP_WORDS) and STAMP_LEFT.search(text, max(0, line_start), start):
            return ROLE_STAMP
    left = None
    if not ATTRIBUTE_WORDS.isdisjoint(text[max(0, start - 40) : start].lower().split()[-3:]):
        left = left_of(text, ATTRIBUTE_LEFT, start, 3)
    if left and not (
        left.group("verb")
        and left.group("verb").lower() != "dated"
        and BE_LEFT.search(text, max(0, left.start() - 12), left.start())
    ):
        return ROLE_ATTRIBUTE  # "a letter, dated April 6th"; not "was signed on"
    if ATTRIBUTE_RIGHT.match(text, end):
        return ROLE_ATTRIBUTE  # "the April 6 letter"
    return ROLE_EVENT


#: A date after these starts or ends a period or a habit ("protests every Sunday since the
#: election of 9 August"): the narrative does not move to it ("By the evening" is not 9 August's).
_BACKGROUND_LEFT = re.compile(r"\b(?:since|until|till|every|each)\s+(?:[\w’'-]+\s+){0,4}$", re.IGNORECASE)


# --------------------------------------------------------------------------- resolution


class Resolver:
    """Gives values to found expressions in text order (the second pass)."""

    def __init__(self, text: str, anchor: dt.date | None,
                 sentences: Sequence[tuple[int, int]] | None) -> None:  # fmt: skip
        self.text = text
        self.anchor = anchor
        self.sentences = sentences
        self._starts: list[int] | None = None  # sentence starts, for bisect, when needed
        self._ref_day: str | None = None  # the last day the narrative moved to
        self._ref_value: str | None = None  # the last date of any size it moved to
        self._ref_start = -1  # where the expression that moved it starts
        self._pending: list[tuple[Found, str]] = []  # dates whose role is not checked yet
        self._current: Found | None = None  # the expression being resolved
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

    def resolve(self, found: Sequence[Found]) -> list[DateMention]:
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

    def role(self, f: Found) -> str:
        if not f.role:
            f.role = role_of(self.text, f.start, f.end)
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
            if self.role(f) == ROLE_EVENT and not _BACKGROUND_LEFT.search(self.text, max(0, f.start - 60), f.start):
                self._remember(value, f.start)
        self._pending.clear()

    def _remember(self, value: str, start: int) -> None:
        """Move the narrative reference time to a date just mentioned (at ``start``)."""
        if value.endswith("_REF") or value.startswith("P") or "XXXX-XX" in value:
            return
        last = value.partition("/")[2] or value
        if len(last) >= 10 and last[4] == "-" and last[7] == "-" and last[8:10].isdigit():
            self._ref_day = last[:10]  # a day, a day and time, or a part of a day
        elif not timex.granularity(value):
            return
        self._ref_value, self._ref_start = value, start

    # ---- tense

    def direction(self, f: Found | None = None) -> tuple[int, str]:
        """-1 if the sentence around ``f`` (by default the expression being resolved) points
        to the past, 1 to the future, 0 if it says neither; with the cue word."""
        f = f or self._current
        if f is None:
            return 0, ""
        lo, hi = self._sentence(f.start, f.end) if self.sentences else (0, len(self.text))
        return tense_around(self.text, f.start, f.end, lo, hi)

    def forward_base(self, cue: str) -> dt.date | None:
        """What a date looking forward counts from: the publication date, or, for the future
        of a past ("agreed to meet", "would visit"), the day of its sentence the narrative moved
        to before it ("On 3 March they agreed to meet in May": May after 3 March)."""
        if self.anchor is None or not future_in_past(cue):
            return self.anchor
        self._catch_up()
        f = self._current
        span = timex.bounds(self._ref_value) if self._ref_value else None
        if f is None or span is None or self._ref_start < 0:
            return self.anchor
        lo = self._sentence(f.start, f.end)[0] if self.sentences else 0
        if not lo <= self._ref_start < f.start:
            return self.anchor
        return span[0] if span[0] < self.anchor else self.anchor

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """The given sentence around ``start:end`` (or the whole text)."""
        if self._starts is None:
            self.sentences = sorted(self.sentences or ())
            self._starts = [a for a, _ in self.sentences]
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self.sentences[i][1] >= end:
            return self.sentences[i]
        return 0, len(self.text)
