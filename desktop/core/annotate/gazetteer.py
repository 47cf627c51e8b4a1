"""The actor gazetteer: who the articles talk about, loaded from ``corpus/actors.yaml``.

The bundled file is read first, then the user's own actors file (same schema, simpler entries
allowed: a name alone makes a person of side ``other``). Everything is validated at load time, so
a mistake in the data fails at start-up with a message that names the file, the entry and the
field, never later in the middle of tagging. Role descriptions ("the Belarusian president") are
expanded here from the small pattern language documented at the top of ``actors.yaml``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from desktop.core.annotate.records import KINDS
from desktop.core.files.lexicons import DataFileError, load_yaml

#: The fixed sides, in legend order; the palette and the settings know them by these ids.
SIDE_IDS = (
    "belarus",
    "opposition",
    "russia",
    "us",
    "eu",
    "poland",
    "ukraine",
    "international",
    "west",
    "other",
)
FALLBACK_SIDE = "other"
ACTOR_FIELDS = frozenset(
    {
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
#: More expansions than this from one role pattern is a mistake in the pattern, not a wish.
MAX_EXPANSIONS = 2000

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PATTERN_TOKEN = re.compile(r"\[|\]|\(|\)|\||\{[^{}]*\}|[^\s\[\]()|{}]+")
_PLACEHOLDER = re.compile(r"^\{(adj|name)(?::([a-z0-9-]+))?\}$")


class GazetteerError(ValueError):
    """The gazetteer is malformed; the message names the file, the entry (id or index) and the field."""


# ─────────────────────────────────────────────────────────────────── records


@dataclass(frozen=True, slots=True)
class Side:
    """A colour group of actors: Belarus, Russia, the United States..."""

    id: str
    label: str
    code: str  # short code printed after a name when reading without colour


@dataclass(frozen=True, slots=True)
class Tenure:
    """An actor holding a role for a time: Makei, foreign minister of Belarus, 2012–2022."""

    role: str
    title: str
    start: dt.date
    end: dt.date | None  # None: still in office
    start_label: str  # "August 2012", "1994"
    end_label: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def distance(self, day: dt.date) -> int:
        """Days from ``day`` to this tenure (0 inside it)."""
        if day < self.start:
            return (self.start - day).days
        if self.end is not None and day > self.end:
            return (day - self.end).days
        return 0

    def describe(self) -> str:
        """The tenure in words, for a tooltip: "Foreign Minister of Belarus (since June 2024)"."""
        if self.end is None:
            return f"{self.title} (since {self.start_label})"
        if self.end_label == self.start_label:
            return f"{self.title} ({self.start_label})"
        return f"{self.title} ({self.start_label} – {self.end_label})"


@dataclass(frozen=True, slots=True)
class Role:
    """An office, with the descriptions that refer to whoever holds it."""

    id: str
    title: str
    of: str  # the actor (state or organisation) the office belongs to
    patterns: tuple[str, ...]  # as written in the file
    phrases: tuple[str, ...]  # the patterns expanded into plain phrases


@dataclass(frozen=True, slots=True)
class Actor:
    """A person, state, organisation or bloc, with every way the articles name it."""

    id: str
    name: str
    kind: str
    side: str
    aliases: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    short_forms: tuple[str, ...] = ()
    roles: tuple[Tenure, ...] = ()
    note: str = ""
    user: bool = False  # from the user's own actors file

    @property
    def is_person(self) -> bool:
        return self.kind == "person"

    def tenure_at(self, day: dt.date | None) -> Tenure | None:
        """The tenure in force on ``day`` (the latest begun, if several); current ones if no day."""
        found: Tenure | None = None
        for tenure in self.roles:
            held = tenure.covers(day) if day is not None else tenure.end is None
            if held and (found is None or tenure.start >= found.start):
                found = tenure
        return found

    def role_at(self, day: dt.date | None) -> str:
        """The role held on ``day`` in words, or "" if none is known."""
        tenure = self.tenure_at(day)
        return tenure.describe() if tenure else ""

    def adjectives(self) -> tuple[str, ...]:
        """Forms that stand before a title: "Belarusian", "US", "U.S.", "EU" (for ``{adj}``)."""
        adjectival = [d for d in self.demonyms if not _is_plural_noun(d)]
        return tuple(dict.fromkeys(adjectival + [n for n in self.names() if is_acronym(n)]))

    def names(self) -> tuple[str, ...]:
        """The name and every alias, without a leading "the" (for ``{name}``)."""
        return tuple(dict.fromkeys(strip_article(n) for n in (self.name, *self.aliases)))


@dataclass(frozen=True, slots=True)
class Place:
    """A city, venue or region: where something happens, not who acts."""

    id: str
    name: str
    country: str | None  # actor id of the state it lies in
    aliases: tuple[str, ...] = ()
    stands_for: str | None = None  # the actor its name may stand for ("Minsk" -> belarus)


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists the tagger uses beyond the actors themselves (see ``cues`` in the file)."""

    titles: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    appositive_heads: tuple[str, ...] = ()
    given_names: tuple[str, ...] = ()
    name_stopwords: tuple[str, ...] = ()
    role_blockers: tuple[str, ...] = ()
    place_before: tuple[str, ...] = ()
    place_after: tuple[str, ...] = ()


def is_acronym(text: str) -> bool:
    """ "US", "U.S.", "NATO", "OSCE/ODIHR": capitals (and dots or slashes) only, no spaces."""
    letters = text.replace(".", "").replace("/", "")
    return " " not in text and len(letters) >= 2 and letters.isalpha() and letters.isupper()


def strip_article(text: str) -> str:
    """A leading "the " is not part of a name as matched ("the West" is found as "West")."""
    return text[4:] if text[:4] in ("the ", "The ") and len(text) > 4 else text


def _is_plural_noun(demonym: str) -> bool:
    # "Belarusians", "Poles", "Finns" are nouns; "Swiss" is an adjective.
    return demonym.endswith("s") and not demonym.endswith("ss")


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
        #: Identifies the files this was loaded from (set when loaded through the cache).
        self.fingerprint: str | None = None
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


def bundled_actors_file() -> Path:
    from desktop.core.files import paths

    return paths.corpus_dir() / "actors.yaml"


def load_gazetteer(path: Path | None = None, user_path: Path | None = None, *, cache: bool = True) -> Gazetteer:
    """The bundled gazetteer (or ``path``), then the user's actors file if it exists.

    A user entry with the id of a bundled actor replaces it (the user's word wins).
    Raises :class:`GazetteerError` naming the file, entry and field of any mistake.

    Parsing and validating the YAML takes about 0.1 s, too long for every start-up, so a
    validated gazetteer is kept in the cache folder, keyed by the files' sizes and times and by
    the code that reads them; ``cache=False`` always reads the files.
    """
    path = path or bundled_actors_file()
    if user_path is None:
        from desktop.core.files import paths

        user_path = paths.user_actors_file()
    key = cache_key(path, user_path) if cache else None
    if key is not None:
        cached = read_cache("gazetteer", key)
        if isinstance(cached, Gazetteer):
            return cached
    gazetteer = _load(path, user_path)
    if key is not None:
        gazetteer.fingerprint = key
        write_cache("gazetteer", key, gazetteer)
    return gazetteer


def _load(path: Path, user_path: Path) -> Gazetteer:
    data = _read_mapping(path)
    loader = _Loader(path.name)
    sides = loader.sides(data.get("sides"))
    side_ids = {s.id for s in sides}
    raw_actors = loader.actor_list(data.get("actors"), "actors")
    sources = [path]
    user_entries: list[Mapping[str, Any]] = []
    if user_path.is_file():
        user_entries = _read_user_file(user_path)
        sources.append(user_path)
    role_ids = loader.role_ids(data.get("roles"))
    actors = loader.actors(raw_actors, side_ids, role_ids, lenient=False)
    if user_entries:
        user_actors = _Loader(user_path.name).actors(user_entries, side_ids, role_ids, lenient=True, known=set(actors))
        actors.update(user_actors)
    loader.check_names_unique(actors.values())
    roles = loader.roles(data.get("roles"), loader.pattern_sets(data.get("pattern_sets")), actors)
    titles = {role.id: role.title for role in roles}
    actors = {actor_id: _titled(actor, titles) for actor_id, actor in actors.items()}
    places = loader.places(data.get("places"), actors)
    cues = loader.cues(data.get("cues"))
    return Gazetteer(sides, list(actors.values()), roles, places, cues, sources)


def _titled(actor: Actor, titles: Mapping[str, str]) -> Actor:
    """Tenures without a title of their own take their role's title."""
    if all(t.title for t in actor.roles):
        return actor
    tenures = tuple(t if t.title else dataclasses.replace(t, title=titles[t.role]) for t in actor.roles)
    return dataclasses.replace(actor, roles=tenures)


# ─────────────────────────────────────────────────────────────────── the start-up cache

#: Bump when the pickled structures change shape.
CACHE_VERSION = 1


def cache_key(*sources: Path) -> str:
    """A digest of the files' identities (path, size, time), the code reading them and Python's version."""
    import hashlib
    import sys

    parts = [f"v{CACHE_VERSION}", sys.version]
    code = Path(__file__).resolve().parent
    for source in (*sources, code / "gazetteer.py", code / "actors.py"):
        try:
            stat = source.stat()
            parts.append(f"{source.resolve()}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:
            parts.append(f"{source}:absent")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:20]


def _cache_file(kind: str, key: str) -> Path:
    from desktop.core.files import paths

    return paths.cache_dir() / "actors" / f"{kind}-{key}.pickle"


def read_cache(kind: str, key: str) -> Any:
    """What :func:`write_cache` stored under ``kind`` and ``key``, or None (missing or unreadable)."""
    import pickle

    try:
        with _cache_file(kind, key).open("rb") as handle:
            return pickle.load(handle)
    except Exception:  # a missing, stale or damaged cache only means reading the files again
        return None


def write_cache(kind: str, key: str, value: Any) -> None:
    """Store ``value`` for the next start-up, replacing older entries of ``kind``; never fails."""
    import contextlib
    import pickle

    from desktop.core.files.fileio import atomic_path

    target = _cache_file(kind, key)
    with contextlib.suppress(Exception):
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(target) as tmp:
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        for old in target.parent.glob(f"{kind}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)


def _read_mapping(path: Path) -> Mapping[str, Any]:
    try:
        data = load_yaml(path)
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    if not isinstance(data, dict):
        raise GazetteerError(f"{path.name}: expected a mapping with sides, actors, roles, places and cues")
    return data


def _read_user_file(path: Path) -> list[Mapping[str, Any]]:
    """The user's entries: a mapping with ``actors:`` or a bare list; an empty file is fine."""
    try:
        data = load_yaml(path)
    except DataFileError as exc:
        raise GazetteerError(str(exc)) from None
    if data is None:
        return []
    if isinstance(data, dict):
        data = data.get("actors") or []
    if not isinstance(data, list):
        raise GazetteerError(f"{path.name}: expected a list of actors (or a mapping with 'actors:')")
    return data


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


class _Loader:
    """Validates one file's sections; every error says file, entry and field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> GazetteerError:
        return GazetteerError(f"{self.source}: {where}: {problem}")

    # -- sides

    def sides(self, raw: Any) -> list[Side]:
        entries = self._list(raw, "sides")
        sides: list[Side] = []
        for index, entry in enumerate(entries):
            where = self._where("sides", index, entry)
            if not isinstance(entry, dict):
                raise self.fail(where, "expected a mapping with id, label and code")
            side_id = self._text(entry, "id", where)
            if side_id not in SIDE_IDS:
                raise self.fail(where, f"id: '{side_id}' is not one of the fixed sides ({', '.join(SIDE_IDS)})")
            if side_id in {s.id for s in sides}:
                raise self.fail(where, f"id: '{side_id}' is defined twice")
            sides.append(Side(side_id, self._text(entry, "label", where), self._text(entry, "code", where)))
        missing = [s for s in SIDE_IDS if s not in {side.id for side in sides}]
        if missing:
            raise self.fail("sides", f"missing the fixed side(s) {', '.join(missing)}")
        return sorted(sides, key=lambda s: SIDE_IDS.index(s.id))

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
        side_ids: set[str],
        role_ids: set[str],
        *,
        lenient: bool,
        known: Iterable[str] = (),
    ) -> dict[str, Actor]:
        """Validate actor entries; ``lenient`` (the user's file) fills in id, kind and side."""
        actors: dict[str, Actor] = {}
        taken = set(known)
        for index, entry in enumerate(entries):
            actor = self._actor(index, entry, side_ids, role_ids, lenient, taken)
            if actor.id in actors:
                raise self.fail(self._where("actors", index, entry), f"id: duplicate id '{actor.id}'")
            actors[actor.id] = actor
        return actors

    def _actor(
        self,
        index: int,
        entry: Any,
        side_ids: set[str],
        role_ids: set[str],
        lenient: bool,
        taken: set[str],
    ) -> Actor:
        where = self._where("actors", index, entry)
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
            raise self.fail(where, f"side: {side!r} is not one of {', '.join(SIDE_IDS)}")
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
        tenures = self._tenures(entry.get("roles"), where, role_ids)
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
            tenures,
            note,
            lenient,
        )

    def _tenures(self, raw: Any, where: str, role_ids: set[str]) -> tuple[Tenure, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            raise self.fail(where, "roles: expected a list of {role, from, to}")
        tenures = []
        for index, item in enumerate(raw):
            at = f"roles[{index}]"
            if not isinstance(item, dict):
                raise self.fail(where, f"{at}: expected a mapping with role, from and to")
            role = item.get("role")
            if not isinstance(role, str) or role not in role_ids:
                raise self.fail(where, f"{at}.role: unknown role id {role!r}")
            if "from" not in item or item["from"] is None:
                raise self.fail(where, f"{at}.from: missing (the date the role began)")
            try:
                start = parse_partial_date(item["from"])
                end = parse_partial_date(item["to"]) if item.get("to") is not None else None
            except ValueError as exc:
                raise self.fail(where, f"{at}.{self._date_field(item)}: {exc}") from None
            if end is not None and end.last < start.first:
                raise self.fail(where, f"{at}.to: {item['to']} is before from {item['from']}")
            title = item.get("title")
            if title is not None and not isinstance(title, str):
                raise self.fail(where, f"{at}.title: expected text")
            tenures.append(
                Tenure(
                    role,
                    title or "",
                    start.first,
                    end.last if end else None,
                    start.label,
                    end.label if end else "",
                )
            )
        return tuple(tenures)

    @staticmethod
    def _date_field(item: Mapping[str, Any]) -> str:
        try:
            parse_partial_date(item["from"])
        except ValueError:
            return "from"
        return "to"

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


# ─────────────────────────────────────────────────────────────────── the pattern language


def expand_pattern(pattern: str, actor: Actor, lookup: Callable[[str], Actor | None]) -> list[str]:
    """Expand a role pattern into plain phrases.

    ``[x]`` is optional, ``(a|b)`` a choice, ``{adj}``/``{name}`` the role actor's adjectives or
    names, ``{adj:ID}``/``{name:ID}`` another actor's. Raises ValueError on a malformed pattern.
    """
    tokens = _PATTERN_TOKEN.findall(pattern)
    if not tokens:
        raise ValueError("empty pattern")
    parser = _PatternParser(tokens, actor, lookup)
    sequences = parser.alternatives(closing=None)
    if parser.position != len(tokens):
        raise ValueError(f"unexpected '{tokens[parser.position]}'")
    phrases = [" ".join(words) for words in sequences if words]
    if not phrases:
        raise ValueError("the pattern matches nothing")
    return phrases


class _PatternParser:
    """Recursive descent over pattern tokens; every node yields a list of word sequences."""

    def __init__(self, tokens: list[str], actor: Actor, lookup: Callable[[str], Actor | None]) -> None:
        self.tokens = tokens
        self.position = 0
        self.actor = actor
        self.lookup = lookup

    def alternatives(self, closing: str | None) -> list[tuple[str, ...]]:
        options = self.sequence()
        while self.position < len(self.tokens) and self.tokens[self.position] == "|":
            self.position += 1
            options = options + self.sequence()
        if closing is not None:
            if self.position >= len(self.tokens) or self.tokens[self.position] != closing:
                raise ValueError(f"missing '{closing}'")
            self.position += 1
        return options

    def sequence(self) -> list[tuple[str, ...]]:
        result: list[tuple[str, ...]] = [()]
        while self.position < len(self.tokens) and self.tokens[self.position] not in ("|", ")", "]"):
            item = self.item()
            result = [left + right for left in result for right in item]
            if len(result) > MAX_EXPANSIONS:
                raise ValueError(f"expands to more than {MAX_EXPANSIONS} phrases")
        if result == [()] and self.position < len(self.tokens) and self.tokens[self.position] == "|":
            raise ValueError("empty choice")
        return result

    def item(self) -> list[tuple[str, ...]]:
        token = self.tokens[self.position]
        self.position += 1
        if token == "[":
            return [(), *self.alternatives(closing="]")]
        if token == "(":
            options = self.alternatives(closing=")")
            if () in options:
                raise ValueError("empty choice in '( )'")
            return options
        if token.startswith("{"):
            return [tuple(form.split()) for form in self.placeholder(token)]
        return [(token,)]

    def placeholder(self, token: str) -> tuple[str, ...]:
        match = _PLACEHOLDER.match(token)
        if not match:
            raise ValueError(f"unknown placeholder {token} (use {{adj}}, {{name}}, {{adj:ID}}, {{name:ID}})")
        which, actor_id = match.groups()
        actor = self.lookup(actor_id) if actor_id else self.actor
        if actor is None:
            raise ValueError(f"{token}: unknown actor '{actor_id}'")
        forms = actor.adjectives() if which == "adj" else actor.names()
        if not forms:
            raise ValueError(f"{token}: actor '{actor.id}' has no {'adjectives' if which == 'adj' else 'names'}")
        return forms


# ─────────────────────────────────────────────────────────────────── the user's actors


def slugify(text: str) -> str:
    """ "Radosław Sikorski" -> "radoslaw-sikorski"."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "actor"


_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"})


def unique_slug(text: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    base = slugify(text)
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def add_user_actor(
    name: str,
    kind: str = "person",
    side: str = FALLBACK_SIDE,
    aliases: Sequence[str] = (),
    path: Path | None = None,
) -> str:
    """Add an actor to the user's actors file and return its id (written atomically).

    Used when the reader promotes an unlinked person to an actor. If the file already has an
    actor of that name, its id is returned and nothing is written. Reload the gazetteer after.
    """
    import yaml

    from desktop.core.files import paths
    from desktop.core.files.fileio import write_text_atomic

    name = " ".join(str(name).split())
    if not name or not (name[0].isupper() or name[0].isdigit()):
        raise GazetteerError(f"cannot add actor {name!r}: a name must start with a capital letter")
    if kind not in KINDS:
        raise GazetteerError(f"cannot add actor {name!r}: kind {kind!r} is not one of {', '.join(KINDS)}")
    if side not in SIDE_IDS:
        raise GazetteerError(f"cannot add actor {name!r}: side {side!r} is not one of {', '.join(SIDE_IDS)}")
    clean_aliases = [" ".join(str(a).split()) for a in aliases if str(a).strip()]
    path = path or paths.user_actors_file()
    entries = list(_read_user_file(path)) if path.is_file() else []
    for entry in entries:
        if isinstance(entry, dict) and entry.get("name") == name and entry.get("id"):
            return str(entry["id"])
    taken = {str(e.get("id")) for e in entries if isinstance(e, dict) and e.get("id")}
    taken |= set(_bundled_ids())
    actor_id = unique_slug(name, taken)
    entry: dict[str, Any] = {"id": actor_id, "name": name, "kind": kind, "side": side}
    if clean_aliases:
        entry["aliases"] = clean_aliases
    entries.append(entry)
    header = "# Actors added in Overtures (promoted from unlinked mentions). Same schema as corpus/actors.yaml.\n"
    text = header + yaml.safe_dump({"actors": entries}, sort_keys=False, allow_unicode=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(path, text)
    return actor_id


def _bundled_ids() -> list[str]:
    raw = _read_mapping(bundled_actors_file()).get("actors") or []
    return [str(e["id"]) for e in raw if isinstance(e, dict) and e.get("id")]
