"""Who carried the message: the kind of messenger of an episode (president, minister…)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop.core.episodes.grouping import Episode
from desktop.core.files.lexicons import DataFileError, load_lexicon


@dataclass(frozen=True, slots=True)
class MessengerKind:
    id: str
    label: str
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Messenger:
    key: str
    name: str
    role: str  # the role in words on the episode's date ("Foreign Minister of Belarus")
    kind: str


@cache
def messenger_kinds() -> tuple[str, tuple[MessengerKind, ...]]:
    """The side followed and its kinds of messenger, from ``messengers.yaml``."""
    data = load_lexicon("messengers")
    side = data.get("side")
    kinds = data.get("kinds")
    if not isinstance(side, str) or not isinstance(kinds, list) or not kinds:
        raise DataFileError("messengers.yaml: needs 'side' and a list of 'kinds'")
    out = []
    for index, kind in enumerate(kinds):
        if not isinstance(kind, dict) or not kind.get("id") or not kind.get("label"):
            raise DataFileError(f"messengers.yaml: kind #{index + 1} needs an 'id' and a 'label'")
        roles = kind.get("roles") or []
        if not isinstance(roles, list):
            raise DataFileError(f"messengers.yaml: kind '{kind['id']}': roles must be a list")
        out.append(MessengerKind(str(kind["id"]), str(kind["label"]), tuple(str(r) for r in roles)))
    return side, tuple(out)


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
