"""The reader's corrections and notes, as records that survive every re-analysis.

Each annotation on a passage is anchored by a :class:`Quote` (the W3C Web Annotation
TextQuoteSelector: the exact words and about 32 characters either side, plus a
TextPositionSelector-style hint), never by offsets alone: see :mod:`.anchoring`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

#: Corrections of one mention or one date (they change an article's analysis).
MENTION_KINDS = ("actor-is", "not-actor", "not-side", "mark-actor", "date-is", "mark-date")
#: Corrections of the episodes (they change the episode set after grouping).
EPISODE_KINDS = (
    "episode-rename",
    "episode-date",
    "episode-remove-event",
    "episode-move-event",
    "episode-merge",
    "episode-split",
    "episode-add-event",
)
NOTE = "note"
KINDS = (*MENTION_KINDS, *EPISODE_KINDS, NOTE)

Kind = Literal[
    "actor-is",
    "not-actor",
    "not-side",
    "mark-actor",
    "date-is",
    "mark-date",
    "episode-rename",
    "episode-date",
    "episode-remove-event",
    "episode-move-event",
    "episode-merge",
    "episode-split",
    "episode-add-event",
    "note",
]

#: How many characters of context a quote keeps on each side.
CONTEXT = 32


@dataclass(frozen=True, slots=True)
class Quote:
    """Where an annotation sits: ``exact`` with its ``prefix`` and ``suffix``, and ``start`` as a hint."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int = -1  # TextPositionSelector hint; -1 when unknown


@dataclass(frozen=True, slots=True)
class Annotation:
    """A correction (``kind`` other than ``note``) or a note (Markdown ``body``).

    ``article`` and ``quote`` place it in an article's text; ``episode`` names an episode
    (episode edits, notes on an episode), ``other`` the second episode of a move or a merge,
    ``cell`` a comparison cell. The value fields say what the reader says instead:
    ``actor`` (with ``name``, ``actor_kind``, ``side`` for an actor the library may not know),
    ``value`` (a TIMEX3 value) and ``date_type``, ``title`` (a renamed episode); an event the
    reader made from a sentence has ``event_type`` and ``actors`` (actor keys, the first the source);
    ``other_article`` and ``other_quote`` quote a sentence of the ``other`` episode (to find it
    again when a re-analysis changed its id).
    """

    id: str
    kind: Kind
    article: str = ""
    quote: Quote | None = None
    episode: str = ""
    other: str = ""
    cell: str = ""
    actor: str = ""
    name: str = ""
    actor_kind: str = ""
    side: str = ""
    value: str = ""
    date_type: str = ""
    title: str = ""
    body: str = ""
    created: str = ""
    event_type: str = ""
    actors: tuple[str, ...] = ()
    other_article: str = ""  # with other_quote: a sentence of the ``other`` episode, to find it by
    other_quote: Quote | None = None

    @property
    def is_note(self) -> bool:
        return self.kind == NOTE

    @property
    def is_episode_edit(self) -> bool:
        return self.kind in EPISODE_KINDS

    def content_key(self) -> str:
        """What the annotation says, without its id and time: two with the same key are one."""
        data = asdict(self)
        data.pop("id")
        data.pop("created")
        data = {k: v for k, v in data.items() if v not in ("", (), None)}
        for name in ("quote", "other_quote"):
            if data.get(name):
                data[name].pop("start")
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class StoreFile:
    """The annotations file of one library (``annotations.json`` in the data folder)."""

    schema: int
    annotations: list[Annotation] = field(default_factory=list)


SCHEMA_VERSION = 1
