"""Inferring the publication date of an article that does not give one.

The latest explicit date the text mentions in the past is taken (found by the date tagger's
recognition, :mod:`desktop.core.annotate.date_recognise`), adjusted by the month-days it
mentions and by page stamps ("Published ...", "Updated ..."). The analysis
(:mod:`desktop.core.annotate.analysis`) anchors the text's relative dates on the result.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from desktop.core.annotate import timex
from desktop.core.annotate.date_lexicon import DEADLINE_WORDS, PUBLISHED_STAMP_WORDS
from desktop.core.annotate.date_meanings import Fixed, MonthDay
from desktop.core.annotate.date_recognise import Recogniser
from desktop.core.annotate.date_resolve import Resolver, role_of
from desktop.core.annotate.date_scan import ROLE_STAMP, Found, word_before

if TYPE_CHECKING:
    from desktop.core.annotate.dates import DateTagger


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
    stamps, events, partials = _gather(text)
    published = [day for day, says_published in stamps if says_published]
    if published:
        return max(published), f"the page says it was published on {timex.format_day(max(published))}"
    latest = _latest_event(events, partials)
    updated = max((day for day, _ in stamps), default=None)
    if latest is None:
        if updated is not None:
            return updated, f"only a page stamp: {timex.format_day(updated)}"
        return None, "no explicit date or page stamp in the text"
    return _weigh_stamp(*latest, updated)


_Stamp = tuple[dt.date, bool]  # (day, says "published")
_Event = tuple[dt.date, str]  # (first day, value)
_Partial = tuple[MonthDay, int]  # (month-day, tense direction)


def _gather(text: str) -> tuple[list[_Stamp], list[_Event], list[_Partial]]:
    """The page stamps, the explicit dates in the past and the month-days of the text."""
    resolver = Resolver(text, None, None)
    stamps: list[_Stamp] = []
    events: list[_Event] = []
    partials: list[_Partial] = []
    for f in Recogniser(text).run():
        if isinstance(f.spec, Fixed) and f.type in ("DATE", "TIME"):
            _gather_fixed(text, resolver, f, stamps, events)
        elif isinstance(f.spec, MonthDay):
            direction = resolver.direction(f)[0]
            if direction <= 0:
                partials.append((f.spec, direction))
    return stamps, events, partials


def _gather_fixed(text: str, resolver: Resolver, f: Found, stamps: list[_Stamp],
                  events: list[_Event]) -> None:  # fmt: skip
    """A fixed date: a page stamp, an event in the past, or neither (a deadline, a decade)."""
    value = f.spec.value  # type: ignore[union-attr]
    span = timex.bounds(value)
    if span is None or timex.granularity(value) in ("", "decade", "century"):
        return
    if role_of(text, f.start, f.end) == ROLE_STAMP:
        label = text[max(0, f.start - 30) : f.start].lower()
        stamps.append((span[0], any(word in label for word in PUBLISHED_STAMP_WORDS)))
    elif resolver.direction(f)[0] <= 0 and word_before(text, max(0, f.start - 20), f.start) not in DEADLINE_WORDS:
        events.append((span[0], value))


def _weigh_stamp(day: dt.date, words: str, updated: dt.date | None) -> tuple[dt.date, str]:
    """The latest date mentioned, or an "updated" page stamp close enough to it."""
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
        return anchor, timex.describe_value(base_value)
    return anchor, timex.format_day(anchor)
