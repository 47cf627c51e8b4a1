"""The one place the library reads the gazetteer: every actor's id, side and spellings (name,
aliases, surnames), so a search for any spelling finds the actor. Only the gazetteer's public
entry points are used (``load_gazetteer`` and the actor records' fields)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.annotate.gazetteer import load_gazetteer


@dataclass(frozen=True)
class ActorNames:
    id: str
    name: str
    side: str
    spellings: tuple[str, ...]


def _fold(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def actor_names() -> dict[str, ActorNames]:
    from desktop.core.files import paths

    user = paths.user_actors_file()
    gazetteer = load_gazetteer(None, user if user.exists() else None)
    found = {}
    for actor in gazetteer.actors.values():
        spellings = tuple(dict.fromkeys(s for s in (*actor.names(), *actor.surnames) if s))
        found[actor.id] = ActorNames(actor.id, actor.name, actor.side, spellings)
    return found


def resolve_actor(query: str, actors: dict[str, ActorNames]) -> ActorNames | None:
    """The actor the query names (an id or any spelling, case-insensitive), if exactly one does."""
    folded = _fold(query.strip('"'))
    if folded in actors:
        return actors[folded]
    hits = [a for a in actors.values() if any(_fold(s) == folded for s in a.spellings)]
    return hits[0] if len(hits) == 1 else None
