"""Tenures in the actors file: ``roles: [{role, from, to, title?}]`` with partial dates.

Dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a YAML date); each covers its first to its
last day, so "from: 2012-08" begins on 1 August and "to: 2012" ends on 31 December.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from desktop.core.annotate.gazetteer_records import GazetteerError, Tenure

#: Makes the error of a field: ``fail(where, problem)``.
Fail = Callable[[str, str], GazetteerError]

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True, slots=True)
class _Bound:
    first: dt.date
    last: dt.date
    label: str


def parse_partial_date(value: Any) -> _Bound:
    """YYYY, YYYY-MM or YYYY-MM-DD (or a YAML date) as the first and last day it covers."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _Bound(value, value, f"{calendar.month_name[value.month]} {value.year}")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    match = _DATE_RE.match(str(value).strip())
    if not match:
        raise ValueError(f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if month is None:
        return _Bound(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r}: month {month} does not exist")
    label = f"{calendar.month_name[month]} {year}"
    if day is None:
        return _Bound(dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)), label)
    try:
        exact = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r}: day {day} does not exist") from None
    return _Bound(exact, exact, label)


def read_tenures(raw: Any, where: str, role_ids: set[str], fail: Fail) -> tuple[Tenure, ...]:
    """The ``roles`` field of the actor at ``where``; errors name ``roles[i].field``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise fail(where, "roles: expected a list of {role, from, to}")
    return tuple(_tenure(item, f"roles[{index}]", where, role_ids, fail) for index, item in enumerate(raw))


def _tenure(item: Any, at: str, where: str, role_ids: set[str], fail: Fail) -> Tenure:
    if not isinstance(item, dict):
        raise fail(where, f"{at}: expected a mapping with role, from and to")
    role = item.get("role")
    if not isinstance(role, str) or role not in role_ids:
        raise fail(where, f"{at}.role: unknown role id {role!r}")
    if "from" not in item or item["from"] is None:
        raise fail(where, f"{at}.from: missing (the date the role began)")
    try:
        start = parse_partial_date(item["from"])
        end = parse_partial_date(item["to"]) if item.get("to") is not None else None
    except ValueError as exc:
        raise fail(where, f"{at}.{_date_field(item)}: {exc}") from None
    if end is not None and end.last < start.first:
        raise fail(where, f"{at}.to: {item['to']} is before from {item['from']}")
    title = item.get("title")
    if title is not None and not isinstance(title, str):
        raise fail(where, f"{at}.title: expected text")
    if end is None:
        return Tenure(role, title or "", start.first, None, start.label, "")
    return Tenure(role, title or "", start.first, end.last, start.label, end.label)


def _date_field(item: Mapping[str, Any]) -> str:
    try:
        parse_partial_date(item["from"])
    except ValueError:
        return "from"
    return "to"
