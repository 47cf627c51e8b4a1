"""Whom a shared surname or a short form means, once the whole article has been scanned.

Pure functions over what the scan recorded: ``named`` maps an actor id to the offsets where the
article names that actor in full. The rules are tried in order; the first that decides wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from desktop.core.annotate.gazetteer import Gazetteer

_FAR = 10**9  # the distance of an actor who never held a role

Named = Mapping[str, Sequence[int]]


def resolve_short(candidates: tuple[str, ...], position: int, named: Named) -> str | None:
    """A short form ("the Foreign Ministry") means the candidate named in full most recently before it."""
    before = [
        (max(p for p in named[c] if p < position), c) for c in candidates if any(p < position for p in named.get(c, ()))
    ]
    return max(before)[1] if before else None


#: How far before a short form the state it belongs to may be named ("Minsk answered. The Ministry …").
_STATE_REACH = 300


def short_by_state(gazetteer: Gazetteer, candidates: tuple[str, ...], position: int, mentions) -> str | None:
    """A short form never named in full ("the Ministry of Foreign Affairs") means the candidate of the
    state named last, just before it ("Minsk answered within hours. The Ministry of Foreign Affairs
    announced …"); a demonym of another state ("the Lithuanian Foreign Ministry") leaves it unlinked."""
    states = [
        m for m in mentions if m is not None and m.kind == "state" and position - _STATE_REACH <= m.end <= position
    ]
    if not states:
        return None
    side = states[-1].side
    fitting = [c for c in candidates if gazetteer._actors[c].side == side]
    return fitting[0] if len(fitting) == 1 else None


class _Surname(NamedTuple):
    """A surname to link: its candidates, the role described before it, where it is, the article."""

    gazetteer: Gazetteer
    anchor: dt.date | None
    candidates: tuple[str, ...]
    role: str | None
    position: int
    named: Named


def resolve_surname(
    gazetteer: Gazetteer,
    anchor: dt.date | None,
    candidates: tuple[str, ...],
    role: str | None,
    position: int,
    named: Named,
) -> str | None:
    """Whom a surname means: the description before it, the article, the gazetteer, the date."""
    if len(candidates) == 1:
        return candidates[0]
    surname = _Surname(gazetteer, anchor, candidates, role, position, named)
    for rule in _SURNAME_RULES:
        actor_id = rule(surname)
        if actor_id is not None:
            return actor_id
    return None


def _by_role(s: _Surname) -> str | None:
    """The only candidate who ever held the role described before the surname ("Secretary Clinton")."""
    if s.role is None:
        return None
    held = [c for c in s.candidates if any(t.role == s.role for t in s.gazetteer._actors[c].roles)]
    return held[0] if len(held) == 1 else None


def _named_before(s: _Surname) -> str | None:
    """The candidate the article named in full most recently before the surname."""
    return resolve_short(s.candidates, s.position, s.named)


def _named_after(s: _Surname) -> str | None:
    """The candidate the article names in full first (later in the text)."""
    after = [(min(s.named[c]), c) for c in s.candidates if s.named.get(c)]
    return min(after)[1] if after else None


def _by_date(s: _Surname) -> str | None:
    """The candidate whose tenure is nearest the article's date, if strictly nearer than the others."""
    anchor = s.anchor
    if anchor is None:
        return None
    distances = sorted(
        (min((t.distance(anchor) for t in s.gazetteer._actors[c].roles), default=_FAR), c) for c in s.candidates
    )
    if distances[0][0] < _FAR and (len(distances) == 1 or distances[0][0] < distances[1][0]):
        return distances[0][1]
    return None


_SURNAME_RULES: tuple[Callable[[_Surname], str | None], ...] = (_by_role, _named_before, _named_after, _by_date)
