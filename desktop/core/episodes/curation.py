"""Named episodes and merge windows: the rules of ``corpus/episodes.yaml``.

A named rule labels whatever episodes the extraction finds that match it; it names its event
types and a date window, and an episode outside that window never matches it. The merge windows
say how far apart the dates of two articles' accounts may lie and still tell of one happening.
Both are read through :mod:`desktop.core.files.schema`, so an error names the entry and the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from desktop.core.files import schema
from desktop.core.files.lexicons import DataFileError, load_yaml

SOURCE = "episodes.yaml"


def _iso_date(value: str | dt.date) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _non_empty(value: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        raise ValueError("needs at least one event type")
    return value


@dataclass(frozen=True)
class _RuleData:
    types: tuple[str, ...] = field(metadata={"check": _non_empty})
    from_: str | dt.date = field(metadata={"check": _iso_date})
    to: str | dt.date = field(metadata={"check": _iso_date})
    actors: tuple[str, ...] = ()
    any_actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class _EntryData:
    id: str
    label: str
    rule: dict
    description: str = ""


@dataclass(frozen=True, slots=True)
class NamedRule:
    id: str
    label: str
    description: str
    types: tuple[str, ...]
    first: dt.date
    last: dt.date
    actors: tuple[str, ...] = ()
    any_actors: tuple[str, ...] = ()

    def covers(self, first: dt.date, last: dt.date) -> bool:
        """The dates ``first``..``last`` lie inside the rule's window."""
        return self.first <= first and last <= self.last


@dataclass(frozen=True)
class MergeWindows:
    """How the dates of two clusters of events must agree for them to merge across articles.

    ``precision``: the widest date (in days) that still counts as each precision, finest first;
    a wider date (a season, a year) never merges by date alone. ``window``: how many days apart
    two dates of that precision may lie. ``span``: the longest (in days) a merged episode may
    grow, by its coarsest date, so that merges never chain into one giant episode.
    """

    precision: dict[str, int]
    window: dict[str, int]
    span: dict[str, int]

    def rank(self, first: dt.date, last: dt.date) -> int | None:
        """The index of the finest precision a date of these bounds has; None if too coarse."""
        width = (last - first).days + 1
        return next((i for i, days in enumerate(self.precision.values()) if width <= days), None)

    def agree(self, a: tuple[dt.date, dt.date, int], b: tuple[dt.date, dt.date, int]) -> bool:
        """Two (first, last, rank) dates agree at the coarser one's precision, and together stay short."""
        name = list(self.precision)[max(a[2], b[2])]
        gap = (max(a[0], b[0]) - min(a[1], b[1])).days
        span = (max(a[1], b[1]) - min(a[0], b[0])).days + 1
        return gap <= self.window[name] and span <= self.span[name]

    @property
    def slack(self) -> int:
        return max(self.window.values(), default=0)


def _check_merge(data: object) -> MergeWindows:
    windows = schema.load(MergeWindows, data, SOURCE, "merge")
    for name in ("window", "span"):
        if set(getattr(windows, name)) != set(windows.precision):
            raise DataFileError(f"{SOURCE}: merge.{name}: needs one entry for each precision in merge.precision")
    return windows


@dataclass(frozen=True)
class Curation:
    named: tuple[NamedRule, ...]
    compare: tuple[str, ...]
    merge: MergeWindows

    def rule(self, named_id: str) -> NamedRule | None:
        return next((r for r in self.named if r.id == named_id), None)


def _rule(index: int, raw: object) -> NamedRule:
    if not isinstance(raw, dict) or not raw.get("id") or not raw.get("label"):
        raise DataFileError(f"{SOURCE}: named entry #{index + 1} needs an 'id' and a 'label'")
    entry = schema.load(_EntryData, raw, SOURCE, f"named[{index}] (id {raw['id']!r})")
    where = f"named episode '{entry.id}', rule"
    rule_data = dict(entry.rule)
    if "from" in rule_data:
        rule_data["from_"] = rule_data.pop("from")
    try:
        rule = schema.load(_RuleData, rule_data, SOURCE, where)
    except DataFileError as exc:
        raise DataFileError(str(exc).replace("from_", "from")) from None
    if rule.from_ > rule.to:
        raise DataFileError(f"{SOURCE}: {where}: 'from' is after 'to'")
    return NamedRule(
        id=entry.id,
        label=entry.label,
        description=entry.description.strip(),
        types=rule.types,
        first=rule.from_,
        last=rule.to,
        actors=rule.actors,
        any_actors=rule.any_actors,
    )


@cache
def load_curation() -> Curation:
    """``corpus/episodes.yaml``, validated; an error names the entry and the field."""
    from desktop.core.files import paths

    data = load_yaml(paths.corpus_dir() / SOURCE) or {}
    if not isinstance(data, dict):
        raise DataFileError(f"{SOURCE}: expected a mapping with 'named', 'compare' and 'merge'")
    named = data.get("named") or []
    if not isinstance(named, list):
        raise DataFileError(f"{SOURCE}: named: expected a list of named episodes")
    rules = [_rule(index, entry) for index, entry in enumerate(named)]
    ids = {r.id for r in rules}
    compare = tuple(schema.load(tuple[str, ...], data.get("compare") or [], SOURCE, "compare"))
    missing = [c for c in compare if c not in ids]
    if missing:
        raise DataFileError(f"{SOURCE}: compare names unknown episode(s): {', '.join(missing)}")
    if "merge" not in data:
        raise DataFileError(f"{SOURCE}: missing 'merge' (the date windows of the cross-article merge)")
    return Curation(tuple(rules), compare, _check_merge(data["merge"]))
