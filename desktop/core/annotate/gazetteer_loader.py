"""Validation of ``corpus/actors.yaml`` section by section; every error says file, entry and field.

:func:`desktop.core.annotate.gazetteer.load_gazetteer` reads the files and asks a :class:`Loader`
for each section in turn (roles, actors, pattern sets, places, cues); the sides are read by
:mod:`desktop.core.annotate.sides`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from desktop.core.annotate.gazetteer_records import (
    FALLBACK_SIDE,
    Actor,
    Cues,
    GazetteerError,
    Place,
    Role,
    strip_article,
    unique_slug,
)
from desktop.core.annotate.records import KINDS
from desktop.core.annotate.role_patterns import expand_pattern
from desktop.core.annotate.tenures import read_tenures
from desktop.core.files.lexicons import DataFileError, load_yaml

#: Family relations an actor entry may name (the other side of each is implied).
RELATION_KINDS = ("spouse", "child", "parent", "sibling", "partner")

ACTOR_FIELDS = frozenset(
    {
        "relations",
        "id",
        "name",
        "kind",
        "side",
        "aliases",
        "surnames",
        "demonyms",
        "capital",
        "short_forms",
        "roles",
        "note",
    }
)
CUE_LISTS = (
    "titles",
    "descriptors",
    "appositive_heads",
    "given_names",
    "name_stopwords",
    "role_blockers",
    "place_before",
    "place_after",
)

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def read_mapping(path: Path) -> Mapping[str, Any]:
    try:
        data = load_yaml(path)
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    if not isinstance(data, dict):
        raise GazetteerError(f"{path.name}: expected a mapping with sides, actors, roles, places and cues")
    return data


class Loader:
    """Validates one file's sections; every error says file, entry and field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> GazetteerError:
        return GazetteerError(f"{self.source}: {where}: {problem}")

    # -- actors

    def actor_list(self, raw: Any, section: str) -> list[Mapping[str, Any]]:
        return self._list(raw, section)

    def role_ids(self, raw: Any) -> set[str]:
        ids: set[str] = set()
        for index, entry in enumerate(self._list(raw, "roles")):
            where = self._where("roles", index, entry)
            if not isinstance(entry, dict):
                raise self.fail(where, "expected a mapping with id, title, of and patterns")
            role_id = self._text(entry, "id", where)
            if not _ID_RE.match(role_id):
                raise self.fail(where, f"id: '{role_id}' is not a slug (lowercase letters, digits, hyphens)")
            if role_id in ids:
                raise self.fail(where, f"id: duplicate role id '{role_id}'")
            ids.add(role_id)
        return ids

    def actors(
        self,
        entries: Sequence[Any],
        side_ids: Sequence[str],
        role_ids: set[str],
        *,
        lenient: bool,
        known: Iterable[str] = (),
        skipped: list[str] | None = None,
    ) -> dict[str, Actor]:
        """Validate actor entries; ``lenient`` (the user's file) fills in id, kind and side.

        With ``skipped`` (the user's file), a bad entry is described there and left out instead
        of failing the whole file.
        """
        actors: dict[str, Actor] = {}
        taken = set(known)
        for index, entry in enumerate(entries):
            try:
                actor = self._actor(index, entry, side_ids, role_ids, lenient, taken)
                if actor.id in actors:
                    raise self.fail(self._where("actors", index, entry), f"id: duplicate id '{actor.id}'")
            except GazetteerError as exc:
                if skipped is None:
                    raise
                skipped.append(f"{exc} (this entry is not used)")
                continue
            actors[actor.id] = actor
        return actors

    def _actor(
        self,
        index: int,
        entry: Any,
        side_ids: Sequence[str],
        role_ids: set[str],
        lenient: bool,
        taken: set[str],
    ) -> Actor:
        where = self._where("actors", index, entry)
        actor_id, name, kind, side = self._identity(entry, where, side_ids, lenient, taken)
        aliases = self._names(entry, "aliases", where)
        default_surnames = (name.split()[-1],) if kind == "person" and " " in name else ()
        surnames = self._names(entry, "surnames", where, default=default_surnames)
        demonyms = self._names(entry, "demonyms", where)
        short_forms = self._names(entry, "short_forms", where)
        capital = entry.get("capital")
        if capital is not None and (not isinstance(capital, str) or not capital.strip()):
            raise self.fail(where, f"capital: {capital!r} is not a place name")
        note = entry.get("note") or ""
        if not isinstance(note, str):
            raise self.fail(where, "note: expected text")
        return Actor(
            actor_id,
            name,
            kind,
            side,
            tuple(a for a in aliases if a != name),
            surnames if kind == "person" else (),
            demonyms,
            capital.strip() if capital else None,
            short_forms,
            read_tenures(entry.get("roles"), where, role_ids, self.fail),
            note,
            lenient,
            self._relations(entry.get("relations"), where),
        )

    def _relations(self, raw: Any, where: str) -> tuple[tuple[str, str], ...]:
        """``relations: {spouse: id, child: [id, …]}`` as (kind, id) pairs."""
        if raw is None:
            return ()
        if not isinstance(raw, dict):
            raise self.fail(where, "relations: expected a mapping such as {spouse: an-actor-id}")
        out = []
        for kind, ids in raw.items():
            if kind not in RELATION_KINDS:
                raise self.fail(where, f"relations: {kind!r} is not one of {', '.join(RELATION_KINDS)}")
            for target in ids if isinstance(ids, list) else [ids]:
                if not isinstance(target, str) or not _ID_RE.match(target):
                    raise self.fail(where, f"relations.{kind}: {target!r} is not an actor id")
                out.append((kind, target))
        return tuple(out)

    def _identity(
        self, entry: Any, where: str, side_ids: Sequence[str], lenient: bool, taken: set[str]
    ) -> tuple[str, str, str, str]:
        """Id, name, kind and side of an actor entry; ``lenient`` fills in id, kind and side."""
        if not isinstance(entry, dict):
            raise self.fail(where, "expected a mapping with id, name, kind and side")
        unknown = sorted(set(entry) - ACTOR_FIELDS)
        if unknown:
            raise self.fail(where, f"unknown field(s) {', '.join(map(str, unknown))}")
        name = self._text(entry, "name", where)
        actor_id = unique_slug(name, taken) if lenient and entry.get("id") is None else self._text(entry, "id", where)
        if not _ID_RE.match(actor_id):
            raise self.fail(where, f"id: '{actor_id}' is not a slug (lowercase letters, digits, hyphens)")
        kind = entry.get("kind", "person" if lenient else None)
        if kind not in KINDS:
            raise self.fail(where, f"kind: {kind!r} is not one of {', '.join(KINDS)}")
        side = entry.get("side", FALLBACK_SIDE if lenient else None)
        if side not in side_ids:
            raise self.fail(where, f"side: {side!r} is not one of {', '.join(side_ids)}")
        return actor_id, name, kind, side

    def check_names_unique(self, actors: Iterable[Actor]) -> None:
        """No name, alias or demonym may stand for two actors: the tagger could not choose."""
        owner: dict[str, str] = {}
        for actor in actors:
            forms = [strip_article(actor.name), *map(strip_article, actor.aliases), *actor.demonyms]
            for form in dict.fromkeys(forms):
                other = owner.setdefault(form, actor.id)
                if other != actor.id:
                    raise GazetteerError(
                        f"{self.source}: actors (id '{actor.id}'): '{form}' also names '{other}'; "
                        "a name, alias or demonym must stand for one actor"
                    )

    # -- roles

    def pattern_sets(self, raw: Any) -> dict[str, tuple[str, ...]]:
        if raw is None:
            return {}
        if not isinstance(raw, dict):
            raise self.fail("pattern_sets", "expected a mapping of set name to a list of patterns")
        sets = {}
        for name, patterns in raw.items():
            where = f"pattern_sets.{name}"
            if not isinstance(patterns, list) or not all(isinstance(p, str) and p.strip() for p in patterns):
                raise self.fail(where, "expected a list of patterns (text)")
            sets[str(name)] = tuple(patterns)
        return sets

    def roles(self, raw: Any, pattern_sets: Mapping[str, tuple[str, ...]], actors: Mapping[str, Actor]) -> list[Role]:
        roles = []
        for index, entry in enumerate(self._list(raw, "roles")):
            where = self._where("roles", index, entry)
            role_id = entry["id"]
            title = self._text(entry, "title", where)
            of = entry.get("of")
            if of not in actors:
                raise self.fail(where, f"of: unknown actor {of!r}")
            patterns = list(self._strings(entry, "patterns", where))
            for set_name in self._strings(entry, "pattern_sets", where):
                if set_name not in pattern_sets:
                    raise self.fail(where, f"pattern_sets: unknown pattern set {set_name!r}")
                patterns = list(pattern_sets[set_name]) + patterns
            phrases: list[str] = []
            for pattern in patterns:
                try:
                    phrases.extend(expand_pattern(pattern, actors[of], actors.get))
                except ValueError as exc:
                    raise self.fail(where, f"patterns: {pattern!r}: {exc}") from None
            roles.append(Role(role_id, title, of, tuple(patterns), tuple(dict.fromkeys(phrases))))
        return roles

    # -- places

    def places(self, raw: Any, actors: Mapping[str, Actor]) -> list[Place]:
        places: dict[str, Place] = {}
        names: dict[str, str] = {}
        for index, entry in enumerate(self._list(raw, "places")):
            where = self._where("places", index, entry)
            if not isinstance(entry, dict):
                raise self.fail(where, "expected a mapping with id, name and country")
            place_id = self._text(entry, "id", where)
            if not _ID_RE.match(place_id):
                raise self.fail(where, f"id: '{place_id}' is not a slug (lowercase letters, digits, hyphens)")
            if place_id in places:
                raise self.fail(where, f"id: duplicate place id '{place_id}'")
            name = self._text(entry, "name", where)
            country = entry.get("country")
            if country is not None and country not in actors:
                raise self.fail(where, f"country: unknown actor {country!r}")
            stands_for = entry.get("stands_for")
            if stands_for is not None and stands_for not in actors:
                raise self.fail(where, f"stands_for: unknown actor {stands_for!r}")
            aliases = self._names(entry, "aliases", where)
            for form in (name, *aliases):
                if names.setdefault(form, place_id) != place_id:
                    raise self.fail(where, f"'{form}' also names place '{names[form]}'")
            places[place_id] = Place(place_id, name, country, aliases, stands_for)
        for actor in actors.values():
            if actor.capital:
                self._link_capital(actor, places, names)
        return list(places.values())

    def _link_capital(self, actor: Actor, places: dict[str, Place], names: dict[str, str]) -> None:
        """A capital names a place (created if missing) that stands for the actor's government."""
        place_id = names.get(actor.capital or "")
        if place_id is None:
            place_id = unique_slug(actor.capital or actor.id, set(places))
            places[place_id] = Place(place_id, actor.capital or "", actor.id if actor.kind == "state" else None)
            names[actor.capital or ""] = place_id
        place = places[place_id]
        if place.stands_for not in (None, actor.id):
            raise self.fail(
                f"actors (id '{actor.id}')",
                f"capital: '{actor.capital}' already stands for '{place.stands_for}'",
            )
        places[place_id] = Place(place.id, place.name, place.country, place.aliases, actor.id)

    # -- cues

    def cues(self, raw: Any) -> Cues:
        if raw is None:
            return Cues()
        if not isinstance(raw, dict):
            raise self.fail("cues", "expected a mapping of word lists")
        unknown = sorted(set(raw) - set(CUE_LISTS))
        if unknown:
            raise self.fail("cues", f"unknown list(s) {', '.join(map(str, unknown))}")
        return Cues(**{name: tuple(dict.fromkeys(self._strings(raw, name, "cues"))) for name in CUE_LISTS})

    # -- helpers

    def _list(self, raw: Any, section: str) -> list[Any]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise self.fail(section, "expected a list")
        return raw

    @staticmethod
    def _where(section: str, index: int, entry: Any) -> str:
        entry_id = entry.get("id") if isinstance(entry, dict) else None
        return f"{section}[{index}] (id '{entry_id}')" if entry_id is not None else f"{section}[{index}]"

    def _text(self, entry: Mapping[str, Any], field: str, where: str) -> str:
        value = entry.get(field)
        if value is None:
            raise self.fail(where, f"missing '{field}'")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{field}: expected text, got {value!r}")
        return value.strip()

    def _strings(self, entry: Mapping[str, Any], field: str, where: str) -> tuple[str, ...]:
        value = entry.get(field)
        if value is None:
            return ()
        if not isinstance(value, list):
            raise self.fail(where, f"{field}: expected a list")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(where, f"{field}: {item!r} is not a string")
        return tuple(item.strip() for item in value)

    def _names(
        self, entry: Mapping[str, Any], field: str, where: str, default: tuple[str, ...] = ()
    ) -> tuple[str, ...]:
        """Names, aliases, surnames, demonyms: strings that start with a capital letter or digit."""
        if field not in entry:
            return default
        names = self._strings(entry, field, where)
        for name in names:
            first = strip_article(name)[0]
            if not (first.isupper() or first.isdigit()):
                raise self.fail(where, f"{field}: {name!r} must start with a capital letter")
        return tuple(dict.fromkeys(names))
