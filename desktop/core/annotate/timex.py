"""TIMEX3-style values: building them from dates, shifting them, and saying them in words.

The tagger (:mod:`desktop.core.annotate.dates`) decides *which* value a phrase has; this module
knows what the value strings look like: ``2022-04-12`` (day), ``2022-W38`` (ISO week),
``2022-W38-WE`` (its weekend), ``2024-11`` (month), ``2012`` (year), ``199`` (decade),
``19`` (century), ``2022-SP`` (season), ``2022-Q1`` / ``2022-H2`` (quarter, half),
``2021-11-29T13:33`` (date and time), ``2022-09-26TEV`` (part of a day),
``2018-10-30/2018-11-01`` (interval), ``P3W`` / ``PT48H`` / ``PXY`` (durations) and
``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF``. Unknown parts are written ``X``
(``XXXX-04-12``: 12 April of an unknown year).

The *meanings* the tagger gives expressions before they have a value, and how they resolve
to one, are in :mod:`desktop.core.annotate.date_meanings`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: TIMEX3 season codes in calendar order; winter ``YYYY-WI`` is the winter that begins in
#: December of YYYY.
SEASON_CODES = ("SP", "SU", "FA", "WI")
SEASON_WORDS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
PART_OF_DAY_WORDS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
VAGUE_WORDS = {
    "PAST_REF": "the past (unspecified)",
    "PRESENT_REF": "the present",
    "FUTURE_REF": "the future (unspecified)",
}
#: Duration unit letter -> (singular, plural) words; ``T`` units are clock units.
_DURATION_WORDS = {
    "Y": ("year", "years"), "M": ("month", "months"), "W": ("week", "weeks"),
    "D": ("day", "days"), "DE": ("decade", "decades"), "CE": ("century", "centuries"),
    "TH": ("hour", "hours"), "TM": ("minute", "minutes"), "TS": ("second", "seconds"),
}  # fmt: skip
#: Units shorter than a day: counted from a date, they stay on that day (day granularity).
SUB_DAY_UNITS = frozenset(("hour", "minute", "second"))
_SET_WORDS = {"P1D": "every day", "P1W": "every week", "P1M": "every month", "P1Y": "every year"}
_ORDINAL_WORDS = ("first", "second", "third", "fourth")


# --------------------------------------------------------------------------- building


def day_value(day: dt.date) -> str:
    return day.isoformat()


def week_value(day: dt.date) -> str:
    """The ISO week that contains ``day``: ``2022-W38``."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def season_index(day: dt.date) -> int:
    """A running number for the season containing ``day`` (year * 4 + SEASON_CODES index)."""
    if day.month == 12:
        return day.year * 4 + 3
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def season_value(index: int) -> str:
    return f"{index // 4:04d}-{SEASON_CODES[index % 4]}"


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + (month - 1) + months
    return total // 12, total % 12 + 1


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` units (day, week, weekend, month, year, decade, century).

    Sub-day units (hour, minute, second) leave the day as it is: without a clock time, "3
    hours ago" is the anchor day.

    Month and year steps keep the day of the month where it exists (31 March minus a month
    is 28 or 29 February). Raises OverflowError/ValueError outside the calendar.
    """
    if unit == "day":
        return day + dt.timedelta(days=amount)
    if unit in SUB_DAY_UNITS:
        return day  # no clock time to move: the day itself
    if unit in ("week", "weekend"):
        return day + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit]
    year, month = add_months(day.year, day.month, amount * months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def value_at(day: dt.date, granularity: str) -> str:
    """The value of the period of the given granularity that contains ``day``."""
    if granularity == "day":
        return day_value(day)
    if granularity == "week":
        return week_value(day)
    if granularity == "weekend":
        return week_value(day) + "-WE"
    if granularity == "month":
        return month_value(day.year, day.month)
    if granularity == "quarter":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "decade":
        return f"{day.year // 10:03d}"
    if granularity == "century":
        return f"{day.year // 100:02d}"
    raise ValueError(f"unknown granularity {granularity!r}")


def placeholder(granularity: str) -> str:
    """A value for a period whose position in time is unknown (no anchor)."""
    return {
        "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
        "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
    }.get(granularity, "XXXX-XX-XX")  # fmt: skip


def duration_value(amount: float | None, unit: str) -> str:
    """``P3W``, ``P10Y``, ``PT48H``; ``amount=None`` gives ``PXY`` (an unknown number of years).

    Decades and centuries become years when counted ("two decades" is ``P20Y``), and stay
    ``PXDE`` / ``PXCE`` when not.
    """
    code, factor = {
        "day": ("D", 1), "week": ("W", 1), "fortnight": ("W", 2), "month": ("M", 1),
        "quarter": ("M", 3), "year": ("Y", 1), "decade": ("Y", 10), "century": ("Y", 100),
        "hour": ("TH", 1), "minute": ("TM", 1), "second": ("TS", 1),
    }[unit]  # fmt: skip
    if amount is None:
        code = {"decade": "DE", "century": "CE"}.get(unit, code)
        number = "X"
    else:
        total = amount * factor
        number = str(int(total)) if float(total).is_integer() else f"{total:g}"
    if code.startswith("T"):
        return f"PT{number}{code[1:]}"
    return f"P{number}{code}"


# --------------------------------------------------------------------------- reading

_DAY_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_TIME_RE = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)(?::(\d\d))?")
_PART_RE = re.compile(r"(\d{4}-\d\d-\d\d)T(MO|AF|EV|NI)")
_WEEK_RE = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_MONTH_RE = re.compile(r"(\d{4})-(\d\d)")
_SEASON_RE = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_QUARTER_RE = re.compile(r"(\d{4})-([QH])(\d)")
_DURATION_RE = re.compile(r"P(T?)(X|\d+(?:\.\d+)?)(DE|CE|[YMWDHS])")
_PARTIAL_DAY_RE = re.compile(r"XXXX-(\d\d)-(\d\d)")
_PARTIAL_MONTH_RE = re.compile(r"XXXX-(\d\d)")
_PARTIAL_WEEKDAY_RE = re.compile(r"XXXX-WXX-([1-7])(?:T(MO|AF|EV|NI))?")


@functools.lru_cache(maxsize=4096)
def bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a calendar value, or None (durations, vague, unknown parts)."""
    try:
        return _bounds(value)
    except (ValueError, OverflowError):
        return None


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = bounds(first), bounds(last)
        return (a[0], b[1]) if a and b else None
    for pattern, read in _BOUNDS_READERS:
        if m := pattern.fullmatch(value):
            return read(m)
    if value.isdigit() and 2 <= len(value) <= 4:
        span = 10 ** (4 - len(value))
        first = int(value) * span
        return dt.date(first, 1, 1), dt.date(first + span - 1, 12, 31)
    return None


def _day_bounds(m: re.Match[str]) -> tuple[dt.date, dt.date]:
    day = dt.date.fromisoformat(m.group(0))
    return day, day


def _timed_day_bounds(m: re.Match[str]) -> tuple[dt.date, dt.date]:
    """A day with a time or a part of the day (group 1 is the day)."""
    day = dt.date.fromisoformat(m.group(1))
    return day, day


def _week_bounds(m: re.Match[str]) -> tuple[dt.date, dt.date]:
    monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    if m.group(3):
        return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
    return monday, monday + dt.timedelta(days=6)


def _season_bounds(m: re.Match[str]) -> tuple[dt.date, dt.date]:
    year, index = int(m.group(1)), SEASON_CODES.index(m.group(2))
    first_year, first_month = add_months(year, 3 + 3 * index, 0)
    last_year, last_month = add_months(first_year, first_month, 2)
    return dt.date(first_year, first_month, 1), _month_end(last_year, last_month)


def _quarter_bounds(m: re.Match[str]) -> tuple[dt.date, dt.date] | None:
    year, size, number = int(m.group(1)), 3 if m.group(2) == "Q" else 6, int(m.group(3))
    if not 1 <= number <= 12 // size:
        return None
    return dt.date(year, size * (number - 1) + 1, 1), _month_end(year, size * number)


def _month_bounds(m: re.Match[str]) -> tuple[dt.date, dt.date]:
    year, month = int(m.group(1)), int(m.group(2))
    return dt.date(year, month, 1), _month_end(year, month)


#: The calendar values whose bounds :func:`_bounds` reads, in the order they are tried.
_BOUNDS_READERS = (
    (_TIME_RE, _timed_day_bounds), (_PART_RE, _timed_day_bounds), (_DAY_RE, _day_bounds),
    (_WEEK_RE, _week_bounds), (_SEASON_RE, _season_bounds), (_QUARTER_RE, _quarter_bounds),
    (_MONTH_RE, _month_bounds),
)  # fmt: skip


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def granularity(value: str) -> str:
    """``day``, ``week``, ``month``, ``year``... of a calendar value ('' if not one)."""
    if "/" in value:
        return granularity(value.partition("/")[2])
    checks = (
        (_TIME_RE, "time"), (_PART_RE, "time"), (_DAY_RE, "day"), (_PARTIAL_DAY_RE, "day"),
        (_WEEK_RE, "week"), (_SEASON_RE, "season"), (_QUARTER_RE, "quarter"),
        (_MONTH_RE, "month"), (_PARTIAL_MONTH_RE, "month"),
    )  # fmt: skip
    for pattern, name in checks:
        if pattern.fullmatch(value):
            return name
    if value.isdigit():
        return {4: "year", 3: "decade", 2: "century"}.get(len(value), "")
    return ""


# --------------------------------------------------------------------------- words


def format_day(day: dt.date) -> str:
    """``12 April 2022``."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_day_long(day: dt.date) -> str:
    """``Tuesday, 12 April 2022``."""
    return f"{WEEKDAY_NAMES[day.weekday()]}, {format_day(day)}"


def format_span(first: dt.date, last: dt.date) -> str:
    """A day range with shared parts said once: ``11–20 February 2013``,
    ``30 October – 1 November 2018``, ``30 December 2024 – 5 January 2025``."""
    if first == last:
        return format_day(first)
    if first.year != last.year:
        return f"{format_day(first)} – {format_day(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTH_NAMES[first.month - 1]} – {format_day(last)}"
    return f"{first.day}–{format_day(last)}"


def describe_value(value: str, type: str = "") -> str:
    """Words for a tooltip: ``2022-04-12`` -> ``Tuesday, 12 April 2022``, ``2022-W38`` ->
    ``the week of 19–25 September 2022``, ``P3W`` -> ``3 weeks``, ``PAST_REF`` -> ``the
    past (unspecified)``. With ``type="SET"`` a duration reads as a repetition ("every day").
    Values it does not know are returned as they are."""
    try:
        words = _describe(value, type)
    except (ValueError, OverflowError, IndexError):
        words = None
    return words or value


def _describe(value: str, type: str) -> str | None:
    if value in VAGUE_WORDS:
        return VAGUE_WORDS[value]
    if value.startswith("P"):
        return _describe_duration(value, type)
    if "/" in value:
        return _describe_interval(value)
    for pattern, say in _DESCRIBERS:
        if m := pattern.fullmatch(value):
            return say(m)
    if value.isdigit() and len(value) in _DIGITS_WORDS:
        return _DIGITS_WORDS[len(value)](int(value))
    return _describe_partial(value)


def _describe_time(m: re.Match[str]) -> str:
    return f"{m.group(2)}:{m.group(3)} on {format_day_long(dt.date.fromisoformat(m.group(1)))}"


def _describe_part(m: re.Match[str]) -> str:
    return f"the {PART_OF_DAY_WORDS[m.group(2)]} of {format_day_long(dt.date.fromisoformat(m.group(1)))}"


def _describe_week(m: re.Match[str]) -> str | None:
    first, last = _bounds(m.group(0)) or (None, None)
    if first is None or last is None:
        return None
    what = "the weekend of" if m.group(3) else "the week of"
    return f"{what} {format_span(first, last)}"


def _describe_quarter(m: re.Match[str]) -> str:
    part = "quarter" if m.group(2) == "Q" else "half"
    return f"the {_ORDINAL_WORDS[int(m.group(3)) - 1]} {part} of {int(m.group(1))}"


#: The calendar values :func:`_describe` puts in words, in the order they are tried.
_DESCRIBERS = (
    (_TIME_RE, _describe_time),
    (_PART_RE, _describe_part),
    (_DAY_RE, lambda m: format_day_long(dt.date.fromisoformat(m.group(0)))),
    (_WEEK_RE, _describe_week),
    (_SEASON_RE, lambda m: f"{SEASON_WORDS[m.group(2)]} {int(m.group(1))}"),
    (_QUARTER_RE, _describe_quarter),
    (_MONTH_RE, lambda m: f"{MONTH_NAMES[int(m.group(2)) - 1]} {int(m.group(1))}"),
)

#: Years, decades and centuries (by the number of digits) in words.
_DIGITS_WORDS = {
    4: lambda n: str(n),
    3: lambda n: f"the {n * 10}s",
    2: lambda n: f"the {_ordinal(n + 1)} century",
}


def _describe_partial(value: str) -> str | None:
    if m := _PARTIAL_DAY_RE.fullmatch(value):
        return f"{int(m.group(2))} {MONTH_NAMES[int(m.group(1)) - 1]} (year unknown)"
    if m := _PARTIAL_MONTH_RE.fullmatch(value):
        return f"{MONTH_NAMES[int(m.group(1)) - 1]} (year unknown)"
    if m := _PARTIAL_WEEKDAY_RE.fullmatch(value):
        day = WEEKDAY_NAMES[int(m.group(1)) - 1]
        part = f" {PART_OF_DAY_WORDS[m.group(2)]}" if m.group(2) else ""
        return f"a {day}{part} (date unknown)"
    if value.startswith("XXXX-") and value[5:] in SEASON_CODES:
        return f"{SEASON_WORDS[value[5:]]} (year unknown)"
    if set(value) <= set("X-W"):
        return "a date that depends on the unknown publication date"
    return None


def _describe_interval(value: str) -> str | None:
    first, _, last = value.partition("/")
    if _DAY_RE.fullmatch(first) and _DAY_RE.fullmatch(last):
        return format_span(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    a, b = _describe(first, ""), _describe(last, "")
    if a is None or b is None:
        return None
    if _MONTH_RE.fullmatch(first) and _MONTH_RE.fullmatch(last) and first[:4] == last[:4]:
        a = a.rsplit(" ", 1)[0]  # "March – May 2022"
    pa, pb = _PARTIAL_DAY_RE.fullmatch(first), _PARTIAL_DAY_RE.fullmatch(last)
    if pa and pb:
        da, ma, db, mb = int(pa.group(2)), int(pa.group(1)), int(pb.group(2)), int(pb.group(1))
        left = f"{da}" if ma == mb else f"{da} {MONTH_NAMES[ma - 1]}"
        return f"{left}–{db} {MONTH_NAMES[mb - 1]} (year unknown)"
    joiner = "–" if first.isdigit() and last.isdigit() else " – "
    return f"{a}{joiner}{b}"


def _describe_duration(value: str, type: str) -> str | None:
    m = _DURATION_RE.fullmatch(value)
    if not m:
        return None
    clock, number, unit = m.groups()
    key = "T" + unit if clock else unit
    if key not in _DURATION_WORDS:
        return None
    one, many = _DURATION_WORDS[key]
    if type == "SET":
        if value in _SET_WORDS:
            return _SET_WORDS[value]
        return f"every {number} {many}" if number != "X" else f"every few {many}"
    if number == "X":
        return f"{many} (an unspecified number)"
    return f"{number} {one if number == '1' else many}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
