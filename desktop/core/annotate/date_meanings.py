"""What date expressions mean before they have a value, and how each gets its value.

Recognition (:mod:`desktop.core.annotate.date_recognise`) gives each expression a *meaning*:
a fixed value (:class:`Fixed`), a month-day of an unknown year (:class:`MonthDay` for
"February 21st"), a weekday (:class:`Weekday` for "on Monday"), a period counted from
publication (:class:`Deictic` for "two weeks ago") or from the date mentioned before
(:class:`Anaphor` for "the same day")... Resolution (:mod:`desktop.core.annotate.date_resolve`)
turns each into a TIMEX value with ``resolve(context)``, from the publication date, the tense
around it and the dates mentioned before it; the value arithmetic is :mod:`.timex`'s.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Protocol

from desktop.core.annotate.timex import (
    SEASON_CODES,
    SUB_DAY_UNITS,
    VAGUE_WORDS,
    bounds,
    day_value,
    describe_value,
    format_day,
    granularity,
    month_value,
    placeholder,
    season_index,
    season_value,
    shift,
    value_at,
    week_value,
)

# --------------------------------------------------------------------------- meanings
# What a date expression means, before it has a value: a fixed value, a month-day of an
# unknown year, a weekday, a period counted from publication or from the date mentioned
# before... ``resolve`` gives the value, using what the Context knows.


class Context(Protocol):
    """What resolving a meaning may need: the publication date (``anchor``), the tense
    around the expression, and the last dates the narrative moved to."""

    anchor: dt.date | None

    @property
    def published(self) -> str: ...  # the anchor string: "published:2022-04-18"

    @property
    def anchor_words(self) -> str: ...  # "18 April 2022"

    @property
    def relative_note(self) -> str: ...  # "relative to publication, 18 April 2022"

    @property
    def ref_day(self) -> str | None: ...  # the last day the narrative moved to

    @property
    def ref_value(self) -> str | None: ...  # the last date of any size it moved to

    def direction(self) -> tuple[int, str]: ...  # -1 past, 1 future, 0 neither; the cue
    def forward_base(self, cue: str) -> dt.date | None: ...  # what a future counts from


@dataclass(slots=True)
class Resolved:
    value: str
    anchor: str
    note: str


@dataclass(slots=True)
class Fixed:
    """The text says it all: "12 April 2022", "P3W", "daily"."""

    value: str
    note: str = "explicit"

    def resolve(self, ctx: Context) -> Resolved | None:
        return Resolved(self.value, "absolute", self.note)


@dataclass(slots=True)
class Vague:
    """PAST_REF, PRESENT_REF or FUTURE_REF: relative to publication but with no extent."""

    value: str

    def resolve(self, ctx: Context) -> Resolved | None:
        what = VAGUE_WORDS[self.value].replace(" (unspecified)", "")
        if ctx.anchor is None:
            return Resolved(self.value, "none", f"{what}, relative to an unknown publication")
        return Resolved(self.value, ctx.published, f"{what}, as of publication, {ctx.anchor_words}")


@dataclass(slots=True)
class MonthDay:
    """A month (and day) without a year, perhaps a range: "February 11th – 20th", "in May".

    The year is the one that fits the tense: past tense looks back from publication, future
    looks forward, neither takes the nearest occurrence.
    """

    month: int
    day: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    year_step: int | None = None  # "October last year": the year counted from publication

    def occurrence(self, year: int) -> tuple[dt.date, dt.date] | None:
        """First and last day of this partial date placed with its start in ``year``."""
        try:
            first = dt.date(year, self.month, self.day or 1)
            if self.end_month is None:
                if self.day is None:
                    return first, shift(first, 1, "month") - dt.timedelta(days=1)
                return first, first
            end_year = year
            if (self.end_month, self.end_day or 1) < (self.month, self.day or 1):
                end_year += 1  # "December 30 – January 2"
            if self.end_day is None:
                last_month = dt.date(end_year, self.end_month, 1)
                return first, shift(last_month, 1, "month") - dt.timedelta(days=1)
            return first, dt.date(end_year, self.end_month, self.end_day)
        except (ValueError, OverflowError):
            return None

    def candidates(self, anchor: dt.date) -> list[tuple[dt.date, dt.date]]:
        """Its occurrences in the years around ``anchor``, in time order."""
        found = []
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            occurrence = self.occurrence(year)
            if occurrence is not None:
                found.append(occurrence)
        return found

    def choose(self, anchor: dt.date, direction: int,
               candidates: list[tuple[dt.date, dt.date]] | None = None
               ) -> tuple[dt.date, dt.date] | None:  # fmt: skip
        """The occurrence on or before ``anchor`` (direction -1), on or after it (1), or
        the nearest (0)."""
        if candidates is None:
            candidates = self.candidates(anchor)
        chosen = None
        if direction < 0:
            for c in candidates:  # the last that starts on or before the anchor
                if c[0] <= anchor:
                    chosen = c
        elif direction > 0:
            for c in candidates:  # the first that ends on or after it
                if c[1] >= anchor:
                    return c
        else:
            best = -1
            for c in candidates:  # the nearest; on a tie, the earlier
                distance = _distance(c, anchor)
                if best < 0 or distance < best:
                    chosen, best = c, distance
        return chosen

    def value(self, first: dt.date | None, last: dt.date | None) -> str:
        start = _partial_point(first, self.month, self.day)
        if self.end_month is None:
            return start
        return f"{start}/{_partial_point(last, self.end_month, self.end_day)}"

    def resolve(self, ctx: Context) -> Resolved | None:
        if ctx.anchor is None:
            return Resolved(self.value(None, None), "none", "year unknown: no publication date")
        if self.year_step is not None:
            placed = self.occurrence(ctx.anchor.year + self.year_step)
            words = {-1: "last year", 0: "this year", 1: "next year"}.get(self.year_step, "the year")
            return None if placed is None else Resolved(self.value(*placed), ctx.published,
                                                        f"{ctx.relative_note} ('{words}')")  # fmt: skip
        candidates = self.candidates(ctx.anchor)
        chosen = self.choose(ctx.anchor, -1, candidates)
        if chosen is not None and chosen[1] >= ctx.anchor:  # the same occurrence either way
            why = "it includes the publication date"  # no need to ask the tense
        else:
            direction, cue = ctx.direction()
            base = ctx.forward_base(cue) if direction > 0 else None
            if base is not None and base != ctx.anchor:
                chosen, why = self.choose(base, 1), f"{_tense_words(direction, cue)}, after {format_day(base)}"
            else:
                chosen, why = self.choose(ctx.anchor, direction, candidates), _tense_words(direction, cue)
        if chosen is None:
            return None
        return Resolved(self.value(*chosen), ctx.published, f"{ctx.relative_note} ({why})")


def _partial_point(day: dt.date | None, month: int, d: int | None) -> str:
    """The value of one end of a partial date, placed (``day``) or not (None)."""
    if day is None:
        return f"XXXX-{month:02d}-{d:02d}" if d else f"XXXX-{month:02d}"
    return day.isoformat() if d else f"{day.year:04d}-{month:02d}"


@dataclass(slots=True)
class Weekday:
    """A weekday name: "on Monday", "last Friday", "Monday evening"."""

    weekday: int  # 0 = Monday
    rel: str = ""  # last | next | this | that | following | previous | the ("the Sunday march") | ""
    part: str = ""  # MO | AF | EV | NI
    week_step: int | None = None  # "Friday last week": the week counted from publication

    def resolve(self, ctx: Context) -> Resolved | None:
        suffix = f"T{self.part}" if self.part else ""
        if ctx.anchor is None:
            return Resolved(f"XXXX-WXX-{self.weekday + 1}{suffix}", "none", "date unknown")
        if self.rel == "the" and (ref := _ref_weekday(ctx, self.weekday)):
            return Resolved(ref, f"context:{ref}", f"the day mentioned before: {describe_value(ref)}")
        if self.rel in ("that", "following", "previous") and (narrative := self._in_narrative(ctx)):
            return narrative
        if self.week_step is not None:
            anchor = ctx.anchor
            day = anchor + dt.timedelta(days=self.weekday - anchor.weekday(), weeks=self.week_step)
            words = {-1: "last week", 0: "this week", 1: "next week"}.get(self.week_step, "that week")
            return Resolved(day_value(day) + suffix, ctx.published, f"{ctx.relative_note} ('{words}')")
        day, why = self._from_publication(ctx, ctx.anchor)
        return Resolved(day_value(day) + suffix, ctx.published, f"{ctx.relative_note} ({why})")

    def _from_publication(self, ctx: Context, anchor: dt.date) -> tuple[dt.date, str]:
        """The day counted from publication, by the relation word or else by the tense."""
        back = (anchor.weekday() - self.weekday) % 7  # days back to the latest such day
        ahead = (self.weekday - anchor.weekday()) % 7
        if self.rel in ("last", "previous"):
            return anchor - dt.timedelta(days=back or 7), "'last'"
        if self.rel in ("next", "following"):
            return anchor + dt.timedelta(days=ahead or 7), "'next'"
        if self.rel == "this":
            return anchor + dt.timedelta(days=self.weekday - anchor.weekday()), "the same week"
        if back == 0:
            return anchor, "the publication day itself"
        direction, cue = ctx.direction()
        if direction < 0 or (direction == 0 and back <= ahead):
            return anchor - dt.timedelta(days=back), _tense_words(direction, cue)
        return anchor + dt.timedelta(days=ahead), _tense_words(direction, cue)

    def _in_narrative(self, ctx: Context) -> Resolved | None:
        """ "that Saturday": that day of the narrative's week; "the following Monday": after it."""
        ref = ctx.ref_day
        if ref is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
            return None
        day = dt.date.fromisoformat(ref)
        if self.rel == "that":
            day += dt.timedelta(days=self.weekday - day.weekday())
        elif self.rel == "following":
            day += dt.timedelta(days=(self.weekday - day.weekday()) % 7 or 7)
        else:
            day -= dt.timedelta(days=(day.weekday() - self.weekday) % 7 or 7)
        value = day_value(day) + (f"T{self.part}" if self.part else "")
        return Resolved(value, f"context:{ref}", f"the week of the day mentioned before: {_short(ref)}")


def _ref_weekday(ctx: Context, weekday: int) -> str | None:
    """The day the narrative moved to, if it is that weekday ("on 1 November ... the Sunday march")."""
    ref = ctx.ref_day
    if ref is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
        return None
    return ref if dt.date.fromisoformat(ref).weekday() == weekday else None


@dataclass(slots=True)
class Deictic:
    """A period counted from publication: "yesterday", "last week", "two years ago"."""

    amount: int
    unit: str  # day | week | weekend | month | quarter | year | decade | century
    part: str = ""
    words: str = ""

    def resolve(self, ctx: Context) -> Resolved | None:
        suffix = f"T{self.part}" if self.part else ""
        if ctx.anchor is None:
            return Resolved(placeholder(self.unit) + suffix, "none", "publication unknown")
        day = shift(ctx.anchor, self.amount, self.unit)
        value = value_at(day, "day" if self.unit in SUB_DAY_UNITS else self.unit) + suffix
        return Resolved(value, ctx.published, f"{ctx.relative_note} ({self.words or 'deictic'})")


@dataclass(slots=True)
class Season:
    """A season without a year: "last summer", "this spring", "in the autumn"."""

    code: str
    rel: str = ""  # last | next | this | the (before a noun: "the Sunday march") | "" (from the tense)

    def resolve(self, ctx: Context) -> Resolved | None:
        if ctx.anchor is None:
            return Resolved(f"XXXX-{self.code}", "none", "year unknown: no publication date")
        now = season_index(ctx.anchor)
        wanted = SEASON_CODES.index(self.code)
        before = now - (now - wanted) % 4  # the latest such season, perhaps the current one
        after = now + (wanted - now) % 4
        if self.rel == "last":
            index, why = (before if before < now else before - 4), "'last'"
        elif self.rel == "next":
            index, why = (after if after > now else after + 4), "'next'"
        else:
            direction, cue = (0, "") if self.rel == "this" else ctx.direction()
            backward = direction < 0 or (direction == 0 and now - before <= after - now)
            index = before if backward else after
            why = "'this'" if self.rel == "this" else _tense_words(direction, cue)
        return Resolved(season_value(index), ctx.published, f"{ctx.relative_note} ({why})")


@dataclass(slots=True)
class Anaphor:
    """A date counted from the last date the narrative moved to: "on the same day",
    "the next day", "a week later", "that year", "during this time"."""

    amount: int
    unit: str  # day | week | month | year | time (the whole period mentioned before)
    granularity: str
    words: str
    part: str = ""  # MO | AF | EV | NI or a clock time: a part of that day ("by the evening")

    def resolve(self, ctx: Context) -> Resolved | None:
        resolved = self._resolve(ctx)
        if resolved is not None and self.part and re.fullmatch(r"\d{4}-\d\d-\d\d", resolved.value):
            resolved.value += f"T{self.part}"
        return resolved

    def _resolve(self, ctx: Context) -> Resolved | None:
        if self.unit == "time":
            if ctx.ref_value is None:
                return None
            return Resolved(
                ctx.ref_value, f"context:{ctx.ref_value}",
                f"the period mentioned before: {describe_value(ctx.ref_value)}",
            )  # fmt: skip
        ref = ctx.ref_day
        if ctx.ref_value and _at_least_as_fine(granularity(ctx.ref_value), self.granularity):
            ref = ctx.ref_value
        if ref is None and ctx.anchor is not None:  # no date before it: count from publication
            day = shift(ctx.anchor, self.amount, self.unit)
            note = f"{self.words.replace('the date mentioned before:', 'publication,')} {ctx.anchor_words}"
            return Resolved(value_at(day, self.granularity), ctx.published, note)
        if ref is None:
            return Resolved(placeholder(self.granularity), "none", "no date before it")
        span = bounds(ref)
        if span is None:  # a day of an unknown year: "XXXX-04-14"
            value = self._partial_day(ref)
            if value is None:
                return Resolved(placeholder(self.granularity), "none", "no date before it")
            return Resolved(value, f"context:{ref}", f"{self.words} {describe_value(ref)}")
        day = shift(span[1], self.amount, self.unit)
        value = value_at(day, self.granularity)
        return Resolved(value, f"context:{ref}", f"{self.words} {_short(ref)}")

    def _partial_day(self, ref: str) -> str | None:
        m = re.fullmatch(r"XXXX-(\d\d)-(\d\d)", ref)
        if not m or self.granularity != "day" or self.unit != "day":
            return None
        day = dt.date(2001, int(m.group(1)), int(m.group(2))) + dt.timedelta(days=self.amount)
        return f"XXXX-{day.month:02d}-{day.day:02d}"


@dataclass(slots=True)
class Weekend:
    """ "over the weekend": the weekend the tense points to (the last one, or the next)."""

    def resolve(self, ctx: Context) -> Resolved | None:
        if ctx.anchor is None:
            return Resolved("XXXX-WXX-WE", "none", "publication unknown")
        direction, cue = ctx.direction()
        saturday = ctx.anchor + dt.timedelta(days=5 - ctx.anchor.weekday())  # this week's
        if ctx.anchor.weekday() < 5 and direction <= 0:
            saturday -= dt.timedelta(weeks=1)  # a weekday: the weekend just past
        value = week_value(saturday) + "-WE"
        return Resolved(value, ctx.published, f"{ctx.relative_note} ({_tense_words(direction, cue)})")


_FINENESS = ("time", "day", "week", "month", "quarter", "season", "year", "decade", "century")


def _at_least_as_fine(have: str, want: str) -> bool:
    """Can a date of granularity ``have`` stand for one of granularity ``want``?"""
    if have not in _FINENESS or want not in _FINENESS:
        return False
    return _FINENESS.index(have) <= _FINENESS.index(want)


def _distance(span: tuple[dt.date, dt.date], day: dt.date) -> int:
    if span[0] <= day <= span[1]:
        return 0
    return min(abs((span[0] - day).days), abs((span[1] - day).days))


def _short(value: str) -> str:
    """A date in words without the weekday: ``14 April 2022``."""
    if granularity(value) == "day" and (span := bounds(value)):
        return format_day(span[0])
    return describe_value(value)


def _tense_words(direction: int, cue: str) -> str:
    if direction < 0:
        return f"past tense: '{cue}'" if cue else "past tense"
    if direction > 0:
        return f"future: '{cue}'" if cue else "future"
    return "no tense cue: nearest"


@dataclass(slots=True)
class HalfOf:
    """ "the first quarter of this year": a quarter or half of a year counted from publication."""

    year: Deictic
    code: str
    number: int

    def resolve(self, ctx: Context) -> Resolved | None:
        resolved = self.year.resolve(ctx)
        if resolved is None:
            return None
        return Resolved(f"{resolved.value}-{self.code}{self.number}", resolved.anchor, resolved.note)


@dataclass(slots=True)
class CalendarPoint:
    """One end of a calendar expression, with the parts the text gave."""

    year: int | None = None
    month: int | None = None
    day: int | None = None


def join_range(first: CalendarPoint, last: CalendarPoint | None
               ) -> tuple[CalendarPoint, CalendarPoint | None] | None:  # fmt: skip
    """Share the parts a range states once ("September 24 to 30, 2024") and check it."""
    if last is None:
        return (first, None) if _valid_point(first) else None
    _share_parts(first, last)
    if not (_valid_point(first) and _valid_point(last)):
        return None
    return (first, last) if _in_order(first, last) else None


def _share_parts(first: CalendarPoint, last: CalendarPoint) -> None:
    """Give each end of a range the month and year only the other states."""
    if last.month is None:
        last.month = first.month
    if first.month is None:
        first.month = last.month
    if first.year is None and last.year is not None:
        first.year = last.year
        if _month_day(first) > _month_day(last):
            first.year -= 1  # "30 December – 2 January 2019"
    elif last.year is None and first.year is not None:
        last.year = first.year
        if _month_day(last) < _month_day(first):
            last.year += 1


def _month_day(p: CalendarPoint) -> tuple[int, int]:
    return p.month or 0, p.day or 0


def _in_order(first: CalendarPoint, last: CalendarPoint) -> bool:
    """Does the range end after it starts (or, without years, on another day)?"""
    if first.year is not None and last.year is not None:
        return (first.year, *_month_day(first)) < (last.year, *_month_day(last))
    return (first.month, first.day) != (last.month, last.day)


def _valid_point(p: CalendarPoint) -> bool:
    if p.month is None:
        return False
    if p.day is None:
        return True
    try:
        dt.date(p.year or 2000, p.month, p.day)  # 2000 is a leap year: 29 February may stand
    except ValueError:
        return False
    return True


def _point_value(p: CalendarPoint) -> str:
    if p.day is None:
        return month_value(p.year, p.month)  # type: ignore[arg-type]
    return f"{p.year:04d}-{p.month:02d}-{p.day:02d}"


def calendar_meaning(first: CalendarPoint, last: CalendarPoint | None) -> Meaning:
    if first.year is not None and (last is None or last.year is not None):
        value = _point_value(first)
        return Fixed(value if last is None else f"{value}/{_point_value(last)}")
    assert first.month is not None
    if last is None:
        return MonthDay(first.month, first.day)
    return MonthDay(first.month, first.day, last.month, last.day)


Meaning = Fixed | Vague | MonthDay | Weekday | Deictic | Season | Anaphor | HalfOf | Weekend
