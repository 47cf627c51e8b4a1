"""Records the annotation engines produce: actor, place and date mentions.

Offsets are Python string indices into the article's plain text
(:func:`desktop.core.text.markup.plain_text`), end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass

#: How an actor mention was found (the ``via`` of ``analyze --json``).
VIA_NAME = "name"  # the canonical name or a full-name variant
VIA_ALIAS = "alias"  # an alias, acronym or transliteration variant
VIA_SURNAME = "surname"  # a surname alone, resolved in the article
VIA_ROLE = "role"  # a description resolved by role and date ("the Belarusian president")
VIA_DEMONYM = "demonym"  # an adjective or demonym standing for a side ("Belarusian")
VIA_PATTERN = "pattern"  # a person found by a pattern but not in the gazetteer

KINDS = ("person", "state", "organisation", "bloc")


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A stretch of text that refers to an actor (or, for demonyms, to a side)."""

    start: int
    end: int
    text: str
    actor: str | None  # canonical id; None for an unlinked person
    name: str  # canonical display name (the text itself for an unlinked person)
    kind: str  # one of KINDS
    side: str  # a side id from the gazetteer
    via: str  # one of the VIA_* above
    matched: str = ""  # what matched: the alias, the role phrase, the rule
    role: str = ""  # the role the actor held at the article's date, in words

    @property
    def linked(self) -> bool:
        return self.actor is not None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place where something happens ("held in Minsk"), not an actor."""

    start: int
    end: int
    text: str
    place: str  # canonical place id
    name: str  # display name
    country: str | None = None  # actor id of the country it lies in


@dataclass(frozen=True, slots=True)
class DateMention:
    """A temporal expression with its TIMEX3-style value.

    ``value`` examples: ``2022-04-12``, ``2024-11``, ``2012``, ``2022-W38``,
    ``2021-11-29T13:33``, ``2018-10-30/2018-11-01``, ``P3W``, ``PAST_REF``.
    ``anchor`` says what the value was resolved against: ``absolute`` (the text says
    it all), ``published:YYYY-MM-DD`` (relative to the article's date),
    ``context:VALUE`` (relative to an earlier date in the text), or ``none``.
    ``note`` explains the resolution in words for tooltips.
    """

    start: int
    end: int
    text: str
    value: str
    type: str  # DATE | TIME | DURATION | SET
    anchor: str = "absolute"
    mod: str = ""  # TIMEX3 mod: APPROX, EARLY, MID, LATE, MORE_THAN, LESS_THAN, START, END
    note: str = ""
