"""Who carried the message: the kind of messenger of an episode (president, minister…)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from desktop.core.episodes.grouping import Episode
from desktop.core.files import schema
from desktop.core.files.lexicons import load_lexicon


@dataclass(frozen=True, slots=True)
class MessengerKind:
    id: str = field(metadata={"check": schema.text_check(r"(?s).*\S.*", "expected an id")})
    label: str = field(metadata={"check": schema.text_check(r"(?s).*\S.*", "expected a label")})
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Messenger:
    key: str
    name: str
    role: str  # the role in words on the episode's date ("Foreign Minister of Belarus")
    kind: str


@dataclass(frozen=True)
class _MessengersFile:
    """The shape of ``corpus/lexicons/messengers.yaml``."""

    side: str = field(metadata={"check": schema.text_check(r"(?s).*\S.*", "expected a side id")})
    kinds: list[MessengerKind] = field(metadata={"check": lambda kinds: kinds or _none()})


def _none():
    raise ValueError("expected at least one kind")


@cache
def messenger_kinds() -> tuple[str, tuple[MessengerKind, ...]]:
    """The side followed and its kinds of messenger, from ``messengers.yaml``."""
    data = schema.load(_MessengersFile, load_lexicon("messengers"), "messengers.yaml")
    return data.side, tuple(data.kinds)


def _kind_of(role_id: str, kinds: tuple[MessengerKind, ...]) -> str:
    """The kind whose roles include ``role_id``, else the catch-all kind (roles ``*``), else none."""
    kind = next((k.id for k in kinds if role_id and role_id in k.roles), "")
    return kind or next((k.id for k in kinds if "*" in k.roles), "")


def _tenure(p, episode: Episode, gazetteer):
    actor = gazetteer.actor(p.key) if gazetteer is not None else None
    return actor.tenure_at(episode.first) if actor is not None else None


def messengers(episode: Episode, gazetteer) -> list[Messenger]:
    """The people of the followed side in an episode, sources first, with their roles then."""
    side, kinds = messenger_kinds()
    out = []
    ordered = episode.sources + [p for p in episode.participants if p not in episode.sources]
    seen = set()
    for p in ordered:
        if p.kind != "person" or p.side != side or p.key in seen:
            continue
        seen.add(p.key)
        tenure = _tenure(p, episode, gazetteer)
        kind = _kind_of(tenure.role if tenure else "", kinds)
        out.append(Messenger(p.key, p.name, tenure.title if tenure else "", kind))
    return out


def messenger_kind(episode: Episode, gazetteer) -> str:
    """The row of an episode: the first kind (in file order) any of its messengers has."""
    _side, kinds = messenger_kinds()
    found = {m.kind for m in messengers(episode, gazetteer)}
    for kind in kinds:
        if kind.id in found:
            return kind.id
    return next((k.id for k in kinds if not k.roles), kinds[-1].id)
