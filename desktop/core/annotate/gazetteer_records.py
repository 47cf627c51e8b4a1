"""The records of the gazetteer (sides, actors, tenures, roles, places, cues) and name helpers.

Pure data: :mod:`desktop.core.annotate.gazetteer_loader` builds them from ``corpus/actors.yaml``
and :class:`desktop.core.annotate.gazetteer.Gazetteer` holds them by id.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: The side of an actor whose side is unknown or not given (the user's simple entries).
FALLBACK_SIDE = "other"


class GazetteerError(ValueError):
    """The gazetteer is malformed; the message names the file, the entry (id or index) and the field."""


# ─────────────────────────────────────────────────────────────────── records


@dataclass(frozen=True, slots=True)
class Side:
    """A colour group of actors: Belarus, Russia, the United States..."""

    id: str
    label: str
    code: str  # short code printed after a name when reading without colour
    colour: str  # background in the light theme, #RRGGBB
    dark: str  # background in the dark theme, #RRGGBB


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
    relations: tuple[tuple[str, str], ...] = ()  # (kind, actor id): ("spouse", "tsikhanouskaya")

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
