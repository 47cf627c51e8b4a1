"""Relatives and office neighbours: "His wife", "her husband", "his predecessor", through the
relations and tenures of the actor list."""

from __future__ import annotations

import re
from collections.abc import Sequence

from desktop.core.annotate.records import ActorMention
from desktop.core.annotate.reference_context import _Found, _inside, _named_after, _named_before, _possessor_after, _Who
from desktop.core.annotate.reference_words import Kinship, _alternation


class KinResolver:
    """ "His wife", "her husband", "his predecessor": through the relations and tenures of the list."""

    def __init__(self, gazetteer, words: Kinship) -> None:
        self.gazetteer = gazetteer
        self._kind = {" ".join(n.lower().split()): kind for kind, nouns in words.nouns.items() for n in nouns}
        mods = _alternation(words.modifiers)
        mod_part = rf"(?:(?:{mods})\s+)*" if mods else ""
        self.pattern = re.compile(
            rf"(?<![\w-])(?:{_alternation(words.determiners)})\s+{mod_part}(?P<noun>{_alternation(self._kind)})(?![\w-])",
            re.IGNORECASE,
        )
        self._related = _relation_index(gazetteer)

    def find(self, text: str, taken: Sequence[tuple[int, int]], mentions: Sequence[ActorMention]) -> list[_Found]:
        found = []
        for m in self.pattern.finditer(text):
            if _inside(m.start(), m.end(), taken):
                continue
            kind = self._kind[" ".join(m.group("noun").lower().split())]
            named = _named_after(text, m.end(), mentions) or _named_before(text, m.start(), m.end(), mentions)
            of = _possessor_after(text, m.end(), mentions)  # "the husband of [exiled leader] X"
            found.append(_Found(m.start(), m.end(), None, kin=kind, named=named, of=of))
        return found

    def relative(self, kind: str, persons: Sequence[ActorMention], anchor) -> _Who | None:
        """The relative of that kind (exactly one) of the last person named before ("his" is theirs)."""
        for mention in reversed(persons[-1:]):
            actor = self.gazetteer.actor(mention.actor) if mention.actor else None
            if actor is None:
                continue
            if kind in _OFFICE_KIN:
                found = self._office_neighbour(actor, kind, anchor)
            else:
                found = self._related.get((actor.id, kind), set())
            if len(found) == 1:
                other = self.gazetteer.actor(next(iter(found)))
                how = f"the {kind} of {actor.name}"
                return _Who(other.id, other.name, other.side, other.role_at(anchor), how)
        return None

    def _office_neighbour(self, actor, kind: str, anchor) -> set[str]:
        """Who held the person's office (at the date) just before or just after them."""
        tenure = actor.tenure_at(anchor) if anchor else actor.tenure_at(None)
        if tenure is None:
            return set()
        ordered = sorted(self.gazetteer.holders(tenure.role), key=lambda pair: pair[1].start)
        index = next((i for i, (a, t) in enumerate(ordered) if a.id == actor.id and t == tenure), None)
        if index is None:
            return set()
        step = -1 if kind == "predecessor" else 1
        other = index + step
        return {ordered[other][0].id} if 0 <= other < len(ordered) else set()


_OFFICE_KIN = ("predecessor", "successor")


_INVERSE = {"spouse": "spouse", "sibling": "sibling", "partner": "partner", "child": "parent", "parent": "child"}


def _relation_index(gazetteer) -> dict[tuple[str, str], set[str]]:
    """(actor id, kind) -> the ids related so, both ways ("A's child B" is also "B's parent A")."""
    index: dict[tuple[str, str], set[str]] = {}
    for actor in gazetteer.actors.values():
        for kind, target in actor.relations:
            index.setdefault((actor.id, kind), set()).add(target)
            index.setdefault((target, _INVERSE[kind]), set()).add(actor.id)
    return index
