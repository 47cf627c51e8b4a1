"""The time axis of the timeline: how a gap is said, what a cluster is called, and its ticks.

Each cluster of the broken axis gets ticks that suit its own span (days, weeks, months or
years), at least ``min_tick`` pixels apart. Plain data, no Qt.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Tick:
    """A tick of the axis: ``label`` is drawn just right of ``x``."""

    day: dt.date
    x: float
    label: str
    major: bool  # the start of a month (day ticks) or of a year (month ticks): a stronger line


def allocate(spans: Sequence[float], total: float, minimum: float) -> list[float]:
    """Share ``total`` in proportion to ``spans``, but give nobody less than ``minimum``."""
    fixed: set[int] = set()
    while True:
        free = total - minimum * len(fixed)
        weight = sum(s for i, s in enumerate(spans) if i not in fixed)
        widths = [minimum if i in fixed else free * s / weight for i, s in enumerate(spans)]
        short = {i for i, w in enumerate(widths) if i not in fixed and w < minimum}
        if not short:
            return widths
        fixed |= short
        if len(fixed) == len(spans):
            return [minimum] * len(spans)


def gap_words(days: int) -> str:
    """How long a break is, as a reader would say it: "5½ years later", "4 months later"."""
    if days >= 335:
        halves = max(2, round(days / 365.25 * 2))
        whole, half = divmod(halves, 2)
        number = f"{whole}½" if half else str(whole)
        return f"{number} {'year' if halves == 2 else 'years'} later"
    if days >= 56:
        return f"{round(days / 30.44)} months later"
    if days >= 14:
        return f"{round(days / 7)} weeks later"
    return f"{days} {'day' if days == 1 else 'days'} later"


def year_label(first: dt.date, last: dt.date) -> str:
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


# ---------------------------------------------------------------------------------- ticks

# (kind, count, shortest length in days), finest first: the shortest, so that February
# still keeps its ticks ``min_tick`` apart.
_STEPS: tuple[tuple[str, int, float], ...] = (
    ("day", 1, 1),
    ("day", 2, 2),
    ("week", 1, 7),
    ("week", 2, 14),
    ("month", 1, 28),
    ("month", 2, 59),
    ("month", 3, 90),
    ("month", 6, 181),
    *(("year", n, 365 * n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)),
)


def _step_for(px_per_day: float, min_tick: float) -> tuple[str, int]:
    for kind, count, days in _STEPS:
        if days * px_per_day >= min_tick:
            return kind, count
    return "year", 1000


_ON_STEP = {
    "day": lambda day, count: day.toordinal() % count == 0,
    "week": lambda day, count: day.weekday() == 0 and (day.toordinal() // 7) % count == 0,
    "month": lambda day, count: (day.month - 1) % count == 0,
    "year": lambda day, count: day.month == 1 and day.year % count == 0,
}
_NEXT_MONTH = {
    "month": lambda year, month: (year + 1, 1) if month == 12 else (year, month + 1),
    "year": lambda year, month: (year + 1, 1),
}


def _every_day(first: dt.date, last: dt.date) -> Iterable[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


def _month_starts(kind: str, first: dt.date, last: dt.date) -> Iterable[dt.date]:
    """The first days of the months (or, for years, of the Januaries) from ``first``'s month to ``last``'s."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield dt.date(year, month, 1)
        year, month = _NEXT_MONTH[kind](year, month)


def _tick_days(kind: str, count: int, first: dt.date, last: dt.date) -> Iterable[dt.date]:
    """The days from ``first`` to ``last`` (inclusive) that start a step of ``kind``."""
    days = _every_day(first, last) if kind in ("day", "week") else _month_starts(kind, first, last)
    on_step = _ON_STEP[kind]
    return (day for day in days if first <= day and on_step(day, count))


def _tick_label(day: dt.date, kind: str, several_years: bool) -> str:
    if kind in ("day", "week"):
        return f"{day.day} {MONTHS[day.month - 1]}"
    if kind == "month":
        name = MONTHS[day.month - 1]
        return f"{name} {day.year}" if several_years or day.month == 1 else name
    return str(day.year)


def axis_ticks(start: float, end: float, x0: float, x1: float, min_tick: float) -> tuple[Tick, ...]:
    """Ticks for the days ``start``..``end`` drawn between ``x0`` and ``x1``."""
    px_per_day = (x1 - x0) / (end - start)
    kind, count = _step_for(px_per_day, min_tick)
    first = dt.date.fromordinal(max(1, math.ceil(start)))
    last = dt.date.fromordinal(min(dt.date.max.toordinal(), math.floor(end)))
    several = first.year != last.year
    ticks = []
    for day in _tick_days(kind, count, first, last):
        x = x0 + (day.toordinal() - start) * px_per_day
        if x > x1 - min_tick * 0.75:  # its label would run into the break
            break
        major = (kind in ("day", "week") and day.day == 1) or (kind == "month" and day.month == 1)
        ticks.append(Tick(day, x, _tick_label(day, kind, several), major))
    return tuple(ticks)
