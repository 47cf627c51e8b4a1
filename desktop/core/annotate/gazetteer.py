"""The actor gazetteer: who the articles talk about, loaded from ``corpus/actors.yaml``.

The bundled file is read first, then the user's own actors file (same schema, simpler entries
allowed: a name alone makes a person of side ``other``). Everything is validated at load time, so
a mistake in the data fails at start-up with a message that names the file, the entry and the
field, never later in the middle of tagging. Role descriptions ("the Belarusian president") are
expanded from the small pattern language documented at the top of ``actors.yaml``.

The work is shared out: the records in :mod:`~desktop.core.annotate.gazetteer_records`, the
validation of each section in :mod:`~desktop.core.annotate.gazetteer_loader`, tenures and their
dates in :mod:`~desktop.core.annotate.tenures`, role patterns in
:mod:`~desktop.core.annotate.role_patterns`, the user's file in
:mod:`~desktop.core.annotate.user_actors`, the fingerprint of the files in
:mod:`~desktop.core.annotate.startup_cache` (nothing is cached on disk).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.annotate.gazetteer_loader import Loader, read_mapping
from desktop.core.annotate.gazetteer_records import (
    FALLBACK_SIDE,
    Actor,
    Cues,
    GazetteerError,
    Place,
    Role,
    Side,
    Tenure,
)
from desktop.core.annotate.sides import bundled_sides_file, extra_sides, load_sides, merge_sides, use_sides
from desktop.core.annotate.startup_cache import cache_key
from desktop.core.annotate.user_actors import bundled_actors_file, read_user_data
from desktop.core.files.fileio import keep_broken
from desktop.core.files.logs import log

# ─────────────────────────────────────────────────────────────────── the gazetteer


class Gazetteer:
    """Actors, sides, roles and places by id, with role resolution by date."""

    def __init__(
        self,
        sides: Sequence[Side],
        actors: Sequence[Actor],
        roles: Sequence[Role],
        places: Sequence[Place],
        cues: Cues,
        sources: Sequence[Path] = (),
    ) -> None:
        self._sides = {s.id: s for s in sides}
        self._actors = {a.id: a for a in actors}
        self._roles = {r.id: r for r in roles}
        self._places = {p.id: p for p in places}
        self.cues = cues
        self.sources = tuple(sources)
        #: Identifies the files and code this was loaded from (None if loaded with ``cache=False``).
        self.fingerprint: str | None = None
        #: What could not be used of the user's actors file, in words (the rest is used).
        self.problems: list[str] = []
        holders: dict[str, list[tuple[Actor, Tenure]]] = {r.id: [] for r in roles}
        for actor in actors:
            for tenure in actor.roles:
                holders[tenure.role].append((actor, tenure))
        self._holders = {role: tuple(found) for role, found in holders.items()}

    @property
    def sides(self) -> Mapping[str, Side]:
        return MappingProxyType(self._sides)

    @property
    def actors(self) -> Mapping[str, Actor]:
        return MappingProxyType(self._actors)

    @property
    def roles(self) -> Mapping[str, Role]:
        return MappingProxyType(self._roles)

    @property
    def places(self) -> Mapping[str, Place]:
        return MappingProxyType(self._places)

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def actor(self, actor_id: str) -> Actor | None:
        return self._actors.get(actor_id)

    def side(self, side_id: str) -> Side:
        """The side with that id; an unknown id gets the fallback side rather than an error."""
        return self._sides.get(side_id) or self._sides[FALLBACK_SIDE]

    def role(self, role_id: str) -> Role | None:
        return self._roles.get(role_id)

    def place(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def holders(self, role_id: str) -> tuple[tuple[Actor, Tenure], ...]:
        """Everyone who held the role, with their tenures."""
        return self._holders.get(role_id, ())

    def holder_at(self, role_id: str, day: dt.date | None) -> Actor | None:
        """Who held the role on ``day`` (the latest appointed, if tenures touch).

        Without a day, the current holder (a tenure with no end), if there is exactly one.
        """
        if day is None:
            current = [actor for actor, tenure in self.holders(role_id) if tenure.end is None]
            return current[0] if len(current) == 1 else None
        best: tuple[Actor, Tenure] | None = None
        for actor, tenure in self.holders(role_id):
            if tenure.covers(day) and (best is None or tenure.start > best[1].start):
                best = (actor, tenure)
        return best[0] if best else None

    def persons(self) -> list[Actor]:
        return [a for a in self._actors.values() if a.is_person]


# ─────────────────────────────────────────────────────────────────── loading


def load_gazetteer(
    path: Path | None = None,
    user_path: Path | None = None,
    *,
    cache: bool = True,
    sides_path: Path | None = None,
) -> Gazetteer:
    """The bundled gazetteer (or ``path``), then the user's actors file if it exists.

    The sides come from ``corpus/sides.yaml`` (or ``sides_path``), then from the ``sides:`` lists
    of the actors files. A user entry with the id of a bundled actor or side replaces it (the
    user's word wins). Raises :class:`GazetteerError` naming the file, entry and field of any
    mistake. The sides of the gazetteer loaded are the ones the palette colours.

    ``cache`` (the default) sets :attr:`Gazetteer.fingerprint`, a digest of the files and of the
    code reading them, under which the compiled matcher is kept between runs. The gazetteer
    itself is always read from the files: that takes 25–35 ms, less than a cache is worth.
    """
    path = path or bundled_actors_file()
    sides_path = sides_path or bundled_sides_file()
    if user_path is None:
        from desktop.core.files import paths

        user_path = paths.user_actors_file()
    gazetteer = _load(path, user_path, sides_path)
    if cache:
        gazetteer.fingerprint = cache_key(path, user_path, sides_path)
    use_sides(gazetteer.sides.values())
    return gazetteer


def _load(path: Path, user_path: Path, sides_path: Path) -> Gazetteer:
    data = read_mapping(path)
    loader = Loader(path.name)
    sides = merge_sides(load_sides(sides_path), extra_sides(data.get("sides"), path.name))
    raw_actors = loader.actor_list(data.get("actors"), "actors")
    sources = [path, sides_path]
    problems: list[str] = []
    user_entries: list[Mapping[str, Any]] = []
    if user_path.is_file():
        user_sides, user_entries = _read_user_file(user_path, problems)
        try:
            sides = merge_sides(sides, extra_sides(user_sides, user_path.name))
        except GazetteerError as exc:
            problems.append(f"{exc} (the file's own sides are not used)")
        sources.append(user_path)
    side_ids = tuple(s.id for s in sides)
    role_ids = loader.role_ids(data.get("roles"))
    actors = loader.actors(raw_actors, side_ids, role_ids, lenient=False)
    if user_entries:
        user_loader = Loader(user_path.name)
        known = set(actors)
        actors.update(user_loader.actors(user_entries, side_ids, role_ids, lenient=True, known=known, skipped=problems))
    try:
        loader.check_names_unique(actors.values())
    except GazetteerError as exc:
        if not user_entries:
            raise
        problems.append(f"{exc}; the entries of {user_path.name} are not used")
        actors = loader.actors(raw_actors, side_ids, role_ids, lenient=False)
    actors = _known_relations(actors, path.name, problems)
    roles = loader.roles(data.get("roles"), loader.pattern_sets(data.get("pattern_sets")), actors)
    titles = {role.id: role.title for role in roles}
    actors = {actor_id: _titled(actor, titles) for actor_id, actor in actors.items()}
    places = loader.places(data.get("places"), actors)
    cues = loader.cues(data.get("cues"))
    gazetteer = Gazetteer(sides, list(actors.values()), roles, places, cues, sources)
    gazetteer.problems = problems
    for problem in problems:
        log().getChild("gazetteer").warning("%s", problem)
    return gazetteer


def _known_relations(actors: dict[str, Actor], source: str, problems: list[str]) -> dict[str, Actor]:
    """Relations must name actors of the list: a bundled mistake fails, a user's is left out and said."""
    out = {}
    for actor_id, actor in actors.items():
        unknown = [target for _kind, target in actor.relations if target not in actors]
        if unknown and not actor.user:
            raise GazetteerError(f"{source}: actor '{actor_id}': relations: unknown actor id(s) {', '.join(unknown)}")
        if unknown:
            problems.append(f"actor '{actor_id}': relations: unknown actor id(s) {', '.join(unknown)} (left out)")
            actor = dataclasses.replace(actor, relations=tuple(r for r in actor.relations if r[1] in actors))
        out[actor_id] = actor
    return out


def _read_user_file(path: Path, problems: list[str]) -> tuple[Any, list[Mapping[str, Any]]]:
    """The user's sides and entries; a file that cannot be read at all is set aside, not lost.

    The bundled actor list is used alone then, and the file is renamed
    ``actors.yaml.broken-…`` so that the next "Add person" does not overwrite it.
    """
    try:
        return read_user_data(path)
    except GazetteerError as exc:
        kept = keep_broken(path)
        where = f"it was set aside as {kept.name}" if kept else "it was left as it is"
        problems.append(f"{exc} — your actors file could not be read; {where} and only the bundled actors are used")
        return None, []


def _titled(actor: Actor, titles: Mapping[str, str]) -> Actor:
    """Tenures without a title of their own take their role's title."""
    if all(t.title for t in actor.roles):
        return actor
    tenures = tuple(t if t.title else dataclasses.replace(t, title=titles[t.role]) for t in actor.roles)
    return dataclasses.replace(actor, roles=tenures)
