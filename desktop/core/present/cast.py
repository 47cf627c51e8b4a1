"""Who an episode slide shows: the messenger of the followed side and the counterparts it met.

Each person or party becomes a :class:`~desktop.core.present.slides.Chip` in its side's colour.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.episodes.grouping import Episode
from desktop.core.present.material import Material
from desktop.core.present.slides import Chip, Quote

MAX_CHIPS = 3
#: Participants in this order: people first, blocs last.
_KIND_ORDER = {"person": 0, "organisation": 1, "state": 2, "bloc": 3}


def messenger_chips(material: Material, episodes: Sequence[Episode]) -> tuple[Chip, ...]:
    from desktop.core.episodes.messengers import messengers

    short = {p.key: p.short for e in episodes for p in e.participants}
    chips: dict[str, Chip] = {}
    for episode in episodes:
        for m in messengers(episode, material.gazetteer):
            info = material.side(material.followed)
            chips.setdefault(m.key, Chip(short.get(m.key) or m.name, m.role, material.followed, info.code))
    return tuple(chips.values())[:MAX_CHIPS]


def counterpart_chips(material: Material, episodes: Sequence[Episode], quotes: Sequence[Quote]) -> tuple[Chip, ...]:
    """Parties of the other camp: participants (people first), else those the quotes name."""
    chips = _participant_chips(material, episodes) or _named_chips(material, quotes)
    return tuple(chips[:MAX_CHIPS])


def _counterparts(material: Material, episodes: Sequence[Episode]) -> list:
    """The episodes' linked participants of the other camp, each once, people first."""
    found = {}
    for episode in episodes:
        for p in episode.participants:
            if p.side in material.counterpart_sides and not p.key.startswith("unlinked:"):
                found.setdefault(p.key, p)
    people = sorted(found.values(), key=lambda p: _KIND_ORDER.get(p.kind, 4))
    sides_with_agents = {p.side for p in people if p.kind in ("person", "organisation")}
    # "United States" beside the US envoy says nothing more
    return [p for p in people if not (p.kind in ("state", "bloc") and p.side in sides_with_agents)]


def _participant_chips(material: Material, episodes: Sequence[Episode]) -> list[Chip]:
    chips = []
    for p in _counterparts(material, episodes):
        actor = material.gazetteer.actor(p.key) if material.gazetteer is not None else None
        tenure = actor.tenure_at(episodes[0].first) if actor is not None and p.kind == "person" else None
        name = p.short if p.kind == "person" and p.short else p.name
        chips.append(Chip(name, tenure.title if tenure else "", p.side, material.side(p.side).code))
    return chips


def _named_chips(material: Material, quotes: Sequence[Quote]) -> list[Chip]:
    """The other camp's actors and demonyms the quotes name, each once."""
    chips: list[Chip] = []
    for quote in quotes:
        for span in quote.spans:
            if span.kind not in ("actor", "demonym") or span.side not in material.counterpart_sides:
                continue
            info = material.side(span.side)
            words = quote.text[span.start : span.end]
            name = span.label if span.kind == "actor" else material.side_words.get(span.side, info.label)
            detail = "" if span.kind == "actor" else f"named as “{words}”"
            if all(c.name != name for c in chips):
                chips.append(Chip(name, detail, span.side, info.code))
    return chips


__all__ = ["MAX_CHIPS", "counterpart_chips", "messenger_chips"]
