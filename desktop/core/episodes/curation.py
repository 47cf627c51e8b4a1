"""Named episodes: the rules of ``corpus/episodes.yaml`` that label what the extraction found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from desktop.core.files.lexicons import DataFileError, load_yaml


@dataclass(frozen=True, slots=True)
class NamedRule:
    id: str
    label: str
    description: str
    actors: tuple[str, ...] = ()
    any_actors: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    first: dt.date | None = None
    last: dt.date | None = None


@dataclass(frozen=True)
class Curation:
    named: tuple[NamedRule, ...]
    compare: tuple[str, ...]

    def rule(self, named_id: str) -> NamedRule | None:
        return next((r for r in self.named if r.id == named_id), None)


def _date(value, where: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DataFileError(f"episodes.yaml: {where}: not a date (YYYY-MM-DD): {value!r}") from None


def _strings(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataFileError(f"episodes.yaml: {where}: expected a list of ids")
    return tuple(value)


@cache
def load_curation() -> Curation:
    """``corpus/episodes.yaml``, validated; an error names the entry and the field."""
    from desktop.core.files import paths

    data = load_yaml(paths.corpus_dir() / "episodes.yaml") or {}
    if not isinstance(data, dict):
        raise DataFileError("episodes.yaml: expected a mapping with 'named' and 'compare'")
    rules = []
    for index, entry in enumerate(data.get("named") or []):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("label"):
            raise DataFileError(f"episodes.yaml: named entry #{index + 1} needs an 'id' and a 'label'")
        where = f"named episode '{entry['id']}'"
        rule = entry.get("rule") or {}
        if not isinstance(rule, dict):
            raise DataFileError(f"episodes.yaml: {where}: 'rule' must be a mapping")
        unknown = set(rule) - {"actors", "any_actors", "types", "from", "to"}
        if unknown:
            raise DataFileError(f"episodes.yaml: {where}: unknown rule field(s) {', '.join(sorted(unknown))}")
        rules.append(
            NamedRule(
                id=str(entry["id"]),
                label=str(entry["label"]),
                description=str(entry.get("description", "")).strip(),
                actors=_strings(rule.get("actors"), f"{where}, actors"),
                any_actors=_strings(rule.get("any_actors"), f"{where}, any_actors"),
                types=_strings(rule.get("types"), f"{where}, types"),
                first=_date(rule.get("from"), f"{where}, from"),
                last=_date(rule.get("to"), f"{where}, to"),
            )
        )
    ids = {r.id for r in rules}
    compare = _strings(data.get("compare"), "compare")
    missing = [c for c in compare if c not in ids]
    if missing:
        raise DataFileError(f"episodes.yaml: compare names unknown episode(s): {', '.join(missing)}")
    return Curation(tuple(rules), compare)
